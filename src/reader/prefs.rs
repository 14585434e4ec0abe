//! The reader's choices as one value, their storage format, and the custom properties that carry
//! them on the viewer's root.

use super::appearance::{LineSpacing, Theme};
use super::choice::position;
use super::font::FontChoice;
use super::spacing::{ContentWidth, LetterSpacing, ParagraphSpacing, WordSpacing};
use super::text_size::TextSize;

/// Storage key, shared by every article and every viewer on the site.
pub const STORAGE_KEY: &str = "article-viewer:prefs:v2";
/// The key of the first version (size, line spacing, theme), read when [`STORAGE_KEY`] is absent.
pub const LEGACY_STORAGE_KEY: &str = "article-viewer:prefs:v1";

/// The keys of the stored form, in the order [`Prefs::with`] reads them.
const FIELDS: [&str; 8] = [
    "size", "line", "theme", "letter", "word", "para", "width", "font",
];

/// What the reader chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    /// Text size.
    pub size: TextSize,
    /// Line spacing.
    pub spacing: LineSpacing,
    /// Colour theme.
    pub theme: Theme,
    /// Letter spacing.
    pub letter: LetterSpacing,
    /// Word spacing.
    pub word: WordSpacing,
    /// Space after paragraphs.
    pub paragraph: ParagraphSpacing,
    /// Width of the text column.
    pub width: ContentWidth,
    /// Font.
    pub font: FontChoice,
}

impl Prefs {
    /// The stored form: `size=150;line=normal;theme=dark;letter=wide;word=normal;para=double;width=narrow;font=reading`.
    pub fn encode(&self) -> String {
        format!(
            "size={};line={};theme={};letter={};word={};para={};width={};font={}",
            self.size.percent(),
            self.spacing.key(),
            self.theme.key(),
            self.letter.key(),
            self.word.key(),
            self.paragraph.key(),
            self.width.key(),
            self.font.key()
        )
    }

    /// Reads the stored form (either version); unknown keys and bad values fall back to defaults
    /// one by one.
    pub fn decode(stored: &str) -> Prefs {
        Prefs::default().with(stored)
    }

    /// These choices with those named in `stored` (a part of the stored form, e.g. `letter=wide`)
    /// changed; a bad value gives that setting's default, as in [`Prefs::decode`].
    pub fn with(&self, stored: &str) -> Prefs {
        let mut prefs = *self;
        for part in stored.split(';') {
            let Some((key, value)) = part.split_once('=') else {
                continue;
            };
            // By position in a table rather than a `match` on strings: smaller code.
            match position(&FIELDS, key) {
                Some(0) => prefs.size = TextSize::parse(value),
                Some(1) => prefs.spacing = LineSpacing::parse(value),
                Some(2) => prefs.theme = Theme::parse(value),
                Some(3) => prefs.letter = LetterSpacing::parse(value),
                Some(4) => prefs.word = WordSpacing::parse(value),
                Some(5) => prefs.paragraph = ParagraphSpacing::parse(value),
                Some(6) => prefs.width = ContentWidth::parse(value),
                Some(7) => prefs.font = FontChoice::parse(value),
                _ => {}
            }
        }
        prefs
    }

    /// The stored choices: the current version's value, or else the first version's (a reader's
    /// v1 settings carry over), or else the defaults.
    pub fn from_stored(current: Option<&str>, legacy: Option<&str>) -> Prefs {
        current.or(legacy).map(Prefs::decode).unwrap_or_default()
    }

    /// The custom properties that carry these choices on the viewer's root, but the text size
    /// (`--av-font-scale`, see [`TextSize::scale`]); an empty value removes the property, so the
    /// stylesheet's default (or the host's `--av-measure`, `--av-font-family`) applies.
    pub fn properties(&self) -> [(&'static str, &'static str); 6] {
        [
            ("--av-line-height", self.spacing.css()),
            ("--av-letter-spacing", self.letter.css()),
            ("--av-word-spacing", self.word.css()),
            ("--av-paragraph-spacing", self.paragraph.css()),
            ("--av-content-width", self.width.css()),
            ("--av-reader-font", self.font.css()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everything_changed() -> Prefs {
        Prefs {
            size: TextSize::parse("250"),
            spacing: LineSpacing::Relaxed,
            theme: Theme::Sepia,
            letter: LetterSpacing::Wider,
            word: WordSpacing::Wide,
            paragraph: ParagraphSpacing::Double,
            width: ContentWidth::Narrow,
            font: FontChoice::Reading,
        }
    }

    #[test]
    fn round_trips() {
        let p = everything_changed();
        assert_eq!(
            p.encode(),
            "size=250;line=relaxed;theme=sepia;letter=wider;word=wide;para=double;width=narrow;font=reading"
        );
        assert_eq!(Prefs::decode(&p.encode()), p);
        assert_eq!(Prefs::decode(&Prefs::default().encode()), Prefs::default());
    }

    #[test]
    fn every_value_of_every_setting_round_trips_on_its_own() {
        for &letter in LetterSpacing::ALL {
            let p = Prefs {
                letter,
                ..Prefs::default()
            };
            assert_eq!(Prefs::decode(&p.encode()), p);
        }
        for &word in WordSpacing::ALL {
            let p = Prefs {
                word,
                ..Prefs::default()
            };
            assert_eq!(Prefs::decode(&p.encode()), p);
        }
        for &paragraph in ParagraphSpacing::ALL {
            let p = Prefs {
                paragraph,
                ..Prefs::default()
            };
            assert_eq!(Prefs::decode(&p.encode()), p);
        }
        for &width in ContentWidth::ALL {
            let p = Prefs {
                width,
                ..Prefs::default()
            };
            assert_eq!(Prefs::decode(&p.encode()), p);
        }
        for &font in FontChoice::ALL {
            let p = Prefs {
                font,
                ..Prefs::default()
            };
            assert_eq!(Prefs::decode(&p.encode()), p);
        }
        for &spacing in LineSpacing::ALL {
            for &theme in Theme::ALL {
                let p = Prefs {
                    spacing,
                    theme,
                    ..Prefs::default()
                };
                assert_eq!(Prefs::decode(&p.encode()), p);
            }
        }
    }

    #[test]
    fn with_changes_only_the_settings_it_names() {
        let base = everything_changed();
        let p = base.with("letter=normal;font=serif");
        assert_eq!(p.letter, LetterSpacing::Normal);
        assert_eq!(p.font, FontChoice::Serif);
        assert_eq!(
            Prefs {
                letter: base.letter,
                font: base.font,
                ..p
            },
            base
        );
        assert_eq!(base.with(""), base);
        assert_eq!(base.with("size=160").size.percent(), 150);
    }

    #[test]
    fn garbage_gives_defaults_field_by_field() {
        assert_eq!(Prefs::decode(""), Prefs::default());
        assert_eq!(Prefs::decode("\u{0}\u{ffff}=;;;==="), Prefs::default());
        let p = Prefs::decode("size=abc;theme=dark;line=;letter=huge;font=wider;width=wide");
        assert_eq!(p.size, TextSize::default());
        assert_eq!(p.theme, Theme::Dark);
        assert_eq!(p.spacing, LineSpacing::Normal);
        assert_eq!(p.letter, LetterSpacing::Normal);
        assert_eq!(p.font, FontChoice::System);
        assert_eq!(p.width, ContentWidth::Wide);
    }

    #[test]
    fn a_stored_first_version_carries_over() {
        let v1 = "size=200;line=relaxed;theme=dark";
        let p = Prefs::from_stored(None, Some(v1));
        assert_eq!(p.size.percent(), 200);
        assert_eq!(p.spacing, LineSpacing::Relaxed);
        assert_eq!(p.theme, Theme::Dark);
        assert_eq!(p.letter, LetterSpacing::Normal);
        assert_eq!(p.font, FontChoice::System);
        // Saved again, it is the current version with the new settings at their defaults.
        assert_eq!(
            p.encode(),
            "size=200;line=relaxed;theme=dark;letter=normal;word=normal;para=normal;width=normal;font=system"
        );
    }

    #[test]
    fn the_current_version_wins_over_the_first() {
        let current = everything_changed().encode();
        let p = Prefs::from_stored(Some(&current), Some("size=75;theme=light"));
        assert_eq!(p, everything_changed());
        // An empty current value is a value: the reader's defaults, not the old version.
        assert_eq!(
            Prefs::from_stored(Some(""), Some("size=300")),
            Prefs::default()
        );
        assert_eq!(Prefs::from_stored(None, None), Prefs::default());
    }

    #[test]
    fn properties_carry_every_setting_and_defaults_leave_the_stylesheets() {
        let defaults = Prefs::default().properties();
        assert_eq!(
            defaults,
            [
                ("--av-line-height", "1.65"),
                ("--av-letter-spacing", ""),
                ("--av-word-spacing", ""),
                ("--av-paragraph-spacing", ""),
                ("--av-content-width", ""),
                ("--av-reader-font", ""),
            ]
        );
        assert_eq!(
            everything_changed().properties(),
            [
                ("--av-line-height", "2"),
                ("--av-letter-spacing", "0.12em"),
                ("--av-word-spacing", "0.16em"),
                ("--av-paragraph-spacing", "2em"),
                ("--av-content-width", "50ch"),
                ("--av-reader-font", "var(--av-font-reading)"),
            ]
        );
    }
}
