//! The list of a site's articles (`/articles/`, newest first, paged): what the server's list page
//! carries as its data block and the standalone app reads when a reader moves back to the list.

use serde::{Deserialize, Serialize};

/// One article in the list: what a reader needs to choose it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's id (its file name in the content directory, without `.json`).
    pub id: String,
    /// The article's page (`…/articles/{id}`).
    pub href: String,
    /// The article's JSON (`…/content/{id}.json`).
    pub src: String,
    /// The headline.
    pub title: String,
    /// When it was published (RFC 3339), if the article says so in a form that reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The lead paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The article's picture (an absolute address), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The language of the article (BCP 47), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// One page of the list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleIndex {
    /// The articles on this page, newest first.
    pub items: Vec<ArticleSummary>,
    /// This page's number, from 1.
    pub page: u32,
    /// How many pages there are (at least 1).
    pub pages: u32,
    /// How many articles there are in all.
    pub total: u32,
    /// The address of this page.
    pub href: String,
    /// The address of the page of newer articles, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// The address of the page of older articles, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The id of the data block that carries an [`ArticleIndex`] in a list page.
pub const INDEX_BLOCK_ID: &str = "av-index";

/// The id of the data block that carries the article in an article page.
pub const ARTICLE_BLOCK_ID: &str = "av-article";

/// The JSON text of the data block `<script type="application/json" id="{id}">` in an HTML
/// page written by the server (or its pre-render command), without parsing the page: the server
/// escapes every `<` inside the block, so the block ends at the first `</script>`.
pub fn data_block<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let marker = format!("id=\"{id}\"");
    let mut from = 0;
    while let Some(at) = html[from..].find("<script") {
        let start = from + at;
        let tag_end = start + html[start..].find('>')?;
        let tag = &html[start..tag_end];
        from = tag_end;
        if tag.contains(&marker) && tag.contains("type=\"application/json\"") {
            let body = &html[tag_end + 1..];
            return body.find("</script>").map(|end| body[..end].trim());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_named_block_only() {
        let html = r#"<head><script type="module" src="b.js"></script>
            <script type="application/ld+json">{"a":1}</script></head><body>
            <script type="application/json" id="av-index">{"items":[],"page":1}</script>
            <script type="application/json" id="av-article" data-src="x">{"b":"\u003c/script\u003e"}</script>"#;
        assert_eq!(
            data_block(html, INDEX_BLOCK_ID),
            Some(r#"{"items":[],"page":1}"#)
        );
        assert_eq!(
            data_block(html, ARTICLE_BLOCK_ID),
            Some(r#"{"b":"\u003c/script\u003e"}"#)
        );
        assert_eq!(data_block(html, "other"), None);
        assert_eq!(
            data_block(
                "<script type=\"application/json\" id=\"av-index\">{",
                INDEX_BLOCK_ID
            ),
            None
        );
        assert_eq!(data_block("<script", INDEX_BLOCK_ID), None);
    }

    #[test]
    fn reads_back_what_it_writes() {
        let index = ArticleIndex {
            items: vec![ArticleSummary {
                id: "a".into(),
                href: "https://x/articles/a".into(),
                src: "https://x/content/a.json".into(),
                title: "Tiêu đề".into(),
                published: Some("2022-04-18T17:09:00+07:00".into()),
                ..ArticleSummary::default()
            }],
            page: 1,
            pages: 1,
            total: 1,
            href: "https://x/articles/".into(),
            ..ArticleIndex::default()
        };
        let text = serde_json::to_string(&index).unwrap();
        assert!(!text.contains("\"lead\""));
        assert_eq!(serde_json::from_str::<ArticleIndex>(&text).unwrap(), index);
    }
}
