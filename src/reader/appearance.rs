//! Line spacing and colour theme choices (the viewer's root carries all of the reader's choices as
//! custom properties, see `crate::view::viewer`).

use super::choice::choice;

choice! {
    /// Line spacing of the article body (the CSS `line-height` value).
    LineSpacing {
        /// 1.4
        Compact = "compact" => "1.4",
        /// 1.65 (the default)
        Normal = "normal" => "1.65",
        /// 2.0
        Relaxed = "relaxed" => "2",
    }
    default Normal
}

choice! {
    /// Colour theme; the stored name is also the `data-theme` attribute value.
    Theme {
        /// Follows the system's light or dark preference (the default).
        Auto = "auto",
        /// Dark text on white.
        Light = "light",
        /// Light text on near-black.
        Dark = "dark",
        /// Dark brown text on warm paper.
        Sepia = "sepia",
    }
    default Auto
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        for &v in LineSpacing::ALL {
            assert_eq!(LineSpacing::parse(v.key()), v);
        }
        for &t in Theme::ALL {
            assert_eq!(Theme::parse(t.key()), t);
        }
        assert_eq!(LineSpacing::parse("huge"), LineSpacing::Normal);
        assert_eq!(Theme::parse("<script>"), Theme::Auto);
    }
}
