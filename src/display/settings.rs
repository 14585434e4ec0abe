//! The panel's settings as data: for each radio group its name, legend, choices and how it reads
//! and writes the reader's [`Prefs`], so one view renders them all and the table is tested natively.

use crate::display::words::PanelWords;
use crate::reader::appearance::{LineSpacing, Theme};
use crate::reader::font::FontChoice;
use crate::reader::prefs::Prefs;
use crate::reader::spacing::{ContentWidth, LetterSpacing, ParagraphSpacing, WordSpacing};

/// One radio group of the panel.
#[derive(Clone, Debug)]
pub struct Setting {
    /// Short name: the radio group's name (after the viewer's prefix) and its test ids (`av-{name}-{key}`).
    pub name: &'static str,
    /// The group's legend.
    pub legend: &'static str,
    /// The stored name of each choice, in display order.
    pub keys: Vec<&'static str>,
    /// The label of each choice, in the same order.
    pub labels: &'static [&'static str],
    /// Which choice `prefs` holds (an index into `keys`).
    pub get: fn(&Prefs) -> usize,
    /// Makes choice `index` the reader's.
    pub set: fn(&mut Prefs, usize),
}

/// The index of `value` in `all` (0, the first choice, if it is missing: it never is).
fn index<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

/// The choice at `index` in `all`, or the current one when `index` is out of range.
fn pick<T: Copy>(all: &[T], index: usize, current: T) -> T {
    all.get(index).copied().unwrap_or(current)
}

/// Every group of the panel, in display order: text first, then font, then colours.
pub fn settings(w: &'static PanelWords) -> Vec<Setting> {
    vec![
        Setting {
            name: "spacing",
            legend: w.line_spacing,
            keys: LineSpacing::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.line,
            get: |p| index(LineSpacing::ALL, &p.spacing),
            set: |p, i| p.spacing = pick(LineSpacing::ALL, i, p.spacing),
        },
        Setting {
            name: "letter",
            legend: w.letter_spacing,
            keys: LetterSpacing::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.extra,
            get: |p| index(LetterSpacing::ALL, &p.letter),
            set: |p, i| p.letter = pick(LetterSpacing::ALL, i, p.letter),
        },
        Setting {
            name: "word",
            legend: w.word_spacing,
            keys: WordSpacing::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.extra,
            get: |p| index(WordSpacing::ALL, &p.word),
            set: |p, i| p.word = pick(WordSpacing::ALL, i, p.word),
        },
        Setting {
            name: "para",
            legend: w.paragraph_spacing,
            keys: ParagraphSpacing::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.paragraph,
            get: |p| index(ParagraphSpacing::ALL, &p.paragraph),
            set: |p, i| p.paragraph = pick(ParagraphSpacing::ALL, i, p.paragraph),
        },
        Setting {
            name: "width",
            legend: w.width,
            keys: ContentWidth::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.widths,
            get: |p| index(ContentWidth::ALL, &p.width),
            set: |p, i| p.width = pick(ContentWidth::ALL, i, p.width),
        },
        Setting {
            name: "font",
            legend: w.font,
            keys: FontChoice::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.fonts,
            get: |p| index(FontChoice::ALL, &p.font),
            set: |p, i| p.font = pick(FontChoice::ALL, i, p.font),
        },
        Setting {
            name: "theme",
            legend: w.theme,
            keys: Theme::ALL.iter().map(|v| v.key()).collect(),
            labels: &w.themes,
            get: |p| index(Theme::ALL, &p.theme),
            set: |p, i| p.theme = pick(Theme::ALL, i, p.theme),
        },
    ]
}

/// The reader's settings with every display setting of the panel back to its default; the text
/// size (the toolbar's, with its own reset) stays.
pub fn reset_display(prefs: &Prefs) -> Prefs {
    Prefs {
        size: prefs.size,
        ..Prefs::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::words::panel_words;
    use crate::i18n::UiLang;
    use crate::reader::text_size::TextSize;

    #[test]
    fn every_choice_of_every_group_is_written_and_read_back_alone() {
        for setting in settings(panel_words(UiLang::Vi)) {
            assert_eq!(setting.keys.len(), setting.labels.len(), "{}", setting.name);
            for i in 0..setting.keys.len() {
                let mut p = Prefs::default();
                (setting.set)(&mut p, i);
                assert_eq!((setting.get)(&p), i, "{} {i}", setting.name);
                // Only this group changed: every other group still reads its default.
                for other in settings(panel_words(UiLang::Vi)) {
                    if other.name != setting.name {
                        assert_eq!((other.get)(&p), (other.get)(&Prefs::default()));
                    }
                }
                // And it survives storage.
                assert_eq!((setting.get)(&Prefs::decode(&p.encode())), i);
            }
        }
    }

    #[test]
    fn groups_have_unique_names_and_keys_and_the_existing_test_ids() {
        let all = settings(panel_words(UiLang::En));
        let names: Vec<_> = all.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            ["spacing", "letter", "word", "para", "width", "font", "theme"]
        );
        for s in &all {
            let mut keys = s.keys.clone();
            keys.dedup();
            assert_eq!(keys.len(), s.keys.len());
        }
    }

    #[test]
    fn an_index_out_of_range_changes_nothing() {
        for setting in settings(panel_words(UiLang::En)) {
            let mut p = Prefs::default();
            (setting.set)(&mut p, 99);
            assert_eq!(p, Prefs::default());
        }
    }

    #[test]
    fn reset_keeps_the_text_size_only() {
        let p = Prefs::decode("size=250;line=relaxed;theme=dark;letter=wider;font=reading");
        let r = reset_display(&p);
        assert_eq!(r.size, TextSize::parse("250"));
        assert_eq!(
            r,
            Prefs {
                size: p.size,
                ..Prefs::default()
            }
        );
    }
}
