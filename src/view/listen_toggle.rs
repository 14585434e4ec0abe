//! The toolbar's Listen button, where the browser can speak, and the loading of Listen's chunk
//! (`crate::listen`): when the reader presses the button, or when the toolbar scrolls out of view
//! (the compact bar lives in the same chunk). Listen, its panel and the compact bar go with this
//! view's owner: reading stops when the article changes or the viewer goes.

use crate::i18n::UiLang;
use crate::lazy::{mount_listen, MountedListen};
use crate::listen::mount::ListenPlace;
use crate::observe::{when_scrolled_past, Observer};
use leptos::prelude::*;

/// Whether the browser can read aloud: a `speechSynthesis` object and a `SpeechSynthesisUtterance`
/// constructor (as the loader's pre-paint decides whether to show the button).
pub fn can_speak() -> bool {
    if cfg!(not(target_arch = "wasm32")) {
        return false; // rendered on the server: no browser
    }
    let global = js_sys::global();
    let get = |name: &str| js_sys::Reflect::get(&global, &name.into()).unwrap_or_default();
    get("speechSynthesis").is_object() && get("SpeechSynthesisUtterance").is_function()
}

/// Where Listen's chunk stands for one toolbar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Not asked for (again after a failure).
    Idle,
    /// On its way.
    Loading,
    /// Mounted.
    Ready,
}

/// One toolbar's Listen: its button and what loads the chunk.
#[derive(Clone, Copy)]
struct Listen {
    toolbar: NodeRef<leptos::html::Div>,
    article: NodeRef<leptos::html::Article>,
    status: NodeRef<leptos::html::P>,
    button: NodeRef<leptos::html::Button>,
    state: RwSignal<State>,
    /// The reader pressed Listen (the panel opens once the chunk is in).
    open: RwSignal<bool>,
    /// The chunk could not be loaded after a press: said once, where the reader pressed.
    failed: RwSignal<bool>,
    mounted: StoredValue<Option<MountedListen>, LocalStorage>,
    watch: StoredValue<Option<Observer>, LocalStorage>,
}

impl Listen {
    /// Loads and mounts Listen, unless it is on its way or mounted; `press` when the reader asked.
    fn load(self, press: bool) {
        if press {
            self.open.set(true);
        }
        if self.state.get_untracked() != State::Idle {
            return;
        }
        let (Some(toolbar), Some(article)) =
            (self.toolbar.get_untracked(), self.article.get_untracked())
        else {
            return;
        };
        self.state.set(State::Loading);
        let place = ListenPlace {
            toolbar: toolbar.into(),
            article: article.into(),
            status: self.status.get_untracked().map(Into::into),
            button: self.button.get_untracked().map(Into::into),
        };
        let open = self.open.get_untracked();
        leptos::task::spawn_local(async move {
            let mounted = mount_listen(place, open).await;
            // When the viewer went away meanwhile, Listen is dropped (removed) here at once.
            match mounted {
                Ok(m) => {
                    // Pressed while the chunk was on its way.
                    if self.open.try_get_untracked() == Some(true) && !open {
                        m.open();
                    }
                    if self.mounted.try_set_value(Some(m)).is_none() {
                        self.failed.set(false);
                        self.state.set(State::Ready);
                        self.watch.set_value(None);
                    }
                }
                Err(_) => {
                    self.state.try_set(State::Idle);
                    if self.open.try_get_untracked() == Some(true) {
                        self.failed.try_set(true);
                    }
                }
            }
        });
    }
}

/// The Listen button (where the browser can speak) and the loading of Listen's chunk for the
/// toolbar `toolbar` of the article `article`; Listen's panel goes before `status`.
#[component]
pub fn ListenToggle(
    /// Interface language.
    lang: UiLang,
    /// The toolbar.
    toolbar: NodeRef<leptos::html::Div>,
    /// The article Listen reads.
    article: NodeRef<leptos::html::Article>,
    /// The toolbar's status line.
    status: NodeRef<leptos::html::P>,
) -> impl IntoView {
    let w = lang.words();
    let listen = Listen {
        toolbar,
        article,
        status,
        button: NodeRef::new(),
        state: RwSignal::new(State::Idle),
        open: RwSignal::new(false),
        failed: RwSignal::new(false),
        mounted: StoredValue::new_local(None),
        watch: StoredValue::new_local(None),
    };
    toolbar.on_load(move |el| {
        let watch = when_scrolled_past(&el, move || listen.load(false));
        listen.watch.set_value(watch);
    });
    // Listen's chunk adds `aria-expanded` and `aria-controls` with the panel it controls.
    let button = can_speak().then(|| {
        view! {
            <button
                type="button"
                class="av-button"
                node_ref=listen.button
                on:click=move |_| listen.load(true)
            >
                {w.listen}
            </button>
        }
    });
    view! {
        {button}
        {move || {
            listen
                .failed
                .get()
                .then(|| {
                    view! {
                        <p class="av-notice av-notice--error" role="alert">
                            {w.listen_unavailable}
                        </p>
                    }
                })
        }}
    }
}
