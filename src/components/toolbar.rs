//! The article toolbar, as on the seed portal (`Email | Print | Aa`): share by e-mail, copy
//! link, system share, print, text size and display settings.

use crate::components::display_toggle::DisplayToggle;
use crate::components::text_size_control::TextSizeControl;
use crate::config::print_view_url;
use crate::i18n::UiLang;
use crate::load::Loaded;
use crate::reader::mailto::share_link;
use crate::share;
use leptos::prelude::*;
use std::rc::Rc;

/// What the copy-link button last did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// The toolbar for one article.
#[component]
pub fn Toolbar(
    /// The article.
    loaded: Rc<Loaded>,
    /// Interface language.
    lang: UiLang,
    /// Address of the standalone page that renders the print view.
    page_url: String,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
) -> impl IntoView {
    let w = lang.words();
    let a = &loaded.article;
    let mailto = share_link(&a.title, a.lead.as_deref(), &a.url);
    let url = a.url.clone();
    let copy_state = RwSignal::new(CopyState::Idle);
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                let ok = share::copy_text(&url).await;
                copy_state.set(if ok {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
            });
        }
    };
    let can_share = share::can_share();
    let share_data = (
        a.title.clone(),
        a.lead.clone().unwrap_or_default(),
        url.clone(),
    );
    let print_url = print_view_url(&page_url, &loaded.json_url);
    view! {
        <div class="av-toolbar" role="toolbar" aria-label=w.toolbar_label data-testid="av-toolbar" part="toolbar">
            <div class="av-toolbar__group">
                <a class="av-button av-toolbar__email" href=mailto aria-label=w.email_label data-testid="av-email">
                    {w.email}
                </a>
                <button type="button" class="av-button" data-testid="av-copy-link" on:click=copy>
                    {w.copy_link}
                </button>
                {can_share.then(|| {
                    let (title, text, url) = share_data.clone();
                    view! {
                        <button
                            type="button"
                            class="av-button"
                            data-testid="av-share"
                            on:click=move |_| share::system_share(&title, &text, &url)
                        >
                            {w.share}
                        </button>
                    }
                })}
                <button
                    type="button"
                    class="av-button"
                    aria-label=w.print_label
                    data-testid="av-print"
                    on:click={
                        let print_url = print_url.clone();
                        move |_| share::print_in_frame(&print_url)
                    }
                >
                    {w.print}
                </button>
            </div>
            <TextSizeControl lang />
            <DisplayToggle lang id_prefix print_url />
            <p class="av-toolbar__status" role="status" data-testid="av-copy-status">
                {move || match copy_state.get() {
                    CopyState::Idle => ().into_any(),
                    CopyState::Copied => w.copied.into_any(),
                    CopyState::Failed => view! { {w.copy_failed} " " <span class="av-toolbar__url">{url.clone()}</span> }.into_any(),
                }}
            </p>
        </div>
    }
}
