//! Turns untrusted article HTML into a tree of allowed nodes.
//!
//! The input is tokenised by [`super::tokenizer`] (entities, broken markup and raw-text
//! elements read the way a browser reads them) and rebuilt here into [`Node`]s. Allowed elements keep only allow-listed, checked attributes; harmless unknown
//! elements (`div`, `span`, `font`, …) are unwrapped and keep their text; dangerous ones
//! (`script`, `style`, `iframe`, `svg`, `math`, `template`, form controls, …) are dropped with
//! everything inside them.

use super::tokenizer::{Token, Tokenizer};
use super::tree::{Attrs, Element, Node, Tag};
use crate::url_policy::{allow, is_external, UrlUse};

/// Deepest nesting of allowed elements kept; deeper elements are unwrapped (their text stays).
pub const MAX_DEPTH: usize = 48;

/// Elements dropped together with all of their content. (Void elements such as `embed`,
/// `input` or `meta` have no content: they are simply not allowed, so they are ignored.)
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "template",
    "iframe",
    "frameset",
    "noscript",
    "noembed",
    "noframes",
    "svg",
    "math",
    "object",
    "applet",
    "textarea",
    "select",
    "option",
    "button",
    "title",
    "head",
    "xmp",
    "plaintext",
    "canvas",
    "audio",
    "video",
    "map",
    "dialog",
    "portal",
    "fencedframe",
    "datalist",
    "meter",
    "progress",
];

/// Unknown elements that separate blocks of text: unwrapped, but their boundaries still
/// separate paragraphs.
const BLOCK_TRANSPARENT: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside", "center", "address",
    "details", "summary", "pre", "dl", "dt", "dd", "nav", "form", "fieldset", "legend", "body",
    "html", "picture",
];

/// Sanitises `html`, resolving relative link and image addresses against `base`.
pub fn sanitize(html: &str, base: Option<&str>) -> Vec<Node> {
    let mut builder = Builder::new(base);
    let mut tokenizer = Tokenizer::new(html);
    while let Some(token) = tokenizer.next() {
        builder.token(token);
        tokenizer.foreign = builder.in_foreign_content();
    }
    builder.finish()
}

/// Root-level items before inline runs are grouped into paragraphs.
enum RootItem {
    Node(Node),
    Boundary,
}

struct Builder<'a> {
    base: Option<&'a str>,
    root: Vec<RootItem>,
    stack: Vec<Element>,
    /// The dropped element being skipped, and how many of it are open.
    skipping: Option<(String, usize)>,
    /// Depth of allowed elements unwrapped because they were nested too deep.
    too_deep: usize,
    /// A block boundary was seen inside an element: the next inline content starts a new line.
    pending_break: bool,
}

impl<'a> Builder<'a> {
    fn new(base: Option<&'a str>) -> Self {
        Builder {
            base,
            root: Vec::new(),
            stack: Vec::new(),
            skipping: None,
            too_deep: 0,
            pending_break: false,
        }
    }

    fn in_foreign_content(&self) -> bool {
        matches!(&self.skipping, Some((name, _)) if name == "svg" || name == "math")
    }

    fn token(&mut self, token: Token) {
        if let Some((name, open)) = &mut self.skipping {
            match &token {
                Token::Start {
                    name: n,
                    self_closing: false,
                    ..
                } if n == name => *open += 1,
                Token::End { name: n } if n == name => {
                    *open -= 1;
                    if *open == 0 {
                        self.skipping = None;
                    }
                }
                _ => {}
            }
            return;
        }
        match token {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(&name, &attrs, self_closing),
            Token::End { name } => self.end(&name),
            Token::Text(text) => self.text(&text),
        }
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        if DROP_WITH_CONTENT.contains(&name) {
            if !self_closing {
                self.skipping = Some((name.to_string(), 1));
            }
            return;
        }
        if BLOCK_TRANSPARENT.contains(&name) {
            self.boundary();
            return;
        }
        let Some(tag) = map_tag(name) else { return };
        if tag.closes_paragraph() {
            self.close_open(
                Tag::P,
                &[Tag::Blockquote, Tag::Li, Tag::Td, Tag::Th, Tag::Figure],
            );
        }
        match tag {
            Tag::Li => self.close_open(Tag::Li, &[Tag::Ul, Tag::Ol]),
            Tag::Td | Tag::Th => {
                self.close_open(Tag::Td, &[Tag::Tr, Tag::Table]);
                self.close_open(Tag::Th, &[Tag::Tr, Tag::Table]);
            }
            Tag::Tr => self.close_open(Tag::Tr, &[Tag::Table]),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                for t in [Tag::Thead, Tag::Tbody, Tag::Tfoot] {
                    self.close_open(t, &[Tag::Table]);
                }
            }
            Tag::Figcaption => self.close_open(Tag::Figcaption, &[Tag::Figure]),
            _ => {}
        }
        if self.stack.len() >= MAX_DEPTH {
            if !tag.is_void() && !self_closing {
                self.too_deep += 1;
            }
            return;
        }
        let Some(attrs) = self.attrs(tag, attrs) else {
            return;
        };
        let element = Element {
            tag,
            attrs,
            children: Vec::new(),
        };
        if tag.is_void() {
            self.push_node(Node::Element(Box::new(element)));
        } else {
            self.pending_break = false;
            self.stack.push(element);
        }
    }

    fn end(&mut self, name: &str) {
        if BLOCK_TRANSPARENT.contains(&name) {
            self.boundary();
            return;
        }
        let Some(tag) = map_tag(name) else { return };
        if tag.is_void() {
            // `</br>` is read as `<br>` by browsers; `</img>` and `</hr>` are ignored.
            if tag == Tag::Br {
                self.start("br", &[], true);
            }
            return;
        }
        if self.too_deep > 0 {
            self.too_deep -= 1;
            return;
        }
        if let Some(pos) = self.stack.iter().rposition(|e| e.tag == tag) {
            while self.stack.len() > pos {
                self.pop();
            }
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.stack.is_empty() && text.trim().is_empty() {
            // Whitespace between root blocks carries nothing.
            if let Some(RootItem::Node(Node::Text(prev))) = self.root.last_mut() {
                prev.push_str(text);
            }
            return;
        }
        if self.pending_break && !text.trim().is_empty() {
            self.pending_break = false;
            if self.current_has_inline_content() {
                self.push_node(Node::Element(Box::new(Element {
                    tag: Tag::Br,
                    attrs: Attrs::default(),
                    children: Vec::new(),
                })));
            }
        }
        let siblings: Option<&mut Vec<Node>> = match self.stack.last_mut() {
            Some(parent) => Some(&mut parent.children),
            None => None,
        };
        if let Some(siblings) = siblings {
            if let Some(Node::Text(prev)) = siblings.last_mut() {
                prev.push_str(text);
                return;
            }
            siblings.push(Node::Text(text.to_string()));
        } else {
            if let Some(RootItem::Node(Node::Text(prev))) = self.root.last_mut() {
                prev.push_str(text);
                return;
            }
            self.root.push(RootItem::Node(Node::Text(text.to_string())));
        }
    }

    fn current_has_inline_content(&self) -> bool {
        self.stack
            .last()
            .and_then(|e| e.children.last())
            .is_some_and(|n| match n {
                Node::Text(t) => !t.trim().is_empty(),
                Node::Element(e) => !e.tag.closes_paragraph() && e.tag != Tag::Br,
            })
    }

    fn boundary(&mut self) {
        if self.stack.is_empty() {
            self.root.push(RootItem::Boundary);
        } else {
            self.pending_break = true;
        }
    }

    /// Closes the innermost open `tag` unless one of `scope` is open inside it.
    fn close_open(&mut self, tag: Tag, scope: &[Tag]) {
        for (i, e) in self.stack.iter().enumerate().rev() {
            if e.tag == tag {
                while self.stack.len() > i {
                    self.pop();
                }
                return;
            }
            if scope.contains(&e.tag) {
                return;
            }
        }
    }

    fn pop(&mut self) {
        if let Some(element) = self.stack.pop() {
            self.push_node(Node::Element(Box::new(element)));
        }
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.root.push(RootItem::Node(node)),
        }
    }

    fn attrs(&self, tag: Tag, input: &[(String, String)]) -> Option<Attrs> {
        let raw = |k: &str| input.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let get = |k: &str| raw(k).map(str::trim).filter(|v| !v.is_empty());
        let mut attrs = Attrs {
            title: get("title").map(str::to_string),
            lang: get("lang").filter(|v| is_lang_tag(v)).map(str::to_string),
            dir: get("dir").and_then(|v| match v.to_ascii_lowercase().as_str() {
                "ltr" => Some("ltr"),
                "rtl" => Some("rtl"),
                "auto" => Some("auto"),
                _ => None,
            }),
            ..Attrs::default()
        };
        match tag {
            Tag::A => {
                if let Some(href) = get("href").and_then(|h| allow(h, self.base, UrlUse::Link).ok())
                {
                    if is_external(&href, self.base) {
                        attrs.rel = Some("noopener noreferrer");
                    }
                    attrs.href = Some(href);
                }
            }
            Tag::Img => {
                // An image whose address is refused is dropped entirely.
                let src = allow(get("src")?, self.base, UrlUse::Resource).ok()?;
                attrs.src = Some(src);
                attrs.alt = Some(raw("alt").map(|a| a.trim().to_string()).unwrap_or_default());
                attrs.width = get("width")
                    .filter(|v| is_small_number(v))
                    .map(str::to_string);
                attrs.height = get("height")
                    .filter(|v| is_small_number(v))
                    .map(str::to_string);
            }
            Tag::Blockquote => {
                attrs.cite = get("cite").and_then(|c| allow(c, self.base, UrlUse::Resource).ok());
            }
            Tag::Td | Tag::Th => {
                attrs.colspan = get("colspan")
                    .filter(|v| is_small_number(v))
                    .map(str::to_string);
                attrs.rowspan = get("rowspan")
                    .filter(|v| is_small_number(v))
                    .map(str::to_string);
                if tag == Tag::Th {
                    attrs.scope =
                        get("scope").and_then(|v| match v.to_ascii_lowercase().as_str() {
                            "row" => Some("row"),
                            "col" => Some("col"),
                            "rowgroup" => Some("rowgroup"),
                            "colgroup" => Some("colgroup"),
                            _ => None,
                        });
                }
            }
            Tag::Ol => {
                attrs.start = get("start")
                    .and_then(|v| v.parse::<i32>().ok())
                    .map(|n| n.to_string());
            }
            _ => {}
        }
        Some(attrs)
    }

    fn finish(mut self) -> Vec<Node> {
        while !self.stack.is_empty() {
            self.pop();
        }
        group_root(self.root)
    }
}

/// Wraps runs of root-level inline content into paragraphs, so every root node is a block.
fn group_root(items: Vec<RootItem>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut run: Vec<Node> = Vec::new();
    let flush = |run: &mut Vec<Node>, out: &mut Vec<Node>| {
        let has_content = run.iter().any(|n| match n {
            Node::Text(t) => !t.trim().is_empty(),
            Node::Element(e) => e.tag != Tag::Br,
        });
        if has_content {
            out.push(Node::Element(Box::new(Element {
                tag: Tag::P,
                attrs: Attrs::default(),
                children: std::mem::take(run),
            })));
        } else {
            run.clear();
        }
    };
    for item in items {
        match item {
            RootItem::Boundary => flush(&mut run, &mut out),
            RootItem::Node(node) => {
                let is_block = matches!(&node, Node::Element(e) if e.tag.closes_paragraph() || e.tag == Tag::Li);
                if is_block {
                    flush(&mut run, &mut out);
                    out.push(node);
                } else {
                    run.push(node);
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Maps an input tag name to the allowed tag that stands for it (`h1` → `h2`, `h5` → `h4`).
fn map_tag(name: &str) -> Option<Tag> {
    match name {
        "h1" => Some(Tag::H2),
        "h5" | "h6" => Some(Tag::H4),
        other => Tag::from_name(other),
    }
}

fn is_small_number(v: &str) -> bool {
    !v.is_empty() && v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit())
}

fn is_lang_tag(v: &str) -> bool {
    !v.is_empty() && v.len() <= 35 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Option<&str> = Some("https://portal.example/tin/bai.html");

    fn el(node: &Node) -> &Element {
        match node {
            Node::Element(e) => e,
            Node::Text(t) => panic!("expected an element, got text {t:?}"),
        }
    }

    fn all_tags(nodes: &[Node], out: &mut Vec<Tag>) {
        for n in nodes {
            if let Node::Element(e) = n {
                out.push(e.tag);
                all_tags(&e.children, out);
            }
        }
    }

    fn text(nodes: &[Node]) -> String {
        nodes.iter().map(Node::text_content).collect()
    }

    #[test]
    fn keeps_paragraphs_and_inline_formatting() {
        let nodes = sanitize("<p>Chiều <strong>ngày</strong> 15/4</p><p>Hai</p>", BASE);
        assert_eq!(nodes.len(), 2);
        assert_eq!(el(&nodes[0]).tag, Tag::P);
        assert_eq!(el(&el(&nodes[0]).children[1]).tag, Tag::Strong);
        assert_eq!(text(&nodes), "Chiều ngày 15/4Hai");
    }

    #[test]
    fn drops_scripts_styles_and_their_content() {
        let nodes = sanitize(
            "<p>a<script>alert('</p>x')</script>b</p><style>p{color:red}</style><p>c</p>",
            BASE,
        );
        assert_eq!(text(&nodes), "abc");
    }

    #[test]
    fn drops_svg_math_iframe_with_nested_content() {
        let nodes = sanitize(
            "<svg><svg><script>x</script></svg><text>no</text></svg><math><mi>no</mi></math>\
             <iframe srcdoc='<script>x</script>'>no</iframe><p>yes</p>",
            BASE,
        );
        assert_eq!(text(&nodes), "yes");
    }

    #[test]
    fn drops_event_handlers_style_and_unknown_attributes() {
        let nodes = sanitize(
            r#"<p onclick="x()" style="color:red" id="a" class="b">t</p><img src="a.jpg" onerror="x()">"#,
            BASE,
        );
        assert_eq!(el(&nodes[0]).attrs, Attrs::default());
        let img = el(&el(&nodes[1]).children[0]);
        assert_eq!(
            img.attrs.src.as_deref(),
            Some("https://portal.example/tin/a.jpg")
        );
        assert_eq!(img.attrs.alt.as_deref(), Some(""));
    }

    #[test]
    fn refuses_javascript_links_and_data_images() {
        let nodes = sanitize(
            r#"<a href="javascript:alert(1)">x</a><a href="jav&#x09;ascript:alert(1)">y</a><img src="data:image/png;base64,AA">"#,
            BASE,
        );
        let p = el(&nodes[0]);
        let links: Vec<&Element> = p.children.iter().map(el).collect();
        assert_eq!(links.len(), 2, "the image with a data: URL is dropped");
        assert!(links
            .iter()
            .all(|a| a.tag == Tag::A && a.attrs.href.is_none()));
    }

    #[test]
    fn marks_external_links_and_resolves_relative_ones() {
        let nodes = sanitize(
            r#"<p><a href="/khac.html">in</a> <a href="https://other.example/">out</a></p>"#,
            BASE,
        );
        let p = el(&nodes[0]);
        let inner = el(&p.children[0]);
        assert_eq!(
            inner.attrs.href.as_deref(),
            Some("https://portal.example/khac.html")
        );
        assert_eq!(inner.attrs.rel, None);
        let outer = el(&p.children[2]);
        assert_eq!(outer.attrs.rel, Some("noopener noreferrer"));
    }

    #[test]
    fn unwraps_harmless_unknown_elements_and_splits_divs_into_paragraphs() {
        let nodes = sanitize(
            "<div>một</div><div><span>hai</span> <font>ba</font></div>",
            BASE,
        );
        assert_eq!(nodes.len(), 2);
        assert_eq!(text(&nodes[..1]), "một");
        assert_eq!(text(&nodes[1..]), "hai ba");
    }

    #[test]
    fn decodes_entities_once_and_keeps_markup_text_as_text() {
        let nodes = sanitize(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#7843;</p>",
            BASE,
        );
        assert_eq!(text(&nodes), "<script>alert(1)</script> &amp; ả");
    }

    #[test]
    fn maps_h1_to_h2_and_closes_paragraphs_before_blocks() {
        let nodes = sanitize("<p>a<h1>T</h1><ul><li>1<li>2</ul>", BASE);
        let mut tags = Vec::new();
        all_tags(&nodes, &mut tags);
        assert_eq!(tags, vec![Tag::P, Tag::H2, Tag::Ul, Tag::Li, Tag::Li]);
    }

    #[test]
    fn keeps_tables_with_checked_spans() {
        let nodes = sanitize(
            r#"<table><tr><th scope=col colspan="2">h<td rowspan="x">d</table>"#,
            BASE,
        );
        let mut tags = Vec::new();
        all_tags(&nodes, &mut tags);
        assert_eq!(tags, vec![Tag::Table, Tag::Tr, Tag::Th, Tag::Td]);
        let tr = el(&el(&nodes[0]).children[0]);
        let th = el(&tr.children[0]);
        assert_eq!(th.attrs.scope, Some("col"));
        assert_eq!(th.attrs.colspan.as_deref(), Some("2"));
        assert_eq!(el(&tr.children[1]).attrs.rowspan, None);
    }

    #[test]
    fn limits_nesting_depth_but_keeps_text() {
        let html = format!("{}deep{}", "<b>".repeat(10_000), "</b>".repeat(10_000));
        let nodes = sanitize(&html, BASE);
        fn depth(n: &Node) -> usize {
            match n {
                Node::Text(_) => 0,
                Node::Element(e) => 1 + e.children.iter().map(depth).max().unwrap_or(0),
            }
        }
        assert!(nodes.iter().map(depth).max().unwrap_or(0) <= MAX_DEPTH + 1);
        assert_eq!(text(&nodes), "deep");
    }

    #[test]
    fn void_elements_that_are_not_allowed_do_not_swallow_what_follows() {
        let nodes = sanitize(
            r#"<embed src="javascript:x"><input autofocus><p>after</p>"#,
            BASE,
        );
        assert_eq!(text(&nodes), "after");
    }

    #[test]
    fn survives_garbage() {
        for html in [
            "<",
            "</",
            "<p",
            "<a href='",
            "<!--",
            "<![CDATA[",
            "\u{0}",
            "<p></p></p></div>",
        ] {
            let _ = sanitize(html, BASE);
        }
    }
}
