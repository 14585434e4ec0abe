//! Finds the article body of an HTML page, in the spirit of Mozilla Readability: navigation,
//! hidden and unlikely blocks (menus, share bars, comments, related lists) are set aside; every
//! paragraph scores its ancestors by its text (length, commas); the best-scoring block, weighed by
//! its link density and class/id names, wins together with siblings that score close to it; then
//! blocks inside it that look like clutter are cleaned away. Figures, captions and lazily loaded
//! images (`data-src`, `srcset`, `<noscript>` fallbacks) are kept.

use crate::article::escape_html;
use crate::dom::{squash, Dom, Id, Kind};
use std::collections::HashMap;

/// Elements never part of an article body.
const ALWAYS_DROP: &[&str] = &[
    "script", "style", "template", "link", "meta", "nav", "form", "button", "input", "select",
    "textarea", "svg", "canvas", "dialog", "object", "embed", "head", "title", "noscript",
];

/// Class/id fragments of blocks that are unlikely to be content.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "newsletter",
    "subscribe",
];

/// Class/id fragments that save an unlikely-looking block.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

/// Class/id fragments that lower a block's score.
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];

/// Class/id fragments that raise a block's score.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// ARIA roles of blocks that are never content.
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// Children that make a `<div>` a container rather than a paragraph.
const BLOCKS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "aside",
    "main",
    "video",
    "iframe",
];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes the extracted HTML keeps (the viewer's sanitiser checks them again).
const KEEP_ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "colspan", "rowspan", "scope", "start", "lang", "dir", "cite",
    "width", "height", "datetime", "controls", "poster", "kind", "srclang", "label", "type",
];

/// Least body text, in characters, before the extraction retries with fewer filters.
const MIN_TEXT: usize = 500;

#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// The body found in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// The body as HTML.
    pub html: String,
    /// Length of its visible text in characters.
    pub text_len: usize,
}

/// Extracts the article body of a parsed page; `title` (when known) removes a heading that repeats it.
pub fn extract(dom: &Dom, title: Option<&str>) -> Option<Extracted> {
    extract_with_base(dom, title, None)
}

/// Like [`extract`], making link and image addresses absolute against `base`.
pub fn extract_with_base(dom: &Dom, title: Option<&str>, base: Option<&str>) -> Option<Extracted> {
    let body = dom.first("body")?;
    let mut best: Option<Extracted> = None;
    let all = [
        Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
    for flags in all {
        let Some(found) = Attempt::new(dom, flags, base).run(body, title) else {
            continue;
        };
        if found.text_len >= MIN_TEXT {
            return Some(found);
        }
        if best.as_ref().is_none_or(|b| found.text_len > b.text_len) {
            best = Some(found);
        }
    }
    best.filter(|b| b.text_len > 0)
}

/// Extracts the body of an HTML page given as text (for benchmarks and tests).
pub fn extract_html(html: &str) -> Option<Extracted> {
    let dom = Dom::parse(html);
    // The page's own `<title>`, as Readability uses it to drop a heading that repeats it.
    let title = dom
        .first("title")
        .map(|t| squash(&dom.text(t)))
        .filter(|t| !t.is_empty());
    extract(&dom, title.as_deref())
}

fn class_id(dom: &Dom, n: Id) -> String {
    let mut s = dom.attr(n, "class").unwrap_or("").to_ascii_lowercase();
    s.push(' ');
    s.push_str(&dom.attr(n, "id").unwrap_or("").to_ascii_lowercase());
    s
}

fn any_in(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.contains(n))
}

fn is_hidden(dom: &Dom, n: Id) -> bool {
    let style = dom
        .attr(n, "style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(' ', "");
    style.contains("display:none")
        || style.contains("visibility:hidden")
        || dom.attr(n, "hidden").is_some()
        || (dom.attr(n, "aria-hidden") == Some("true")
            && !dom
                .attr(n, "class")
                .unwrap_or("")
                .contains("fallback-image"))
}

#[derive(Clone, Copy, Default)]
struct Stat {
    text: usize,
    link: f64,
    commas: usize,
}

struct Attempt<'d> {
    dom: &'d Dom,
    flags: Flags,
    removed: Vec<bool>,
    scores: HashMap<Id, f64>,
    base: Option<&'d str>,
}

impl<'d> Attempt<'d> {
    fn new(dom: &'d Dom, flags: Flags, base: Option<&'d str>) -> Self {
        Attempt {
            dom,
            flags,
            removed: vec![false; dom.nodes.len()],
            scores: HashMap::new(),
            base,
        }
    }

    fn class_weight(&self, n: Id) -> f64 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        let dom = self.dom;
        let mut w = 0.0;
        for key in ["class", "id"] {
            let v = dom.attr(n, key).unwrap_or("").to_ascii_lowercase();
            if v.is_empty() {
                continue;
            }
            if any_in(&v, NEGATIVE) || v.split_whitespace().any(|t| t == "hid") {
                w -= 25.0;
            }
            if any_in(&v, POSITIVE) {
                w += 25.0;
            }
        }
        w
    }

    fn has_ancestor(&self, n: Id, names: &[&str]) -> bool {
        let mut cur = self.dom.parent(n);
        while let Some(p) = cur {
            if names.contains(&self.dom.name(p)) {
                return true;
            }
            cur = self.dom.parent(p);
        }
        false
    }

    /// Marks what is never content: invisible, navigation, unlikely blocks.
    fn prune(&mut self, body: Id) {
        let dom = self.dom;
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            let name = dom.name(n);
            if n != body && !name.is_empty() {
                let ci = class_id(dom, n);
                let role = dom.attr(n, "role").unwrap_or("").to_ascii_lowercase();
                let unlikely = self.flags.strip_unlikely
                    && ((any_in(&ci, UNLIKELY)
                        && !any_in(&ci, MAYBE)
                        && !matches!(
                            name,
                            "a" | "body"
                                | "table"
                                | "tbody"
                                | "tr"
                                | "td"
                                | "th"
                                | "figure"
                                | "figcaption"
                                | "article"
                                | "main"
                        )
                        && !self.has_ancestor(n, &["table", "code", "figure"]))
                        || UNLIKELY_ROLES.contains(&role.as_str())
                        || (name == "aside"));
                let noscript_fallback = name == "noscript" && self.noscript_image(n).is_some();
                // The byline and dateline (shown by the viewer from the metadata), as Readability
                // sets its byline apart: short blocks marked as the author or the date line.
                let byline = self.is_byline(n, &ci);
                // ASP.NET pages wrap the whole page, article included, in one `<form>`.
                let page_form = name == "form" && self.wraps_paragraphs(n);
                if (ALWAYS_DROP.contains(&name) && !noscript_fallback && !page_form)
                    || is_hidden(dom, n)
                    || unlikely
                    || byline
                {
                    self.removed[n] = true;
                    continue;
                }
            }
            stack.extend(dom.children(n).iter().rev().copied());
        }
    }

    /// A short block marked as the byline: `rel=author`, `itemprop=author`, or a class/id naming
    /// the byline, author or dateline (Readability's `_isValidByline` test, under 100 characters).
    fn is_byline(&self, n: Id, ci: &str) -> bool {
        let dom = self.dom;
        if matches!(dom.name(n), "body" | "article" | "main") {
            return false;
        }
        let marked = dom.attr(n, "rel") == Some("author")
            || dom
                .attr(n, "itemprop")
                .is_some_and(|i| i.split_whitespace().any(|t| t == "author"))
            || any_in(
                ci,
                &["byline", "author", "dateline", "writtenby", "p-author"],
            );
        marked && {
            let len = squash(&dom.text(n)).chars().count();
            len > 0 && len < 100
        }
    }

    /// Whether a block holds at least three paragraphs (a `<form>` around a whole page).
    fn wraps_paragraphs(&self, n: Id) -> bool {
        let dom = self.dom;
        dom.descendants(n)
            .into_iter()
            .filter(|&d| dom.name(d) == "p")
            .nth(2)
            .is_some()
    }

    /// The single image inside a `<noscript>` that stands in for a lazy placeholder just before it.
    fn noscript_image(&self, n: Id) -> Option<Id> {
        let dom = self.dom;
        let imgs: Vec<Id> = dom
            .descendants(n)
            .into_iter()
            .filter(|&d| dom.name(d) == "img")
            .collect();
        let [img] = imgs.as_slice() else { return None };
        let parent = dom.parent(n)?;
        let siblings: Vec<Id> = dom.element_children(parent).collect();
        let pos = siblings.iter().position(|&s| s == n)?;
        let prev = *siblings.get(pos.checked_sub(1)?)?;
        let prev_img = if dom.name(prev) == "img" {
            Some(prev)
        } else {
            dom.descendants(prev)
                .into_iter()
                .find(|&d| dom.name(d) == "img")
        }?;
        (!has_real_src(dom, prev_img)).then_some(*img)
    }

    /// Visible text length, link text and commas of every node (children have larger ids).
    fn stats(&self) -> Vec<Stat> {
        let dom = self.dom;
        let mut st = vec![Stat::default(); dom.nodes.len()];
        for n in (0..dom.nodes.len()).rev() {
            if self.removed[n] {
                st[n] = Stat::default();
                continue;
            }
            let mut s = match &dom.nodes[n].kind {
                Kind::Text(t) => Stat {
                    text: collapsed_len(t),
                    link: 0.0,
                    commas: t.matches([',', '，', '、', '،']).count(),
                },
                Kind::Element { name, .. } if ALWAYS_DROP.contains(&name.as_str()) => {
                    Stat::default()
                }
                _ => {
                    let mut acc = Stat::default();
                    for &c in dom.children(n) {
                        acc.text += st[c].text;
                        acc.link += st[c].link;
                        acc.commas += st[c].commas;
                    }
                    acc
                }
            };
            if dom.name(n) == "a" {
                let hash = dom.attr(n, "href").is_some_and(|h| h.starts_with('#'));
                s.link = s.text as f64 * if hash { 0.3 } else { 1.0 };
            }
            st[n] = s;
        }
        st
    }

    fn visible(&self, root: Id) -> Vec<Id> {
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            if self.removed[n] {
                continue;
            }
            out.push(n);
            stack.extend(self.dom.children(n).iter().rev().copied());
        }
        out
    }

    fn init_score(&self, n: Id) -> f64 {
        let base = match self.dom.name(n) {
            "div" | "article" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(n)
    }

    fn add_score(&mut self, n: Id, delta: f64) {
        let init = self.init_score(n);
        *self.scores.entry(n).or_insert(init) += delta;
    }

    fn run(mut self, body: Id, title: Option<&str>) -> Option<Extracted> {
        let dom = self.dom;
        self.prune(body);
        let st = self.stats();
        // Paragraph-like blocks score their ancestors.
        let mut scored: Vec<(usize, usize, Id)> = Vec::new(); // (text, commas, first ancestor)
        for n in self.visible(body) {
            let name = dom.name(n);
            let has_block_child = || {
                dom.element_children(n)
                    .any(|c| BLOCKS.contains(&dom.name(c)) && !self.removed[c])
            };
            match name {
                "p" | "td" | "pre" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    if let Some(parent) = dom.parent(n) {
                        scored.push((st[n].text, st[n].commas, parent));
                    }
                }
                "div" | "section" | "article" | "span" | "font" | "center" | "main"
                    if name != "span" || dom.parent(n).is_some_and(|p| dom.name(p) == "body") =>
                {
                    if !has_block_child() {
                        if let Some(parent) = dom.parent(n) {
                            scored.push((st[n].text, st[n].commas, parent));
                        }
                    } else {
                        // Loose text between blocks counts as a paragraph of this container.
                        let (mut text, mut commas) = (0, 0);
                        for &c in dom.children(n) {
                            if !self.removed[c] && !BLOCKS.contains(&dom.name(c)) {
                                text += st[c].text;
                                commas += st[c].commas;
                            }
                        }
                        scored.push((text, commas, n));
                    }
                }
                _ => {}
            }
        }
        for (text, commas, first) in scored {
            if text < 25 {
                continue;
            }
            let score = 1.0 + commas as f64 + (text / 100).min(3) as f64;
            let mut cur = Some(first);
            for level in 0..5 {
                let Some(a) = cur else { break };
                let parent = dom.parent(a);
                if dom.name(a).is_empty() || parent.is_none_or(|p| dom.name(p).is_empty()) {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                self.add_score(a, score / divider);
                cur = parent;
            }
        }
        let density = |n: Id| {
            if st[n].text == 0 {
                0.0
            } else {
                st[n].link / st[n].text as f64
            }
        };
        let mut ranked: Vec<(Id, f64)> = self
            .scores
            .iter()
            .map(|(&n, &s)| (n, s * (1.0 - density(n))))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let final_scores: HashMap<Id, f64> = ranked.iter().copied().collect();
        let score_of = |n: Id| final_scores.get(&n).copied();

        let mut top = match ranked.first() {
            Some(&(n, _)) if dom.name(n) != "body" && dom.name(n) != "html" => n,
            _ => body,
        };
        if top != body {
            let top_score = score_of(top).unwrap_or(0.0);
            // Several good candidates under one ancestor: the ancestor is the article.
            let alternatives: Vec<Id> = ranked
                .iter()
                .skip(1)
                .take(4)
                .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
                .map(|&(n, _)| n)
                .collect();
            if alternatives.len() >= 3 {
                let mut parent = dom.parent(top);
                while let Some(p) = parent.filter(|&p| p != body && !dom.name(p).is_empty()) {
                    let containing = alternatives
                        .iter()
                        .filter(|&&a| self.is_ancestor(p, a))
                        .count();
                    if containing >= 3 {
                        top = p;
                        break;
                    }
                    parent = dom.parent(p);
                }
            }
            // Climb while the parent scores better.
            let mut last = score_of(top).unwrap_or(0.0);
            let threshold = last / 3.0;
            let mut parent = dom.parent(top);
            while let Some(p) = parent.filter(|&p| p != body && !dom.name(p).is_empty()) {
                let Some(ps) = score_of(p) else {
                    parent = dom.parent(p);
                    continue;
                };
                if ps < threshold {
                    break;
                }
                if ps > last {
                    top = p;
                    break;
                }
                last = ps;
                parent = dom.parent(p);
            }
            // An only child stands for its parent.
            while let Some(p) = dom
                .parent(top)
                .filter(|&p| p != body && !dom.name(p).is_empty())
            {
                if dom
                    .element_children(p)
                    .filter(|&c| !self.removed[c])
                    .count()
                    != 1
                {
                    break;
                }
                top = p;
            }
        }

        // Siblings that score close to the winner join it.
        let mut parts = vec![top];
        if top != body {
            if let Some(parent) = dom.parent(top) {
                let top_score = score_of(top).unwrap_or(0.0);
                let threshold = (top_score * 0.2).max(10.0);
                let top_class = dom.attr(top, "class").unwrap_or("");
                parts.clear();
                for s in dom.element_children(parent) {
                    if self.removed[s] {
                        continue;
                    }
                    if s == top {
                        parts.push(s);
                        continue;
                    }
                    let mut bonus = 0.0;
                    if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
                        bonus += top_score * 0.2;
                    }
                    let append = if score_of(s).is_some_and(|sc| sc + bonus >= threshold) {
                        true
                    } else if dom.name(s) == "p" {
                        let len = st[s].text;
                        let ld = density(s);
                        let text = squash(&dom.text(s));
                        (len > 80 && ld < 0.25)
                            || (len < 80
                                && len > 0
                                && ld == 0.0
                                && (text.contains(". ") || text.ends_with('.')))
                    } else {
                        false
                    };
                    if append {
                        parts.push(s);
                    }
                }
            }
        }
        for &p in &parts {
            self.clean(p, title);
        }
        let mut html = String::new();
        let mut text_len = 0;
        for &p in &parts {
            self.serialize(p, p == body, &mut html);
            let text: String = self
                .visible(p)
                .iter()
                .filter_map(|&n| match &dom.nodes[n].kind {
                    Kind::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect();
            text_len += squash(&text).chars().count();
        }
        Some(Extracted { html, text_len })
    }

    fn is_ancestor(&self, a: Id, mut n: Id) -> bool {
        while let Some(p) = self.dom.parent(n) {
            if p == a {
                return true;
            }
            n = p;
        }
        false
    }

    /// Subtree statistics that honour removals made so far.
    fn subtree(&self, n: Id) -> (Stat, HashMap<&'d str, usize>) {
        let dom = self.dom;
        let mut s = Stat::default();
        let mut counts: HashMap<&'d str, usize> = HashMap::new();
        let mut stack: Vec<(Id, bool)> = vec![(n, false)];
        while let Some((c, in_link)) = stack.pop() {
            if self.removed[c] {
                continue;
            }
            match &dom.nodes[c].kind {
                Kind::Text(t) => {
                    let len = collapsed_len(t);
                    s.text += len;
                    s.commas += t.matches([',', '，', '、']).count();
                    if in_link {
                        s.link += len as f64;
                    }
                }
                Kind::Element { name, .. } => {
                    if c != n {
                        *counts.entry(name.as_str()).or_insert(0) += 1;
                    }
                    if ALWAYS_DROP.contains(&name.as_str()) && name != "embed" && name != "object" {
                        continue;
                    }
                    let link = in_link || name == "a";
                    stack.extend(dom.children(c).iter().map(|&k| (k, link)));
                }
                _ => {}
            }
        }
        (s, counts)
    }

    fn is_data_table(&self, t: Id) -> bool {
        let dom = self.dom;
        if dom.attr(t, "role") == Some("presentation") || dom.attr(t, "datatable") == Some("0") {
            return false;
        }
        if dom.attr(t, "summary").is_some() {
            return true;
        }
        let (_, counts) = self.subtree(t);
        let c = |k: &str| counts.get(k).copied().unwrap_or(0);
        if c("table") > 0 {
            return false;
        }
        if c("caption") > 0 || c("th") > 0 || c("thead") > 0 || c("tfoot") > 0 || c("colgroup") > 0
        {
            return true;
        }
        let rows = c("tr");
        let cells = c("td");
        rows >= 10 || (rows > 0 && cells / rows > 4) || cells > 10
    }

    /// Removes clutter inside an extracted block (Readability's `prepArticle`).
    fn clean(&mut self, root: Id, title: Option<&str>) {
        let dom = self.dom;
        let title_norm = title.map(|t| squash(t).to_lowercase());
        let mut nodes = self.visible(root);
        nodes.reverse(); // descendants before their ancestors
        for n in nodes {
            if n == root || self.removed[n] {
                continue;
            }
            let name = dom.name(n);
            if name.is_empty() {
                continue;
            }
            let ci = class_id(dom, n);
            let (s, counts) = self.subtree(n);
            let c = |k: &str| counts.get(k).copied().unwrap_or(0);
            // Share bars and tool rows.
            if (ci.contains("share") || ci.contains("sharedaddy") || ci.contains("social"))
                && s.text < 500
                && !matches!(name, "p" | "figure")
            {
                self.removed[n] = true;
                continue;
            }
            if matches!(name, "h1" | "h2") {
                let text = squash(&dom.text(n)).to_lowercase();
                let dup = title_norm.as_ref().is_some_and(|t| {
                    !t.is_empty() && (text == *t || t.contains(&text) && text.len() * 2 > t.len())
                });
                if self.class_weight(n) < 0.0 || dup || (name == "h1" && title_norm.is_none()) {
                    self.removed[n] = true;
                    continue;
                }
            }
            if name == "p"
                && s.text == 0
                && c("img")
                    + c("iframe")
                    + c("video")
                    + c("audio")
                    + c("picture")
                    + c("embed")
                    + c("object")
                    == 0
            {
                self.removed[n] = true;
                continue;
            }
            if name == "iframe" && !is_video_embed(dom.attr(n, "src").unwrap_or("")) {
                self.removed[n] = true;
                continue;
            }
            if !self.flags.clean_conditionally
                || !matches!(
                    name,
                    "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section"
                )
            {
                continue;
            }
            if name == "table" && self.is_data_table(n) {
                continue;
            }
            if self.has_ancestor(n, &["table"]) && self.has_ancestor_data_table(n) {
                continue;
            }
            let weight = self.class_weight(n);
            // As Readability's `_cleanConditionally`: the class weight alone (a list's own score
            // starts at −3 and would drop every list of short items).
            if weight < 0.0 {
                self.removed[n] = true;
                continue;
            }
            if s.commas >= 10 {
                continue;
            }
            let is_list = matches!(name, "ul" | "ol");
            let p = c("p") as f64;
            let img = c("img") as f64;
            let li = c("li") as f64 - 100.0;
            let input = c("input") as f64;
            let embeds = (c("iframe") + c("video") + c("audio") + c("embed") + c("object")) as f64;
            let headings: usize = ["h1", "h2", "h3", "h4", "h5", "h6"]
                .iter()
                .map(|h| c(h))
                .sum();
            let heading_density = if s.text == 0 {
                0.0
            } else {
                headings as f64 / s.text as f64
            };
            let link_density = if s.text == 0 {
                0.0
            } else {
                s.link / s.text as f64
            };
            let in_figure = self.has_ancestor(n, &["figure"]) || c("figure") > 0;
            let len = s.text as f64;
            let remove = (img > 1.0 && p / img < 0.5 && !in_figure)
                || (!is_list && li > p)
                || (input > (p / 3.0).floor())
                || (!is_list
                    && heading_density < 0.9
                    && len < 25.0
                    && (img == 0.0 || img > 2.0)
                    && !in_figure
                    && embeds == 0.0)
                || (!is_list && weight < 25.0 && link_density > 0.2)
                || (weight >= 25.0 && link_density > 0.5)
                || ((embeds == 1.0 && len < 75.0 && c("iframe") == 0 && c("video") == 0)
                    || embeds > 1.0 && c("video") + c("audio") == 0 && len < 75.0);
            if remove {
                self.removed[n] = true;
            }
        }
    }

    fn has_ancestor_data_table(&self, n: Id) -> bool {
        let mut cur = self.dom.parent(n);
        while let Some(p) = cur {
            if self.dom.name(p) == "table" && self.is_data_table(p) {
                return true;
            }
            cur = self.dom.parent(p);
        }
        false
    }

    fn serialize(&self, root: Id, children_only: bool, out: &mut String) {
        let dom = self.dom;
        enum Step {
            Open(Id),
            Close(&'static str),
        }
        let mut stack: Vec<Step> = if children_only {
            dom.children(root)
                .iter()
                .rev()
                .map(|&c| Step::Open(c))
                .collect()
        } else {
            vec![Step::Open(root)]
        };
        while let Some(step) = stack.pop() {
            let n = match step {
                Step::Close(name) => {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                    continue;
                }
                Step::Open(n) => n,
            };
            if self.removed[n] && !(dom.name(n) == "noscript" && self.noscript_image(n).is_some()) {
                continue;
            }
            match &dom.nodes[n].kind {
                Kind::Text(t) => escape_text(t, out),
                Kind::Element { name, attrs } => {
                    if name == "noscript" {
                        // A lazy image's fallback: its image replaces the placeholder.
                        if let Some(img) = self.noscript_image(n) {
                            write_img(dom, img, self.base, out);
                        }
                        continue;
                    }
                    if name == "img" {
                        let next_is_fallback = dom.parent(n).is_some_and(|p| {
                            let sib: Vec<Id> = dom.element_children(p).collect();
                            sib.iter()
                                .position(|&s| s == n)
                                .and_then(|i| sib.get(i + 1))
                                .is_some_and(|&s| {
                                    dom.name(s) == "noscript" && self.noscript_image(s).is_some()
                                })
                        });
                        if !next_is_fallback {
                            write_img(dom, n, self.base, out);
                        }
                        continue;
                    }
                    let Some(tag) = static_name(name) else {
                        // Unknown element: keep its content.
                        stack.extend(dom.children(n).iter().rev().map(|&c| Step::Open(c)));
                        continue;
                    };
                    out.push('<');
                    out.push_str(tag);
                    for (k, v) in attrs {
                        if KEEP_ATTRS.contains(&k.as_str()) {
                            let v = if matches!(k.as_str(), "href" | "src" | "cite" | "poster") {
                                absolutize(self.base, v)
                            } else {
                                v.clone()
                            };
                            write_attr(k, &v, out);
                        }
                    }
                    out.push('>');
                    if VOID.contains(&tag) {
                        continue;
                    }
                    stack.push(Step::Close(tag));
                    stack.extend(dom.children(n).iter().rev().map(|&c| Step::Open(c)));
                }
                _ => {}
            }
        }
    }
}

/// Names of elements written out as themselves (others are unwrapped).
fn static_name(name: &str) -> Option<&'static str> {
    const NAMES: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "figure",
        "figcaption",
        "a",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "br",
        "hr",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "pre",
        "code",
        "div",
        "section",
        "article",
        "picture",
        "source",
        "video",
        "audio",
        "track",
        "iframe",
        "span",
        "small",
        "mark",
        "q",
        "cite",
        "abbr",
        "time",
        "math",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mrow",
        "msup",
        "msub",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mtable",
        "mtr",
        "mtd",
        "semantics",
        "annotation",
    ];
    NAMES.iter().copied().find(|&n| n == name)
}

fn has_real_src(dom: &Dom, img: Id) -> bool {
    dom.attr(img, "src").is_some_and(|s| {
        let s = s.trim();
        !s.is_empty() && !s.starts_with("data:")
    })
}

/// The address an image really shows: lazy-loading attributes first, then `src`, then `srcset`.
pub fn image_src(dom: &Dom, img: Id) -> Option<String> {
    for key in [
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-url",
        "data-hi-res-src",
    ] {
        if let Some(v) = dom
            .attr(img, key)
            .map(str::trim)
            .filter(|v| !v.is_empty() && !v.starts_with("data:"))
        {
            return Some(v.to_string());
        }
    }
    if has_real_src(dom, img) {
        return dom.attr(img, "src").map(|s| s.trim().to_string());
    }
    for key in ["data-srcset", "srcset", "data-lazy-srcset"] {
        if let Some(best) = dom.attr(img, key).and_then(|s| {
            s.split(',')
                .filter_map(|c| c.split_whitespace().next())
                .next_back()
        }) {
            return Some(best.to_string());
        }
    }
    // `<picture><source srcset>` without a usable `src` on the image.
    let parent = dom.parent(img)?;
    if dom.name(parent) == "picture" {
        for s in dom
            .element_children(parent)
            .filter(|&s| dom.name(s) == "source")
        {
            if let Some(first) = dom
                .attr(s, "srcset")
                .and_then(|v| v.split(',').next())
                .and_then(|c| c.split_whitespace().next())
            {
                return Some(first.to_string());
            }
        }
    }
    None
}

/// `v` made absolute against `base` (unchanged when there is none, or for `#` fragments).
fn absolutize(base: Option<&str>, v: &str) -> String {
    match base {
        Some(b) if !v.trim_start().starts_with('#') && crate::urls::scheme(v.trim()).is_none() => {
            crate::urls::resolve(b, v.trim())
        }
        _ => v.to_string(),
    }
}

fn write_img(dom: &Dom, img: Id, base: Option<&str>, out: &mut String) {
    let Some(src) = image_src(dom, img) else {
        return;
    };
    out.push_str("<img");
    write_attr("src", &absolutize(base, &src), out);
    for key in ["alt", "title", "width", "height"] {
        if let Some(v) = dom.attr(img, key) {
            write_attr(key, v, out);
        }
    }
    out.push('>');
}

fn write_attr(k: &str, v: &str, out: &mut String) {
    out.push(' ');
    out.push_str(k);
    out.push_str("=\"");
    escape_html(v, out);
    out.push('"');
}

fn escape_text(t: &str, out: &mut String) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Whether an iframe address is a known video player (kept for the viewer's click-to-load card).
pub fn is_video_embed(src: &str) -> bool {
    let s = src.to_ascii_lowercase();
    [
        "youtube.com/embed/",
        "youtube-nocookie.com/embed/",
        "player.vimeo.com/video/",
    ]
    .iter()
    .any(|h| s.contains(h))
}

/// Characters of `t` with runs of white space counted once.
fn collapsed_len(t: &str) -> usize {
    let mut len = 0;
    let mut in_space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            if !in_space {
                len += 1;
            }
            in_space = true;
        } else {
            len += 1;
            in_space = false;
        }
    }
    len
}
