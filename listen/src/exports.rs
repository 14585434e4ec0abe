//! What the viewer calls when it loads this part: `mountListen` sets up Listen and the compact bar
//! for one viewer; `free()` on the handle stops reading and removes all of it.

use crate::blocks::{article_of, html};
use crate::player::Player;
use crate::speech::synth;
use crate::views::{CompactBar, ListenPanel, LiveRegion};
use crate::watch::{scrolled_past, scrolling_down};
use crate::words::words;
use article_viewer::i18n::UiLang;
use js_sys::Reflect;
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;

/// Runs when this module starts: a panic logs its message before the module stops.
#[wasm_bindgen(start)]
pub fn start_listen() {
    console_error_panic_hook::set_once();
}

/// Listen and the compact bar of one viewer; `free()` stops reading and removes them.
#[wasm_bindgen]
pub struct ListenHandle {
    owner: Owner,
    player: Option<Player>,
    nodes: Vec<web_sys::Element>,
    button: Option<(web_sys::HtmlElement, Closure<dyn FnMut()>)>,
    /// Escape on the Listen button (the panel's own listener goes with the panel).
    escape: Option<Closure<dyn FnMut(web_sys::Event)>>,
    _mounted: Vec<Box<dyn Any>>,
}

#[wasm_bindgen]
impl ListenHandle {
    /// Opens the Listen panel and starts reading (the toolbar's Listen button while this part
    /// was loading).
    #[wasm_bindgen(js_name = open)]
    pub fn open(&self) {
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

fn text(options: &JsValue, key: &str) -> String {
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
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

/// Sets up Listen and the compact bar for the viewer whose toolbar is `toolbar`; `button` is the
/// toolbar's Listen button (null where the browser cannot speak); `options` is
/// `{ open }` (`open: "1"` opens the panel at once). The words follow the article's language.
#[wasm_bindgen(js_name = mountListen)]
pub fn mount_listen(
    toolbar: web_sys::HtmlElement,
    button: Option<web_sys::HtmlElement>,
    options: JsValue,
) -> ListenHandle {
    let owner = Owner::new();
    let mut handle = ListenHandle {
        owner: owner.clone(),
        player: None,
        nodes: Vec::new(),
        button: None,
        escape: None,
        _mounted: Vec::new(),
    };
    let Some(article) = article_of(&toolbar) else {
        return handle;
    };
    crate::style::adopt(&toolbar);
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
                let status = toolbar.query_selector(".av-toolbar__status").ok().flatten();
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
    if text(&options, "open") == "1" {
        handle.open();
    }
    handle
}
