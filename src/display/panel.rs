//! The display panel's content: line, letter, word and paragraph spacing, text width, font and
//! colour theme as radio groups, then "Print in large type" and a reset. The viewer's Display
//! button (`crate::view::display_toggle`) loads this part and mounts it.
//!
//! Each radio announces its own state when the reader moves to it (a group is one tab stop, the
//! arrow keys choose); only the reset, which changes many groups at once, says so in a status line.

use crate::config::large_print_url;
use crate::display::settings::{reset_display, settings, Setting};
use crate::display::words::panel_words;
use crate::i18n::UiLang;
use crate::reader::store::use_settings;
use crate::share::print_in_frame;
use leptos::prelude::*;

/// One setting as a `<fieldset>` of radios.
#[component]
fn SettingGroup(
    /// The setting.
    setting: Setting,
    /// A prefix making the radio names unique per viewer.
    id_prefix: String,
    /// Cleared on every change (the reset's message no longer holds).
    reset_said: RwSignal<bool>,
) -> impl IntoView {
    let settings = use_settings();
    let name = format!("{id_prefix}-{}", setting.name);
    let (get, set) = (setting.get, setting.set);
    let options = setting
        .keys
        .iter()
        .zip(setting.labels)
        .enumerate()
        .map(|(i, (key, label))| {
            let (shown, change) = (settings.clone(), settings.clone());
            view! {
                <label class="av-choice">
                    <input
                        type="radio"
                        name=name.clone()
                        value=*key
                        data-testid=format!("av-{}-{key}", setting.name)
                        prop:checked=move || get(&shown.get()) == i
                        on:change=move |_| {
                            reset_said.set(false);
                            change.update(|p| set(p, i));
                        }
                    />
                    {*label}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="av-display__set" data-testid=format!("av-set-{}", setting.name)>
            <legend>{setting.legend}</legend>
            {options}
        </fieldset>
    }
}

/// Every display setting, large-type printing and the reset.
#[component]
pub fn DisplaySettings(
    /// Interface language.
    lang: UiLang,
    /// A prefix making the ids and radio names unique per viewer.
    id_prefix: String,
    /// The print view's address (empty: no large-type printing offered).
    #[prop(optional)]
    print_url: String,
) -> impl IntoView {
    let w = panel_words(lang);
    let reset_said = RwSignal::new(false);
    let prefs = use_settings();
    let groups = settings(w)
        .into_iter()
        .map(|setting| {
            let id_prefix = id_prefix.clone();
            view! { <SettingGroup setting id_prefix reset_said /> }
        })
        .collect_view();
    let hint_id = format!("{id_prefix}-print-large-hint");
    let print = (!print_url.is_empty()).then(|| {
        let describedby = hint_id.clone();
        view! {
            <div class="av-display__action">
                <button
                    type="button"
                    class="av-button"
                    data-testid="av-print-large"
                    aria-describedby=describedby
                    on:click=move |_| {
                        let prefs = use_settings().get_untracked();
                        print_in_frame(&large_print_url(&print_url, &prefs));
                    }
                >
                    {w.print_large}
                </button>
                <p class="av-display__hint" id=hint_id>{w.print_large_hint}</p>
            </div>
        }
    });
    view! {
        {groups}
        <div class="av-display__actions">
            {print}
            <div class="av-display__action">
                <button
                    type="button"
                    class="av-button"
                    data-testid="av-display-reset"
                    on:click=move |_| {
                        prefs.update(|p| *p = reset_display(p));
                        reset_said.set(true);
                    }
                >
                    {w.reset}
                </button>
            </div>
            <p class="av-display__status" role="status" data-testid="av-display-status">
                {move || reset_said.get().then_some(w.reset_done)}
            </p>
        </div>
    }
}
