//! Listen's entry (`crate::lazy::mount_listen` calls it once its chunk is in): sets up Listen and
//! the compact bar for one viewer; dropping what it returns stops reading and removes all of it.

use crate::i18n::UiLang;
use crate::listen::blocks::html;
use crate::listen::player::Player;
use crate::listen::speech::synth;
use crate::listen::views::{CompactBar, ListenPanel, LiveRegion};
use crate::listen::watch::{scrolled_past, scrolling_down};
use crate::listen::words::words;
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Listen and the compact bar of one viewer; dropping it stops reading and removes them.
pub struct ListenHandle {
    owner: Owner,
    player: Option<Player>,
    nodes: Vec<web_sys::Element>,
    button: Option<(web_sys::HtmlElement, Closure<dyn FnMut()>)>,
    /// Escape on the Listen button (the panel's own listener goes with the panel).
    escape: Option<Closure<dyn FnMut(web_sys::Event)>>,
    _mounted: Vec<Box<dyn Any>>,
}

impl crate::lazy::ListenControl for ListenHandle {
    fn open(&self) {
        if let Some((button, _)) = &self.button {
            if button.get_attribute("aria-expanded").as_deref() != Some("true") {
                button.click();
            }
        }
    }
}

impl Drop for ListenHandle {
    fn drop(&mut self) {
        if let Some(player) = &self.player {
            player.free();
        }
        if let Some((button, cb)) = self.button.take() {
            let _ =
                button.remove_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
            if let Some(escape) = self.escape.take() {
                let _ = button.remove_event_listener_with_callback(
                    "keydown",
                    escape.as_ref().unchecked_ref(),
                );
            }
            let _ = button.set_attribute("aria-expanded", "false");
        }
        self._mounted.clear();
        for node in &self.nodes {
            node.remove();
        }
        self.owner.cleanup();
    }
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// An id prefix unique on the page.
fn next_id() -> String {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        format!("av-listen{id}")
    })
}

fn element(tag: &str, class: &str) -> Option<web_sys::HtmlElement> {
    let el = web_sys::window()?.document()?.create_element(tag).ok()?;
    el.set_class_name(class);
    html(&el)
}

/// Where Listen goes in one viewer: its toolbar (the compact bar follows it), the article it reads,
/// the toolbar's status line (the panel goes just before it) and its Listen button (none where the
/// browser cannot speak).
pub struct ListenPlace {
    /// The viewer's toolbar.
    pub toolbar: web_sys::HtmlElement,
    /// The article element (`.av-article`, with its `lang`).
    pub article: web_sys::Element,
    /// The toolbar's status line.
    pub status: Option<web_sys::Element>,
    /// The toolbar's Listen button.
    pub button: Option<web_sys::HtmlElement>,
}

/// Sets up Listen and the compact bar for one viewer; `open` opens the panel at once. The words
/// follow the article's language.
pub fn mount_listen(place: ListenPlace, open: bool) -> ListenHandle {
    let ListenPlace {
        toolbar,
        article,
        status,
        button,
    } = place;
    let owner = Owner::new();
    let mut handle = ListenHandle {
        owner: owner.clone(),
        player: None,
        nodes: Vec::new(),
        button: None,
        escape: None,
        _mounted: Vec::new(),
    };
    crate::listen::style::adopt(&toolbar);
    let article_lang = article.get_attribute("lang").unwrap_or_default();
    let w = words(UiLang::from_tag(&article_lang));
    let id_prefix = next_id();
    owner.with(|| {
        let synth = button.as_ref().and_then(|_| synth());
        let player = synth.map(|s| Player::new(s, article.clone(), article_lang, w));
        // The Listen panel, in the toolbar under its buttons, opened by the toolbar's button.
        if let (Some(player), Some(button)) = (&player, &button) {
            if let Some(panel) = element("div", "av-listen") {
                let panel_id = format!("{id_prefix}-panel");
                panel.set_id(&panel_id);
                panel.set_hidden(true);
                let _ = panel.set_attribute("data-testid", "av-listen");
                let _ = toolbar.insert_before(&panel, status.as_ref().map(|s| s.as_ref()));
                let _ = button.set_attribute("aria-controls", &panel_id);
                let _ = button.set_attribute("aria-expanded", "false");
                let _ = button.set_attribute("data-testid", "av-listen-toggle");
                let (panel_el, button_el) = (panel.clone(), button.clone());
                let toggle = Closure::<dyn FnMut()>::new(move || {
                    let open = panel_el.hidden();
                    panel_el.set_hidden(!open);
                    let _ = button_el.set_attribute("aria-expanded", &open.to_string());
                });
                let _ = button
                    .add_event_listener_with_callback("click", toggle.as_ref().unchecked_ref());
                handle.button = Some((button.clone(), toggle));
                // Escape, on the button or anywhere in the open panel, closes it (reading goes
                // on) and puts focus back on the button; handled here, it goes no further.
                let (panel_el, button_el) = (panel.clone(), button.clone());
                let escape =
                    Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                        let escape = ev
                            .dyn_ref::<web_sys::KeyboardEvent>()
                            .is_some_and(|k| k.key() == "Escape");
                        if escape && !panel_el.hidden() {
                            ev.prevent_default();
                            ev.stop_propagation();
                            panel_el.set_hidden(true);
                            let _ = button_el.set_attribute("aria-expanded", "false");
                            let _ = button_el.focus();
                        }
                    });
                for target in [&panel, button] {
                    let _ = target.add_event_listener_with_callback(
                        "keydown",
                        escape.as_ref().unchecked_ref(),
                    );
                }
                handle.escape = Some(escape);
                let p = player.clone();
                let mounted = leptos::mount::mount_to(
                    panel.clone(),
                    move || view! { <ListenPanel player=p /> },
                );
                handle._mounted.push(Box::new(mounted));
                handle.nodes.push(panel.into());
            }
        }
        // The compact bar and the live region, at the top of the article, sticky inside it.
        if let Some(slot) = element("div", "av-bar-slot") {
            let _ = article.prepend_with_node_1(&slot);
            let out: Signal<bool> = scrolled_past(&toolbar).into();
            let down: Signal<bool> = scrolling_down().into();
            let p = player.clone();
            let ui = player.as_ref().map(Player::ui);
            let mounted = leptos::mount::mount_to(slot.clone(), move || {
                view! {
                    {ui.map(|ui| view! { <LiveRegion ui /> })}
                    <CompactBar player=p words=w out down />
                }
            });
            handle._mounted.push(Box::new(mounted));
            handle.nodes.push(slot.into());
        }
        // Reading stops when the page goes away (reload, navigation).
        if let Some(player) = &player {
            let p = player.clone();
            let pagehide = window_event_listener(leptos::ev::pagehide, move |_| p.stop());
            on_cleanup(move || pagehide.remove());
        }
        handle.player = player;
    });
    if open {
        crate::lazy::ListenControl::open(&handle);
    }
    handle
}
