//! Random tag soup for the sanitiser's property tests (shared by `tests/tag_soup.rs`, in the
//! browser, and `tests/tag_soup_native.rs`): unclosed, misnested, unknown and removed elements,
//! attributes (hostile ones too), SVG and MathML, raw-text elements and character references.
//! A small seeded PRNG keeps every case reproducible from its number.
//!
//! Visible words are unique tokens `w<n>` (or decoded references such as `é`) with white space
//! around every tag, so the browser's text and ours can be compared word by word. Text inside
//! elements whose content no browser shows is `zz`. Two things are left out on purpose because
//! browsers *move* text there (so "in order" would not hold for any faithful sanitiser): loose
//! text directly inside `<table>`/`<tr>` (foster parenting: so tables are always closed, cells
//! hold only text and closed inline elements) and stray end tags inside cells.

#![allow(dead_code)]

/// xorshift64* PRNG.
pub struct Rng(u64);

impl Rng {
    /// A generator for case number `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One item of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Elements kept or unwrapped by the sanitiser (containers).
const CONTAINERS: &[&str] = &[
    "p",
    "div",
    "span",
    "b",
    "i",
    "em",
    "strong",
    "u",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "section",
    "article",
    "font",
    "small",
    "code",
    "pre",
    "center",
    "sub",
    "sup",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "label",
    "custom-el",
    "x-y",
    "foo",
    "select",
    "option",
    "button",
    "object",
    "canvas",
    "dialog",
    "video",
    "audio",
    "nav",
    "aside",
    "form",
    "fieldset",
    "legend",
    "s",
    "q",
    "mark",
    "abbr",
    "time",
];

/// Void elements.
const VOIDS: &[&str] = &[
    "br", "img", "hr", "input", "wbr", "source", "track", "embed", "meta",
];

/// Elements whose content is never shown (always closed, plain `zz` inside).
const INVISIBLE: &[&str] = &[
    "script", "style", "template", "noscript", "title", "noembed", "iframe",
];

/// Raw-text elements whose text is shown (plain words inside, no references).
const SHOWN_RAW: &[&str] = &["textarea", "xmp"];

const ATTRS: &[&str] = &[
    "class=\"x y\"",
    "id=main",
    "href=\"https://e.example/a?b=1&amp;c=2\"",
    "href=\"javascript:alert(1)\"",
    "src=\"a.jpg\"",
    "src=data:image/png;base64,AA",
    "onclick=\"alert(1)\"",
    "style=\"display:none\"",
    "title='t &amp; u'",
    "hidden",
    "alt=\"an image\"",
    "lang=vi",
    "dir=rtl",
    "colspan=2",
    "xlink:href=\"javascript:x\"",
    "data-x=\"<p>\"",
];

/// References that decode to a word character, to no word, or stay literal.
const REFS: &[&str] = &[
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&eacute;", "&#233;", "&#x1EA1;", "&#65;",
    "&copy;", "&bogus;", "&amp", "&#x20AC;", "&Agrave;",
];

/// Words the browser tests exclude: text inside these elements is never shown.
pub const HIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "iframe",
    "title",
    "desc",
    "metadata",
    "annotation",
    "annotation-xml",
    "head",
];

struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    word: usize,
}

impl Gen<'_> {
    fn word(&mut self) {
        self.word += 1;
        self.out.push_str(&format!(" w{} ", self.word));
    }

    fn attrs(&mut self) {
        for _ in 0..self.rng.below(3) {
            self.out.push(' ');
            let a = self.rng.pick(ATTRS);
            self.out.push_str(a);
        }
    }

    fn text(&mut self) {
        match self.rng.below(6) {
            0 => {
                let r = self.rng.pick(REFS);
                self.out.push(' ');
                self.out.push_str(r);
                self.out.push(' ');
            }
            _ => self.word(),
        }
    }

    /// Inline content for table cells: text and properly closed inline elements.
    fn inline(&mut self, depth: usize) {
        for _ in 0..1 + self.rng.below(3) {
            if depth < 2 && self.rng.below(3) == 0 {
                let tag = self.rng.pick(&["b", "i", "a", "span", "em"]);
                self.out.push_str(&format!(" <{tag}>"));
                self.inline(depth + 1);
                self.out.push_str(&format!("</{tag}> "));
            } else {
                self.text();
            }
        }
    }

    fn table(&mut self) {
        self.out.push_str(" <table>");
        if self.rng.below(3) == 0 {
            self.out.push_str("<caption>");
            self.inline(0);
            self.out.push_str("</caption>");
        }
        for _ in 0..1 + self.rng.below(3) {
            self.out.push_str("<tr>");
            for _ in 0..1 + self.rng.below(3) {
                let cell = if self.rng.below(4) == 0 { "th" } else { "td" };
                self.out.push_str(&format!("<{cell}>"));
                self.inline(0);
                if self.rng.below(2) == 0 {
                    self.out.push_str(&format!("</{cell}>"));
                }
            }
            if self.rng.below(2) == 0 {
                self.out.push_str("</tr>");
            }
        }
        // Always closed: whatever followed an open table would be foster-parented before it.
        self.out.push_str("</table> ");
    }

    fn foreign(&mut self, depth: usize) {
        let (root, inner): (&str, &[&str]) = if self.rng.below(2) == 0 {
            ("svg", &["g", "text", "tspan", "a", "foo"])
        } else {
            (
                "math",
                &[
                    "mi", "mn", "mo", "mrow", "mfrac", "msup", "mtext", "maction",
                ],
            )
        };
        self.out.push_str(&format!(" <{root}"));
        self.attrs();
        self.out.push('>');
        for _ in 0..1 + self.rng.below(3) {
            match self.rng.below(5) {
                0 if depth < 5 => self.node(depth + 1, true),
                1 | 2 => {
                    let tag = self.rng.pick(inner);
                    self.out.push_str(&format!(" <{tag}>"));
                    self.text();
                    if self.rng.below(3) != 0 {
                        self.out.push_str(&format!("</{tag}> "));
                    }
                }
                _ => self.text(),
            }
        }
        if self.rng.below(3) != 0 {
            self.out.push_str(&format!("</{root}> "));
        }
    }

    fn node(&mut self, depth: usize, in_foreign: bool) {
        match self.rng.below(20) {
            0..=5 => self.text(),
            6..=11 if depth < 8 => {
                let tag = self.rng.pick(CONTAINERS);
                self.out.push_str(&format!(" <{tag}"));
                self.attrs();
                self.out.push_str("> ");
                for _ in 0..self.rng.below(4) {
                    self.node(depth + 1, in_foreign);
                }
                if self.rng.below(10) < 7 {
                    self.out.push_str(&format!(" </{tag}> "));
                }
            }
            12 => {
                let tag = self.rng.pick(VOIDS);
                self.out.push_str(&format!(" <{tag}"));
                self.attrs();
                self.out.push_str("> ");
            }
            13 => {
                // A stray or misnested end tag.
                let tag = self.rng.pick(CONTAINERS);
                self.out.push_str(&format!(" </{tag}> "));
            }
            14 if !in_foreign => {
                let tag = self.rng.pick(INVISIBLE);
                self.out.push_str(&format!(" <{tag}> zz zz </{tag}> "));
            }
            15 if !in_foreign => {
                let tag = self.rng.pick(SHOWN_RAW);
                self.out.push_str(&format!(" <{tag}>"));
                self.word();
                self.out.push_str(&format!("</{tag}> "));
            }
            16 if !in_foreign && depth < 6 => self.table(),
            17 if !in_foreign && depth < 6 => self.foreign(depth),
            18 => self.out.push_str(" <!-- a comment w0 --> "),
            _ => self.text(),
        }
    }
}

/// The tag soup of case `seed`.
pub fn soup(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let n = 1 + rng.below(12);
    let mut g = Gen {
        rng: &mut rng,
        out: String::new(),
        word: 0,
    };
    for _ in 0..n {
        g.node(0, false);
    }
    g.out
}

/// Words of a text: runs of letters and digits.
pub fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle` appears in `hay` in order (as a subsequence); else the first word missing.
pub fn in_order<'a>(needle: &'a [String], hay: &[String]) -> Result<(), &'a str> {
    let mut it = hay.iter();
    for w in needle {
        if !it.any(|h| h == w) {
            return Err(w);
        }
    }
    Ok(())
}

/// How many cases to run: `TAG_SOUP_CASES` at build time, else 10,000.
pub fn case_count() -> u64 {
    option_env!("TAG_SOUP_CASES")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}
