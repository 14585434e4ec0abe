//! The article itself: header, toolbar, lead, hero figure, body and byline, as semantic HTML;
//! in the print view, without toolbar and with the address and print date at the end.

use crate::config::ViewMode;
use crate::content::render::{render_body, BodyOptions};
use crate::date::{now_display, Timestamp};
use crate::dom::{self, Dom, Scope};
use crate::host_events::Host;
use crate::i18n::UiLang;
use crate::load::Loaded;
use crate::url_policy::{allow, UrlUse};
use crate::view::comments_slot::{comments_slot, CommentsOptions};
use crate::view::toolbar::toolbar;

/// How to show an article.
pub struct ArticleOptions {
    /// Reading or print layout.
    pub mode: ViewMode,
    /// Address of the standalone page, for the print view (the current page when `None`).
    pub page_url: Option<String>,
    /// A prefix making ids unique per viewer.
    pub id_prefix: String,
    /// Whether to show the comments section (when the article has one).
    pub comments: bool,
    /// The element hosting the viewer, if embedded (the comments widget reports to it).
    pub host: Option<Host>,
}

/// Appends a loaded article (and its comments section) to `parent`; its listeners and lazy parts
/// live as long as `scope`.
pub fn article_view(
    parent: &web_sys::Node,
    loaded: &Loaded,
    o: &ArticleOptions,
    scope: &Scope,
) -> Dom<()> {
    let a = &loaded.article;
    let lang = UiLang::from_tag(&a.lang);
    let w = lang.words();
    let title_id = format!("{}-title", o.id_prefix);
    let print = o.mode == ViewMode::Print;
    let article = dom::child(
        parent,
        "article",
        &[
            ("class", "av-article"),
            ("lang", &a.lang),
            ("data-testid", "av-article"),
            ("aria-labelledby", &title_id),
            ("part", "article"),
        ],
    )?;
    let header = dom::child(&article, "header", &[("class", "av-article__header")])?;
    if let Some(c) = &a.category {
        dom::text_child(&header, "p", &[("class", "av-article__category")], c)?;
    }
    dom::text_child(
        &header,
        "h1",
        &[
            ("class", "av-article__title"),
            ("id", &title_id),
            ("data-testid", "av-title"),
            ("part", "title"),
        ],
        &a.title,
    )?;
    if !print {
        let page_url = o.page_url.clone().unwrap_or_else(current_page_url);
        toolbar(
            &header,
            &article,
            loaded,
            lang,
            &page_url,
            &o.id_prefix,
            scope,
        )?;
    }
    let meta = dom::child(&header, "p", &[("class", "av-article__meta")])?;
    // No date (absent or unreadable): the time is simply left out.
    let published = a
        .published
        .as_deref()
        .and_then(|iso| Timestamp::parse(iso).ok().map(|t| (iso, t.display(lang))));
    if let Some((iso, shown)) = &published {
        dom::text_child(
            &meta,
            "time",
            &[
                ("class", "av-article__time"),
                ("datetime", iso),
                ("data-testid", "av-published"),
            ],
            shown,
        )?;
    }
    // The authors' names also stand under the title (the loader's pre-paint shows them there too).
    let author_names = a
        .authors
        .iter()
        .map(|au| au.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !author_names.is_empty() {
        if published.is_some() {
            dom::text(&meta, " · ")?;
        }
        dom::text_child(
            &meta,
            "span",
            &[
                ("class", "av-article__author"),
                ("data-testid", "av-author"),
            ],
            &author_names,
        )?;
    }
    let updated = a
        .updated
        .as_deref()
        .filter(|u| Some(*u) != a.published.as_deref());
    if let Some((iso, shown)) =
        updated.and_then(|u| Timestamp::parse(u).ok().map(|t| (u, t.display(lang))))
    {
        let span = dom::child(&meta, "span", &[("class", "av-article__updated")])?;
        dom::text(&span, " · ")?;
        dom::text(&span, w.updated_label)?;
        dom::text(&span, " ")?;
        dom::text_child(&span, "time", &[("datetime", iso)], &shown)?;
    }
    if let Some(l) = a.lead.as_deref().filter(|l| !l.trim().is_empty()) {
        dom::text_child(
            &article,
            "p",
            &[("class", "av-article__lead"), ("data-testid", "av-lead")],
            l,
        )?;
    }
    if let Some((img, src)) = a.image.as_ref().and_then(|img| {
        allow(&img.src, Some(&loaded.json_url), UrlUse::Resource)
            .ok()
            .map(|src| (img, src))
    }) {
        let figure = dom::child(
            &article,
            "figure",
            &[("class", "av-article__hero"), ("data-testid", "av-hero")],
        )?;
        dom::child(
            &figure,
            "img",
            &[
                ("class", "av-article__hero-img"),
                ("src", &src),
                ("alt", img.alt.as_deref().unwrap_or_default()),
                ("decoding", "async"),
            ],
        )?;
        if let Some(c) = img.caption.as_deref().filter(|c| !c.trim().is_empty()) {
            dom::text_child(
                &figure,
                "figcaption",
                &[
                    ("class", "av-article__caption"),
                    ("data-testid", "av-caption"),
                ],
                c,
            )?;
        }
    }
    let body = dom::child(
        &article,
        "div",
        &[
            ("class", "av-article__body"),
            ("data-testid", "av-body"),
            ("part", "body"),
        ],
    )?;
    let body_options = BodyOptions {
        lang,
        lazy_images: !print,
    };
    render_body(&body, &loaded.body, body_options, scope)?;
    let footer = dom::child(&article, "footer", &[("class", "av-article__footer")])?;
    if !a.authors.is_empty() {
        let names = a
            .authors
            .iter()
            .map(
                |au| match au.org.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
                    Some(org) => format!("{} ({org})", au.name),
                    None => au.name.clone(),
                },
            )
            .collect::<Vec<_>>()
            .join(", ");
        let p = dom::child(
            &footer,
            "p",
            &[
                ("class", "av-article__byline"),
                ("data-testid", "av-byline"),
            ],
        )?;
        let hidden = dom::text_child(
            &p,
            "span",
            &[("class", "av-visually-hidden")],
            w.author_label,
        )?;
        dom::text(&hidden, ": ")?;
        dom::text(&p, &names)?;
    }
    if let Some(s) = &a.source {
        let p = dom::text_child(
            &footer,
            "p",
            &[
                ("class", "av-article__source"),
                ("data-testid", "av-source"),
            ],
            w.source_label,
        )?;
        dom::text(&p, ": ")?;
        match s
            .url
            .as_deref()
            .and_then(|u| allow(u, Some(&a.url), UrlUse::Link).ok())
        {
            Some(h) => {
                dom::text_child(
                    &p,
                    "a",
                    &[("href", &h), ("rel", "noopener noreferrer")],
                    &s.name,
                )?;
            }
            None => dom::text(&p, &s.name)?,
        }
    }
    if !a.tags.is_empty() && !print {
        let ul = dom::child(
            &footer,
            "ul",
            &[("class", "av-article__tags"), ("aria-label", w.tags_label)],
        )?;
        for t in &a.tags {
            dom::text_child(&ul, "li", &[("class", "av-article__tag")], t)?;
        }
    }
    let print_footer = dom::child(
        &article,
        "footer",
        &[
            ("class", "av-print-footer"),
            ("data-testid", "av-print-footer"),
        ],
    )?;
    for (label, value) in [
        (w.article_address, a.url.clone()),
        (w.printed_at, now_display(lang)),
    ] {
        let p = dom::text_child(
            &print_footer,
            "p",
            &[("class", "av-print-footer__line")],
            label,
        )?;
        dom::text(&p, ": ")?;
        dom::text(&p, &value)?;
    }
    let comments_url = (!print && o.comments)
        .then(|| a.comments_url())
        .flatten()
        .and_then(|u| allow(u, Some(&loaded.json_url), UrlUse::Resource).ok());
    if let Some(url) = comments_url {
        comments_slot(
            parent,
            CommentsOptions {
                url,
                article_id: a.id.clone(),
                lang,
                id_prefix: o.id_prefix.clone(),
                host: o.host.as_ref().map(|Host(h)| h.clone()),
            },
            scope,
        )?;
    }
    Ok(())
}

/// The current page's address.
fn current_page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
