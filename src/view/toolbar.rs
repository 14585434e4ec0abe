//! The article toolbar, as on the seed portal (`Email | Print | Aa`): share by e-mail, print, then
//! copy link, system share, text size, display settings and Listen. Where the row does not fit
//! (style/viewer.css names the width) those are behind one "Aa" button, so the row stays one.

use crate::config::print_view_url;
use crate::i18n::UiLang;
use crate::reader::mailto::share_link;
use crate::share;
use crate::view::disclosure::Disclosure;
use crate::view::display_toggle::DisplayToggle;
use crate::view::listen_toggle::{Listen, ListenToggle};
use crate::view::text_size_control::TextSizeControl;
use leptos::prelude::*;

/// What the toolbar acts on: the article's title, lead and address, and its JSON's address.
#[derive(Clone, Debug)]
pub struct Shared {
    /// The article's title.
    pub title: String,
    /// The article's lead, if any.
    pub lead: Option<String>,
    /// The article's address.
    pub url: String,
    /// The address its JSON came from (the print view loads it again).
    pub json_url: String,
}

/// What "Copy link" last said.
#[derive(Clone, Debug, PartialEq)]
enum Copied {
    /// Nothing yet.
    Nothing,
    /// The address is on the clipboard.
    Done,
    /// The clipboard refused: the address is shown to copy by hand.
    Failed(String),
}

/// The toolbar of one article; `page_url` is the standalone page that renders the print view,
/// `id_prefix` makes ids unique per viewer, `listen` is the article's Listen (its panel goes under
/// the buttons).
#[component]
pub fn Toolbar(
    /// What the toolbar acts on.
    shared: Shared,
    /// Interface language.
    lang: UiLang,
    /// The standalone page's address.
    page_url: String,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
    /// The article's Listen.
    listen: Listen,
) -> impl IntoView {
    let w = lang.words();
    let Shared {
        title,
        lead,
        url,
        json_url,
    } = shared;
    let mailto = share_link(&title, lead.as_deref(), &url);
    let print_url = print_view_url(&page_url, &json_url);
    let copied = RwSignal::new(Copied::Nothing);
    let aa = Disclosure::default();
    let tools_id = format!("{id_prefix}-tools");
    // Escape in the open tools closes them and puts focus back on "Aa"; where "Aa" is not shown
    // (a wide row), there is nothing to close.
    let on_keydown = aa.on_escape(move || {
        aa.button
            .get_untracked()
            .is_some_and(|b| b.offset_parent().is_some())
    });
    let system_share = share::can_share().then(|| {
        let (title, text, url) = (title.clone(), lead.clone().unwrap_or_default(), url.clone());
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
    });
    let copy = move |_| {
        let url = url.clone();
        leptos::task::spawn_local(async move {
            let ok = share::copy_text(&url).await;
            copied.try_set(if ok {
                Copied::Done
            } else {
                Copied::Failed(url)
            });
        });
    };
    let print = {
        let print_url = print_url.clone();
        move |_| share::print_in_frame(&print_url)
    };
    view! {
        <div class="av-toolbar-box">
            <div
                class="av-toolbar"
                role="toolbar"
                aria-label=w.toolbar_label
                data-testid="av-toolbar"
                part="toolbar"
                node_ref=listen.toolbar
            >
                <div class="av-toolbar__group">
                    <a
                        class="av-button av-toolbar__email"
                        href=mailto
                        aria-label=w.email_label
                        data-testid="av-email"
                    >
                        {w.email}
                    </a>
                    <button
                        type="button"
                        class="av-button"
                        aria-label=w.print_label
                        data-testid="av-print"
                        on:click=print
                    >
                        {w.print}
                    </button>
                </div>
                <button
                    type="button"
                    class="av-button av-toolbar__aa"
                    data-testid="av-aa"
                    aria-expanded=aa.expanded()
                    aria-controls=tools_id.clone()
                    node_ref=aa.button
                    on:click=move |_| {
                        aa.toggle();
                    }
                >
                    "Aa"
                    <span class="av-visually-hidden">" " {w.more_tools}</span>
                </button>
                <div
                    class="av-toolbar__tools"
                    id=tools_id
                    data-testid="av-tools"
                    data-open=move || aa.open.get().then_some("")
                    on:keydown=on_keydown
                >
                    <div class="av-toolbar__group">
                        <button
                            type="button"
                            class="av-button"
                            data-testid="av-copy-link"
                            on:click=copy
                        >
                            {w.copy_link}
                        </button>
                        {system_share}
                    </div>
                    <TextSizeControl lang />
                    <DisplayToggle lang id_prefix print_url />
                    <ListenToggle lang listen />
                </div>
                {listen.panel_slot()}
                <p class="av-toolbar__status" role="status" data-testid="av-copy-status">
                    {move || match copied.get() {
                        Copied::Nothing => None,
                        Copied::Done => Some(w.copied.into_any()),
                        Copied::Failed(url) => {
                            Some(
                                view! {
                                    {w.copy_failed}
                                    " "
                                    <span class="av-toolbar__url">{url}</span>
                                }
                                    .into_any(),
                            )
                        }
                    }}
                </p>
            </div>
        </div>
    }
}
