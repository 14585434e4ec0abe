//! Renders the sanitised body tree through Leptos as DOM nodes (no HTML strings, no HTML sinks).

use super::tree::{Element, Node, Tag};
use leptos::html::custom;
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
        Node::Element(e) => render_element(e, lazy_images),
    }
}

fn render_element(e: &Element, lazy_images: bool) -> AnyView {
    let a = &e.attrs;
    let is_img = e.tag == Tag::Img;
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
        .attr("loading", (is_img && lazy_images).then_some("lazy"))
        .attr("decoding", is_img.then_some("async"))
        .child(render_nodes(&e.children, lazy_images))
        .into_any()
}
