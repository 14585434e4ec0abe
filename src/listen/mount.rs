//! Listen's entry (`crate::lazy::listen_views` calls it once its chunk is in): makes the views of
//! Listen and the compact bar for one article, under the current owner, for the viewer to place.
//! Reading stops when that owner is cleaned up (the article changes, the viewer goes) and when the
//! page goes away.

use crate::i18n::UiLang;
use crate::listen::player::Player;
use crate::listen::speech::synth;
use crate::listen::views::{CompactBar, ListenPanel, LiveRegion};
use crate::listen::watch::{scrolled_past, scrolling_down};
use crate::listen::words::words;
use crate::view::disclosure::Disclosure;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// What Listen's chunk makes for one article, for the viewer to place.
pub struct ListenViews {
    /// The Listen panel (play, stop, paragraphs, speed, voice), where the browser can speak: the
    /// viewer shows it in the toolbar, under its Listen button.
    pub panel: Option<AnyView>,
    /// The live region and the compact bar in their slot, for the top of the article (sticky
    /// inside it).
    pub bar: AnyView,
}

/// Makes Listen's views for the article `article` (its `lang` gives the words and the voices),
/// whose toolbar `toolbar` the compact bar follows; a player only where `speak` (the viewer shows
/// a Listen button) and the browser has speech synthesis. The panel (id `panel_id`) is shown
/// while the Listen button's disclosure `disclosure` is open.
pub fn listen_views(
    toolbar: web_sys::Element,
    article: web_sys::Element,
    speak: bool,
    disclosure: Disclosure,
    panel_id: String,
) -> ListenViews {
    crate::listen::style::adopt(&toolbar);
    let lang = article.get_attribute("lang").unwrap_or_default();
    let w = words(UiLang::from_tag(&lang));
    let player = speak
        .then(synth)
        .flatten()
        .map(|s| Player::new(s, article.clone(), lang, w));
    if let Some(player) = &player {
        // Reading stops when the page goes away (reload, navigation), and with the article.
        let p = player.clone();
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| p.stop());
        let p = SendWrapper::new(player.clone());
        on_cleanup(move || {
            pagehide.remove();
            p.free();
        });
    }
    // Escape anywhere in the open panel closes it (reading goes on) and puts focus back on the
    // Listen button.
    let panel = player.clone().map(|player| {
        view! {
            <div
                class="av-listen"
                id=panel_id
                data-testid="av-listen"
                hidden=move || !disclosure.open.get()
                on:keydown=disclosure.on_escape(|| true)
            >
                <ListenPanel player />
            </div>
        }
        .into_any()
    });
    let out: Signal<bool> = scrolled_past(&toolbar).into();
    let down: Signal<bool> = scrolling_down().into();
    let live = player.as_ref().map(|p| {
        let ui = p.ui();
        view! { <LiveRegion ui /> }
    });
    let bar = view! {
        <div class="av-bar-slot">
            {live}
            <CompactBar player words=w article out down />
        </div>
    }
    .into_any();
    ListenViews { panel, bar }
}
