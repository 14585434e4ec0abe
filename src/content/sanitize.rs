//! Turns untrusted article HTML into a tree of allowed nodes.
//!
//! The input is tokenised by [`super::tokenizer`] (entities, broken markup and raw-text
//! elements read the way a browser reads them) and rebuilt here into [`Node`]s. Allowed elements
//! keep only allow-listed, checked attributes. Every other element is unwrapped and keeps its
//! text, as DOMPurify does (a removed `<select>`, `<object>`, `<svg>` or `<dialog>` never takes the
//! text inside or after it away), except the few whose content a browser never shows (`script`,
//! `style`, `template`, `noscript`, `iframe`, …), which are dropped with it. SVG and MathML are
//! foreign content, ended by the HTML tags that end them in a browser; MathML keeps a safe
//! presentation subset. `<video>`/`<audio>` keep checked sources and caption tracks; players from
//! allowed embed hosts become click-to-load cards, other iframes plain links.

use super::tokenizer::{Token, Tokenizer};
use super::tree::{Attrs, Element, Node, Tag};
use crate::url_policy::{allow, is_external, UrlUse};

/// Deepest nesting of allowed elements kept; deeper elements are unwrapped (their text stays).
pub const MAX_DEPTH: usize = 48;

/// Elements whose content a browser never shows: dropped together with all of it. (Raw-text
/// elements whose text *is* shown, `xmp`, `textarea` and `plaintext`, keep it.)
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "iframe", "noscript", "noembed", "noframes", "title",
];

/// Elements of SVG and MathML whose content is not shown (inside `<svg>`/`<math>`).
const FOREIGN_INVISIBLE: &[&str] = &[
    "script",
    "style",
    "title",
    "desc",
    "metadata",
    "annotation",
    "annotation-xml",
    "mprescripts",
];

/// Unknown elements that separate blocks of text: unwrapped, but their boundaries still
/// separate paragraphs.
const BLOCK_TRANSPARENT: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "center",
    "address",
    "details",
    "summary",
    "pre",
    "dl",
    "dt",
    "dd",
    "nav",
    "form",
    "fieldset",
    "legend",
    "body",
    "html",
    "picture",
    "select",
    "option",
    "optgroup",
    "datalist",
    "dialog",
    "object",
    "applet",
    "canvas",
    "map",
    "xmp",
    "listing",
    "plaintext",
    "textarea",
    "menu",
    "dir",
    "hgroup",
    "search",
    "frameset",
    "frame",
    "portal",
    "fencedframe",
    "head",
    "svg",
    "math",
];

/// Start tags that end SVG/MathML content in a browser (the HTML "breakout" list).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// What may stay inside `<video>`/`<audio>` as fallback; any other start tag ends the player
/// (so an unclosed `<video>` never hides the rest of the article).
const MEDIA_CONTENT: &[&str] = &[
    "source", "track", "a", "b", "i", "em", "strong", "u", "span", "small", "sub", "sup", "br",
    "font", "code", "abbr",
];

/// Embed hosts whose players become click-to-load cards by default.
pub const DEFAULT_EMBED_HOSTS: &[&str] = &[
    "www.youtube.com",
    "youtube.com",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
];

/// What the sanitiser lets through beyond its fixed allow-list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Hosts (lower-case, exact) whose `<iframe>` players become click-to-load cards; any other
    /// iframe becomes a plain link. Default: [`DEFAULT_EMBED_HOSTS`].
    pub embed_hosts: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            embed_hosts: DEFAULT_EMBED_HOSTS.iter().map(|h| h.to_string()).collect(),
        }
    }
}

/// Sanitises `html` with the default [`Policy`], resolving relative addresses against `base`.
pub fn sanitize(html: &str, base: Option<&str>) -> Vec<Node> {
    sanitize_with(html, base, &Policy::default())
}

/// Sanitises `html` under `policy`, resolving relative link and image addresses against `base`.
pub fn sanitize_with(html: &str, base: Option<&str>, policy: &Policy) -> Vec<Node> {
    let mut builder = Builder::new(base, policy);
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
    policy: &'a Policy,
    /// Open SVG/MathML elements (foreign content), outermost first.
    foreign: Vec<String>,
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
    fn new(base: Option<&'a str>, policy: &'a Policy) -> Self {
        Builder {
            base,
            policy,
            foreign: Vec::new(),
            root: Vec::new(),
            stack: Vec::new(),
            skipping: None,
            too_deep: 0,
            pending_break: false,
        }
    }

    fn in_foreign_content(&self) -> bool {
        !self.foreign.is_empty()
    }

    fn in_math(&self) -> bool {
        self.foreign.first().is_some_and(|f| f == "math")
    }

    /// Ends SVG/MathML content (and the open MathML elements) where a browser would.
    fn leave_foreign(&mut self) {
        self.foreign.clear();
        if let Some(pos) = self.stack.iter().rposition(|e| e.tag == Tag::Math) {
            while self.stack.len() > pos {
                self.pop();
            }
        }
    }

    fn foreign_start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        if FOREIGN_INVISIBLE.contains(&name) {
            if !self_closing {
                self.skipping = Some((name.to_string(), 1));
            }
            return;
        }
        let math_tag = if self.in_math() {
            Tag::from_mathml_name(name)
        } else {
            None
        };
        if !self_closing {
            self.foreign.push(name.to_string());
        }
        if let Some(tag) = math_tag {
            self.open(tag, attrs, self_closing);
        }
    }

    /// Returns whether the end tag was consumed by foreign content.
    fn foreign_end(&mut self, name: &str) -> bool {
        if name == "p" || name == "br" {
            self.leave_foreign();
            return false;
        }
        let Some(pos) = self.foreign.iter().rposition(|f| f == name) else {
            // An end tag for an HTML element ends the foreign content if that element is open.
            let open_html = map_tag(name).is_some_and(|t| self.stack.iter().any(|e| e.tag == t))
                || BLOCK_TRANSPARENT.contains(&name);
            if open_html {
                self.leave_foreign();
                return false;
            }
            return true;
        };
        let was_math = self.in_math();
        self.foreign.truncate(pos);
        if was_math {
            if let Some(tag) = Tag::from_mathml_name(name) {
                if let Some(i) = self.stack.iter().rposition(|e| e.tag == tag) {
                    while self.stack.len() > i {
                        self.pop();
                    }
                }
            }
        }
        if self.foreign.is_empty() {
            self.leave_foreign();
        }
        true
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
        if !self.foreign.is_empty() {
            let font_breakout = name == "font"
                && attrs
                    .iter()
                    .any(|(k, _)| matches!(k.as_str(), "color" | "face" | "size"));
            if BREAKOUT.contains(&name) || font_breakout {
                self.leave_foreign();
            } else {
                self.foreign_start(name, attrs, self_closing);
                return;
            }
        }
        if name == "svg" || name == "math" {
            self.boundary();
            if !self_closing {
                self.foreign.push(name.to_string());
                if name == "math" {
                    self.open(Tag::Math, attrs, false);
                }
            }
            return;
        }
        if self
            .stack
            .last()
            .is_some_and(|e| matches!(e.tag, Tag::Video | Tag::Audio))
            && !MEDIA_CONTENT.contains(&name)
        {
            self.pop();
        }
        if name == "iframe" {
            self.iframe(attrs);
        }
        if DROP_WITH_CONTENT.contains(&name) {
            // The self-closing flag means nothing on these in HTML: their content follows.
            self.skipping = Some((name.to_string(), 1));
            return;
        }
        if BLOCK_TRANSPARENT.contains(&name) {
            self.boundary();
            return;
        }
        let Some(tag) = map_tag(name) else { return };
        if matches!(tag, Tag::Source | Tag::Track)
            && !self
                .stack
                .last()
                .is_some_and(|e| matches!(e.tag, Tag::Video | Tag::Audio))
        {
            return;
        }
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
        self.open(tag, attrs, self_closing);
    }

    /// Opens an allowed element (or adds a void one) with its checked attributes.
    fn open(&mut self, tag: Tag, attrs: &[(String, String)], self_closing: bool) {
        let self_closing = self_closing && tag.is_mathml();
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
        if tag.is_void() || self_closing {
            self.push_node(Node::Element(Box::new(element)));
        } else {
            self.pending_break = false;
            self.stack.push(element);
        }
    }

    /// An `<iframe>`: a player from an allowed host becomes a click-to-load card, any other
    /// http(s) frame a plain link (its content, never shown by browsers, is skipped by the caller).
    fn iframe(&mut self, attrs: &[(String, String)]) {
        let get = |k: &str| {
            attrs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        };
        let Some(src) = get("src").and_then(|s| allow(s, self.base, UrlUse::Resource).ok()) else {
            return;
        };
        if !src.starts_with("https://") && !src.starts_with("http://") {
            return;
        }
        let title = get("title").map(str::to_string);
        if let Some((player, watch)) = embed_player(&src, &self.policy.embed_hosts) {
            self.close_open(
                Tag::P,
                &[Tag::Blockquote, Tag::Li, Tag::Td, Tag::Th, Tag::Figure],
            );
            self.push_node(Node::Element(Box::new(Element {
                tag: Tag::Embed,
                attrs: Attrs {
                    src: Some(player),
                    href: Some(watch),
                    title,
                    ..Attrs::default()
                },
                children: Vec::new(),
            })));
        } else {
            let text = title.clone().unwrap_or_else(|| src.clone());
            let rel = is_external(&src, self.base).then_some("noopener noreferrer");
            self.push_node(Node::Element(Box::new(Element {
                tag: Tag::A,
                attrs: Attrs {
                    href: Some(src),
                    rel,
                    ..Attrs::default()
                },
                children: vec![Node::Text(text)],
            })));
        }
    }

    fn end(&mut self, name: &str) {
        if !self.foreign.is_empty() && self.foreign_end(name) {
            return;
        }
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
            // An empty formula or token shows nothing (`<math><mtext><table>` tricks leave them).
            let empty_math = element.children.is_empty()
                && matches!(
                    element.tag,
                    Tag::Math | Tag::Mi | Tag::Mn | Tag::Mo | Tag::Ms | Tag::Mtext
                );
            if !empty_math {
                self.push_node(Node::Element(Box::new(element)));
            }
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
            Tag::Video | Tag::Audio => {
                attrs.src = get("src").and_then(|v| allow(v, self.base, UrlUse::Resource).ok());
                if tag == Tag::Video {
                    attrs.poster =
                        get("poster").and_then(|v| allow(v, self.base, UrlUse::Resource).ok());
                    attrs.width = get("width")
                        .filter(|v| is_small_number(v))
                        .map(str::to_string);
                    attrs.height = get("height")
                        .filter(|v| is_small_number(v))
                        .map(str::to_string);
                }
            }
            Tag::Source => {
                // A source whose address is refused is dropped entirely.
                attrs.src = Some(allow(get("src")?, self.base, UrlUse::Resource).ok()?);
                attrs.media_type = get("type").filter(|v| is_mime(v)).map(str::to_string);
            }
            Tag::Track => {
                attrs.src = Some(allow(get("src")?, self.base, UrlUse::Resource).ok()?);
                attrs.kind = get("kind").and_then(|v| match v.to_ascii_lowercase().as_str() {
                    "subtitles" => Some("subtitles"),
                    "captions" => Some("captions"),
                    "descriptions" => Some("descriptions"),
                    "chapters" => Some("chapters"),
                    _ => None,
                });
                attrs.srclang = get("srclang")
                    .filter(|v| is_lang_tag(v))
                    .map(str::to_string);
                attrs.label = get("label").map(str::to_string);
                attrs.default = raw("default").is_some();
            }
            Tag::Math => {
                attrs.display =
                    get("display").and_then(|v| match v.to_ascii_lowercase().as_str() {
                        "block" => Some("block"),
                        "inline" => Some("inline"),
                        _ => None,
                    });
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

/// The player address and the page to watch it on, when `src` (absolute) is a player on one of
/// `hosts`. YouTube players are loaded from youtube-nocookie.com; known players lose their query
/// (no autoplay); other allowed hosts keep the address as it is (https only).
pub fn embed_player(src: &str, hosts: &[String]) -> Option<(String, String)> {
    let rest = src
        .strip_prefix("https://")
        .or_else(|| src.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].to_ascii_lowercase();
    if host.contains('@') || !hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
        return None;
    }
    let path = rest[end..].split(['?', '#']).next().unwrap_or("");
    let id_of = |prefix: &str| {
        path.strip_prefix(prefix).filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    };
    let host = host.trim_start_matches("www.");
    match host {
        "youtube.com" | "youtube-nocookie.com" => id_of("/embed/").map(|id| {
            (
                format!("https://www.youtube-nocookie.com/embed/{id}"),
                format!("https://www.youtube.com/watch?v={id}"),
            )
        }),
        "player.vimeo.com" => id_of("/video/").map(|id| {
            (
                format!("https://player.vimeo.com/video/{id}"),
                format!("https://vimeo.com/{id}"),
            )
        }),
        _ => {
            let https = format!("https://{rest}");
            Some((https.clone(), https))
        }
    }
}

fn is_mime(v: &str) -> bool {
    v.len() <= 100
        && v.contains('/')
        && v.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'/' | b'+' | b'.' | b'-' | b';' | b'=' | b' ' | b',' | b'"'
                )
        })
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
    fn keeps_svg_and_math_text_but_not_scripts_or_frame_content() {
        let nodes = sanitize(
            "<svg><svg><script>x</script></svg><text>one</text><title>tip</title></svg><math><mi>two</mi></math>\
             <iframe srcdoc='<script>x</script>'>no</iframe><p>yes</p>",
            BASE,
        );
        assert_eq!(text(&nodes), "onetwoyes");
    }

    #[test]
    fn removed_elements_keep_their_text_and_end_where_a_browser_ends_them() {
        let nodes = sanitize("<div><select><option>x</div><p>rest…</p>", BASE);
        assert_eq!(text(&nodes), "xrest…");
        assert_eq!(el(nodes.last().expect("a block")).tag, Tag::P);
        for html in [
            "<p>a</p><object data=x>fb<p>rest</p>",
            "<p>a</p><svg><g>fb<p>rest</p>",
            "<p>a</p><dialog open>fb<p>rest</p>",
            "<p>a</p><canvas>fb<p>rest</p>",
            "<p>a</p><video src=v.mp4>fb<p>rest</p>",
            "<p>a</p><math><mi>fb<p>rest</p>",
            "<p>a</p><button>fb<p>rest</p>",
            "<p>a</p><textarea>fb</textarea><p>rest</p>",
        ] {
            let nodes = sanitize(html, BASE);
            assert_eq!(text(&nodes), "afbrest", "{html}");
            let last = el(nodes.last().expect("a block"));
            assert_eq!(
                (last.tag, text(&last.children)),
                (Tag::P, "rest".to_string()),
                "{html}"
            );
        }
    }

    #[test]
    fn invisible_content_stays_dropped_even_self_closed() {
        let nodes = sanitize(
            "<script/>alert(1)</script><style/>p{}</style><noscript>ns</noscript><title>t</title>\
             <p>a</p><template><p>never shown</p>",
            BASE,
        );
        assert_eq!(text(&nodes), "a");
    }

    #[test]
    fn mathml_keeps_an_allow_listed_subset_without_links() {
        let nodes = sanitize(
            r#"<p>x = <math display="block" href="javascript:a()"><mfrac><mi xlink:href="javascript:b()" onclick="c()">a</mi><mn>2</mn></mfrac><maction actiontype="toggle"><mi>b</mi></maction><semantics><mi>c</mi><annotation encoding="TeX">\frac{a}{2}</annotation></semantics></math> end</p>"#,
            BASE,
        );
        let mut tags = Vec::new();
        all_tags(&nodes, &mut tags);
        assert_eq!(
            tags,
            vec![
                Tag::P,
                Tag::Math,
                Tag::Mfrac,
                Tag::Mi,
                Tag::Mn,
                Tag::Mi,
                Tag::Semantics,
                Tag::Mi
            ]
        );
        let math = el(&el(&nodes[0]).children[1]);
        assert_eq!(
            math.attrs,
            Attrs {
                display: Some("block"),
                ..Attrs::default()
            }
        );
        assert_eq!(
            el(&el(&math.children[0]).children[0]).attrs,
            Attrs::default()
        );
        assert_eq!(text(&nodes), "x = a2bc end");
    }

    #[test]
    fn the_mathml_table_trick_leaves_no_empty_formula() {
        let nodes = sanitize("<math><mtext><table><tr><td>cell</td></tr></table>", BASE);
        let mut tags = Vec::new();
        all_tags(&nodes, &mut tags);
        assert_eq!(tags, vec![Tag::Table, Tag::Tr, Tag::Td]);
    }

    #[test]
    fn media_keep_checked_sources_and_captions() {
        let nodes = sanitize(
            r#"<video src="javascript:x()" poster="p.jpg" autoplay onplay="x()"><source src="v.webm" type="video/webm"><source src="data:video/mp4,AA"><track kind="captions" src="c.vtt" srclang="vi" label="Tiếng Việt" default>Tải <a href="v.mp4">video</a></video><audio src="/a.mp3" autoplay loop></audio>"#,
            BASE,
        );
        let video = el(&nodes[0]);
        assert_eq!(video.tag, Tag::Video);
        assert_eq!(video.attrs.src, None);
        assert_eq!(
            video.attrs.poster.as_deref(),
            Some("https://portal.example/tin/p.jpg")
        );
        let kids: Vec<Tag> = video
            .children
            .iter()
            .filter_map(|c| match c {
                Node::Element(e) => Some(e.tag),
                Node::Text(_) => None,
            })
            .collect();
        assert_eq!(kids, vec![Tag::Source, Tag::Track, Tag::A]);
        let source = el(&video.children[0]);
        assert_eq!(source.attrs.media_type.as_deref(), Some("video/webm"));
        let track = el(&video.children[1]);
        assert_eq!(
            (
                track.attrs.kind,
                track.attrs.srclang.as_deref(),
                track.attrs.label.as_deref(),
                track.attrs.default
            ),
            (Some("captions"), Some("vi"), Some("Tiếng Việt"), true)
        );
        let audio = el(&nodes[1]);
        assert_eq!(
            (audio.tag, audio.attrs.src.as_deref()),
            (Tag::Audio, Some("https://portal.example/a.mp3"))
        );
        // Sources outside a player (as in <picture>) are ignored.
        let nodes = sanitize(
            r#"<picture><source srcset="a.webp"><img src="a.jpg" alt=""></picture>"#,
            BASE,
        );
        let mut tags = Vec::new();
        all_tags(&nodes, &mut tags);
        assert_eq!(tags, vec![Tag::P, Tag::Img]);
    }

    #[test]
    fn players_from_embed_hosts_become_cards_and_other_frames_links() {
        let nodes = sanitize(
            r#"<p>a</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1" title="Clip">x</iframe><iframe src="//player.vimeo.com/video/76979871"></iframe><iframe src="https://maps.example/embed?q=1" title="Map"></iframe><iframe src="javascript:alert(1)"></iframe><iframe src="https://www.youtube.com/watch?v=x"></iframe>"#,
            BASE,
        );
        let yt = el(&nodes[1]);
        assert_eq!(yt.tag, Tag::Embed);
        assert_eq!(
            yt.attrs.src.as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        );
        assert_eq!(
            yt.attrs.href.as_deref(),
            Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        );
        assert_eq!(yt.attrs.title.as_deref(), Some("Clip"));
        let vimeo = el(&nodes[2]);
        assert_eq!(
            (vimeo.tag, vimeo.attrs.href.as_deref()),
            (Tag::Embed, Some("https://vimeo.com/76979871"))
        );
        let links = el(&nodes[3]);
        assert_eq!(links.tag, Tag::P);
        let map = el(&links.children[0]);
        assert_eq!(
            (map.tag, map.attrs.href.as_deref(), text(&map.children)),
            (
                Tag::A,
                Some("https://maps.example/embed?q=1"),
                "Map".to_string()
            )
        );
        assert_eq!(
            links.children.len(),
            2,
            "the javascript: frame is dropped, the non-player YouTube page is a link"
        );
        let custom = Policy {
            embed_hosts: vec!["video.portal.example".into()],
        };
        let nodes = sanitize_with(
            r#"<iframe src="https://video.portal.example/p/1"></iframe><iframe src="https://www.youtube.com/embed/abc"></iframe>"#,
            BASE,
            &custom,
        );
        assert_eq!(el(&nodes[0]).tag, Tag::Embed);
        assert_eq!(
            el(&el(&nodes[1]).children[0]).tag,
            Tag::A,
            "YouTube is not on this host's list"
        );
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
