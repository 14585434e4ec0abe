//! The reader's choices as one value, and their storage format.

use super::appearance::{LineSpacing, Theme};
use super::text_size::TextSize;

/// Storage key, shared by every article and every viewer on the site.
pub const STORAGE_KEY: &str = "article-viewer:prefs:v1";

/// What the reader chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    /// Text size.
    pub size: TextSize,
    /// Line spacing.
    pub spacing: LineSpacing,
    /// Colour theme.
    pub theme: Theme,
}

impl Prefs {
    /// The stored form: `size=150;line=normal;theme=dark`.
    pub fn encode(&self) -> String {
        format!(
            "size={};line={};theme={}",
            self.size.percent(),
            self.spacing.key(),
            self.theme.key()
        )
    }

    /// Reads the stored form; unknown keys and bad values fall back to defaults one by one.
    pub fn decode(stored: &str) -> Prefs {
        let mut prefs = Prefs::default();
        for part in stored.split(';') {
            let Some((key, value)) = part.split_once('=') else {
                continue;
            };
            match key.trim() {
                "size" => prefs.size = TextSize::parse(value),
                "line" => prefs.spacing = LineSpacing::parse(value),
                "theme" => prefs.theme = Theme::parse(value),
                _ => {}
            }
        }
        prefs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let p = Prefs {
            size: TextSize::parse("250"),
            spacing: LineSpacing::Relaxed,
            theme: Theme::Sepia,
        };
        assert_eq!(p.encode(), "size=250;line=relaxed;theme=sepia");
        assert_eq!(Prefs::decode(&p.encode()), p);
    }

    #[test]
    fn garbage_gives_defaults_field_by_field() {
        assert_eq!(Prefs::decode(""), Prefs::default());
        assert_eq!(Prefs::decode("\u{0}\u{ffff}=;;;==="), Prefs::default());
        let p = Prefs::decode("size=abc;theme=dark;line=");
        assert_eq!(p.size, TextSize::default());
        assert_eq!(p.theme, Theme::Dark);
        assert_eq!(p.spacing, LineSpacing::Normal);
    }
}
