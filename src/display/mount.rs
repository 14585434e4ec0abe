//! The display panel's entry (`crate::lazy::display_panel` calls it once its chunk is in): the
//! panel's content, with the panel's stylesheet adopted where it is shown.

use crate::display::panel::DisplaySettings;
use crate::i18n::UiLang;
use leptos::prelude::*;

/// The panel's content; its stylesheet goes to the root holding `at`.
pub fn panel_view(
    at: Option<web_sys::Element>,
    lang: UiLang,
    id_prefix: String,
    print_url: String,
) -> AnyView {
    if let Some(at) = at {
        crate::display::style::adopt(&at);
    }
    view! { <DisplaySettings lang id_prefix print_url /> }.into_any()
}
