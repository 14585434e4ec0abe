//! The "Aa" group: A−, A (reset) and A+, with the current size announced to screen readers.

use crate::dom::{self, Dom, Scope};
use crate::i18n::UiLang;
use crate::reader::store::{subscribe, update_prefs};
use crate::reader::text_size::TextSize;
use wasm_bindgen::JsValue;

/// One button: class, test id, visible text, the rest of its name, and what it does to the size.
type Button<'a> = (&'a str, &'a str, &'a str, &'a str, fn(TextSize) -> TextSize);

/// Appends the A−/A/A+ buttons acting on the page-wide text size to `parent`.
pub fn text_size_control(parent: &web_sys::Node, lang: UiLang, scope: &Scope) -> Dom<()> {
    let w = lang.words();
    // aria-disabled (not `disabled`) keeps keyboard focus on the button at the ends. The names start
    // with the visible text ("A+ Tăng cỡ chữ"), so voice control users can say what they see.
    let group = dom::child(
        parent,
        "div",
        &[
            ("class", "av-toolbar__group av-size"),
            ("role", "group"),
            ("aria-label", w.text_size),
            ("data-testid", "av-size"),
        ],
    )?;
    let buttons: [Button; 3] = [
        (
            "av-button av-size__button",
            "av-size-down",
            "A−",
            w.smaller,
            TextSize::decrease,
        ),
        (
            "av-button av-size__button",
            "av-size-reset",
            "A",
            w.reset_size,
            |_| TextSize::default(),
        ),
        (
            "av-button av-size__button av-size__button--larger",
            "av-size-up",
            "A+",
            w.larger,
            TextSize::increase,
        ),
    ];
    let mut made = Vec::with_capacity(3);
    for (class, testid, shown, name, change) in buttons {
        let b = dom::text_child(
            &group,
            "button",
            &[
                ("type", "button"),
                ("class", class),
                ("data-testid", testid),
            ],
            shown,
        )?;
        let hidden = dom::child(&b, "span", &[("class", "av-visually-hidden")])?;
        dom::text(&hidden, " ")?;
        dom::text(&hidden, name)?;
        scope.on_click(&b, move || update_prefs(|p| p.size = change(p.size)));
        made.push(b);
    }
    let output = dom::child(
        &group,
        "output",
        &[
            ("class", "av-size__value"),
            ("aria-live", "polite"),
            ("data-testid", "av-size-value"),
        ],
    )?;
    let hidden = dom::text_child(
        &output,
        "span",
        &[("class", "av-visually-hidden")],
        w.text_size,
    )?;
    dom::text(&hidden, " ")?;
    let value = dom::document()?.create_text_node("");
    output.append_child(&value)?;
    let [down, _, up] = <[web_sys::Element; 3]>::try_from(made).map_err(|_| JsValue::NULL)?;
    scope.keep(subscribe(move |p| {
        let _ = down.set_attribute("aria-disabled", dom::bool_str(!p.size.can_decrease()));
        let _ = up.set_attribute("aria-disabled", dom::bool_str(!p.size.can_increase()));
        let shown = format!("{} %", p.size.percent());
        if value.data() != shown {
            value.set_data(&shown);
        }
    }));
    Ok(())
}
