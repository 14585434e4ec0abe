//! Text spacing (WCAG 2.2 SC 1.4.12) and line length: letter, word and paragraph spacing, and the
//! width of the text column. Each is one custom property on the viewer's root.

use super::choice::choice;

choice! {
    /// Extra space between letters.
    LetterSpacing {
        /// None (the default).
        Normal = "normal" => "",
        /// +0.06 em.
        Wide = "wide" => "0.06em",
        /// +0.12 em (the WCAG 1.4.12 value).
        Wider = "wider" => "0.12em",
    }
    default Normal
}

choice! {
    /// Extra space between words.
    WordSpacing {
        /// None (the default).
        Normal = "normal" => "",
        /// +0.16 em (the WCAG 1.4.12 value).
        Wide = "wide" => "0.16em",
        /// +0.32 em.
        Wider = "wider" => "0.32em",
    }
    default Normal
}

choice! {
    /// Space after each paragraph of the article body.
    ParagraphSpacing {
        /// One line (1 em, the default).
        Normal = "normal" => "",
        /// Twice the font size (the WCAG 1.4.12 value).
        Double = "double" => "2em",
    }
    default Normal
}

choice! {
    /// Width of the text column (line length).
    ContentWidth {
        /// About 50 characters a line.
        Narrow = "narrow" => "50ch",
        /// The host's `--av-measure`, 70 characters by default.
        Normal = "normal" => "",
        /// About 90 characters a line.
        Wide = "wide" => "90ch",
    }
    default Normal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_and_has_its_css() {
        let letters: Vec<_> = LetterSpacing::ALL.iter().map(|v| v.css()).collect();
        assert_eq!(letters, ["", "0.06em", "0.12em"]);
        let words: Vec<_> = WordSpacing::ALL.iter().map(|v| v.css()).collect();
        assert_eq!(words, ["", "0.16em", "0.32em"]);
        let paragraphs: Vec<_> = ParagraphSpacing::ALL.iter().map(|v| v.css()).collect();
        assert_eq!(paragraphs, ["", "2em"]);
        let widths: Vec<_> = ContentWidth::ALL.iter().map(|v| v.css()).collect();
        assert_eq!(widths, ["50ch", "", "90ch"]);
        for v in LetterSpacing::ALL {
            assert_eq!(LetterSpacing::parse(v.key()), *v);
        }
        for v in WordSpacing::ALL {
            assert_eq!(WordSpacing::parse(&format!(" {} ", v.key())), *v);
        }
        for v in ParagraphSpacing::ALL {
            assert_eq!(ParagraphSpacing::parse(v.key()), *v);
        }
        for v in ContentWidth::ALL {
            assert_eq!(ContentWidth::parse(v.key()), *v);
        }
    }

    #[test]
    fn the_default_is_the_stylesheets_own_and_garbage_gives_it() {
        assert_eq!(LetterSpacing::default().css(), "");
        assert_eq!(WordSpacing::default().css(), "");
        assert_eq!(ParagraphSpacing::default().css(), "");
        assert_eq!(ContentWidth::default().css(), "");
        assert_eq!(LetterSpacing::parse("0.12em"), LetterSpacing::Normal);
        assert_eq!(WordSpacing::parse("WIDE"), WordSpacing::Normal);
        assert_eq!(ParagraphSpacing::parse(""), ParagraphSpacing::Normal);
        assert_eq!(ContentWidth::parse("<script>"), ContentWidth::Normal);
    }
}
