//! Listen in the viewer: the toolbar's Listen button (where the browser can speak), the loading of
//! Listen's chunk (`crate::listen`) when the reader presses it or when the toolbar scrolls out of
//! view (the compact bar lives in the same chunk), and the two places where the chunk's views go:
//! the panel in the toolbar, the compact bar at the top of the article. What the chunk makes goes
//! with this view's owner: reading stops when the article changes or the viewer goes.

use crate::i18n::UiLang;
use crate::lazy::listen_views;
use crate::listen::mount::ListenViews;
use crate::observe::{when_scrolled_past, Observer};
use crate::view::disclosure::Disclosure;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use std::cell::Cell;

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

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Where Listen's chunk stands for one article.
#[derive(Clone, Copy, Debug)]
enum State {
    /// Not asked for (again after a failure).
    Idle,
    /// On its way.
    Loading,
    /// In, with a panel (`true`) where the browser can speak.
    Ready(bool),
}

/// One article's Listen: the elements it reads and follows, its panel's disclosure, and where its
/// chunk stands. Made by the article view, handed to the toolbar.
#[derive(Clone, Copy)]
pub struct Listen {
    /// The toolbar (the compact bar shows when it is out of view).
    pub toolbar: NodeRef<leptos::html::Div>,
    /// The article Listen reads.
    pub article: NodeRef<leptos::html::Article>,
    /// The Listen button and whether its panel is shown.
    panel: Disclosure,
    /// Makes the panel's id (`av-listenN-panel`) unique on the page.
    id: u32,
    state: RwSignal<State>,
    /// The reader pressed Listen: the panel opens once the chunk is in.
    pressed: RwSignal<bool>,
    /// The chunk could not be loaded after a press: said once, where the reader pressed.
    failed: RwSignal<bool>,
    /// The chunk's panel, until it is placed.
    panel_view: StoredValue<Option<AnyView>, LocalStorage>,
    /// The chunk's compact bar and live region, until they are placed.
    bar_view: StoredValue<Option<AnyView>, LocalStorage>,
    watch: StoredValue<Option<Observer>, LocalStorage>,
}

impl Default for Listen {
    fn default() -> Self {
        Listen {
            toolbar: NodeRef::new(),
            article: NodeRef::new(),
            panel: Disclosure::default(),
            id: NEXT_ID.with(|n| n.replace(n.get() + 1)),
            state: RwSignal::new(State::Idle),
            pressed: RwSignal::new(false),
            failed: RwSignal::new(false),
            panel_view: StoredValue::new_local(None),
            bar_view: StoredValue::new_local(None),
            watch: StoredValue::new_local(None),
        }
    }
}

impl Listen {
    /// The panel's id.
    fn panel_id(self) -> String {
        format!("av-listen{}-panel", self.id)
    }

    /// Loads the chunk and makes its views under the current owner, unless it is on its way or
    /// in; `speak` gives it a player, `press` opens the panel once it is in.
    fn load(self, speak: bool, press: bool) {
        if press {
            self.pressed.set(true);
        }
        if !matches!(self.state.get_untracked(), State::Idle) {
            return;
        }
        let (Some(toolbar), Some(article)) =
            (self.toolbar.get_untracked(), self.article.get_untracked())
        else {
            return;
        };
        self.state.set(State::Loading);
        // Cancelled when the owner goes first (the article changed meanwhile).
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let views = listen_views(
                toolbar.into(),
                article.into(),
                speak,
                self.panel,
                self.panel_id(),
            );
            match views.await {
                Ok(ListenViews { panel, bar }) => {
                    let has_panel = panel.is_some();
                    self.watch.set_value(None);
                    self.failed.set(false);
                    self.panel
                        .open
                        .set(has_panel && self.pressed.get_untracked());
                    self.panel_view.set_value(panel);
                    self.bar_view.set_value(Some(bar));
                    self.state.set(State::Ready(has_panel));
                }
                Err(_) => {
                    self.state.set(State::Idle);
                    if self.pressed.get_untracked() {
                        self.failed.set(true);
                    }
                }
            }
        });
    }

    /// The view in `slot` once the chunk is in, taken out of it: a view is placed once (the
    /// chunk comes in once).
    fn placed(self, slot: StoredValue<Option<AnyView>, LocalStorage>) -> Option<AnyView> {
        matches!(self.state.get(), State::Ready(_))
            .then(|| slot.try_update_value(Option::take).flatten())
            .flatten()
    }

    /// Where the Listen panel goes (in the toolbar, under its buttons), once the chunk is in.
    pub fn panel_slot(self) -> impl IntoView {
        move || self.placed(self.panel_view)
    }

    /// Where the compact bar and Listen's live region go (the top of the article, sticky inside
    /// it), once the chunk is in.
    pub fn bar_slot(self) -> impl IntoView {
        move || self.placed(self.bar_view)
    }
}

/// The Listen button (where the browser can speak) and the loading of Listen's chunk.
#[component]
pub fn ListenToggle(
    /// Interface language.
    lang: UiLang,
    /// The article's Listen.
    listen: Listen,
) -> impl IntoView {
    let w = lang.words();
    let speak = can_speak();
    // The observer calls back outside any owner: the chunk's views are made under this one.
    let owner = Owner::current().map(|o| o.downgrade());
    listen.toolbar.on_load(move |el| {
        let watch = when_scrolled_past(&el, move || {
            if let Some(owner) = owner.as_ref().and_then(WeakOwner::upgrade) {
                owner.with(|| listen.load(speak, false));
            }
        });
        listen.watch.set_value(watch);
    });
    let panel = listen.panel;
    // Escape on the button closes the panel (the panel itself closes on Escape too).
    let on_keydown = panel.on_escape(|| true);
    let button = speak.then(|| {
        view! {
            <button
                type="button"
                class="av-button"
                data-testid="av-listen-toggle"
                aria-expanded=panel.expanded()
                aria-controls=listen.panel_id()
                node_ref=panel.button
                on:click=move |_| match listen.state.get_untracked() {
                    State::Ready(true) => {
                        panel.toggle();
                    }
                    State::Ready(false) => {}
                    State::Idle | State::Loading => listen.load(speak, true),
                }
                on:keydown=on_keydown
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
