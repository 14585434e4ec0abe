//! Renders the sanitised body tree as Leptos views: elements, attributes and text only (no HTML
//! strings, no HTML sinks). The tag names come from the sanitiser's closed list.

use super::tree::{Element, Node, Tag};
use crate::i18n::UiLang;
use leptos::html::custom;
use leptos::math;
use leptos::prelude::*;

/// How to render a body: the interface language of its own pieces (video cards, table boxes)
/// and whether off-screen images load lazily (not for print).
#[derive(Clone, Copy, Debug)]
pub struct BodyOptions {
    /// The language the body's own pieces speak.
    pub lang: UiLang,
    /// Defer off-screen images.
    pub lazy_images: bool,
}

/// The views of body nodes, in order.
pub fn nodes_view(nodes: &[Node], options: BodyOptions) -> Vec<AnyView> {
    nodes.iter().map(|n| node_view(n, options)).collect()
}

/// Top-level body blocks per chunk (see [`body_view`]).
pub const CHUNK: usize = 32;

/// The top-level body blocks in chunks of [`CHUNK`], each a `div.av-chunk` that the stylesheet
/// marks `content-visibility: auto`: off-screen chunks are neither styled nor laid out, so
/// restyling a 3,000-paragraph article (a text-size change) costs about what a short one does.
pub fn body_view(nodes: &[Node], options: BodyOptions) -> Vec<AnyView> {
    if nodes.len() <= CHUNK {
        return nodes_view(nodes, options);
    }
    nodes
        .chunks(CHUNK)
        .map(|chunk| view! { <div class="av-chunk">{nodes_view(chunk, options)}</div> }.into_any())
        .collect()
}

fn node_view(node: &Node, options: BodyOptions) -> AnyView {
    match node {
        Node::Text(text) => text.clone().into_any(),
        Node::Element(e) => match e.tag {
            Tag::Embed => {
                let a = &e.attrs;
                view! {
                    <EmbedCard
                        src=a.src.clone().unwrap_or_default()
                        href=a.href.clone().unwrap_or_default()
                        title=a.title.clone()
                        lang=options.lang
                    />
                }
                .into_any()
            }
            Tag::Table => table_box(e, options),
            t if t.is_mathml() => math_view(e, options),
            _ => element_view(e, options),
        },
    }
}

/// A MathML element (created in the MathML namespace, as the parser would).
fn math_view(e: &Element, options: BodyOptions) -> AnyView {
    let c = nodes_view(&e.children, options);
    match e.tag {
        Tag::Math => math::math().display(e.attrs.display).child(c).into_any(),
        Tag::Mi => math::mi().child(c).into_any(),
        Tag::Mn => math::mn().child(c).into_any(),
        Tag::Mo => math::mo().child(c).into_any(),
        Tag::Ms => math::ms().child(c).into_any(),
        Tag::Mtext => math::mtext().child(c).into_any(),
        Tag::Msup => math::msup().child(c).into_any(),
        Tag::Msub => math::msub().child(c).into_any(),
        Tag::Msubsup => math::msubsup().child(c).into_any(),
        Tag::Mfrac => math::mfrac().child(c).into_any(),
        Tag::Msqrt => math::msqrt().child(c).into_any(),
        Tag::Mroot => math::mroot().child(c).into_any(),
        Tag::Mtable => math::mtable().child(c).into_any(),
        Tag::Mtr => math::mtr().child(c).into_any(),
        Tag::Mtd => math::mtd().child(c).into_any(),
        Tag::Semantics => math::semantics().child(c).into_any(),
        _ => math::mrow().child(c).into_any(),
    }
}

/// An HTML element with the attributes the sanitiser kept.
fn element_view(e: &Element, options: BodyOptions) -> AnyView {
    let a = &e.attrs;
    let is_img = e.tag == Tag::Img;
    let is_media = matches!(e.tag, Tag::Video | Tag::Audio);
    let s = |v: &Option<String>| v.clone();
    custom(e.tag.name())
        .attr("href", s(&a.href))
        .attr("rel", a.rel)
        .attr("src", s(&a.src))
        .attr("alt", s(&a.alt))
        .attr("title", s(&a.title))
        .attr("width", s(&a.width))
        .attr("height", s(&a.height))
        .attr("colspan", s(&a.colspan))
        .attr("rowspan", s(&a.rowspan))
        .attr("scope", a.scope)
        .attr("start", s(&a.start))
        .attr("lang", s(&a.lang))
        .attr("dir", a.dir)
        .attr("cite", s(&a.cite))
        .attr("poster", s(&a.poster))
        .attr("type", s(&a.media_type))
        .attr("kind", a.kind)
        .attr("srclang", s(&a.srclang))
        .attr("label", s(&a.label))
        .attr("default", a.default.then_some(""))
        // Players always have controls, load only their metadata and never start by themselves.
        .attr("controls", is_media.then_some(""))
        .attr("preload", is_media.then_some("metadata"))
        .attr("loading", (is_img && options.lazy_images).then_some("lazy"))
        .attr("decoding", is_img.then_some("async"))
        .child(nodes_view(&e.children, options))
        .into_any()
}

/// A table inside its own keyboard-focusable, labelled box that scrolls sideways when the table
/// is wider than the column, so the page never does.
fn table_box(e: &Element, options: BodyOptions) -> AnyView {
    let caption = e.children.iter().find_map(|c| match c {
        Node::Element(el) if el.tag == Tag::Caption => {
            Some(c.text_content().trim().to_string()).filter(|t| !t.is_empty())
        }
        _ => None,
    });
    let label = caption
        .or_else(|| e.attrs.title.clone())
        .unwrap_or_else(|| options.lang.words().table_label.to_string());
    view! {
        <div class="av-table-scroll" tabindex="0" role="region" aria-label=label>
            {element_view(e, options)}
        </div>
    }
    .into_any()
}

/// The host of an absolute address, for the card's wording.
fn host_of(url: &str) -> &str {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// A third-party video as a card: its title and a link to watch it on its own site; nothing is
/// requested from the third party until the reader presses the button, which swaps in a
/// sandboxed player frame.
#[component]
pub fn EmbedCard(
    /// The player's address.
    src: String,
    /// The video's page on its own site.
    href: String,
    /// The video's title, if known.
    title: Option<String>,
    /// The card's language.
    lang: UiLang,
) -> impl IntoView {
    let words = lang.words();
    let label = title.unwrap_or_else(|| words.embed_video.to_string());
    let pressed = RwSignal::new(false);
    let load = words.embed_load.replace("{host}", host_of(&src));
    let watch = words.embed_watch_on.replace("{host}", host_of(&href));
    let frame_title = label.clone();
    view! {
        <figure class="av-embed" data-testid="av-embed">
            <div class="av-embed__player">
                {move || {
                    if pressed.get() {
                        view! {
                            <iframe
                                class="av-embed__frame"
                                src=src.clone()
                                title=frame_title.clone()
                                sandbox="allow-scripts allow-same-origin allow-presentation"
                                referrerpolicy="strict-origin-when-cross-origin"
                                allow="fullscreen; picture-in-picture; encrypted-media"
                                allowfullscreen=""
                            ></iframe>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button
                                class="av-embed__play"
                                type="button"
                                data-testid="av-embed-play"
                                on:click=move |_| pressed.set(true)
                            >
                                {load.clone()}
                            </button>
                        }
                        .into_any()
                    }
                }}
            </div>
            <figcaption class="av-embed__caption">
                <span class="av-embed__title">{label}</span>
                " "
                <a class="av-embed__link" href=href rel="noopener noreferrer">
                    {watch}
                </a>
            </figcaption>
        </figure>
    }
}
