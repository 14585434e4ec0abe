//! The article itself: header, toolbar, lead, hero figure, body and byline, as semantic HTML;
//! in the print view, without toolbar and with the address and print date at the end.

use crate::config::ViewMode;
use crate::content::render::{body_view, BodyOptions};
use crate::date::{now_display, Timestamp};
use crate::host_events::Host;
use crate::i18n::UiLang;
use crate::load::Loaded;
use crate::url_policy::{allow, UrlUse};
use crate::view::comments_slot::{CommentsOptions, CommentsSlot};
use crate::view::listen_toggle::Listen;
use crate::view::toolbar::{Shared, Toolbar};
use leptos::prelude::*;
use std::sync::Arc;

/// How to show an article.
#[derive(Clone)]
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

/// `(iso, shown)` for a timestamp that parses; none else (the time is then simply left out).
fn shown_time(iso: Option<&str>, lang: UiLang) -> Option<(String, String)> {
    let iso = iso?;
    let t = Timestamp::parse(iso).ok()?;
    Some((iso.to_string(), t.display(lang)))
}

/// A loaded article and, after it, its comments section.
#[component]
pub fn ArticleView(
    /// The article and its sanitised body.
    loaded: Arc<Loaded>,
    /// How to show it.
    options: ArticleOptions,
) -> impl IntoView {
    let o = options;
    let a = &loaded.article;
    let lang = UiLang::from_tag(&a.lang);
    let w = lang.words();
    let title_id = format!("{}-title", o.id_prefix);
    let print = o.mode == ViewMode::Print;
    let listen = Listen::default();
    let toolbar = (!print).then(|| {
        let shared = Shared {
            title: a.title.clone(),
            lead: a.lead.clone(),
            // The article's page on the reference server where there is one (issue 19).
            url: loaded.page_url.clone().unwrap_or_else(|| a.url.clone()),
            json_url: loaded.json_url.clone(),
        };
        let page_url = o.page_url.clone().unwrap_or_else(current_page_url);
        let id_prefix = o.id_prefix.clone();
        view! { <Toolbar shared lang page_url id_prefix listen /> }
    });
    let published = shown_time(a.published.as_deref(), lang);
    let updated = shown_time(
        a.updated
            .as_deref()
            .filter(|u| Some(*u) != a.published.as_deref()),
        lang,
    );
    // The authors' names also stand under the title (the loader's pre-paint shows them there too).
    let author_names = a
        .authors
        .iter()
        .map(|au| au.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let meta = view! {
        <p class="av-article__meta">
            {published
                .clone()
                .map(|(iso, shown)| {
                    view! {
                        <time class="av-article__time" datetime=iso data-testid="av-published">
                            {shown}
                        </time>
                    }
                })}
            {(!author_names.is_empty())
                .then(|| {
                    view! {
                        {published.is_some().then_some(" · ")}
                        <span class="av-article__author" data-testid="av-author">
                            {author_names}
                        </span>
                    }
                })}
            {updated
                .map(|(iso, shown)| {
                    view! {
                        <span class="av-article__updated">
                            " · " {w.updated_label} " " <time datetime=iso>{shown}</time>
                        </span>
                    }
                })}
        </p>
    };
    let lead = a.lead.clone().filter(|l| !l.trim().is_empty()).map(|l| {
        view! { <p class="av-article__lead" data-testid="av-lead">{l}</p> }
    });
    let hero = a.image.as_ref().and_then(|img| {
        let src = allow(&img.src, Some(&loaded.json_url), UrlUse::Resource).ok()?;
        let caption = img.caption.as_deref().map(str::to_string).filter(|c| !c.trim().is_empty()).map(|c| {
            view! { <figcaption class="av-article__caption" data-testid="av-caption">{c}</figcaption> }
        });
        Some(view! {
            <figure class="av-article__hero" data-testid="av-hero">
                <img
                    class="av-article__hero-img"
                    src=src
                    alt=img.alt.as_deref().unwrap_or_default().to_string()
                    decoding="async"
                />
                {caption}
            </figure>
        })
    });
    let body = body_view(
        &loaded.body,
        BodyOptions {
            lang,
            lazy_images: !print,
        },
    );
    let byline = (!a.authors.is_empty()).then(|| {
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
        view! {
            <p class="av-article__byline" data-testid="av-byline">
                <span class="av-visually-hidden">{w.author_label} ": "</span>
                {names}
            </p>
        }
    });
    let source = a.source.as_ref().map(|s| {
        let name = match s
            .url
            .as_deref()
            .and_then(|u| allow(u, Some(&a.url), UrlUse::Link).ok())
        {
            Some(href) => view! {
                <a href=href rel="noopener noreferrer">{s.name.clone()}</a>
            }
            .into_any(),
            None => s.name.clone().into_any(),
        };
        view! {
            <p class="av-article__source" data-testid="av-source">{w.source_label} ": " {name}</p>
        }
    });
    let tags = (!a.tags.is_empty() && !print).then(|| {
        let items = a
            .tags
            .iter()
            .map(|t| view! { <li class="av-article__tag">{t.clone()}</li> })
            .collect_view();
        view! { <ul class="av-article__tags" aria-label=w.tags_label>{items}</ul> }
    });
    let print_footer = [
        (w.article_address, a.url.clone()),
        (w.printed_at, now_display(lang)),
    ]
    .into_iter()
    .map(|(label, value)| view! { <p class="av-print-footer__line">{label} ": " {value}</p> })
    .collect_view();
    let comments = (!print && o.comments)
        .then(|| a.comments_url())
        .flatten()
        .and_then(|u| allow(u, Some(&loaded.json_url), UrlUse::Resource).ok())
        .map(|url| {
            let opts = CommentsOptions {
                url,
                article_id: a.id.clone(),
                lang,
                id_prefix: o.id_prefix.clone(),
                host: o.host.as_ref().map(|Host(h)| h.clone()),
            };
            view! { <CommentsSlot opts /> }
        });
    let labelledby = title_id.clone();
    view! {
        <article
            class="av-article"
            lang=a.lang.clone()
            data-testid="av-article"
            aria-labelledby=labelledby
            part="article"
            node_ref=listen.article
        >
            {listen.bar_slot()}
            <header class="av-article__header">
                {a.category.clone().map(|c| view! { <p class="av-article__category">{c}</p> })}
                <h1 class="av-article__title" id=title_id data-testid="av-title" part="title" tabindex="-1">
                    {a.title.clone()}
                </h1>
                {toolbar}
                {meta}
            </header>
            {lead}
            {hero}
            <div class="av-article__body" data-testid="av-body" part="body">{body}</div>
            <footer class="av-article__footer">{byline} {source} {tags}</footer>
            <footer class="av-print-footer" data-testid="av-print-footer">{print_footer}</footer>
        </article>
        {comments}
    }
}

/// The current page's address.
fn current_page_url() -> String {
    if cfg!(not(target_arch = "wasm32")) {
        return String::new(); // rendered on the server: the caller gives the address
    }
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
