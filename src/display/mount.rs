//! The display panel's entry (`crate::lazy::mount_display` calls it once its chunk is in): mounts
//! the panel's content; dropping what it returns unmounts it and removes its listeners.

use crate::display::panel::DisplaySettings;
use crate::i18n::UiLang;
use crate::lazy::Mounted;

/// Mounts the panel's content into `container`.
pub fn mount_panel(
    container: web_sys::HtmlElement,
    lang: UiLang,
    id_prefix: String,
    print_url: String,
) -> Mounted {
    crate::display::style::adopt(&container);
    let mounted = leptos::mount::mount_to(container, move || {
        leptos::view! { <DisplaySettings lang id_prefix print_url /> }
    });
    Box::new(mounted)
}
