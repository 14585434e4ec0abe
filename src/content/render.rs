//! Renders the sanitised body tree as DOM nodes through web-sys (no HTML strings, no HTML sinks).

use super::tree::{Element, Node, Tag};
use crate::dom::{self, Dom, Scope, MATHML_NS};
use crate::i18n::UiLang;
use std::rc::Rc;
use web_sys::Document;

/// How to render a body: the interface language of its own pieces (video cards, table boxes)
/// and whether off-screen images load lazily (not for print).
#[derive(Clone, Copy, Debug)]
pub struct BodyOptions {
    /// The language the body's own pieces speak.
    pub lang: UiLang,
    /// Defer off-screen images.
    pub lazy_images: bool,
}

/// Appends body nodes to `parent`; the video cards' buttons listen for as long as `scope` lives.
pub fn render_nodes(
    parent: &web_sys::Node,
    nodes: &[Node],
    options: BodyOptions,
    scope: &Scope,
) -> Dom<()> {
    let doc = dom::document()?;
    for n in nodes {
        render_node(&doc, parent, n, options, scope)?;
    }
    Ok(())
}

/// Top-level body blocks per chunk (see [`render_body`]).
pub const CHUNK: usize = 32;

/// Appends the top-level body blocks in chunks of [`CHUNK`], each a `div.av-chunk` that the
/// stylesheet marks `content-visibility: auto`: off-screen chunks are neither styled nor laid out,
/// so restyling a 3,000-paragraph article (a text-size change) costs about what a short one does.
pub fn render_body(
    parent: &web_sys::Node,
    nodes: &[Node],
    options: BodyOptions,
    scope: &Scope,
) -> Dom<()> {
    if nodes.len() <= CHUNK {
        return render_nodes(parent, nodes, options, scope);
    }
    for chunk in nodes.chunks(CHUNK) {
        let div = dom::child(parent, "div", &[("class", "av-chunk")])?;
        render_nodes(&div, chunk, options, scope)?;
    }
    Ok(())
}

fn render_node(
    doc: &Document,
    parent: &web_sys::Node,
    node: &Node,
    options: BodyOptions,
    scope: &Scope,
) -> Dom<()> {
    match node {
        Node::Text(text) => {
            parent.append_child(&doc.create_text_node(text))?;
        }
        Node::Element(e) => match e.tag {
            Tag::Embed => embed_card(
                parent,
                e.attrs.src.as_deref().unwrap_or_default(),
                e.attrs.href.as_deref().unwrap_or_default(),
                e.attrs.title.as_deref(),
                options.lang,
                scope,
            )?,
            Tag::Table => table_box(doc, parent, e, options, scope)?,
            t if t.is_mathml() => {
                let m = doc.create_element_ns(Some(MATHML_NS), t.name())?;
                if t == Tag::Math {
                    if let Some(d) = e.attrs.display {
                        m.set_attribute("display", d)?;
                    }
                }
                for c in &e.children {
                    render_node(doc, &m, c, options, scope)?;
                }
                parent.append_child(&m)?;
            }
            _ => {
                let el = render_element(doc, e, options, scope)?;
                parent.append_child(&el)?;
            }
        },
    }
    Ok(())
}

fn render_element(
    doc: &Document,
    e: &Element,
    options: BodyOptions,
    scope: &Scope,
) -> Dom<web_sys::Element> {
    let a = &e.attrs;
    let is_img = e.tag == Tag::Img;
    let is_media = matches!(e.tag, Tag::Video | Tag::Audio);
    let el = doc.create_element(e.tag.name())?;
    let attrs: [(&str, Option<&str>); 24] = [
        ("href", a.href.as_deref()),
        ("rel", a.rel),
        ("src", a.src.as_deref()),
        ("alt", a.alt.as_deref()),
        ("title", a.title.as_deref()),
        ("width", a.width.as_deref()),
        ("height", a.height.as_deref()),
        ("colspan", a.colspan.as_deref()),
        ("rowspan", a.rowspan.as_deref()),
        ("scope", a.scope),
        ("start", a.start.as_deref()),
        ("lang", a.lang.as_deref()),
        ("dir", a.dir),
        ("cite", a.cite.as_deref()),
        ("poster", a.poster.as_deref()),
        ("type", a.media_type.as_deref()),
        ("kind", a.kind),
        ("srclang", a.srclang.as_deref()),
        ("label", a.label.as_deref()),
        ("default", a.default.then_some("")),
        // Players always have controls, load only their metadata and never start by themselves.
        ("controls", is_media.then_some("")),
        ("preload", is_media.then_some("metadata")),
        ("loading", (is_img && options.lazy_images).then_some("lazy")),
        ("decoding", is_img.then_some("async")),
    ];
    for (k, v) in attrs {
        if let Some(v) = v {
            el.set_attribute(k, v)?;
        }
    }
    for c in &e.children {
        render_node(doc, &el, c, options, scope)?;
    }
    Ok(el)
}

/// A table inside its own keyboard-focusable, labelled box that scrolls sideways when the table
/// is wider than the column, so the page never does.
fn table_box(
    doc: &Document,
    parent: &web_sys::Node,
    e: &Element,
    options: BodyOptions,
    scope: &Scope,
) -> Dom<()> {
    let caption = e.children.iter().find_map(|c| match c {
        Node::Element(el) if el.tag == Tag::Caption => {
            Some(c.text_content().trim().to_string()).filter(|t| !t.is_empty())
        }
        _ => None,
    });
    let label = caption
        .or_else(|| e.attrs.title.clone())
        .unwrap_or_else(|| options.lang.words().table_label.to_string());
    let div = dom::child(
        parent,
        "div",
        &[
            ("class", "av-table-scroll"),
            ("tabindex", "0"),
            ("role", "region"),
            ("aria-label", &label),
        ],
    )?;
    let table = render_element(doc, e, options, scope)?;
    div.append_child(&table)?;
    Ok(())
}

/// The host of an absolute address, for the card's wording.
fn host_of(url: &str) -> &str {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// A third-party video as a card: its title and a link to watch it on its own site; nothing is
/// requested from the third party until the reader presses the button, which swaps in a
/// sandboxed player frame.
pub fn embed_card(
    parent: &web_sys::Node,
    src: &str,
    href: &str,
    title: Option<&str>,
    lang: UiLang,
    scope: &Scope,
) -> Dom<()> {
    let words = lang.words();
    let label = title.unwrap_or(words.embed_video);
    let figure = dom::child(
        parent,
        "figure",
        &[("class", "av-embed"), ("data-testid", "av-embed")],
    )?;
    let player = dom::child(&figure, "div", &[("class", "av-embed__player")])?;
    let button = dom::text_child(
        &player,
        "button",
        &[
            ("class", "av-embed__play"),
            ("type", "button"),
            ("data-testid", "av-embed-play"),
        ],
        &words.embed_load.replace("{host}", host_of(src)),
    )?;
    let frame_attrs = Rc::new([
        ("class", "av-embed__frame".to_string()),
        ("src", src.to_string()),
        ("title", label.to_string()),
        (
            "sandbox",
            "allow-scripts allow-same-origin allow-presentation".to_string(),
        ),
        (
            "referrerpolicy",
            "strict-origin-when-cross-origin".to_string(),
        ),
        (
            "allow",
            "fullscreen; picture-in-picture; encrypted-media".to_string(),
        ),
        ("allowfullscreen", String::new()),
    ]);
    let (player_box, pressed) = (player.clone(), button.clone());
    scope.on_click(&button, move || {
        let attrs: Vec<(&str, &str)> = frame_attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if let Ok(frame) = dom::el("iframe", &attrs) {
            let _ = player_box.replace_child(&frame, &pressed);
        }
    });
    let caption = dom::child(&figure, "figcaption", &[("class", "av-embed__caption")])?;
    dom::text_child(&caption, "span", &[("class", "av-embed__title")], label)?;
    dom::text(&caption, " ")?;
    dom::text_child(
        &caption,
        "a",
        &[
            ("class", "av-embed__link"),
            ("href", href),
            ("rel", "noopener noreferrer"),
        ],
        &words.embed_watch_on.replace("{host}", host_of(href)),
    )?;
    Ok(())
}
