//! The display panel's content: line spacing and colour theme, as radio groups. The viewer's
//! Display button (`article_viewer::view::display_toggle`) loads this part and mounts it.

use article_viewer::i18n::UiLang;
use article_viewer::reader::appearance::{LineSpacing, Theme};
use article_viewer::reader::store::{update_prefs, use_prefs};
use leptos::prelude::*;

/// The line spacing and theme choices.
#[component]
pub fn DisplaySettings(
    /// Interface language.
    lang: UiLang,
    /// A prefix making the ids and radio names unique per viewer.
    id_prefix: String,
) -> impl IntoView {
    let w = lang.words();
    let prefs = use_prefs();
    let spacing_name = format!("{id_prefix}-spacing");
    let theme_name = format!("{id_prefix}-theme");
    let spacing_label = move |s: LineSpacing| match s {
        LineSpacing::Compact => w.spacing_compact,
        LineSpacing::Normal => w.spacing_normal,
        LineSpacing::Relaxed => w.spacing_relaxed,
    };
    let theme_label = move |t: Theme| match t {
        Theme::Auto => w.theme_auto,
        Theme::Light => w.theme_light,
        Theme::Dark => w.theme_dark,
        Theme::Sepia => w.theme_sepia,
    };
    let spacing_options = LineSpacing::ALL
        .into_iter()
        .map(|s| {
            let prefs = prefs.clone();
            view! {
                <label class="av-choice">
                    <input
                        type="radio"
                        name=spacing_name.clone()
                        value=s.key()
                        data-testid=format!("av-spacing-{}", s.key())
                        prop:checked=move || prefs.get().spacing == s
                        on:change=move |_| update_prefs(|p| p.spacing = s)
                    />
                    {spacing_label(s)}
                </label>
            }
        })
        .collect_view();
    let theme_options = Theme::ALL
        .into_iter()
        .map(|t| {
            let prefs = prefs.clone();
            view! {
                <label class="av-choice">
                    <input
                        type="radio"
                        name=theme_name.clone()
                        value=t.key()
                        data-testid=format!("av-theme-{}", t.key())
                        prop:checked=move || prefs.get().theme == t
                        on:change=move |_| update_prefs(|p| p.theme = t)
                    />
                    {theme_label(t)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="av-display__set">
            <legend>{w.line_spacing}</legend>
            {spacing_options}
        </fieldset>
        <fieldset class="av-display__set">
            <legend>{w.theme}</legend>
            {theme_options}
        </fieldset>
    }
}
