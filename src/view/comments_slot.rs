//! Where the readers' comments go: a heading and a loading line until the comments widget (a lazy
//! chunk, see `crate::lazy`) has loaded, which happens when the section nears the
//! viewport. The widget then mounts inside and owns the section's content.

pub use crate::comments::mount::CommentsOptions;
use crate::dom::{self, Dom, Scope};
use crate::lazy::{mount_comments, PartError, PartHandle};
use crate::observe::when_near;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;

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

/// One comments section.
struct CommentsSlot {
    opts: CommentsOptions,
    slot: RefCell<Slot>,
    section: web_sys::Element,
    heading: web_sys::Element,
    mount: web_sys::Element,
    /// The loading line or the error notice after the mount point.
    status: RefCell<Option<web_sys::Element>>,
    /// The Retry button's listener.
    status_scope: Scope,
    widget: PartHandle,
}

impl CommentsSlot {
    fn set(self: &Rc<Self>, slot: Slot) {
        let w = self.opts.lang.words();
        let state = match slot {
            Slot::Waiting => "waiting",
            Slot::Loading => "loading",
            Slot::Mounted => "mounted",
            Slot::Failed(_) => "failed",
        };
        let _ = self.section.set_attribute("data-state", state);
        if slot == Slot::Mounted {
            self.heading.remove();
        } else if !self.heading.is_connected() {
            let _ = self.section.insert_before(&self.heading, Some(&self.mount));
        }
        self.status_scope.clear();
        if let Some(old) = self.status.borrow_mut().take() {
            old.remove();
        }
        let shown = match &slot {
            Slot::Waiting | Slot::Loading => dom::text_child(
                &self.section,
                "p",
                &[
                    ("class", "av-loading"),
                    ("role", "status"),
                    ("data-testid", "av-comments-loading"),
                ],
                w.comments_loading,
            )
            .ok(),
            Slot::Failed(e) => self.failed(e).ok(),
            Slot::Mounted => None,
        };
        *self.status.borrow_mut() = shown;
        *self.slot.borrow_mut() = slot;
    }

    fn failed(self: &Rc<Self>, e: &PartError) -> Dom<web_sys::Element> {
        let w = self.opts.lang.words();
        let notice = dom::child(
            &self.section,
            "div",
            &[
                ("class", "av-notice av-notice--error"),
                ("role", "alert"),
                ("data-testid", "av-comments-part-error"),
            ],
        )?;
        dom::text_child(
            &notice,
            "p",
            &[("class", "av-notice__text"), ("data-error-kind", e.kind())],
            w.comments_unavailable,
        )?;
        let retry = dom::text_child(
            &notice,
            "button",
            &[
                ("type", "button"),
                ("class", "av-button"),
                ("data-testid", "av-comments-part-retry"),
            ],
            w.retry,
        )?;
        let this = Rc::downgrade(self);
        self.status_scope.on_click(&retry, move || start(&this));
        Ok(notice)
    }
}

/// Loads and mounts the widget, unless it is loading or mounted already.
fn start(this: &Weak<CommentsSlot>) {
    let Some(c) = this.upgrade() else { return };
    if matches!(*c.slot.borrow(), Slot::Loading | Slot::Mounted) {
        return;
    }
    c.set(Slot::Loading);
    let Ok(mount) = c.mount.clone().dyn_into::<web_sys::HtmlElement>() else {
        c.set(Slot::Failed(PartError::Missing));
        return;
    };
    let opts = c.opts.clone();
    drop(c);
    let this = this.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mounted = mount_comments(mount, opts).await;
        // When the viewer went away meanwhile, the widget is dropped (unmounted) here at once.
        let Some(c) = this.upgrade() else { return };
        c.set(match mounted {
            Ok(mounted) => {
                c.widget.set(mounted);
                Slot::Mounted
            }
            Err(e) => Slot::Failed(e),
        });
    });
}

/// Appends the comments section of one article to `parent`; the widget loads when it is near.
pub fn comments_slot(parent: &web_sys::Node, opts: CommentsOptions, scope: &Scope) -> Dom<()> {
    let w = opts.lang.words();
    let heading_id = format!("{}-comments-title", opts.id_prefix);
    let section = dom::child(
        parent,
        "section",
        &[
            ("class", "av-comments"),
            ("aria-labelledby", &heading_id),
            ("data-testid", "av-comments"),
            ("part", "comments"),
        ],
    )?;
    let heading = dom::text_child(
        &section,
        "h2",
        &[("class", "av-comments__title"), ("id", &heading_id)],
        w.comments_title,
    )?;
    let mount = dom::child(&section, "div", &[("class", "av-comments__mount")])?;
    let slot = Rc::new(CommentsSlot {
        opts,
        slot: RefCell::new(Slot::Waiting),
        section: section.clone(),
        heading,
        mount,
        status: RefCell::new(None),
        status_scope: Scope::new(),
        widget: PartHandle::default(),
    });
    slot.set(Slot::Waiting);
    let this = Rc::downgrade(&slot);
    if let Some(observer) = when_near(&section, 800, move || start(&this)) {
        scope.keep(observer);
    }
    scope.keep(slot);
    Ok(())
}
