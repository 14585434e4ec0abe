//! Prints the ancestors of the first element whose attribute contains a string (debugging aid):
//! `cargo run -p article-viewer-formats --example debug_path -- FILE NEEDLE`.
use article_viewer_formats::dom::Dom;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let html = std::fs::read_to_string(args.get(1).ok_or("file")?)?;
    let needle = args.get(2).ok_or("needle")?;
    let dom = Dom::parse(&html);
    let hit = (0..dom.nodes.len()).find(|&n| match &dom.nodes[n].kind {
        article_viewer_formats::dom::Kind::Element { attrs, .. } => {
            attrs.iter().any(|(_, v)| v.contains(needle.as_str()))
        }
        _ => false,
    });
    let mut cur = hit;
    while let Some(n) = cur {
        println!(
            "{} class={:?} id={:?} style={:?}",
            dom.name(n),
            dom.attr(n, "class"),
            dom.attr(n, "id"),
            dom.attr(n, "style")
        );
        cur = dom.parent(n);
    }
    Ok(())
}
