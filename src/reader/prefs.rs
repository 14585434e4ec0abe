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

/// The cookie that carries the reader's choices to the reference server, so its article pages
/// are in them from the first frame without a script (`boot.js` writes it; the server reads it
/// with [`Prefs::from_cookie`]).
pub const COOKIE_NAME: &str = "av-prefs";

/// The longest cookie value [`Prefs::from_cookie`] reads (every setting changed is 96 bytes).
const COOKIE_MAX: usize = 160;

/// The keys of the stored form, in the order [`Prefs::with`] reads them.
const FIELDS: [&str; 8] = [
    "size", "line", "theme", "letter", "word", "para", "width", "font",
];

/// The name of each setting in the embed API (`el.readingSettings`), in the order of `FIELDS`.
pub const HOST_NAMES: [&str; 8] = [
    "fontScale",
    "lineSpacing",
    "theme",
    "letterSpacing",
    "wordSpacing",
    "paragraphSpacing",
    "width",
    "font",
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

    /// The choices that differ from the defaults, as `(key, value)` of the stored form, in its
    /// order: what a served article's root carries as `data-av-{key}` attributes.
    pub fn changed(&self) -> Vec<(&'static str, String)> {
        let d = Prefs::default();
        let mut out = Vec::new();
        let mut add = |changed: bool, key: &'static str, value: String| {
            if changed {
                out.push((key, value));
            }
        };
        add(
            self.size != d.size,
            FIELDS[0],
            self.size.percent().to_string(),
        );
        add(
            self.spacing != d.spacing,
            FIELDS[1],
            self.spacing.key().into(),
        );
        add(self.theme != d.theme, FIELDS[2], self.theme.key().into());
        add(self.letter != d.letter, FIELDS[3], self.letter.key().into());
        add(self.word != d.word, FIELDS[4], self.word.key().into());
        add(
            self.paragraph != d.paragraph,
            FIELDS[5],
            self.paragraph.key().into(),
        );
        add(self.width != d.width, FIELDS[6], self.width.key().into());
        add(self.font != d.font, FIELDS[7], self.font.key().into());
        out
    }

    /// The value of the [`COOKIE_NAME`] cookie: the changed choices, `&` between them
    /// (`size=200&theme=dark`); empty for the defaults (then no cookie is kept).
    pub fn cookie_value(&self) -> String {
        self.changed()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads a [`COOKIE_NAME`] value strictly: anything longer than 160 bytes or with a byte
    /// outside `a-z 0-9 = &` gives the defaults; within it, as [`Prefs::decode`] (an unknown key
    /// or value gives that setting's default), so only known values ever come out.
    pub fn from_cookie(value: &str) -> Prefs {
        let fits = value.len() <= COOKIE_MAX
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'=' || b == b'&');
        if !fits {
            return Prefs::default();
        }
        Prefs::decode(&value.replace('&', ";"))
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
    fn the_cookie_carries_only_changed_choices_and_reads_them_back() {
        assert_eq!(Prefs::default().cookie_value(), "");
        let p = everything_changed();
        let value = p.cookie_value();
        assert_eq!(
            value,
            "size=250&line=relaxed&theme=sepia&letter=wider&word=wide&para=double&width=narrow&font=reading"
        );
        assert_eq!(Prefs::from_cookie(&value), p);
        assert_eq!(
            Prefs::from_cookie("size=200&theme=dark").changed(),
            vec![("size", "200".to_string()), ("theme", "dark".to_string())]
        );
        // Every text size and theme, one at a time and together, comes back as it went.
        for size in crate::reader::text_size::STEPS {
            for theme in ["auto", "light", "dark", "sepia"] {
                let p = Prefs::decode(&format!("size={size};theme={theme};line=compact"));
                assert_eq!(Prefs::from_cookie(&p.cookie_value()), p, "{size} {theme}");
            }
        }
    }

    #[test]
    fn a_bad_cookie_gives_known_values_only() {
        for bad in [
            "size=200;theme=dark",
            "theme=\"><script>",
            "size=200&theme=DARK&x",
            "size=200 ",
            &"size=200&".repeat(20),
            "th%65me=dark",
        ] {
            assert_eq!(Prefs::from_cookie(bad), Prefs::default(), "{bad}");
        }
        // Within the allowed bytes, unknown keys and values fall back one by one.
        let p = Prefs::from_cookie("size=999999&theme=evil&line=relaxed&onload=1");
        assert_eq!(p.theme, Theme::Auto);
        assert_eq!(p.spacing, LineSpacing::Relaxed);
        assert_eq!(
            p.changed().iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec!["size", "line"]
        );
        assert_eq!(p.size.percent(), 300);
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

    /// One setting of the loaders' table: its host name, default, and each stored name with the
    /// custom property's value (empty: the stylesheet's).
    fn choice<T: Copy + Default + PartialEq>(
        host: &str,
        all: &[T],
        key: fn(T) -> &'static str,
        css: fn(T) -> &'static str,
        property: Option<&str>,
    ) -> serde_json::Value {
        let values: serde_json::Map<String, serde_json::Value> = all
            .iter()
            .map(|&v| (key(v).to_string(), css(v).into()))
            .collect();
        serde_json::json!({
            "name": host,
            "default": key(T::default()),
            "property": property,
            "values": values,
        })
    }

    /// What the loaders (`scripts/loader-common.js`, `scripts/embed-loader.js`) know of the
    /// reader's settings, from this definition: post-build.mjs fills it in as `__SETTINGS__`.
    fn loaders_table() -> serde_json::Value {
        let p = Prefs::default().properties();
        let mut choices = serde_json::Map::new();
        let entries = [
            choice(
                HOST_NAMES[1],
                LineSpacing::ALL,
                LineSpacing::key,
                LineSpacing::css,
                Some(p[0].0),
            ),
            choice(HOST_NAMES[2], Theme::ALL, Theme::key, |_| "", None),
            choice(
                HOST_NAMES[3],
                LetterSpacing::ALL,
                LetterSpacing::key,
                LetterSpacing::css,
                Some(p[1].0),
            ),
            choice(
                HOST_NAMES[4],
                WordSpacing::ALL,
                WordSpacing::key,
                WordSpacing::css,
                Some(p[2].0),
            ),
            choice(
                HOST_NAMES[5],
                ParagraphSpacing::ALL,
                ParagraphSpacing::key,
                ParagraphSpacing::css,
                Some(p[3].0),
            ),
            choice(
                HOST_NAMES[6],
                ContentWidth::ALL,
                ContentWidth::key,
                ContentWidth::css,
                Some(p[4].0),
            ),
            choice(
                HOST_NAMES[7],
                FontChoice::ALL,
                FontChoice::key,
                FontChoice::css,
                Some(p[5].0),
            ),
        ];
        for (key, entry) in FIELDS[1..].iter().zip(entries) {
            choices.insert((*key).to_string(), entry);
        }
        // How stored forms read, so the loaders' reader is held to this one (a Node test runs them).
        let inputs = [
            "",
            "size=150;line=relaxed;theme=dark",
            "size=160;letter=wide;word=wider;para=double;width=narrow;font=reading",
            "size=87.5;theme=sepia;width=wide;font=serif",
            "size= 200 ;line= compact ; theme =light",
            "size=300%;line=huge;theme=<script>;letter=;font=Comic",
            "size=0;size=abc;word=wide;word=normal",
            "size=1000000;para=double;line=relaxed;line=compact",
            "\u{0}\u{ffff}=;;;===",
            "size=75;size=113;width=narrow;unknown=1",
        ];
        let vectors: Vec<serde_json::Value> = inputs
            .iter()
            .map(|input| {
                let p = Prefs::decode(input);
                serde_json::json!({ "stored": input, "encoded": p.encode(), "percent": p.size.percent() })
            })
            .collect();
        // How the pre-paint must show a publication time (`showTime`), as `Timestamp::display`.
        let times: Vec<serde_json::Value> = [
            "2022-04-18T17:09:00+07:00",
            "2024-03-12T09:15:00+07:00",
            "2019-11-18T16:07:38-06:00",
            "2019-11-19T07:09:00Z",
            "2019-11-19T07:09:00.123z",
            "2021-01-05T23:59:59+05:30",
            "2021-01-05T08:00:00-03:30",
            "2019-11-20T12:32:00",
            "2019-11-20 12:32:00",
            "2019-11-19",
            "2022-02-30T10:00:00+07:00",
            "18/04/2022 17:09",
            "",
        ]
        .iter()
        .map(|iso| {
            let shown = |lang| {
                crate::date::Timestamp::parse(iso)
                    .map(|t| t.display(lang))
                    .unwrap_or_default()
            };
            serde_json::json!({ "iso": iso, "vi": shown(crate::i18n::UiLang::Vi), "en": shown(crate::i18n::UiLang::En) })
        })
        .collect();
        serde_json::json!({
            "times": times,
            "key": STORAGE_KEY,
            "legacyKey": LEGACY_STORAGE_KEY,
            "cookie": COOKIE_NAME,
            "event": crate::reader::store::SYNC_EVENT,
            "sizeName": HOST_NAMES[0],
            // The order of the stored form (objects above are sorted by name).
            "order": FIELDS,
            "steps": crate::reader::text_size::STEPS,
            "choices": choices,
            "vectors": vectors,
        })
    }

    #[test]
    fn the_loaders_table_is_this_definition() {
        let generated = serde_json::to_string_pretty(&loaders_table()).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/settings.json");
        if std::env::var_os("UPDATE_SETTINGS").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "scripts/settings.json is not what src/reader/ defines; run \
             UPDATE_SETTINGS=1 cargo test -p article-viewer loaders_table"
        );
    }
}
