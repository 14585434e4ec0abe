//! The article as HTML, rendered natively by the same Leptos components the browser runs
//! (`RenderHtml::to_html`): what the reference server and its pre-render command send, so the
//! article reads before (and without) the wasm. The markup is the standalone page's
//! `<main class="av-main">` with its viewer, marked as the loader's pre-paint (`av-prepaint`):
//! the viewer replaces it in the task in which it shows the article, as it does the pre-paint.

use crate::config::ViewMode;
use crate::i18n::UiLang;
use crate::load::Loaded;
use crate::reader::prefs::Prefs;
use crate::site::list::ArticleList;
use crate::view::article::{ArticleOptions, ArticleView};
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use article_viewer_wire::index::ArticleIndex;
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

/// Renders `view` to HTML in an owner of its own, with no effects run.
fn render<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        // Already set (a process that also runs tasks): effects then run there, harmlessly.
        let _ = Executor::init_custom_executor(NoTasks);
    });
    let owner = Owner::new();
    // Untracked: nothing re-renders here (and debug builds do not warn about it).
    let html = owner.with(|| untrack(|| view().to_html()));
    owner.cleanup();
    html
}

/// The served page's main element (the loader's pre-paint) with the viewer's root of class
/// `class` around `inner`, as HTML. The reader's choices `prefs` are on the root: the theme as the
/// viewer writes it, and each other changed choice as a `data-av-{key}` attribute, which the
/// pages' stylesheet turns into the custom property the viewer sets (a strict CSP refuses
/// `style=""`). Only known values come out of [`Prefs`].
fn served_main<V: RenderHtml + 'static>(
    class: &'static str,
    prefs: &Prefs,
    inner: impl FnOnce() -> V,
) -> String {
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
    render(move || {
        view! {
            <main class="av-main av-prepaint" data-ssr="">
                <div
                    class=class
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
                    {inner()}
                </div>
            </main>
        }
    })
}

/// The list page's main element with one page of the list of articles, as HTML.
pub fn list_main(index: ArticleIndex, lang: UiLang) -> String {
    list_main_with(index, lang, &Prefs::default())
}

/// [`list_main`] in the reader's choices `prefs` (as [`article_main_with`]).
pub fn list_main_with(index: ArticleIndex, lang: UiLang, prefs: &Prefs) -> String {
    let index = Arc::new(index);
    served_main("av-viewer av-site", prefs, move || {
        view! { <ArticleList index lang /> }
    })
}

/// The standalone page's main element with the article `loaded`, as HTML; `page_url` is the
/// page's own address (the print view and the share links use it).
pub fn article_main(loaded: Loaded, page_url: &str) -> String {
    article_main_with(loaded, page_url, &Prefs::default())
}

/// [`article_main`] in the reader's choices `prefs` (on the viewer's root, see `served_main`).
pub fn article_main_with(loaded: Loaded, page_url: &str, prefs: &Prefs) -> String {
    let options = ArticleOptions {
        mode: ViewMode::Read,
        page_url: Some(page_url.to_string()),
        id_prefix: "av1".to_string(),
        comments: true,
        host: None,
    };
    // The page itself is the article's address to share (its e-mail link works without script).
    let loaded = Arc::new(Loaded {
        page_url: Some(page_url.to_string()),
        ..loaded
    });
    served_main("av-viewer", prefs, move || {
        view! { <ArticleView loaded options /> }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_viewer_wire::index::ArticleSummary;

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

    #[test]
    fn renders_the_list_with_escaped_fields() {
        let item = ArticleSummary {
            id: "a".into(),
            href: "https://x.vn/articles/a?b=1&c=\"2\"".into(),
            src: "https://x.vn/content/a.json".into(),
            title: "Tiêu đề </h2><script>alert(1)</script>".into(),
            published: Some("2022-04-18T17:09:00+07:00".into()),
            lead: Some("Mở đầu & <b>".into()),
            image: Some("https://x.vn/a.jpg".into()),
            lang: Some("vi".into()),
        };
        let index = ArticleIndex {
            items: vec![item],
            page: 1,
            pages: 2,
            total: 21,
            href: "https://x.vn/articles/".into(),
            prev: None,
            next: Some("https://x.vn/articles/page/2".into()),
        };
        let html = list_main(index, UiLang::Vi);
        for part in [
            "id=\"av-list-title\" tabindex=\"-1\" class=\"av-list__title\">Bài viết</h1>",
            "21 bài viết · trang 1/2",
            "href=\"https://x.vn/articles/a?b=1&amp;c=&quot;2&quot;\"",
            "Tiêu đề &lt;/h2&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
            "<time datetime=\"2022-04-18T17:09:00+07:00\">17:09 18/04/2022</time>",
            "Mở đầu &amp; &lt;b&gt;",
            "rel=\"next\" href=\"https://x.vn/articles/page/2\"",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(!html.contains("<script") && !html.contains("rel=\"prev\""));
    }
}
