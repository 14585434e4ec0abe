//! The comments widget's entry (`crate::lazy::comments_widget` calls it once its chunk is in): the
//! widget's view, which goes (its requests aborted, its listeners removed) with the section.

use crate::comments::view::section::CommentsWidget;
use crate::i18n::UiLang;
use leptos::prelude::*;

/// What the comments widget is mounted with.
#[derive(Clone)]
pub struct CommentsOptions {
    /// The comments endpoint (absolute).
    pub url: String,
    /// The article id (drafts are kept per article).
    pub article_id: String,
    /// Interface language.
    pub lang: UiLang,
    /// A prefix making ids unique per viewer.
    pub id_prefix: String,
    /// The element hosting the viewer, if embedded: `comment-submitted` events go to it.
    pub host: Option<web_sys::HtmlElement>,
}

/// The widget.
pub fn widget_view(opts: CommentsOptions) -> AnyView {
    let CommentsOptions {
        url,
        article_id,
        lang,
        id_prefix,
        host,
    } = opts;
    view! { <CommentsWidget url article_id lang id_prefix host /> }.into_any()
}
