//! The display panel's own words in Vietnamese and English (only this part shows them, so they
//! live here, not in the viewer's critical `i18n`).

use crate::i18n::UiLang;

/// Every piece of text the panel shows.
#[derive(Debug)]
pub struct PanelWords {
    /// Name of the line spacing choice.
    pub line_spacing: &'static str,
    /// Line spacing: compact, normal, relaxed.
    pub line: [&'static str; 3],
    /// Name of the letter spacing choice.
    pub letter_spacing: &'static str,
    /// Name of the word spacing choice.
    pub word_spacing: &'static str,
    /// Letter and word spacing: normal, wide, wider.
    pub extra: [&'static str; 3],
    /// Name of the paragraph spacing choice.
    pub paragraph_spacing: &'static str,
    /// Paragraph spacing: normal, double.
    pub paragraph: [&'static str; 2],
    /// Name of the text width choice.
    pub width: &'static str,
    /// Text width: narrow, normal, wide.
    pub widths: [&'static str; 3],
    /// Name of the font choice.
    pub font: &'static str,
    /// Fonts: system, serif, reading.
    pub fonts: [&'static str; 3],
    /// Name of the theme choice.
    pub theme: &'static str,
    /// Themes: system, light, dark, sepia.
    pub themes: [&'static str; 4],
    /// The large-type print button.
    pub print_large: &'static str,
    /// What the large-type print uses.
    pub print_large_hint: &'static str,
    /// The button that puts every display setting back to its default.
    pub reset: &'static str,
    /// Said once the settings are back to their defaults.
    pub reset_done: &'static str,
}

const VI: PanelWords = PanelWords {
    line_spacing: "Giãn dòng",
    line: ["Hẹp", "Vừa", "Rộng"],
    letter_spacing: "Giãn chữ",
    word_spacing: "Giãn từ",
    extra: ["Bình thường", "Rộng", "Rất rộng"],
    paragraph_spacing: "Khoảng cách đoạn",
    paragraph: ["Bình thường", "Gấp đôi"],
    width: "Độ rộng cột chữ",
    widths: ["Hẹp", "Vừa", "Rộng"],
    font: "Phông chữ",
    fonts: ["Mặc định của máy", "Có chân (serif)", "Dễ đọc (Lexend)"],
    theme: "Màu nền",
    themes: ["Theo hệ thống", "Sáng", "Tối", "Giấy ngà (sepia)"],
    print_large: "In chữ lớn",
    print_large_hint: "In với cỡ chữ, giãn cách và phông chữ bạn đã chọn.",
    reset: "Khôi phục mặc định",
    reset_done: "Đã khôi phục cách hiển thị mặc định.",
};

const EN: PanelWords = PanelWords {
    line_spacing: "Line spacing",
    line: ["Compact", "Normal", "Relaxed"],
    letter_spacing: "Letter spacing",
    word_spacing: "Word spacing",
    extra: ["Normal", "Wide", "Wider"],
    paragraph_spacing: "Paragraph spacing",
    paragraph: ["Normal", "Double"],
    width: "Text width",
    widths: ["Narrow", "Normal", "Wide"],
    font: "Font",
    fonts: ["System", "Serif", "Easy reading (Lexend)"],
    theme: "Colours",
    themes: ["System", "Light", "Dark", "Sepia"],
    print_large: "Print in large type",
    print_large_hint: "Prints with your text size, spacing and font.",
    reset: "Reset to defaults",
    reset_done: "The display settings are back to their defaults.",
};

/// The panel's words in `lang`.
pub fn panel_words(lang: UiLang) -> &'static PanelWords {
    match lang {
        UiLang::Vi => &VI,
        UiLang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::appearance::{LineSpacing, Theme};
    use crate::reader::font::FontChoice;
    use crate::reader::spacing::{ContentWidth, LetterSpacing, ParagraphSpacing, WordSpacing};

    #[test]
    fn every_choice_has_a_label_in_both_languages() {
        for w in [panel_words(UiLang::Vi), panel_words(UiLang::En)] {
            assert_eq!(w.line.len(), LineSpacing::ALL.len());
            assert_eq!(w.extra.len(), LetterSpacing::ALL.len());
            assert_eq!(w.extra.len(), WordSpacing::ALL.len());
            assert_eq!(w.paragraph.len(), ParagraphSpacing::ALL.len());
            assert_eq!(w.widths.len(), ContentWidth::ALL.len());
            assert_eq!(w.fonts.len(), FontChoice::ALL.len());
            assert_eq!(w.themes.len(), Theme::ALL.len());
            let all = [
                w.line_spacing,
                w.letter_spacing,
                w.word_spacing,
                w.paragraph_spacing,
                w.width,
                w.font,
                w.theme,
                w.print_large,
                w.print_large_hint,
                w.reset,
                w.reset_done,
            ];
            for s in all
                .iter()
                .chain(&w.line)
                .chain(&w.extra)
                .chain(&w.paragraph)
                .chain(&w.widths)
                .chain(&w.fonts)
                .chain(&w.themes)
            {
                assert!(!s.trim().is_empty());
            }
        }
        assert_eq!(panel_words(UiLang::Vi).print_large, "In chữ lớn");
        assert_eq!(panel_words(UiLang::En).print_large, "Print in large type");
    }
}
