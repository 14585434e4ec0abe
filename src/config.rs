//! The viewer's configuration, read from the standalone page's query string.

/// Default time allowed for fetching an article, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Shortest accepted timeout, in milliseconds.
pub const MIN_TIMEOUT_MS: u32 = 500;
/// Longest accepted timeout, in milliseconds.
pub const MAX_TIMEOUT_MS: u32 = 120_000;
/// The sample article shown when no `src` is given, relative to the page.
pub const DEFAULT_SRC: &str = "samples/ky-anh-2022-04-15.json";

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src: DEFAULT_SRC.to_string(),
            lang: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            view: ViewMode::Read,
            autoprint: false,
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
        let pairs = ["src", "lang", "timeout", "view", "autoprint"]
            .into_iter()
            .filter_map(|k| params.get(k).map(|v| (k, v)));
        Config::from_pairs(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

#[cfg(test)]
mod print_url_tests {
    use super::*;

    #[test]
    fn builds_the_print_view_address() {
        assert_eq!(
            print_view_url("https://a.example/v/?src=x#top", "https://a.example/s/a b.json?x=1&y"),
            "https://a.example/v/?view=print&autoprint=1&src=https%3A%2F%2Fa.example%2Fs%2Fa%20b.json%3Fx%3D1%26y"
        );
    }
}
