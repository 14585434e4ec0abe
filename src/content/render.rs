//! Renders the sanitised body tree through Leptos (no HTML strings, no `inner_html`).

use super::tree::{Element, Node, Tag};
use leptos::html::custom;
use leptos::prelude::*;

/// Renders body nodes as Leptos views.
pub fn render_nodes(nodes: &[Node]) -> Vec<AnyView> {
    nodes.iter().map(render_node).collect()
}

fn render_node(node: &Node) -> AnyView {
    match node {
        Node::Text(text) => text.clone().into_any(),
        Node::Element(e) => render_element(e),
    }
}

fn render_element(e: &Element) -> AnyView {
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
        .attr("loading", is_img.then_some("lazy"))
        .attr("decoding", is_img.then_some("async"))
        .child(render_nodes(&e.children))
        .into_any()
}
