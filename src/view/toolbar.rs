//! The article toolbar, as on the seed portal (`Email | Print | Aa`): share by e-mail, copy
//! link, system share, print, text size, display settings and Listen.

use crate::config::print_view_url;
use crate::dom::{self, Dom, Scope};
use crate::i18n::UiLang;
use crate::load::Loaded;
use crate::reader::mailto::share_link;
use crate::share;
use crate::view::display_toggle::display_toggle;
use crate::view::listen_toggle::listen_toggle;
use crate::view::text_size_control::text_size_control;

/// Appends the toolbar for the article `article` to `parent`; `page_url` is the standalone page
/// that renders the print view, `id_prefix` makes ids unique per viewer.
pub fn toolbar(
    parent: &web_sys::Node,
    article: &web_sys::Element,
    loaded: &Loaded,
    lang: UiLang,
    page_url: &str,
    id_prefix: &str,
    scope: &Scope,
) -> Dom<()> {
    let w = lang.words();
    let a = &loaded.article;
    let bar = dom::child(
        parent,
        "div",
        &[
            ("class", "av-toolbar"),
            ("role", "toolbar"),
            ("aria-label", w.toolbar_label),
            ("data-testid", "av-toolbar"),
            ("part", "toolbar"),
        ],
    )?;
    let group = dom::child(&bar, "div", &[("class", "av-toolbar__group")])?;
    dom::text_child(
        &group,
        "a",
        &[
            ("class", "av-button av-toolbar__email"),
            ("href", &share_link(&a.title, a.lead.as_deref(), &a.url)),
            ("aria-label", w.email_label),
            ("data-testid", "av-email"),
        ],
        w.email,
    )?;
    let copy = dom::text_child(
        &group,
        "button",
        &[
            ("type", "button"),
            ("class", "av-button"),
            ("data-testid", "av-copy-link"),
        ],
        w.copy_link,
    )?;
    if share::can_share() {
        let b = dom::text_child(
            &group,
            "button",
            &[
                ("type", "button"),
                ("class", "av-button"),
                ("data-testid", "av-share"),
            ],
            w.share,
        )?;
        let (title, text, url) = (
            a.title.clone(),
            a.lead.clone().unwrap_or_default(),
            a.url.clone(),
        );
        scope.on_click(&b, move || share::system_share(&title, &text, &url));
    }
    let print = dom::text_child(
        &group,
        "button",
        &[
            ("type", "button"),
            ("class", "av-button"),
            ("aria-label", w.print_label),
            ("data-testid", "av-print"),
        ],
        w.print,
    )?;
    let print_url = print_view_url(page_url, &loaded.json_url);
    {
        let print_url = print_url.clone();
        scope.on_click(&print, move || share::print_in_frame(&print_url));
    }
    text_size_control(&bar, lang, scope)?;
    display_toggle(&bar, lang, id_prefix, &print_url, scope)?;
    let status = dom::child(
        &bar,
        "p",
        &[
            ("class", "av-toolbar__status"),
            ("role", "status"),
            ("data-testid", "av-copy-status"),
        ],
    )?;
    listen_toggle(&bar, &status, article, lang, scope)?;
    let url = a.url.clone();
    scope.on_click(&copy, move || {
        let (url, status) = (url.clone(), status.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let ok = share::copy_text(&url).await;
            dom::clear(&status);
            let _ = if ok {
                dom::text(&status, w.copied)
            } else {
                dom::text(&status, w.copy_failed).and_then(|()| {
                    dom::text(&status, " ")?;
                    dom::text_child(&status, "span", &[("class", "av-toolbar__url")], &url)
                        .map(drop)
                })
            };
        });
    });
    Ok(())
}
