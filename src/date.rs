//! RFC 3339 timestamps and how an article's time is shown in the portal's style.
//!
//! The wall-clock time is the publication's own (the offset in the timestamp), never the
//! reader's (comments are the exception: they show in the reader's own zone, read through the
//! browser's `Date`). The format is fixed per language, so the loader's pre-paint can write the same
//! text before the wasm is in; everything here is unit-tested natively.

use crate::i18n::UiLang;

/// A parsed RFC 3339 timestamp: the local wall-clock fields and the offset they are in. The
/// formats part also writes a time without an offset (zone unknown: shown as written, without a
/// zone) and a date alone (shown without a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// Year, 0000–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60 (60 for a leap second).
    pub second: u8,
    /// Offset from UTC in minutes (`+07:00` is 420); `None` when the zone is unknown.
    pub offset_minutes: Option<i16>,
    /// Whether a time of day was given (a date alone has none; hour, minute and second are 0).
    pub has_time: bool,
}

/// Why a timestamp was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not in the `YYYY-MM-DDTHH:MM:SS±HH:MM` shape (or a date alone, or no offset).
    #[error("must be an RFC 3339 time, such as 2022-04-18T17:09:00+07:00")]
    Shape,
    /// A field is out of its range (month 13, 31 April, hour 24, …).
    #[error("has a date or time that does not exist")]
    Range,
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl Timestamp {
    /// Parses an RFC 3339 `date-time` (`Z` means UTC), a date-time without an offset (zone
    /// unknown), or a `full-date` alone.
    pub fn parse(s: &str) -> Result<Timestamp, DateError> {
        let b = s.trim().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Shape);
        }
        let num = |r: std::ops::Range<usize>| digits(&b[r]).ok_or(DateError::Shape);
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let has_time = b.len() > 10;
        if has_time
            && (b.len() < 19
                || !matches!(b[10], b'T' | b't' | b' ')
                || b[13] != b':'
                || b[16] != b':')
        {
            return Err(DateError::Shape);
        }
        let (hour, minute, second) = if has_time {
            (num(11..13)?, num(14..16)?, num(17..19)?)
        } else {
            (0, 0, 0)
        };
        let mut i = b.len().min(19);
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return Err(DateError::Shape);
            }
        }
        let offset_minutes = match &b[i..] {
            [] => None,
            [b'Z' | b'z'] => Some(0),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2]).ok_or(DateError::Shape)?;
                let m = digits(&[*m1, *m2]).ok_or(DateError::Shape)?;
                if h > 23 || m > 59 {
                    return Err(DateError::Range);
                }
                let total = (h * 60 + m) as i16;
                Some(if *sign == b'-' { -total } else { total })
            }
            _ => return Err(DateError::Shape),
        };
        let ts = Timestamp {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            offset_minutes,
            has_time,
        };
        let valid_day = (1..=12).contains(&ts.month)
            && ts.day >= 1
            && ts.day <= days_in_month(ts.year, ts.month);
        if !valid_day || ts.hour > 23 || ts.minute > 59 || ts.second > 60 {
            return Err(DateError::Range);
        }
        Ok(ts)
    }

    /// The offset as readers write it: `GMT+7`, `GMT-3:30`, `GMT`; empty when it is unknown.
    pub fn offset_label(&self) -> String {
        let Some(m) = self.offset_minutes else {
            return String::new();
        };
        if m == 0 {
            return "GMT".to_string();
        }
        let sign = if m < 0 { '-' } else { '+' };
        let (h, min) = (m.unsigned_abs() / 60, m.unsigned_abs() % 60);
        if min == 0 {
            format!("GMT{sign}{h}")
        } else {
            format!("GMT{sign}{h}:{min:02}")
        }
    }

    /// The portal's style: `17:09 18/04/2022` (vi), `18 Apr 2022, 17:09 GMT+7` (en); without the
    /// zone when it is unknown, without the time for a date alone (`18/04/2022`, `18 Apr 2022`).
    pub fn fallback_display(&self, lang: UiLang) -> String {
        match lang {
            UiLang::Vi if !self.has_time => {
                format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
            }
            UiLang::Vi => format!(
                "{:02}:{:02} {:02}/{:02}/{:04}",
                self.hour, self.minute, self.day, self.month, self.year
            ),
            UiLang::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                let month = MONTHS[usize::from(self.month.clamp(1, 12) - 1)];
                if !self.has_time {
                    return format!("{} {month} {}", self.day, self.year);
                }
                let label = self.offset_label();
                let sep = if label.is_empty() { "" } else { " " };
                format!(
                    "{} {month} {}, {:02}:{:02}{sep}{label}",
                    self.day, self.year, self.hour, self.minute
                )
            }
        }
    }

    /// Shows the time in the portal's style for `lang` (the loader's pre-paint writes the same
    /// text, see `showTime` in scripts/loader-common.js).
    pub fn display(&self, lang: UiLang) -> String {
        self.fallback_display(lang)
    }
}

/// The wall-clock fields of a JS date in the reader's own time zone.
#[cfg(target_arch = "wasm32")]
fn local_fields(d: &js_sys::Date) -> Timestamp {
    Timestamp {
        year: d.get_full_year() as u16,
        month: d.get_month() as u8 + 1,
        day: d.get_date() as u8,
        hour: d.get_hours() as u8,
        minute: d.get_minutes() as u8,
        second: d.get_seconds() as u8,
        offset_minutes: Some(-(d.get_timezone_offset() as i16)),
        has_time: true,
    }
}

/// The reader's current local time in the portal's style (for "printed at" lines).
pub fn now_display(lang: UiLang) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        local_fields(&js_sys::Date::new_0()).display(lang)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        String::new()
    }
}

/// An RFC 3339 time shown in the reader's own time zone (comments are posted from anywhere).
pub fn display_local(iso: &str, lang: UiLang) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if Timestamp::parse(iso).is_ok() {
            let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso.trim()));
            if !d.get_time().is_nan() {
                return local_fields(&d).display(lang);
            }
        }
    }
    Timestamp::parse(iso)
        .map(|t| t.fallback_display(lang))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_time_in_its_own_offset() {
        let t = Timestamp::parse("2022-04-18T17:09:00+07:00").unwrap();
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute),
            (2022, 4, 18, 17, 9)
        );
        assert_eq!(t.offset_minutes, Some(420));
        assert_eq!(t.fallback_display(UiLang::Vi), "17:09 18/04/2022");
        assert_eq!(t.fallback_display(UiLang::En), "18 Apr 2022, 17:09 GMT+7");
    }

    #[test]
    fn parses_utc_fractions_and_negative_offsets() {
        assert_eq!(
            Timestamp::parse("2024-02-29T23:59:60.123Z")
                .unwrap()
                .offset_minutes,
            Some(0)
        );
        let t = Timestamp::parse("2022-01-01t00:00:00-03:30").unwrap();
        assert_eq!(t.offset_minutes, Some(-210));
        assert_eq!(t.offset_label(), "GMT-3:30");
    }

    #[test]
    fn refuses_wrong_shapes() {
        for s in [
            "",
            "18/04/2022 17:09",
            "2022-04-18T17:09+07:00",
            "22-04-18",
            "2022-04-18T",
            "2022-04-18T17:09:00+0700",
            "2022-04-18T17:09:00.+07:00",
            "2022-04-18T17:09:00+07:00 extra",
            "２０２２-04-18T17:09:00Z",
        ] {
            assert_eq!(Timestamp::parse(s), Err(DateError::Shape), "{s:?}");
        }
    }

    #[test]
    fn shows_no_zone_when_unknown_and_no_time_for_a_date_alone() {
        let t = Timestamp::parse("2019-11-20T12:32:00").unwrap();
        assert_eq!(t.offset_minutes, None);
        assert_eq!(t.fallback_display(UiLang::Vi), "12:32 20/11/2019");
        assert_eq!(t.fallback_display(UiLang::En), "20 Nov 2019, 12:32");
        let d = Timestamp::parse("2019-11-19").unwrap();
        assert!(!d.has_time);
        assert_eq!(d.fallback_display(UiLang::Vi), "19/11/2019");
        assert_eq!(d.fallback_display(UiLang::En), "19 Nov 2019");
        assert_eq!(
            Timestamp::parse("2022-02-29").unwrap_err(),
            DateError::Range
        );
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        for s in [
            "2022-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2022-04-31T00:00:00Z",
            "2022-13-01T00:00:00Z",
            "2022-00-10T00:00:00Z",
            "2022-04-18T24:00:00Z",
            "2022-04-18T12:60:00Z",
            "2022-04-18T12:00:00+24:00",
        ] {
            assert_eq!(Timestamp::parse(s), Err(DateError::Range), "{s:?}");
        }
    }
}
