//! The language of a text when its source names none: Vietnamese or English, told apart by their
//! letters and most common words (enough for the interface language; anything else stays `und`).

/// Letters only Vietnamese uses among the Latin-script languages: `ă â đ ê ô ơ ư` and the
/// precomposed tone-marked vowels U+1EA0–U+1EF9.
fn vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    ) || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
}

/// English's most frequent words (about a fifth of running English text).
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as",
    "he", "she", "they", "are", "be", "at", "by", "this", "have", "from",
];

/// `vi` or `en` when the text is clearly one of them, else `None`.
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut letters, mut vi) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if vietnamese_letter(c) {
            vi += 1;
        }
    }
    if letters < 20 {
        return None;
    }
    // Vietnamese text has one such letter in about every six; other languages almost none.
    if vi * 25 >= letters {
        return Some("vi");
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let common = words
        .iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .count();
    (words.len() >= 5 && common * 10 >= words.len()).then_some("en")
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn tells_vietnamese_and_english_apart() {
        assert_eq!(
            detect("Thường trực Thị ủy Kỳ Anh làm việc với Đảng ủy phường Hưng Trí về công tác"),
            Some("vi")
        );
        assert_eq!(
            detect("The harbour library opens its doors again after a year of work on the roof."),
            Some("en")
        );
        assert_eq!(
            detect("Der Hafen und die Bibliothek öffnen ihre Türen wieder nach einem Jahr"),
            None
        );
        assert_eq!(detect("OK"), None);
    }
}
