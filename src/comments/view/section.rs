//! The comments section's content ("Ý kiến bạn đọc"): heading with the count, newest/oldest
//! switch, the list and the form. It creates the controller, hands it down by context and asks
//! for the first page at once (the viewer mounts it only when the section nears the viewport).

use super::form::{CommentForm, TextArea};
use super::list::CommentList;
use crate::comments::controller::CommentsController;
use crate::comments::model::Sort;
use crate::comments::words::words;
use crate::i18n::UiLang;
use leptos::prelude::*;

/// The readers' comments of one article.
#[component]
pub fn CommentsWidget(
    /// The comments endpoint (absolute).
    url: String,
    /// The article id (drafts are kept per article).
    article_id: String,
    /// Interface language.
    lang: UiLang,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
    /// Top-level comments per page.
    #[prop(default = crate::comments::model::DEFAULT_PER_PAGE)]
    per_page: u32,
    /// The element hosting an embedded viewer (events go there), if any.
    #[prop(default = None)]
    host: Option<web_sys::HtmlElement>,
) -> impl IntoView {
    let ctl = CommentsController::new(url, &article_id, lang, per_page, host);
    provide_context(ctl);
    provide_context(TextArea(NodeRef::new()));
    ctl.start();
    let (w, cw) = (lang.words(), words(lang));
    let model = ctl.model;
    let total = Memo::new(move |_| model.with(|m| m.total));
    let sort = Memo::new(move |_| model.with(|m| m.sort));
    view! {
        <h2 class="av-comments__title" id=format!("{id_prefix}-comments-title") data-testid="av-comments-title">
            {w.comments_title}
            {move || total.get().map(|n| format!(" ({n})"))}
        </h2>
        <div class="av-comments__sort" role="group" aria-label=cw.sort_label>
            <button
                type="button"
                class="av-button av-comments__sort-button"
                data-testid="av-sort-newest"
                aria-pressed=move || (sort.get() == Sort::Newest).to_string()
                on:click=move |_| ctl.set_sort(Sort::Newest)
            >
                {cw.newest}
            </button>
            <button
                type="button"
                class="av-button av-comments__sort-button"
                data-testid="av-sort-oldest"
                aria-pressed=move || (sort.get() == Sort::Oldest).to_string()
                on:click=move |_| ctl.set_sort(Sort::Oldest)
            >
                {cw.oldest}
            </button>
        </div>
        <CommentList />
        <CommentForm id_prefix />
    }
}
