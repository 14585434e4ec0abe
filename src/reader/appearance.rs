//! Line spacing and colour theme choices, and how all of the reader's choices reach the page:
//! [`apply_to`] writes them as custom properties on a viewer's root.

use super::prefs::Prefs;

/// Line spacing of the article body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineSpacing {
    /// 1.4
    Compact,
    /// 1.65 (the default)
    #[default]
    Normal,
    /// 2.0
    Relaxed,
}

impl LineSpacing {
    /// Every choice, in display order.
    pub const ALL: [LineSpacing; 3] = [
        LineSpacing::Compact,
        LineSpacing::Normal,
        LineSpacing::Relaxed,
    ];

    /// The CSS `line-height` value.
    pub fn css(self) -> &'static str {
        match self {
            LineSpacing::Compact => "1.4",
            LineSpacing::Normal => "1.65",
            LineSpacing::Relaxed => "2",
        }
    }

    /// The stored name.
    pub fn key(self) -> &'static str {
        match self {
            LineSpacing::Compact => "compact",
            LineSpacing::Normal => "normal",
            LineSpacing::Relaxed => "relaxed",
        }
    }

    /// Reads a stored name; anything else gives the default.
    pub fn parse(s: &str) -> LineSpacing {
        Self::ALL
            .into_iter()
            .find(|v| v.key() == s.trim())
            .unwrap_or_default()
    }
}

/// Colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the system's light or dark preference (the default).
    #[default]
    Auto,
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
    /// Dark brown text on warm paper.
    Sepia,
}

impl Theme {
    /// Every choice, in display order.
    pub const ALL: [Theme; 4] = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];

    /// The stored name, also the `data-theme` attribute value.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Sepia => "sepia",
        }
    }

    /// Reads a stored name; anything else gives the default.
    pub fn parse(s: &str) -> Theme {
        Self::ALL
            .into_iter()
            .find(|v| v.key() == s.trim())
            .unwrap_or_default()
    }
}

/// Writes the reader's choices on a viewer's root as custom properties (`--av-font-scale`,
/// `--av-line-height`, the spacing, width and font properties of [`Prefs::properties`]): a change
/// restyles, it never re-renders a node. The loader's pre-paint (`scripts/loader-common.js`) writes
/// the same values.
pub fn apply_to(el: &web_sys::HtmlElement, prefs: &Prefs) {
    let style = el.style();
    let _ = style.set_property("--av-font-scale", &prefs.size.scale());
    for (name, value) in prefs.properties() {
        // An empty value removes the property (CSSOM `setProperty`): the stylesheet's default holds.
        let _ = style.set_property(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        for v in LineSpacing::ALL {
            assert_eq!(LineSpacing::parse(v.key()), v);
        }
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.key()), t);
        }
        assert_eq!(LineSpacing::parse("huge"), LineSpacing::Normal);
        assert_eq!(Theme::parse("<script>"), Theme::Auto);
    }
}
