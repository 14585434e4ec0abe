//! The toolbar's Display button: a disclosure for the display panel (spacing, width, font,
//! colours, large-type printing). The panel's content is a lazy part (`panel/`), loaded the first
//! time the reader opens it, with a loading line meanwhile and Retry if it cannot be loaded.

use crate::i18n::UiLang;
use crate::lazy::{options, MountedPart, PartError};
use leptos::html::Div;
use leptos::prelude::*;

/// Name of the display panel's part, as the loaders know it.
pub const PART: &str = "panel";

/// Where the panel's part stands.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    /// Not asked for yet.
    Idle,
    /// On its way.
    Loading,
    /// Mounted in the panel.
    Ready,
    /// Could not be loaded; Retry tries again.
    Failed(PartError),
}

/// The Display button and the panel it opens.
#[component]
pub fn DisplayToggle(
    /// Interface language.
    lang: UiLang,
    /// A prefix making the ids and radio names unique per viewer.
    id_prefix: String,
    /// The print view's address, for the panel's "Print in large type".
    print_url: String,
) -> impl IntoView {
    let w = lang.words();
    let open = RwSignal::new(false);
    let part = RwSignal::new(Part::Idle);
    let panel_id = format!("{id_prefix}-display");
    let mount = NodeRef::<Div>::new();
    let panel = MountedPart::new();
    let load = move || {
        if matches!(part.get_untracked(), Part::Loading | Part::Ready) {
            return;
        }
        part.set(Part::Loading);
        let (id_prefix, print_url) = (id_prefix.clone(), print_url.clone());
        leptos::task::spawn_local(async move {
            let opts = options(&[
                ("lang", lang.tag()),
                ("idPrefix", &id_prefix),
                ("printUrl", &print_url),
            ]);
            let el = mount.get_untracked().map(|el| el.into());
            let mounted = panel.mount(PART, "mountPanel", el, &[opts.into()]).await;
            let _ = part.try_set(match mounted {
                Ok(()) => Part::Ready,
                Err(e) => Part::Failed(e),
            });
        });
    };
    let toggle = {
        let load = load.clone();
        move |_| {
            open.update(|o| *o = !*o);
            if open.get_untracked() {
                load();
            }
        }
    };
    view! {
        <div class="av-display">
            <button
                type="button"
                class="av-button"
                data-testid="av-display-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                on:click=toggle
            >
                {w.display}
            </button>
            <div
                class="av-display__panel"
                id=panel_id
                data-testid="av-display-panel"
                hidden=move || !open.get()
                aria-busy=move || (part.get() == Part::Loading).to_string()
            >
                <div class="av-display__content" node_ref=mount></div>
                {move || match part.get() {
                    Part::Loading => view! {
                        <p class="av-loading" role="status">{w.display_loading}</p>
                    }.into_any(),
                    Part::Failed(e) => {
                        let load = load.clone();
                        view! {
                            <div class="av-notice av-notice--error" role="alert" data-error-kind=e.kind()>
                                <p class="av-notice__text">{w.display_unavailable}</p>
                                <button type="button" class="av-button" on:click=move |_| load()>{w.retry}</button>
                            </div>
                        }.into_any()
                    }
                    Part::Idle | Part::Ready => ().into_any(),
                }}
            </div>
        </div>
    }
}
