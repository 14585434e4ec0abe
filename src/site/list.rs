//! The list of a site's articles (`/articles/`): newest first, with each article's title, time,
//! picture and lead. The reference server renders it to HTML with these components
//! (`crate::ssr::list_main`) and the standalone app renders the same markup when a reader comes
//! back to the list.

use super::words::site_words;
use crate::date::Timestamp;
use crate::i18n::UiLang;
use article_viewer_wire::index::{ArticleIndex, ArticleSummary};
use leptos::prelude::*;
use std::sync::Arc;

/// The id of the list's heading (the focus goes there when a reader arrives on the list).
pub const LIST_HEADING_ID: &str = "av-list-title";

/// The tab title of a page of the list ("Bài viết", "Bài viết · trang 2/3").
pub fn list_title(index: &ArticleIndex, lang: UiLang) -> String {
    let w = site_words(lang);
    if index.page > 1 {
        format!("{} · {}", w.articles, (w.page_of)(index.page, index.pages))
    } else {
        w.articles.to_string()
    }
}

/// One article of the list.
#[component]
fn Card(item: ArticleSummary, lang: UiLang) -> impl IntoView {
    let time = item.published.as_deref().and_then(|p| {
        Timestamp::parse(p)
            .ok()
            .map(|t| (p.trim().to_string(), t.display(lang)))
    });
    view! {
        <li class="av-list__item">
            <article class="av-card" lang=item.lang.clone()>
                <h2 class="av-card__title">
                    <a class="av-card__link" href=item.href.clone()>{item.title.clone()}</a>
                </h2>
                {time.map(|(iso, shown)| view! {
                    <p class="av-card__time"><time datetime=iso>{shown}</time></p>
                })}
                {item.image.clone().map(|src| view! {
                    <img class="av-card__image" src=src alt="" loading="lazy" decoding="async" />
                })}
                {item.lead.clone().map(|lead| view! { <p class="av-card__lead">{lead}</p> })}
            </article>
        </li>
    }
}

/// One page of the list: its heading (which takes the focus when `focusable`), the articles and
/// the links to the newer and older pages.
#[component]
pub fn ArticleList(
    /// The page of the list.
    index: Arc<ArticleIndex>,
    /// The interface language.
    lang: UiLang,
) -> impl IntoView {
    let w = site_words(lang);
    let summary = if index.pages > 1 {
        format!(
            "{} · {}",
            (w.count)(index.total),
            (w.page_of)(index.page, index.pages)
        )
    } else {
        (w.count)(index.total)
    };
    let items = index.items.clone();
    let empty = items
        .is_empty()
        .then(|| view! { <p class="av-list__empty">{w.empty}</p> });
    let pages = (index.prev.is_some() || index.next.is_some()).then(|| {
        view! {
            <nav class="av-list__pages" aria-label=w.pages>
                {index.prev.clone().map(|href| view! {
                    <a class="av-list__page" rel="prev" href=href>{w.newer}</a>
                })}
                {index.next.clone().map(|href| view! {
                    <a class="av-list__page" rel="next" href=href>{w.older}</a>
                })}
            </nav>
        }
    });
    view! {
        <section class="av-list" aria-labelledby=LIST_HEADING_ID data-testid="av-list">
            <h1 class="av-list__title" id=LIST_HEADING_ID tabindex="-1">{w.articles}</h1>
            <p class="av-list__count">{summary}</p>
            {empty}
            <ol class="av-list__items">
                {items.into_iter().map(|item| view! { <Card item lang /> }).collect_view()}
            </ol>
            {pages}
        </section>
    }
}
