//! Text size steps (the seed portal's "Aa"): from 75 % to 300 % of the reader's own browser size.

/// The sizes offered, in percent of the reader's browser font size.
pub const STEPS: [u16; 10] = [75, 88, 100, 113, 125, 150, 175, 200, 250, 300];
/// Index of 100 % in [`STEPS`].
const DEFAULT_INDEX: usize = 2;

/// A text size: one of [`STEPS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSize(usize);

impl Default for TextSize {
    fn default() -> Self {
        TextSize(DEFAULT_INDEX)
    }
}

impl TextSize {
    /// The size in percent (`150` for 150 %).
    pub fn percent(self) -> u16 {
        STEPS[self.0]
    }

    /// The size as a CSS scale factor (`"1.5"` for 150 %), written without float formatting
    /// (which would add kilobytes to the wasm).
    pub fn scale(self) -> String {
        let p = self.percent();
        let frac = format!("{:02}", p % 100);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            format!("{}", p / 100)
        } else {
            format!("{}.{frac}", p / 100)
        }
    }

    /// One step larger, or the same at the largest size.
    pub fn increase(self) -> TextSize {
        TextSize((self.0 + 1).min(STEPS.len() - 1))
    }

    /// One step smaller, or the same at the smallest size.
    pub fn decrease(self) -> TextSize {
        TextSize(self.0.saturating_sub(1))
    }

    /// Whether a larger size exists.
    pub fn can_increase(self) -> bool {
        self.0 + 1 < STEPS.len()
    }

    /// Whether a smaller size exists.
    pub fn can_decrease(self) -> bool {
        self.0 > 0
    }

    /// Whether this is 100 %.
    pub fn is_default(self) -> bool {
        self.0 == DEFAULT_INDEX
    }

    /// The step nearest to `percent`; `None` for zero.
    pub fn nearest(percent: u32) -> Option<TextSize> {
        if percent == 0 {
            return None;
        }
        let (index, _) = STEPS
            .iter()
            .enumerate()
            .min_by_key(|(_, step)| u32::from(**step).abs_diff(percent))?;
        Some(TextSize(index))
    }

    /// Reads a stored size (`"150"`, `"87.5"`); anything unreadable gives 100 %.
    pub fn parse(stored: &str) -> TextSize {
        let s = stored.trim().trim_end_matches('%');
        let whole = match s.split_once('.') {
            Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => w,
            Some(_) => return TextSize::default(),
            None => s,
        };
        if whole.is_empty() || whole.len() > 6 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return TextSize::default();
        }
        whole
            .parse::<u32>()
            .ok()
            .and_then(TextSize::nearest)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_at_100_and_steps_both_ways() {
        let s = TextSize::default();
        assert_eq!(s.percent(), 100);
        assert!(s.is_default());
        assert_eq!(s.increase().percent(), 113);
        assert_eq!(s.decrease().percent(), 88);
        assert_eq!(s.increase().increase().decrease(), s.increase());
    }

    #[test]
    fn covers_75_to_300_and_stops_at_the_ends() {
        let mut s = TextSize::default();
        for _ in 0..20 {
            s = s.increase();
        }
        assert_eq!(s.percent(), 300);
        assert!(!s.can_increase());
        assert_eq!(s.increase(), s);
        for _ in 0..20 {
            s = s.decrease();
        }
        assert_eq!(s.percent(), 75);
        assert!(!s.can_decrease());
        assert_eq!(s.decrease(), s);
    }

    #[test]
    fn resets_to_100() {
        let big = TextSize::parse("250");
        assert_eq!(big.percent(), 250);
        assert_eq!(TextSize::default().percent(), 100);
    }

    #[test]
    fn parses_stored_values_and_survives_garbage() {
        assert_eq!(TextSize::parse("150").percent(), 150);
        assert_eq!(TextSize::parse(" 175% ").percent(), 175);
        assert_eq!(TextSize::parse("160").percent(), 150);
        assert_eq!(TextSize::parse("9999").percent(), 300);
        assert_eq!(TextSize::parse("87.5").percent(), 88);
        assert_eq!(TextSize::parse("1").percent(), 75);
        for garbage in [
            "",
            "abc",
            "-5",
            "0",
            "NaN",
            "inf",
            "1e999",
            "{\"x\":1}",
            "150px",
        ] {
            assert_eq!(TextSize::parse(garbage), TextSize::default(), "{garbage:?}");
        }
    }

    #[test]
    fn scale_is_relative() {
        assert_eq!(TextSize::parse("300").scale(), "3");
        assert_eq!(TextSize::parse("75").scale(), "0.75");
        assert_eq!(TextSize::parse("150").scale(), "1.5");
        assert_eq!(TextSize::parse("113").scale(), "1.13");
    }
}
