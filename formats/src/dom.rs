//! A small read-only document tree (an arena) built from html5ever's spec-compliant parser, so the
//! extraction can walk parents, children and text without reference counting.

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{parse_document, parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Index of a node in a [`Dom`].
pub type Id = usize;

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The document (or fragment) root.
    Root,
    /// An element: lower-case local name and attributes in source order.
    Element {
        /// Local name (`p`, `div`, `svg`, …).
        name: String,
        /// Attributes as `(local name, value)`.
        attrs: Vec<(String, String)>,
    },
    /// Text.
    Text(String),
    /// A comment, doctype or processing instruction (carries nothing the reader sees).
    Other,
}

/// One node of the arena.
#[derive(Clone, Debug)]
pub struct DomNode {
    /// The parent, `None` for the root.
    pub parent: Option<Id>,
    /// Children in document order.
    pub children: Vec<Id>,
    /// What the node is.
    pub kind: Kind,
}

/// A parsed document: node 0 is the root.
#[derive(Clone, Debug)]
pub struct Dom {
    /// All nodes; children always have larger ids than their parents (document order).
    pub nodes: Vec<DomNode>,
}

/// Elements whose text a reader never sees.
pub const INVISIBLE: &[&str] = &[
    "script", "style", "template", "noscript", "head", "title", "meta", "link", "iframe", "object",
    "embed", "svg", "canvas", "select", "option", "textarea", "button", "input",
];

/// Elements whose start separates words in text (`a</p><p>b` reads `a b`).
const BLOCK_BREAKS: &[&str] = &[
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figcaption",
    "section",
    "article",
    "dd",
    "dt",
];

impl Dom {
    /// Parses a whole HTML document the way a browser with scripting disabled would (so the
    /// contents of `<noscript>` are elements, as lazy-image fallbacks need).
    pub fn parse(html: &str) -> Dom {
        let opts = ParseOpts {
            tree_builder: TreeBuilderOpts {
                scripting_enabled: false,
                ..TreeBuilderOpts::default()
            },
            ..ParseOpts::default()
        };
        let rc = parse_document(RcDom::default(), opts).one(html);
        Dom::from_rcdom(&rc.document)
    }

    /// Parses an HTML fragment as the content of a `<div>` (for `title.rendered` and the like).
    pub fn parse_fragment(html: &str) -> Dom {
        let ctx = QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div"));
        let rc =
            parse_fragment(RcDom::default(), ParseOpts::default(), ctx, vec![], false).one(html);
        Dom::from_rcdom(&rc.document)
    }

    fn from_rcdom(root: &Handle) -> Dom {
        let mut nodes = vec![DomNode {
            parent: None,
            children: Vec::new(),
            kind: Kind::Root,
        }];
        // Explicit stack: documents nest deeper than the native stack allows recursion for.
        let mut stack: Vec<(Handle, Id)> = root
            .children
            .borrow()
            .iter()
            .rev()
            .map(|c| (c.clone(), 0))
            .collect();
        while let Some((handle, parent)) = stack.pop() {
            let kind = match &handle.data {
                NodeData::Element { name, attrs, .. } => Kind::Element {
                    name: str::to_ascii_lowercase(&name.local),
                    attrs: attrs
                        .borrow()
                        .iter()
                        .map(|a| (str::to_ascii_lowercase(&a.name.local), a.value.to_string()))
                        .collect(),
                },
                NodeData::Text { contents } => Kind::Text(contents.borrow().to_string()),
                NodeData::Document => Kind::Root,
                _ => Kind::Other,
            };
            let id = nodes.len();
            nodes.push(DomNode {
                parent: Some(parent),
                children: Vec::new(),
                kind,
            });
            if let Some(p) = nodes.get_mut(parent) {
                p.children.push(id);
            }
            for child in handle.children.borrow().iter().rev() {
                stack.push((child.clone(), id));
            }
        }
        Dom { nodes }
    }

    /// The element name of `id`, or `""` for non-elements.
    pub fn name(&self, id: Id) -> &str {
        match &self.nodes[id].kind {
            Kind::Element { name, .. } => name,
            _ => "",
        }
    }

    /// An attribute of element `id`.
    pub fn attr(&self, id: Id, key: &str) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Children of `id`.
    pub fn children(&self, id: Id) -> &[Id] {
        &self.nodes[id].children
    }

    /// Element children of `id`.
    pub fn element_children(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .filter(move |&c| matches!(self.nodes[c].kind, Kind::Element { .. }))
    }

    /// The parent of `id`.
    pub fn parent(&self, id: Id) -> Option<Id> {
        self.nodes[id].parent
    }

    /// `id` and all its descendants in document order (ids of a subtree are contiguous only by
    /// construction order, so this walks).
    pub fn descendants(&self, id: Id) -> Vec<Id> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev().copied());
        }
        out
    }

    /// The element `id` alone as a whole document: `<html><body>` around a copy of its subtree.
    pub fn only(&self, id: Id) -> Dom {
        let element = |name: &str| Kind::Element {
            name: name.to_string(),
            attrs: Vec::new(),
        };
        let mut nodes = vec![
            DomNode {
                parent: None,
                children: vec![1],
                kind: Kind::Root,
            },
            DomNode {
                parent: Some(0),
                children: vec![2],
                kind: element("html"),
            },
            DomNode {
                parent: Some(1),
                children: Vec::new(),
                kind: element("body"),
            },
        ];
        let mut copied: std::collections::HashMap<Id, Id> = std::collections::HashMap::new();
        // In document order: a parent is copied before its children.
        for n in self.descendants(id) {
            let parent = self.nodes[n]
                .parent
                .and_then(|p| copied.get(&p).copied())
                .filter(|_| n != id)
                .unwrap_or(2);
            let me = nodes.len();
            copied.insert(n, me);
            nodes.push(DomNode {
                parent: Some(parent),
                children: Vec::new(),
                kind: self.nodes[n].kind.clone(),
            });
            nodes[parent].children.push(me);
        }
        Dom { nodes }
    }

    /// The first element whose `id` attribute is `value`.
    pub fn by_id(&self, value: &str) -> Option<Id> {
        (0..self.nodes.len()).find(|&i| self.attr(i, "id") == Some(value))
    }

    /// Every element named `name` in document order.
    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = Id> + 'a {
        (0..self.nodes.len()).filter(move |&i| self.name(i) == name)
    }

    /// The first element named `name`.
    pub fn first(&self, name: &str) -> Option<Id> {
        self.elements_named(name).next()
    }

    /// The text a reader would see in `id`, skipping invisible elements and those `skip` says.
    pub fn text_where(&self, id: Id, skip: &dyn Fn(Id) -> bool) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if skip(n) {
                continue;
            }
            match &self.nodes[n].kind {
                Kind::Text(t) => out.push_str(t),
                Kind::Element { name, .. } if INVISIBLE.contains(&name.as_str()) && n != id => {}
                Kind::Element { name, .. } if name == "br" => out.push('\n'),
                Kind::Element { name, .. } => {
                    if BLOCK_BREAKS.contains(&name.as_str()) {
                        out.push(' ');
                    }
                    stack.extend(self.nodes[n].children.iter().rev().copied());
                }
                _ => stack.extend(self.nodes[n].children.iter().rev().copied()),
            }
        }
        out
    }

    /// The visible text of `id`.
    pub fn text(&self, id: Id) -> String {
        self.text_where(id, &|_| false)
    }
}

/// Collapses runs of white space into single spaces and trims the ends.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain text of an HTML fragment: tags dropped, character references decoded, white space
/// collapsed (for WordPress's `title.rendered`, `excerpt.rendered`, captions).
pub fn html_to_text(html: &str) -> String {
    let dom = Dom::parse_fragment(html);
    squash(&dom.text(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_text_decodes_entities_and_drops_tags() {
        assert_eq!(
            html_to_text("<p>Caf&eacute; &#8220;Bi&#7871;n&#8221; <b>&amp;</b> more&hellip;</p>\n"),
            "Café “Biến” & more…"
        );
    }

    #[test]
    fn document_tree_knows_parents_and_skips_scripts_in_text() {
        let dom = Dom::parse("<p id=a>one <script>x()</script><i>two</i></p>");
        let p = dom.first("p").expect("p");
        assert_eq!(dom.attr(p, "id"), Some("a"));
        assert_eq!(dom.name(dom.parent(p).expect("parent")), "body");
        assert_eq!(squash(&dom.text(p)), "one two");
    }

    #[test]
    fn deep_documents_do_not_overflow_the_stack() {
        let html = "<div>".repeat(5_000) + "deep";
        let dom = Dom::parse(&html);
        assert!(dom.text(0).contains("deep"));
    }
}
