//! Line spacing and colour theme choices, and how all of the reader's choices reach the page:
//! [`apply_to`] writes them as custom properties on a viewer's root.

use super::choice::choice;
use super::prefs::Prefs;

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
