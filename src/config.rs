//! The viewer's configuration, read from the standalone page's query string.

use crate::reader::prefs::Prefs;

/// Default time allowed for fetching an article, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Shortest accepted timeout, in milliseconds.
pub const MIN_TIMEOUT_MS: u32 = 500;
/// Longest accepted timeout, in milliseconds.
pub const MAX_TIMEOUT_MS: u32 = 120_000;
/// The sample article shown when no `src` is given, relative to the page.
pub const DEFAULT_SRC: &str = "samples/ky-anh-2022-04-15.json";

/// A list of hosts from an attribute or query value: space- or comma-separated, lower-cased.
pub fn host_list(value: &str) -> Vec<String> {
    value
        .split([' ', ','])
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect()
}

/// Which layout to render.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewMode {
    /// The reading view with toolbar and comments.
    #[default]
    Read,
    /// The print layout: the article alone.
    Print,
}

/// Everything the page's address can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Address of the article JSON, relative to the page or absolute (`src`).
    pub src: String,
    /// Interface language to use until the article says its own (`lang`).
    pub lang: Option<String>,
    /// Time allowed for the article fetch, in milliseconds (`timeout`).
    pub timeout_ms: u32,
    /// Layout (`view=print`).
    pub view: ViewMode,
    /// Open the print dialog once the print view is ready (`autoprint=1`, used by the Print button).
    pub autoprint: bool,
    /// A forced input format (`format`: `article`, `wordpress`, `jsonfeed`, `html`).
    pub format: Option<String>,
    /// Hosts whose players become click-to-load cards (`embed_hosts`, space- or comma-separated).
    pub embed_hosts: Vec<String>,
    /// In the print view: print in large type with these settings (`large`, the stored form of
    /// the reader's preferences); `None` prints at the base size with the default spacing.
    pub large_print: Option<Prefs>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src: DEFAULT_SRC.to_string(),
            lang: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            view: ViewMode::Read,
            autoprint: false,
            format: None,
            embed_hosts: Vec::new(),
            large_print: None,
        }
    }
}

impl Config {
    /// Builds the configuration from decoded query pairs; unknown keys and bad values are ignored.
    pub fn from_pairs<I, K, V>(pairs: I) -> Config
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut config = Config::default();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            match key.as_ref() {
                "src" if !value.is_empty() => config.src = value.to_string(),
                "lang" if !value.is_empty() => config.lang = Some(value.to_string()),
                "timeout" => {
                    if let Ok(ms) = value.parse::<u32>() {
                        config.timeout_ms = ms.clamp(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
                    }
                }
                "view" => {
                    config.view = if value == "print" {
                        ViewMode::Print
                    } else {
                        ViewMode::Read
                    }
                }
                "autoprint" => config.autoprint = value == "1",
                "format" if !value.is_empty() => config.format = Some(value.to_string()),
                "embed_hosts" => config.embed_hosts = host_list(value),
                "large" if !value.is_empty() => config.large_print = Some(Prefs::decode(value)),
                _ => {}
            }
        }
        config
    }

    /// Reads the configuration from the current page's query string.
    pub fn from_location() -> Config {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Config::default();
        };
        // Every pair in order (a repeated key: the last one wins, as the loader reads it).
        let pairs = js_sys::Array::from(&params)
            .iter()
            .filter_map(|pair| {
                let pair = js_sys::Array::from(&pair);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect::<Vec<_>>();
        let has_src = pairs.iter().any(|(k, _)| k == "src");
        let mut config = Config::from_pairs(pairs);
        // An article page (the reference server's, or pre-rendered) names its article in the head,
        // as `scripts/boot.js` reads it: the default when the query gives none.
        if !has_src {
            if let Some(href) = served_src() {
                config.src = href;
            }
        }
        config
    }
}

/// The article an article page names in its head (`<link rel="alternate" data-article-viewer>`).
fn served_src() -> Option<String> {
    let link = web_sys::window()?
        .document()?
        .query_selector(r#"link[rel="alternate"][data-article-viewer]"#)
        .ok()??;
    link.get_attribute("href").filter(|h| !h.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_takes_its_last_value_as_the_loader_does() {
        let c = Config::from_pairs([("src", "a.json"), ("src", " b.json "), ("src", "")]);
        assert_eq!(c.src, "b.json");
    }

    #[test]
    fn reads_the_input_format_and_embed_hosts() {
        let c = Config::from_pairs([
            ("format", " wordpress "),
            ("embed_hosts", "www.youtube-nocookie.com, Player.Vimeo.com"),
        ]);
        assert_eq!(c.format.as_deref(), Some("wordpress"));
        assert_eq!(
            c.embed_hosts,
            ["www.youtube-nocookie.com", "player.vimeo.com"]
        );
        assert_eq!(Config::from_pairs([("format", "")]).format, None);
    }

    #[test]
    fn defaults_to_the_sample() {
        let c = Config::from_pairs(Vec::<(String, String)>::new());
        assert_eq!(c, Config::default());
        assert_eq!(c.src, DEFAULT_SRC);
    }

    #[test]
    fn reads_every_key() {
        let c = Config::from_pairs([
            ("src", "https://a.example/x.json"),
            ("lang", "en"),
            ("timeout", "2500"),
            ("view", "print"),
            ("autoprint", "1"),
        ]);
        assert!(c.autoprint);
        assert_eq!(c.src, "https://a.example/x.json");
        assert_eq!(c.lang.as_deref(), Some("en"));
        assert_eq!(c.timeout_ms, 2500);
        assert_eq!(c.view, ViewMode::Print);
    }

    #[test]
    fn clamps_and_ignores_bad_values() {
        let c = Config::from_pairs([("timeout", "1"), ("src", "  "), ("view", "nope")]);
        assert_eq!(c.timeout_ms, MIN_TIMEOUT_MS);
        assert_eq!(c.src, DEFAULT_SRC);
        assert_eq!(c.view, ViewMode::Read);
        assert_eq!(
            Config::from_pairs([("timeout", "9999999")]).timeout_ms,
            MAX_TIMEOUT_MS
        );
        assert_eq!(
            Config::from_pairs([("timeout", "-5")]).timeout_ms,
            DEFAULT_TIMEOUT_MS
        );
    }
}

/// The address of the print view of the article at `json_url`, on the page at `page_url`.
pub fn print_view_url(page_url: &str, json_url: &str) -> String {
    let base = page_url.split(['?', '#']).next().unwrap_or(page_url);
    format!(
        "{base}?view=print&autoprint=1&src={}",
        crate::reader::mailto::encode(json_url)
    )
}

/// The address of the large-type print view: `print_url` (from [`print_view_url`]) with the
/// reader's settings, so the print frame uses them even when its origin stores none (an embed on
/// another origin).
pub fn large_print_url(print_url: &str, prefs: &Prefs) -> String {
    format!(
        "{print_url}&large={}",
        crate::reader::mailto::encode(&prefs.encode())
    )
}

#[cfg(test)]
mod print_url_tests {
    use super::*;

    #[test]
    fn the_large_print_address_carries_the_readers_settings_back_to_the_config() {
        let prefs = Prefs::decode("size=200;letter=wider;word=wide;para=double;font=reading");
        let url = large_print_url(
            "https://a.example/v/?view=print&autoprint=1&src=a.json",
            &prefs,
        );
        assert!(url.starts_with(
            "https://a.example/v/?view=print&autoprint=1&src=a.json&large=size%3D200%3B"
        ));
        // The page decodes the query (URLSearchParams) before Config reads it.
        let encoded = url.split("&large=").nth(1).unwrap_or_default();
        let decoded = encoded.replace("%3D", "=").replace("%3B", ";");
        let config = Config::from_pairs([("view", "print"), ("large", decoded.as_str())]);
        assert_eq!(config.large_print, Some(prefs));
        assert_eq!(Config::from_pairs([("large", " ")]).large_print, None);
    }

    #[test]
    fn builds_the_print_view_address() {
        assert_eq!(
            print_view_url("https://a.example/v/?src=x#top", "https://a.example/s/a b.json?x=1&y"),
            "https://a.example/v/?view=print&autoprint=1&src=https%3A%2F%2Fa.example%2Fs%2Fa%20b.json%3Fx%3D1%26y"
        );
    }
}
