//! Articles as HTML pages (issue 19): each article of the content directory as a complete page
//! that reads before and without the wasm, rendered by the viewer's own components
//! (`article_viewer::ssr`), with the metadata link previews and search engines read. Served at
//! `/articles/{id}` (and the list of them at `/articles/`) and written as files by `article-viewer-server render`.

pub mod catalog;
pub mod escape;
pub mod head;
pub mod list;
pub mod list_route;
pub mod page;
pub mod prefs_cookie;
pub mod render;
pub mod route;
pub mod template;

pub use page::{article_page, article_page_with, PageError, PageUrls};
pub use template::Template;
