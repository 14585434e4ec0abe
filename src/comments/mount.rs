//! The comments widget's entry (`crate::lazy::mount_comments` calls it once its chunk is in):
//! mounts the widget into the comments section; dropping what it returns unmounts it, aborting its
//! requests and removing its listeners.

use crate::comments::view::section::CommentsWidget;
use crate::i18n::UiLang;
use crate::lazy::Mounted;

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

/// Mounts the widget into `container`.
pub fn mount_comments(container: web_sys::HtmlElement, opts: CommentsOptions) -> Mounted {
    let CommentsOptions {
        url,
        article_id,
        lang,
        id_prefix,
        host,
    } = opts;
    let mounted = leptos::mount::mount_to(container, move || {
        leptos::view! { <CommentsWidget url article_id lang id_prefix host /> }
    });
    Box::new(mounted)
}
