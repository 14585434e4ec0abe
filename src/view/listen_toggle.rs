//! The toolbar's Listen button, where the browser can speak, and the loading of Listen's chunk
//! (`crate::listen`): when the reader presses the button, or when the toolbar scrolls out of view
//! (the compact bar lives in the same chunk). Listen, its panel and the compact bar go with the
//! view's scope: reading stops when the article changes or the viewer goes.

use crate::dom::{self, Dom, Scope};
use crate::i18n::UiLang;
use crate::lazy::{mount_listen, MountedListen};
use crate::listen::mount::ListenPlace;
use crate::observe::{when_scrolled_past, Observer};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;

/// Whether the browser can read aloud: a `speechSynthesis` object and a `SpeechSynthesisUtterance`
/// constructor (as the loader's pre-paint decides whether to show the button).
pub fn can_speak() -> bool {
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

/// One toolbar's Listen.
struct Listen {
    lang: UiLang,
    toolbar: web_sys::HtmlElement,
    article: web_sys::Element,
    status: web_sys::Element,
    button: Option<web_sys::HtmlElement>,
    state: Cell<State>,
    /// The reader pressed Listen (the panel opens once the chunk is in).
    open: Cell<bool>,
    mounted: RefCell<Option<MountedListen>>,
    watch: RefCell<Option<Observer>>,
    /// The notice shown when the chunk could not be loaded after a press.
    note: RefCell<Option<web_sys::Element>>,
}

/// Loads and mounts Listen, unless it is on its way or mounted; `press` when the reader asked.
fn load(this: &Weak<Listen>, press: bool) {
    let Some(l) = this.upgrade() else { return };
    if press {
        l.open.set(true);
    }
    if l.state.get() != State::Idle {
        return;
    }
    l.state.set(State::Loading);
    let place = ListenPlace {
        toolbar: l.toolbar.clone(),
        article: l.article.clone(),
        status: Some(l.status.clone()),
        button: l.button.clone(),
    };
    let open = l.open.get();
    drop(l);
    let this = this.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mounted = mount_listen(place, open).await;
        // When the viewer went away meanwhile, Listen is dropped (removed) here at once.
        let Some(l) = this.upgrade() else { return };
        match mounted {
            Ok(m) => {
                if let Some(note) = l.note.borrow_mut().take() {
                    note.remove();
                }
                // Pressed while the chunk was on its way.
                if l.open.get() && !open {
                    m.open();
                }
                *l.mounted.borrow_mut() = Some(m);
                l.state.set(State::Ready);
                l.watch.borrow_mut().take();
            }
            Err(_) => {
                l.state.set(State::Idle);
                // Said once, where the reader pressed; scrolling past says nothing.
                if l.open.get() && l.note.borrow().is_none() {
                    let w = l.lang.words();
                    let note = dom::text_child(
                        &l.toolbar,
                        "p",
                        &[("class", "av-notice av-notice--error"), ("role", "alert")],
                        w.listen_unavailable,
                    )
                    .ok();
                    *l.note.borrow_mut() = note;
                }
            }
        }
    });
}

/// Adds the Listen button to `toolbar` before `status` (where the browser can speak) and loads
/// Listen's chunk when it is pressed or when the toolbar scrolls out of view.
pub fn listen_toggle(
    toolbar: &web_sys::Element,
    status: &web_sys::Element,
    article: &web_sys::Element,
    lang: UiLang,
    scope: &Scope,
) -> Dom<()> {
    let w = lang.words();
    let button = if can_speak() {
        // Listen's chunk adds `aria-expanded` and `aria-controls` with the panel it controls.
        let b = dom::document()?.create_element("button")?;
        b.set_attribute("type", "button")?;
        b.set_attribute("class", "av-button")?;
        b.set_text_content(Some(w.listen));
        toolbar.insert_before(&b, Some(status))?;
        Some(b.dyn_into::<web_sys::HtmlElement>()?)
    } else {
        None
    };
    let listen = Rc::new(Listen {
        lang,
        toolbar: toolbar.clone().dyn_into()?,
        article: article.clone(),
        status: status.clone(),
        button: button.clone(),
        state: Cell::new(State::Idle),
        open: Cell::new(false),
        mounted: RefCell::new(None),
        watch: RefCell::new(None),
        note: RefCell::new(None),
    });
    if let Some(b) = &button {
        let this = Rc::downgrade(&listen);
        scope.on_click(b, move || load(&this, true));
    }
    let this = Rc::downgrade(&listen);
    *listen.watch.borrow_mut() = when_scrolled_past(toolbar, move || load(&this, false));
    scope.keep(listen);
    Ok(())
}
