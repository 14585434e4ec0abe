//! Renders the sanitised body tree through Leptos as DOM nodes (no HTML strings, no HTML sinks).

use super::tree::{Element, Node, Tag};
use crate::i18n::UiLang;
use leptos::html::custom;
use leptos::math;
use leptos::prelude::*;

/// Renders body nodes as Leptos views; `lazy_images` defers off-screen images (not for print).
pub fn render_nodes(nodes: &[Node], lazy_images: bool) -> Vec<AnyView> {
    nodes.iter().map(|n| render_node(n, lazy_images)).collect()
}

/// Top-level body blocks per chunk (see [`render_body`]).
pub const CHUNK: usize = 32;

/// Renders the top-level body blocks in chunks of [`CHUNK`], each a `div.av-chunk` that the
/// stylesheet marks `content-visibility: auto`: off-screen chunks are neither styled nor laid out,
/// so restyling a 3,000-paragraph article (a text-size change) costs about what a short one does.
pub fn render_body(nodes: &[Node], lazy_images: bool) -> Vec<AnyView> {
    if nodes.len() <= CHUNK {
        return render_nodes(nodes, lazy_images);
    }
    nodes
        .chunks(CHUNK)
        .map(|chunk| {
            leptos::html::div()
                .class("av-chunk")
                .child(render_nodes(chunk, lazy_images))
                .into_any()
        })
        .collect()
}

fn render_node(node: &Node, lazy_images: bool) -> AnyView {
    match node {
        Node::Text(text) => text.clone().into_any(),
        Node::Element(e) => match e.tag {
            Tag::Embed => EmbedCard(EmbedCardProps {
                src: e.attrs.src.clone().unwrap_or_default(),
                href: e.attrs.href.clone().unwrap_or_default(),
                title: e.attrs.title.clone(),
            })
            .into_any(),
            Tag::Table => table_box(e, lazy_images),
            t if t.is_mathml() => render_mathml(e, lazy_images),
            _ => render_element(e, lazy_images),
        },
    }
}

fn render_element(e: &Element, lazy_images: bool) -> AnyView {
    let a = &e.attrs;
    let is_img = e.tag == Tag::Img;
    let is_media = matches!(e.tag, Tag::Video | Tag::Audio);
    custom(e.tag.name())
        .attr("href", a.href.clone())
        .attr("rel", a.rel)
        .attr("src", a.src.clone())
        .attr("alt", a.alt.clone())
        .attr("title", a.title.clone())
        .attr("width", a.width.clone())
        .attr("height", a.height.clone())
        .attr("colspan", a.colspan.clone())
        .attr("rowspan", a.rowspan.clone())
        .attr("scope", a.scope)
        .attr("start", a.start.clone())
        .attr("lang", a.lang.clone())
        .attr("dir", a.dir)
        .attr("cite", a.cite.clone())
        .attr("poster", a.poster.clone())
        .attr("type", a.media_type.clone())
        .attr("kind", a.kind)
        .attr("srclang", a.srclang.clone())
        .attr("label", a.label.clone())
        .attr("default", a.default.then_some(""))
        // Players always have controls, load only their metadata and never start by themselves.
        .attr("controls", is_media.then_some(""))
        .attr("preload", is_media.then_some("metadata"))
        .attr("loading", (is_img && lazy_images).then_some("lazy"))
        .attr("decoding", is_img.then_some("async"))
        .child(render_nodes(&e.children, lazy_images))
        .into_any()
}

/// A table inside its own keyboard-focusable, labelled box that scrolls sideways when the table
/// is wider than the column, so the page never does.
fn table_box(e: &Element, lazy_images: bool) -> AnyView {
    let caption = e.children.iter().find_map(|c| match c {
        Node::Element(el) if el.tag == Tag::Caption => {
            Some(c.text_content().trim().to_string()).filter(|t| !t.is_empty())
        }
        _ => None,
    });
    let label = caption
        .or_else(|| e.attrs.title.clone())
        .unwrap_or_else(|| ui_lang().words().table_label.to_string());
    leptos::html::div()
        .class("av-table-scroll")
        .attr("tabindex", "0")
        .attr("role", "region")
        .attr("aria-label", label)
        .child(render_element(e, lazy_images))
        .into_any()
}

/// MathML elements, created in the MathML namespace (no attributes but `display` on `<math>`).
fn render_mathml(e: &Element, lazy_images: bool) -> AnyView {
    let kids = render_nodes(&e.children, lazy_images);
    match e.tag {
        Tag::Math => math::math()
            .attr("display", e.attrs.display)
            .child(kids)
            .into_any(),
        Tag::Mi => math::mi().child(kids).into_any(),
        Tag::Mn => math::mn().child(kids).into_any(),
        Tag::Mo => math::mo().child(kids).into_any(),
        Tag::Ms => math::ms().child(kids).into_any(),
        Tag::Mtext => math::mtext().child(kids).into_any(),
        Tag::Mrow => math::mrow().child(kids).into_any(),
        Tag::Msup => math::msup().child(kids).into_any(),
        Tag::Msub => math::msub().child(kids).into_any(),
        Tag::Msubsup => math::msubsup().child(kids).into_any(),
        Tag::Mfrac => math::mfrac().child(kids).into_any(),
        Tag::Msqrt => math::msqrt().child(kids).into_any(),
        Tag::Mroot => math::mroot().child(kids).into_any(),
        Tag::Mtable => math::mtable().child(kids).into_any(),
        Tag::Mtr => math::mtr().child(kids).into_any(),
        Tag::Mtd => math::mtd().child(kids).into_any(),
        _ => math::semantics().child(kids).into_any(),
    }
}

/// The interface language provided by the article view, else the default.
fn ui_lang() -> UiLang {
    use_context::<UiLang>().unwrap_or_default()
}

/// The host of an absolute address, for the card's wording.
fn host_of(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_start_matches("www.")
        .to_string()
}

/// A third-party video as a card: its title and a link to watch it on its own site; nothing is
/// requested from the third party until the reader presses the button, which swaps in a
/// sandboxed player frame.
#[component]
pub fn EmbedCard(
    /// The player address (already allowed by the sanitiser's embed hosts).
    src: String,
    /// The page to watch the video on.
    href: String,
    /// The video's title, if the article gave one.
    title: Option<String>,
) -> impl IntoView {
    let words = ui_lang().words();
    let (loaded, set_loaded) = signal(false);
    let label = title.unwrap_or_else(|| words.embed_video.to_string());
    let player_host = host_of(&src);
    let button_text = words.embed_load.replace("{host}", &player_host);
    let frame_title = label.clone();
    let player = move || {
        if loaded.get() {
            leptos::html::iframe()
                .class("av-embed__frame")
                .attr("src", src.clone())
                .attr("title", frame_title.clone())
                .attr(
                    "sandbox",
                    "allow-scripts allow-same-origin allow-presentation",
                )
                .attr("referrerpolicy", "strict-origin-when-cross-origin")
                .attr("allow", "fullscreen; picture-in-picture; encrypted-media")
                .attr("allowfullscreen", "")
                .into_any()
        } else {
            leptos::html::button()
                .class("av-embed__play")
                .attr("type", "button")
                .attr("data-testid", "av-embed-play")
                .on(leptos::ev::click, move |_| set_loaded.set(true))
                .child(button_text.clone())
                .into_any()
        }
    };
    let watch = words.embed_watch_on.replace("{host}", &host_of(&href));
    leptos::html::figure()
        .class("av-embed")
        .attr("data-testid", "av-embed")
        .child(leptos::html::div().class("av-embed__player").child(player))
        .child(
            leptos::html::figcaption()
                .class("av-embed__caption")
                .child(leptos::html::span().class("av-embed__title").child(label))
                .child(" ")
                .child(
                    leptos::html::a()
                        .class("av-embed__link")
                        .attr("href", href)
                        .attr("rel", "noopener noreferrer")
                        .child(watch),
                ),
        )
}
