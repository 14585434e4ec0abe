//! Where the readers' comments go: a heading and a loading line until the comments widget (a lazy
//! part of its own, see `crate::lazy`) has loaded, which happens when the section nears the
//! viewport or the browser is idle. The widget then mounts inside and owns the section's content.

use crate::host_events::{use_host, Host};
use crate::i18n::UiLang;
use crate::lazy::{options, MountedPart, PartError};
use crate::observe::when_near;
use leptos::html::{Div, Section};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Name of the comments widget's part, as the loaders know it.
pub const PART: &str = "comments";

/// Where the slot stands.
#[derive(Clone, Debug, PartialEq)]
enum Slot {
    /// Not near the viewport yet.
    Waiting,
    /// The widget's files are on their way.
    Loading,
    /// The widget is mounted and shows itself.
    Mounted,
    /// The widget could not be loaded; Retry tries again.
    Failed(PartError),
}

/// The comments section of one article; the widget itself loads lazily.
#[component]
pub fn CommentsSlot(
    /// The comments endpoint (absolute).
    url: String,
    /// The article id (drafts are kept per article).
    article_id: String,
    /// Interface language.
    lang: UiLang,
    /// A prefix making ids unique per viewer.
    id_prefix: String,
) -> impl IntoView {
    let w = lang.words();
    let heading_id = format!("{id_prefix}-comments-title");
    let labelled_by = heading_id.clone();
    let section = NodeRef::<Section>::new();
    let mount = NodeRef::<Div>::new();
    let slot = RwSignal::new(Slot::Waiting);
    let widget = MountedPart::new();
    let host = use_host();
    let start = move || {
        if matches!(slot.get_untracked(), Slot::Loading | Slot::Mounted) {
            return;
        }
        slot.set(Slot::Loading);
        let (url, article_id, id_prefix, host) = (
            url.clone(),
            article_id.clone(),
            id_prefix.clone(),
            host.clone(),
        );
        leptos::task::spawn_local(async move {
            let host = host.map_or(JsValue::NULL, |Host(h)| JsValue::from(h.take()));
            let opts = options(&[
                ("url", &url),
                ("articleId", &article_id),
                ("lang", lang.tag()),
                ("idPrefix", &id_prefix),
            ]);
            let el = mount.get_untracked().map(|el| el.into());
            let mounted = widget
                .mount(PART, "mountComments", el, &[host, opts.into()])
                .await;
            let _ = slot.try_set(match mounted {
                Ok(()) => Slot::Mounted,
                Err(e) => Slot::Failed(e),
            });
        });
    };
    let start_near = start.clone();
    Effect::new(move |_| {
        if let Some(el) = section.get() {
            let start = start_near.clone();
            when_near(&el, 800, start);
        }
    });
    let retry = move |_| start();

    view! {
        <section
            class="av-comments"
            node_ref=section
            aria-labelledby=labelled_by
            data-testid="av-comments"
            data-state=move || match slot.get() {
                Slot::Waiting => "waiting",
                Slot::Loading => "loading",
                Slot::Mounted => "mounted",
                Slot::Failed(_) => "failed",
            }
            part="comments"
        >
            {move || (slot.get() != Slot::Mounted).then(|| view! {
                <h2 class="av-comments__title" id=heading_id.clone()>{w.comments_title}</h2>
            })}
            <div class="av-comments__mount" node_ref=mount></div>
            {move || match slot.get() {
                Slot::Waiting | Slot::Loading => view! {
                    <p class="av-loading" role="status" data-testid="av-comments-loading">{w.comments_loading}</p>
                }.into_any(),
                Slot::Failed(e) => {
                    let retry = retry.clone();
                    view! {
                        <div class="av-notice av-notice--error" role="alert" data-testid="av-comments-part-error">
                            <p class="av-notice__text" data-error-kind=e.kind()>{w.comments_unavailable}</p>
                            <button type="button" class="av-button" data-testid="av-comments-part-retry" on:click=retry>
                                {w.retry}
                            </button>
                        </div>
                    }.into_any()
                }
                Slot::Mounted => ().into_any(),
            }}
        </section>
    }
}
