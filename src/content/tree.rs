//! The typed tree of allowed article-body nodes that the sanitiser produces and the view renders.

/// An element the article body may contain; everything else is dropped by the sanitiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `<p>`
    P,
    /// `<h2>`
    H2,
    /// `<h3>`
    H3,
    /// `<h4>`
    H4,
    /// `<ul>`
    Ul,
    /// `<ol>`
    Ol,
    /// `<li>`
    Li,
    /// `<blockquote>`
    Blockquote,
    /// `<figure>`
    Figure,
    /// `<figcaption>`
    Figcaption,
    /// `<img>`
    Img,
    /// `<a>`
    A,
    /// `<strong>`
    Strong,
    /// `<em>`
    Em,
    /// `<b>`
    B,
    /// `<i>`
    I,
    /// `<u>`
    U,
    /// `<sub>`
    Sub,
    /// `<sup>`
    Sup,
    /// `<br>`
    Br,
    /// `<hr>`
    Hr,
    /// `<table>`
    Table,
    /// `<caption>`
    Caption,
    /// `<thead>`
    Thead,
    /// `<tbody>`
    Tbody,
    /// `<tfoot>`
    Tfoot,
    /// `<tr>`
    Tr,
    /// `<th>`
    Th,
    /// `<td>`
    Td,
    /// `<video>`, always rendered with controls and never autoplaying.
    Video,
    /// `<audio>`, always rendered with controls and never autoplaying.
    Audio,
    /// `<source>` of a video or audio element.
    Source,
    /// `<track>` (captions, subtitles) of a video or audio element.
    Track,
    /// A third-party player (`<iframe>` from an allowed embed host): rendered as a click-to-load
    /// card; `src` is the player address, `href` the page to watch it on, `title` its title.
    Embed,
    /// MathML `<math>`.
    Math,
    /// MathML `<mi>`.
    Mi,
    /// MathML `<mn>`.
    Mn,
    /// MathML `<mo>`.
    Mo,
    /// MathML `<ms>`.
    Ms,
    /// MathML `<mtext>`.
    Mtext,
    /// MathML `<mrow>`.
    Mrow,
    /// MathML `<msup>`.
    Msup,
    /// MathML `<msub>`.
    Msub,
    /// MathML `<msubsup>`.
    Msubsup,
    /// MathML `<mfrac>`.
    Mfrac,
    /// MathML `<msqrt>`.
    Msqrt,
    /// MathML `<mroot>`.
    Mroot,
    /// MathML `<mtable>`.
    Mtable,
    /// MathML `<mtr>`.
    Mtr,
    /// MathML `<mtd>`.
    Mtd,
    /// MathML `<semantics>` (its annotations are dropped).
    Semantics,
}

impl Tag {
    /// Maps a lower-case HTML tag name to an allowed tag, or `None` when it is not allowed.
    pub fn from_name(name: &str) -> Option<Tag> {
        Some(match name {
            "p" => Tag::P,
            "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" => Tag::H4,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "blockquote" => Tag::Blockquote,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "img" => Tag::Img,
            "a" => Tag::A,
            "strong" => Tag::Strong,
            "em" => Tag::Em,
            "b" => Tag::B,
            "i" => Tag::I,
            "u" => Tag::U,
            "sub" => Tag::Sub,
            "sup" => Tag::Sup,
            "br" => Tag::Br,
            "hr" => Tag::Hr,
            "table" => Tag::Table,
            "caption" => Tag::Caption,
            "thead" => Tag::Thead,
            "tbody" => Tag::Tbody,
            "tfoot" => Tag::Tfoot,
            "tr" => Tag::Tr,
            "th" => Tag::Th,
            "td" => Tag::Td,
            "video" => Tag::Video,
            "audio" => Tag::Audio,
            "source" => Tag::Source,
            "track" => Tag::Track,
            _ => return None,
        })
    }

    /// Maps a MathML element name (inside `<math>`) to an allowed tag.
    pub fn from_mathml_name(name: &str) -> Option<Tag> {
        Some(match name {
            "math" => Tag::Math,
            "mi" => Tag::Mi,
            "mn" => Tag::Mn,
            "mo" => Tag::Mo,
            "ms" => Tag::Ms,
            "mtext" => Tag::Mtext,
            "mrow" => Tag::Mrow,
            "msup" => Tag::Msup,
            "msub" => Tag::Msub,
            "msubsup" => Tag::Msubsup,
            "mfrac" => Tag::Mfrac,
            "msqrt" => Tag::Msqrt,
            "mroot" => Tag::Mroot,
            "mtable" => Tag::Mtable,
            "mtr" => Tag::Mtr,
            "mtd" => Tag::Mtd,
            "semantics" => Tag::Semantics,
            _ => return None,
        })
    }

    /// Whether the element is MathML (created in the MathML namespace).
    pub fn is_mathml(self) -> bool {
        matches!(
            self,
            Tag::Math
                | Tag::Mi
                | Tag::Mn
                | Tag::Mo
                | Tag::Ms
                | Tag::Mtext
                | Tag::Mrow
                | Tag::Msup
                | Tag::Msub
                | Tag::Msubsup
                | Tag::Mfrac
                | Tag::Msqrt
                | Tag::Mroot
                | Tag::Mtable
                | Tag::Mtr
                | Tag::Mtd
                | Tag::Semantics
        )
    }

    /// The lower-case HTML name of the tag.
    pub fn name(self) -> &'static str {
        match self {
            Tag::P => "p",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Blockquote => "blockquote",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Img => "img",
            Tag::A => "a",
            Tag::Strong => "strong",
            Tag::Em => "em",
            Tag::B => "b",
            Tag::I => "i",
            Tag::U => "u",
            Tag::Sub => "sub",
            Tag::Sup => "sup",
            Tag::Br => "br",
            Tag::Hr => "hr",
            Tag::Table => "table",
            Tag::Caption => "caption",
            Tag::Thead => "thead",
            Tag::Tbody => "tbody",
            Tag::Tfoot => "tfoot",
            Tag::Tr => "tr",
            Tag::Th => "th",
            Tag::Td => "td",
            Tag::Video => "video",
            Tag::Audio => "audio",
            Tag::Source => "source",
            Tag::Track => "track",
            Tag::Embed => "figure",
            Tag::Math => "math",
            Tag::Mi => "mi",
            Tag::Mn => "mn",
            Tag::Mo => "mo",
            Tag::Ms => "ms",
            Tag::Mtext => "mtext",
            Tag::Mrow => "mrow",
            Tag::Msup => "msup",
            Tag::Msub => "msub",
            Tag::Msubsup => "msubsup",
            Tag::Mfrac => "mfrac",
            Tag::Msqrt => "msqrt",
            Tag::Mroot => "mroot",
            Tag::Mtable => "mtable",
            Tag::Mtr => "mtr",
            Tag::Mtd => "mtd",
            Tag::Semantics => "semantics",
        }
    }

    /// Whether the element never has children (`<img>`, `<br>`, `<hr>`).
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Img | Tag::Br | Tag::Hr | Tag::Source | Tag::Track | Tag::Embed
        )
    }

    /// Whether the element is block-level, so that an open `<p>` closes before it.
    pub fn closes_paragraph(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::Ul
                | Tag::Ol
                | Tag::Blockquote
                | Tag::Figure
                | Tag::Hr
                | Tag::Table
                | Tag::Video
                | Tag::Audio
                | Tag::Embed
        )
    }
}

/// The attributes an allowed element keeps, each already checked by the sanitiser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attrs {
    /// `href` of a link, resolved and allowed by the URL policy.
    pub href: Option<String>,
    /// `rel` of a link (set by the sanitiser for external links, never taken from input).
    pub rel: Option<&'static str>,
    /// `src` of an image, resolved and allowed by the URL policy.
    pub src: Option<String>,
    /// `alt` of an image (always present on images, empty when the input had none).
    pub alt: Option<String>,
    /// `title` of any element.
    pub title: Option<String>,
    /// `width` of an image, digits only.
    pub width: Option<String>,
    /// `height` of an image, digits only.
    pub height: Option<String>,
    /// `colspan` of a table cell, digits only.
    pub colspan: Option<String>,
    /// `rowspan` of a table cell, digits only.
    pub rowspan: Option<String>,
    /// `scope` of a header cell (`row`, `col`, `rowgroup`, `colgroup`).
    pub scope: Option<&'static str>,
    /// `start` of an ordered list, an integer.
    pub start: Option<String>,
    /// `lang` of any element (a language tag).
    pub lang: Option<String>,
    /// `dir` of any element (`ltr`, `rtl`, `auto`).
    pub dir: Option<&'static str>,
    /// `cite` of a blockquote, resolved and allowed by the URL policy.
    pub cite: Option<String>,
    /// `poster` of a video, resolved and allowed by the URL policy.
    pub poster: Option<String>,
    /// `type` of a media source (a MIME type).
    pub media_type: Option<String>,
    /// `kind` of a track (`subtitles`, `captions`, `descriptions`, `chapters`).
    pub kind: Option<&'static str>,
    /// `srclang` of a track (a language tag).
    pub srclang: Option<String>,
    /// `label` of a track.
    pub label: Option<String>,
    /// `default` of a track.
    pub default: bool,
    /// `display` of a MathML `<math>` (`block` or `inline`).
    pub display: Option<&'static str>,
}

/// One node of the sanitised article body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Plain text, rendered as a text node (never parsed as HTML).
    Text(String),
    /// An allowed element with its checked attributes and children.
    Element(Box<Element>),
}

/// An allowed element of the sanitised body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// Which element it is.
    pub tag: Tag,
    /// Its checked attributes.
    pub attrs: Attrs,
    /// Its children, in document order.
    pub children: Vec<Node>,
}

impl Node {
    /// The concatenated text of this node and its descendants (for tests and summaries).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        match self {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => e.children.iter().for_each(|c| c.collect_text(out)),
        }
    }

    /// The number of nodes in this subtree, itself included.
    pub fn count(&self) -> usize {
        match self {
            Node::Text(_) => 1,
            Node::Element(e) => 1 + e.children.iter().map(Node::count).sum::<usize>(),
        }
    }
}
