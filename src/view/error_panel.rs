//! The panel shown when an article cannot be loaded: a plain sentence and a Retry button.

use crate::dom::{self, Dom, Scope};
use crate::i18n::UiLang;
use crate::load::LoadError;

/// Appends the panel for `error` in the interface language to `parent`, with a button that calls
/// `on_retry` (for as long as `scope` lives).
pub fn error_panel(
    parent: &web_sys::Node,
    error: &LoadError,
    lang: UiLang,
    scope: &Scope,
    on_retry: impl Fn() + 'static,
) -> Dom<web_sys::Element> {
    let w = lang.words();
    let section = dom::child(
        parent,
        "section",
        &[
            ("class", "av-error"),
            ("role", "alert"),
            ("data-testid", "av-error"),
            ("data-error-kind", error.kind()),
            ("aria-labelledby", "av-error-title"),
        ],
    )?;
    dom::text_child(
        &section,
        "h2",
        &[("class", "av-error__title"), ("id", "av-error-title")],
        w.error_title,
    )?;
    dom::text_child(
        &section,
        "p",
        &[
            ("class", "av-error__message"),
            ("data-testid", "av-error-message"),
        ],
        error.message(lang),
    )?;
    if let Some(d) = error.detail(lang) {
        let p = dom::text_child(&section, "p", &[("class", "av-error__detail")], w.details)?;
        dom::text(&p, ": ")?;
        dom::text(&p, &d)?;
    }
    let retry = dom::text_child(
        &section,
        "button",
        &[
            ("type", "button"),
            ("class", "av-button av-error__retry"),
            ("data-testid", "av-retry"),
        ],
        w.retry,
    )?;
    scope.on_click(&retry, on_retry);
    Ok(section)
}
