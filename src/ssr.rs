//! The article as HTML, rendered natively by the same Leptos components the browser runs
//! (`RenderHtml::to_html`): what the reference server and its pre-render command send, so the
//! article reads before (and without) the wasm. The markup is the standalone page's
//! `<main class="av-main">` with its viewer, marked as the loader's pre-paint (`av-prepaint`):
//! the viewer replaces it in the task in which it shows the article, as it does the pre-paint.

use crate::config::ViewMode;
use crate::load::Loaded;
use crate::reader::prefs::Prefs;
use crate::view::article::{ArticleOptions, ArticleView};
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use leptos::prelude::*;
use std::sync::{Arc, Once};

/// Effects never run when rendering to HTML (as in Leptos' own server rendering): the executor
/// drops what it is given. Only this process's renders use it.
struct NoTasks;

impl CustomExecutor for NoTasks {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The standalone page's main element with the article `loaded`, as HTML; `page_url` is the
/// page's own address (the print view and the share links use it).
pub fn article_main(loaded: Loaded, page_url: &str) -> String {
    article_main_with(loaded, page_url, &Prefs::default())
}

/// [`article_main`] in the reader's choices `prefs`: the theme as the viewer writes it, and each
/// other changed choice as a `data-av-{key}` attribute of the viewer's root, which the article
/// pages' stylesheet turns into the custom property the viewer sets (a strict CSP refuses
/// `style=""`). Only known values come out of [`Prefs`].
pub fn article_main_with(loaded: Loaded, page_url: &str, prefs: &Prefs) -> String {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        // Already set (a process that also runs tasks): effects then run there, harmlessly.
        let _ = Executor::init_custom_executor(NoTasks);
    });
    let options = ArticleOptions {
        mode: ViewMode::Read,
        page_url: Some(page_url.to_string()),
        id_prefix: "av1".to_string(),
        comments: true,
        host: None,
    };
    let changed = prefs.changed();
    let value = |key: &str| {
        changed
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    };
    let theme = prefs.theme.key();
    let (size, line, letter, word) = (value("size"), value("line"), value("letter"), value("word"));
    let (para, width, font) = (value("para"), value("width"), value("font"));
    // The page itself is the article's address to share (its e-mail link works without script).
    let loaded = Arc::new(Loaded {
        page_url: Some(page_url.to_string()),
        ..loaded
    });
    let owner = Owner::new();
    // Untracked: nothing re-renders here (and debug builds do not warn about it).
    let html = owner.with(|| {
        untrack(|| {
            view! {
                <main class="av-main av-prepaint" data-ssr="">
                    <div
                        class="av-viewer"
                        data-view="read"
                        data-theme=theme
                        data-av-size=size
                        data-av-line=line
                        data-av-letter=letter
                        data-av-word=word
                        data-av-para=para
                        data-av-width=width
                        data-av-font=font
                    >
                        <ArticleView loaded options />
                    </div>
                </main>
            }
            .to_html()
        })
    });
    owner.cleanup();
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Loaded {
        let text = include_str!("../samples/ky-anh-2022-04-15.json");
        crate::load::prepare(text, "https://example.vn/content/ky-anh-2022-04-15.json").unwrap()
    }

    #[test]
    fn renders_the_whole_article_as_the_viewer_does() {
        let html = article_main(seed(), "https://example.vn/articles/ky-anh-2022-04-15");
        for part in [
            r#"<main data-ssr="" class="av-main av-prepaint">"#,
            r#"class="av-article""#,
            "av-article__title",
            "Ý kiến bạn đọc",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        // The body to its last paragraph, and the author line.
        let a = seed().article;
        assert!(html.contains(&a.title));
        assert!(html.contains(&a.authors[0].name));
        assert!(!html.contains("<script"));
        assert!(
            html.contains(r#"<div data-view="read" data-theme="auto" class="av-viewer">"#),
            "{html}"
        );
    }

    #[test]
    fn the_readers_choices_are_on_the_viewers_root() {
        let prefs = Prefs::from_cookie("size=200&theme=dark&line=relaxed&font=reading");
        let html = article_main_with(seed(), "https://example.vn/articles/x", &prefs);
        assert!(
            html.contains(
                r#"<div data-view="read" data-theme="dark" data-av-size="200" data-av-line="relaxed" data-av-font="reading" class="av-viewer">"#
            ),
            "{html}"
        );
    }
}
