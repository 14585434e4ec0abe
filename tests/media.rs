//! Browser tests for media in article bodies: the click-to-load player card loads nothing until
//! it is pressed, then a sandboxed frame; players keep controls and never autoplay; wide tables
//! scroll in a focusable, labelled box; MathML is created in the MathML namespace.
#![cfg(target_arch = "wasm32")]

use article_viewer::content::render::{nodes_view, BodyOptions};
use article_viewer::content::sanitize::sanitize;
use article_viewer::i18n::UiLang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// What a mounted body leaves: its views live (the cards listen) until it is dropped.
type Mounted = Box<dyn std::any::Any>;

/// A container with `html` sanitised and rendered in it, and what keeps it mounted.
async fn mounted_in(html: &str) -> (HtmlElement, Mounted) {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root: HtmlElement = doc.create_element("div").expect("div").unchecked_into();
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let nodes = sanitize(html, Some("https://portal.example/tin/bai.html"));
    let options = BodyOptions {
        lang: UiLang::Vi,
        lazy_images: false,
    };
    let mounted = leptos::mount::mount_to(root.clone(), move || nodes_view(&nodes, options));
    (root, Box::new(mounted))
}

/// A container with `html` rendered in it (nothing listening).
async fn mounted(html: &str) -> HtmlElement {
    let (root, mounted) = mounted_in(html).await;
    // Kept for the test page's lifetime (dropping it would take the nodes away).
    std::mem::forget(mounted);
    root
}

fn one(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).expect("selector")
}

#[wasm_bindgen_test]
async fn a_video_card_loads_nothing_until_the_reader_asks() {
    let (root, _mounted) = mounted_in(
        r#"<p>Trước</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1" title="Lễ khánh thành"></iframe><p>Sau</p>"#,
    )
    .await;
    let card = one(&root, "[data-testid=av-embed]").expect("a card");
    assert!(one(&root, "iframe").is_none(), "no frame before the click");
    assert_eq!(
        root.query_selector_all("[src]").expect("selector").length(),
        0,
        "nothing in the card loads anything yet: {}",
        root.inner_html()
    );
    assert!(card
        .text_content()
        .unwrap_or_default()
        .contains("Lễ khánh thành"));
    let link = one(&card, "a").expect("a link to watch it");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    );
    let button: HtmlElement = one(&card, "[data-testid=av-embed-play]")
        .expect("button")
        .unchecked_into();
    button.click();
    // The card swaps in the frame when its view runs again.
    leptos::task::tick().await;
    let frame = one(&root, "iframe").expect("a frame after the click");
    assert_eq!(
        frame.get_attribute("src").as_deref(),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    );
    assert_eq!(
        frame.get_attribute("sandbox").as_deref(),
        Some("allow-scripts allow-same-origin allow-presentation")
    );
    assert_eq!(
        frame.get_attribute("referrerpolicy").as_deref(),
        Some("strict-origin-when-cross-origin")
    );
    assert_eq!(
        frame.get_attribute("title").as_deref(),
        Some("Lễ khánh thành")
    );
    assert!(root.text_content().unwrap_or_default().contains("Sau"));
}

#[wasm_bindgen_test]
async fn players_have_controls_and_never_autoplay() {
    let root = mounted(
        r#"<video src="v.mp4" autoplay muted loop><track kind="captions" src="c.vtt" srclang="vi" default></video><audio src="a.mp3" autoplay></audio>"#,
    )
    .await;
    for sel in ["video", "audio"] {
        let el = one(&root, sel).expect(sel);
        assert!(el.has_attribute("controls"), "{sel} has controls");
        assert!(
            !el.has_attribute("autoplay") && !el.has_attribute("loop"),
            "{sel} never starts by itself"
        );
    }
    let track = one(&root, "video > track").expect("captions");
    assert_eq!(
        track.get_attribute("src").as_deref(),
        Some("https://portal.example/tin/c.vtt")
    );
    assert!(track.has_attribute("default"));
}

#[wasm_bindgen_test]
async fn tables_scroll_in_their_own_labelled_box() {
    let root = mounted("<table><caption>Lịch tàu</caption><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>").await;
    let boxes = root.query_selector_all(".av-table-scroll").expect("boxes");
    assert_eq!(boxes.length(), 2);
    let first: Element = boxes.item(0).expect("box").unchecked_into();
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(first.get_attribute("role").as_deref(), Some("region"));
    assert_eq!(
        first.get_attribute("aria-label").as_deref(),
        Some("Lịch tàu")
    );
    let second: Element = boxes.item(1).expect("box").unchecked_into();
    assert!(second
        .get_attribute("aria-label")
        .is_some_and(|l| !l.is_empty()));
    assert!(one(&first, "table").is_some());
}

#[wasm_bindgen_test]
async fn mathml_is_real_mathml() {
    let root =
        mounted(r#"<p><math display="block"><mfrac><mi>a</mi><mn>2</mn></mfrac></math></p>"#).await;
    let mi = one(&root, "mi").expect("mi");
    assert_eq!(
        mi.namespace_uri().as_deref(),
        Some("http://www.w3.org/1998/Math/MathML")
    );
    assert_eq!(
        one(&root, "math")
            .and_then(|m| m.get_attribute("display"))
            .as_deref(),
        Some("block")
    );
}
