//! The article itself: header, toolbar, lead, hero figure, body and byline, as semantic HTML;
//! in the print view, without toolbar and with the address and print date at the end.

use crate::components::comments_slot::CommentsSlot;
use crate::components::toolbar::Toolbar;
use crate::config::ViewMode;
use crate::content::render::render_body;
use crate::date::{now_display, Timestamp};
use crate::i18n::UiLang;
use crate::load::Loaded;
use crate::url_policy::{allow, UrlUse};
use leptos::prelude::*;
use std::rc::Rc;

/// Renders a loaded article.
#[component]
pub fn ArticleView(
    /// The article and its sanitised body.
    loaded: Rc<Loaded>,
    /// Reading or print layout.
    #[prop(optional)]
    mode: ViewMode,
    /// Address of the standalone page, for the print view (the current page by default).
    #[prop(default = None)]
    page_url: Option<String>,
    /// A prefix making ids unique per viewer.
    #[prop(default = None)]
    id_prefix: Option<String>,
    /// Whether to show the comments section (when the article has one).
    #[prop(default = true)]
    comments: bool,
) -> impl IntoView {
    let a = &loaded.article;
    let lang = UiLang::from_tag(&a.lang);
    // The body's own pieces (video cards, table boxes) speak the article's language.
    provide_context(lang);
    let w = lang.words();
    let id_prefix = id_prefix.unwrap_or_else(|| "av".to_string());
    let title_id = format!("{id_prefix}-title");
    let labelled_by = title_id.clone();
    let print = mode == ViewMode::Print;
    let published = Timestamp::parse(&a.published).ok().map(|t| t.display(lang));
    let updated = a
        .updated
        .as_deref()
        .filter(|u| *u != a.published)
        .and_then(|u| {
            Timestamp::parse(u)
                .ok()
                .map(|t| (u.to_string(), t.display(lang)))
        });
    let hero = a.image.as_ref().and_then(|img| {
        let src = allow(&img.src, Some(&loaded.json_url), UrlUse::Resource).ok()?;
        Some(view! {
            <figure class="av-article__hero" data-testid="av-hero">
                <img
                    class="av-article__hero-img"
                    src=src
                    alt=img.alt.clone().unwrap_or_default()
                    decoding="async"
                />
                {img
                    .caption
                    .clone()
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| {
                        view! {
                            <figcaption class="av-article__caption" data-testid="av-caption">
                                {c}
                            </figcaption>
                        }
                    })}
            </figure>
        })
    });
    // The authors' names also stand under the title (the loader's pre-paint shows them there too).
    let author_names = (!a.authors.is_empty())
        .then(|| {
            a.authors
                .iter()
                .map(|au| au.name.trim())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|n| !n.is_empty());
    let byline = (!a.authors.is_empty()).then(|| {
        let names = a
            .authors
            .iter()
            .map(
                |au| match au.org.as_deref().filter(|o| !o.trim().is_empty()) {
                    Some(org) => format!("{} ({})", au.name, org.trim()),
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
    let source = a.source.clone().map(|s| {
        let href = s.url.as_deref().and_then(|u| allow(u, Some(&a.url), UrlUse::Link).ok());
        view! {
            <p class="av-article__source" data-testid="av-source">
                {w.source_label} ": "
                {match href {
                    Some(h) => view! { <a href=h rel="noopener noreferrer">{s.name.clone()}</a> }.into_any(),
                    None => s.name.clone().into_any(),
                }}
            </p>
        }
    });
    let tags = (!a.tags.is_empty() && !print).then(|| {
        view! {
            <ul class="av-article__tags" aria-label=w.tags_label>
                {a.tags.iter().map(|t| view! { <li class="av-article__tag">{t.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let toolbar = (!print).then(|| {
        let page_url = page_url.clone().unwrap_or_else(current_page_url);
        view! { <Toolbar loaded=Rc::clone(&loaded) lang page_url id_prefix=id_prefix.clone() /> }
    });
    let canonical = a.url.clone();
    let comments = (!print && comments)
        .then(|| a.comments_url())
        .flatten()
        .and_then(|u| allow(u, Some(&loaded.json_url), UrlUse::Resource).ok())
        .map(|url| {
            view! { <CommentsSlot url article_id=a.id.clone() lang id_prefix=id_prefix.clone() /> }
        });
    view! {
        <article class="av-article" lang=a.lang.clone() data-testid="av-article" aria-labelledby=labelled_by part="article">
            <header class="av-article__header">
                {a.category.clone().map(|c| view! { <p class="av-article__category">{c}</p> })}
                <h1 class="av-article__title" id=title_id data-testid="av-title" part="title">{a.title.clone()}</h1>
                {toolbar}
                <p class="av-article__meta">
                    <time class="av-article__time" datetime=a.published.clone() data-testid="av-published">
                        {published}
                    </time>
                    {author_names.map(|names| view! {
                        " · " <span class="av-article__author" data-testid="av-author">{names}</span>
                    })}
                    {updated.map(|(iso, shown)| view! {
                        <span class="av-article__updated">
                            " · " {w.updated_label} " "
                            <time datetime=iso>{shown}</time>
                        </span>
                    })}
                </p>
            </header>
            {a.lead.clone().filter(|l| !l.trim().is_empty()).map(|l| view! {
                <p class="av-article__lead" data-testid="av-lead">{l}</p>
            })}
            {hero}
            <div class="av-article__body" data-testid="av-body" part="body">{render_body(&loaded.body, !print)}</div>
            <footer class="av-article__footer">{byline} {source} {tags}</footer>
            <footer class="av-print-footer" data-testid="av-print-footer">
                <p class="av-print-footer__line">{w.article_address} ": " {canonical}</p>
                <p class="av-print-footer__line">{w.printed_at} ": " {now_display(lang)}</p>
            </footer>
        </article>
        {comments}
    }
}

/// The current page's address without query or fragment.
fn current_page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
