//! The toolbar's Display button: a disclosure for the display panel (spacing, width, font,
//! colours, large-type printing). The panel's content is a lazy chunk (`crate::display`), loaded the
//! first time the reader opens it, with a loading line meanwhile and Retry if it cannot be loaded.

use crate::dom::{self, Dom, Scope};
use crate::i18n::UiLang;
use crate::lazy::{mount_display, PartError, PartHandle};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;

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

/// One Display button and its panel.
struct Display {
    lang: UiLang,
    id_prefix: String,
    /// The print view's address, for the panel's "Print in large type".
    print_url: String,
    open: Cell<bool>,
    part: RefCell<Part>,
    button: web_sys::Element,
    panel: web_sys::Element,
    content: web_sys::Element,
    /// The loading line or the error notice shown after the part's mount point, if any.
    status: RefCell<Option<web_sys::Element>>,
    /// The Retry button's listener.
    status_scope: Scope,
    handle: PartHandle,
}

impl Display {
    fn set_open(&self, open: bool) {
        self.open.set(open);
        let _ = self
            .button
            .set_attribute("aria-expanded", dom::bool_str(open));
        dom::toggle_attr(&self.panel, "hidden", !open);
    }

    fn set_part(self: &Rc<Self>, part: Part) {
        let w = self.lang.words();
        let _ = self
            .panel
            .set_attribute("aria-busy", dom::bool_str(part == Part::Loading));
        self.status_scope.clear();
        if let Some(old) = self.status.borrow_mut().take() {
            old.remove();
        }
        let shown = match &part {
            Part::Loading => dom::text_child(
                &self.panel,
                "p",
                &[("class", "av-loading"), ("role", "status")],
                w.display_loading,
            )
            .ok(),
            Part::Failed(e) => self.failed(e).ok(),
            Part::Idle | Part::Ready => None,
        };
        *self.status.borrow_mut() = shown;
        *self.part.borrow_mut() = part;
    }

    fn failed(self: &Rc<Self>, e: &PartError) -> Dom<web_sys::Element> {
        let w = self.lang.words();
        let notice = dom::child(
            &self.panel,
            "div",
            &[
                ("class", "av-notice av-notice--error"),
                ("role", "alert"),
                ("data-error-kind", e.kind()),
            ],
        )?;
        dom::text_child(
            &notice,
            "p",
            &[("class", "av-notice__text")],
            w.display_unavailable,
        )?;
        let retry = dom::text_child(
            &notice,
            "button",
            &[("type", "button"), ("class", "av-button")],
            w.retry,
        )?;
        let this = Rc::downgrade(self);
        self.status_scope.on_click(&retry, move || load(&this));
        Ok(notice)
    }
}

/// Loads and mounts the panel's part, unless it is loading or mounted already.
fn load(this: &Weak<Display>) {
    let Some(d) = this.upgrade() else { return };
    if matches!(*d.part.borrow(), Part::Loading | Part::Ready) {
        return;
    }
    d.set_part(Part::Loading);
    let Ok(content) = d.content.clone().dyn_into::<web_sys::HtmlElement>() else {
        d.set_part(Part::Failed(PartError::Missing));
        return;
    };
    let (lang, id_prefix, print_url) = (d.lang, d.id_prefix.clone(), d.print_url.clone());
    drop(d);
    let this = this.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mounted = mount_display(content, lang, id_prefix, print_url).await;
        // When the viewer went away meanwhile, the part is dropped (unmounted) here at once.
        let Some(d) = this.upgrade() else { return };
        d.set_part(match mounted {
            Ok(mounted) => {
                d.handle.set(mounted);
                Part::Ready
            }
            Err(e) => Part::Failed(e),
        });
    });
}

/// Appends the Display button and the panel it opens to `parent`; `print_url` is the print view's
/// address, for the panel's "Print in large type".
pub fn display_toggle(
    parent: &web_sys::Node,
    lang: UiLang,
    id_prefix: &str,
    print_url: &str,
    scope: &Scope,
) -> Dom<()> {
    let w = lang.words();
    let panel_id = format!("{id_prefix}-display");
    let root = dom::child(parent, "div", &[("class", "av-display")])?;
    let button = dom::text_child(
        &root,
        "button",
        &[
            ("type", "button"),
            ("class", "av-button"),
            ("data-testid", "av-display-toggle"),
            ("aria-expanded", "false"),
            ("aria-controls", &panel_id),
        ],
        w.display,
    )?;
    let panel = dom::child(
        &root,
        "div",
        &[
            ("class", "av-display__panel"),
            ("id", &panel_id),
            ("data-testid", "av-display-panel"),
            ("hidden", ""),
            ("aria-busy", "false"),
        ],
    )?;
    let content = dom::child(&panel, "div", &[("class", "av-display__content")])?;
    let display = Rc::new(Display {
        lang,
        id_prefix: id_prefix.to_string(),
        print_url: print_url.to_string(),
        open: Cell::new(false),
        part: RefCell::new(Part::Idle),
        button: button.clone(),
        panel,
        content,
        status: RefCell::new(None),
        status_scope: Scope::new(),
        handle: PartHandle::default(),
    });
    let this = Rc::downgrade(&display);
    scope.on_click(&button, move || {
        let Some(d) = this.upgrade() else { return };
        d.set_open(!d.open.get());
        if d.open.get() {
            load(&this);
        }
    });
    // Escape, on the button or anywhere in the open panel, closes it and puts focus back on the
    // button; handled here, it goes no further (a host's dialog around the viewer stays open).
    let this = Rc::downgrade(&display);
    scope.on(&root, "keydown", move |ev| {
        let Some(d) = this.upgrade() else { return };
        if d.open.get() && dom::is_escape(&ev) {
            ev.prevent_default();
            ev.stop_propagation();
            d.set_open(false);
            dom::focus(&d.button);
        }
    });
    scope.keep(display);
    Ok(())
}
