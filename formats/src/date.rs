//! Dates as real sites write them (ISO 8601 / RFC 3339 with or without an offset or `T`,
//! RFC 2822, `November 19, 2019, 07:47 PM EST`, `19 Nov 2019 07:09 GMT`, JavaScript's
//! `Date.toString()`, a date alone, and the day-first forms Vietnamese portals print:
//! `17:09 18/04/2022`, `Thứ hai, 18/04/2022 17:09`), read into the RFC 3339 text the viewer shows.
//!
//! The text is first normalised (weekday, commas, `at`, a parenthesised zone name, fractions of a
//! second), its zone is read off the end (a numeric offset, `GMT+7`, or an unambiguous
//! abbreviation from [`ZONES`]), and the rest is matched against the [`DATE_TIMES`] and [`DATES`]
//! tables of strftime-style layouts (`%Y %m %d %B %H %I %M %S %p`, read by [`match_layout`]). An
//! unknown zone is not a reason to refuse: the time is kept as local time with no zone shown.
//!
//! The layouts were first read with chrono's `parse_from_str`; it made the formats part 30 KB
//! brotli larger (its parser and formatter), over the part's budget, so the few fields these
//! layouts use are read here (README, "Dependencies").

/// A date read from a page or feed: the wall-clock date, the time if one is given, the offset
/// from UTC if it is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteDate {
    /// Year, 1000–9999.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
    /// The wall-clock time as written (hour, minute, second; fractions dropped), if any.
    pub time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes (`+07:00` is 420), when the text says it.
    pub offset_minutes: Option<i32>,
}

/// Zone abbreviations read as fixed offsets, in minutes. Only unambiguous ones, plus the US zones
/// RFC 2822 itself defines (`CST` is US Central there, not China). `BST` and `IST` are left out:
/// each names several zones, so they are read as "zone unknown".
pub const ZONES: &[(&str, i32)] = &[
    ("GMT", 0),
    ("UTC", 0),
    ("UT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("MEZ", 60),
    ("MESZ", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("EST", -300),
    ("EDT", -240),
    ("CDT", -300),
    ("CST", -360),
    ("MDT", -360),
    ("MST", -420),
    ("PDT", -420),
    ("PST", -480),
    ("AKDT", -480),
    ("AKST", -540),
    ("HST", -600),
    ("ICT", 420),
    ("WIB", 420),
    ("SGT", 480),
    ("HKT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
];

/// Date-and-time layouts tried in order, after normalisation (commas removed, one space between
/// parts, `T` turned into a space, the zone and fractions of a second taken off). A day-first
/// numeric date (`18/04/2022`, as Vietnamese and most non-US sites write it) is tried before the
/// US month-first one, which is taken only when the day-first reading is impossible.
pub const DATE_TIMES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d %B %Y %H:%M:%S",
    "%d %B %Y %H:%M",
    "%d %B %Y %I:%M:%S %p",
    "%d %B %Y %I:%M %p",
    "%B %d %Y %H:%M:%S",
    "%B %d %Y %H:%M",
    "%B %d %Y %I:%M:%S %p",
    "%B %d %Y %I:%M %p",
    "%H:%M:%S %B %d %Y",
    "%H:%M %B %d %Y",
    "%I:%M %p %B %d %Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %I:%M %p",
    "%H:%M:%S %d/%m/%Y",
    "%H:%M %d/%m/%Y",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%H:%M %m/%d/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%H:%M %d-%m-%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
];

/// Layouts of a date alone, tried after [`DATE_TIMES`].
pub const DATES: &[&str] = &[
    "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d %Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%d.%m.%Y",
];

/// English and Vietnamese weekday names, dropped from the start (`Mon,`, `Tuesday`, `Thứ hai,`).
const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words between the date and the time that carry nothing (`at`, Vietnamese `lúc`, `ngày`).
const FILLERS: &[&str] = &["at", "on", "lúc", "ngày", "vào"];

impl SiteDate {
    /// The date as RFC 3339 text: `2019-11-19T19:47:00-05:00` when the offset is known,
    /// `2019-11-20T12:32:00` (local time, zone unknown) when not, `2019-11-19` for a date alone.
    pub fn to_rfc3339(&self) -> String {
        let d = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        let Some((h, mi, se)) = self.time else {
            return d;
        };
        let t = format!("{h:02}:{mi:02}:{se:02}");
        match self.offset_minutes {
            None => format!("{d}T{t}"),
            Some(0) => format!("{d}T{t}Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let a = m.unsigned_abs();
                format!("{d}T{t}{sign}{:02}:{:02}", a / 60, a % 60)
            }
        }
    }

    /// The same wall-clock time with `offset_minutes` (for WordPress's site-local `date`).
    pub fn with_offset(self, offset_minutes: Option<i32>) -> SiteDate {
        SiteDate {
            offset_minutes,
            ..self
        }
    }

    /// The wall-clock time as minutes since 1970-01-01 00:00 (midnight for a date alone),
    /// ignoring the offset: for differences between two wall clocks.
    pub fn wall_minutes(&self) -> i64 {
        let (h, m, _) = self.time.unwrap_or((0, 0, 0));
        days_from_civil(self.year, self.month, self.day) * 1440 + i64::from(h * 60 + m)
    }

    /// The wall-clock time `minutes` after 1970-01-01 00:00, with a time of day and `offset`.
    pub fn from_wall_minutes(minutes: i64, offset_minutes: Option<i32>) -> SiteDate {
        let (days, rest) = (minutes.div_euclid(1440), minutes.rem_euclid(1440) as u32);
        let (year, month, day) = civil_from_days(days);
        SiteDate {
            year,
            month,
            day,
            time: Some((rest / 60, rest % 60, 0)),
            offset_minutes,
        }
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The fields a layout reads.
#[derive(Default)]
struct Fields {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    pm: Option<bool>,
}

/// Matches normalised text against one strftime-style layout: `%Y` four digits, `%m %d %H %I %M
/// %S` one or two digits, `%B` an English month name or its three-letter abbreviation (any case),
/// `%p` `AM`/`PM`; anything else literally. Returns the date, or `None` when the text does not fit
/// or names a day that does not exist.
pub fn match_layout(text: &str, layout: &str) -> Option<SiteDate> {
    let mut f = Fields::default();
    let t = text.as_bytes();
    let mut i = 0;
    let mut spec = layout.bytes();
    let digits = |i: &mut usize, min: usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < t.len() && *i - start < max && t[*i].is_ascii_digit() {
            *i += 1;
        }
        (*i - start >= min).then(|| text[start..*i].parse().ok())?
    };
    while let Some(c) = spec.next() {
        if c != b'%' {
            if t.get(i) != Some(&c) {
                return None;
            }
            i += 1;
            continue;
        }
        match spec.next()? {
            b'Y' => f.year = Some(digits(&mut i, 4, 4)? as i32),
            b'm' => f.month = Some(digits(&mut i, 1, 2)?),
            b'd' => f.day = Some(digits(&mut i, 1, 2)?),
            b'H' | b'I' => f.hour = Some(digits(&mut i, 1, 2)?),
            b'M' => f.minute = Some(digits(&mut i, 2, 2)?),
            b'S' => f.second = Some(digits(&mut i, 2, 2)?),
            b'B' => {
                let start = i;
                while i < t.len() && t[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let word = text[start..i].to_ascii_lowercase();
                let m = MONTHS
                    .iter()
                    .position(|name| word.len() >= 3 && (*name == word || name[..3] == word))?;
                f.month = Some(m as u32 + 1);
            }
            b'p' => {
                let word = text.get(i..i + 2)?;
                f.pm = Some(match word {
                    "AM" => false,
                    "PM" => true,
                    _ => return None,
                });
                i += 2;
            }
            _ => return None,
        }
    }
    if i != t.len() {
        return None;
    }
    let (year, month, day) = (f.year?, f.month?, f.day?);
    if !(1000..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
    {
        return None;
    }
    let time = match f.hour {
        None => None,
        Some(h) => {
            let h = match f.pm {
                None if h < 24 => h,
                Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
                _ => return None,
            };
            let (m, s) = (f.minute?, f.second.unwrap_or(0));
            if m > 59 || s > 60 {
                return None;
            }
            Some((h, m, s))
        }
    };
    Some(SiteDate {
        year,
        month,
        day,
        time,
        offset_minutes: None,
    })
}

/// Reads a numeric offset: `+0700`, `+07:00`, `+07`, `-3:30`, `+7` (minutes, or `None`).
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = if let Some(rest) = s.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        (-1, rest)
    } else {
        return None;
    };
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None if rest.len() <= 2 => (rest, "0"),
        None => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Reads a zone token: a numeric offset, `GMT+7`/`UTC+07:00`, or an abbreviation from [`ZONES`].
/// `Some(None)` for something shaped like a zone that is not known (read as "zone unknown").
fn zone(token: &str) -> Option<Option<i32>> {
    if let Some(m) = parse_offset(token) {
        return Some(Some(m));
    }
    let upper = token.to_ascii_uppercase();
    for prefix in ["GMT", "UTC", "UT"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            if rest.is_empty() {
                return Some(Some(0));
            }
            if let Some(m) = parse_offset(rest) {
                return Some(Some(m));
            }
        }
    }
    if let Some((_, m)) = ZONES.iter().find(|(name, _)| *name == upper) {
        return Some(Some(*m));
    }
    // Two to five capital letters where a zone stands: a zone we do not know.
    let shaped = (2..=5).contains(&token.len())
        && token.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(token, "AM" | "PM");
    shaped.then_some(None)
}

/// Splits an offset glued to an ISO time (`17:19:53+07:00`, `17:19:53Z`, `17:19:53.123-0500`).
fn glued_offset(s: &str) -> Option<(&str, Option<i32>)> {
    if !s.contains(':') {
        return None;
    }
    if let Some(head) = s.strip_suffix(['Z', 'z']) {
        return head
            .ends_with(|c: char| c.is_ascii_digit())
            .then_some((head, Some(0)));
    }
    let i = s.rfind(['+', '-'])?;
    let (head, tail) = s.split_at(i);
    // The offset must follow a time (`HH:MM…`), not be the day of an ISO date.
    let time_before = head.rsplit(' ').next().is_some_and(|t| t.contains(':'));
    (time_before && head.ends_with(|c: char| c.is_ascii_digit()))
        .then(|| parse_offset(tail).map(|m| (head, Some(m))))
        .flatten()
}

/// Normalises the text and reads its zone; returns the text to match against the layouts and the
/// offset (`None` when no zone or an unknown one is written).
fn normalise(raw: &str) -> (String, Option<i32>) {
    let mut s = raw.trim().replace(['\u{a0}', '\t', '\n'], " ");
    let mut offset = None;
    // A parenthesised group at the end: `(GMT+7)` is the zone; `(Coordinated Universal Time)`
    // after JavaScript's `Date.toString()` is noise.
    if s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            let inner = s[open + 1..s.len() - 1].trim().to_string();
            if let Some(Some(m)) = zone(&inner.replace(' ', "")) {
                offset = Some(m);
            }
            s.truncate(open);
        }
    }
    // A leading weekday: `Mon, …`, `Thứ hai, …`, `Thứ 2, …`, `Chủ nhật, …` (the part before the
    // first comma has no digit, or is a Vietnamese weekday), or `Tue Nov 19 2019 …`.
    if let Some((head, tail)) = s.split_once(',') {
        let h = head.trim().to_lowercase();
        if !h.chars().any(|c| c.is_ascii_digit()) || h.starts_with("thứ") || h.starts_with("chủ")
        {
            s = tail.to_string();
        }
    }
    // `a.m.`/`p.m.` and `Nov.`: dots after letters go; commas and fillers become spaces.
    let mut cleaned = String::with_capacity(s.len());
    let mut prev = ' ';
    for c in s.chars() {
        if c == '.' && prev.is_alphabetic() {
            continue;
        }
        cleaned.push(if c == ',' { ' ' } else { c });
        prev = c;
    }
    let mut words: Vec<String> = cleaned
        .split_whitespace()
        .filter(|w| !FILLERS.contains(&w.to_lowercase().as_str()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| match w.to_ascii_lowercase().as_str() {
            "am" => "AM".to_string(),
            "pm" => "PM".to_string(),
            "sept" => "Sep".to_string(),
            _ => w.to_string(),
        })
        .collect();
    if words
        .first()
        .is_some_and(|w| WEEKDAYS.contains(&w.to_ascii_lowercase().as_str()))
    {
        words.remove(0);
    }
    // ISO `2019-11-18T17:19:53`: the `T` becomes a space.
    if let Some(first) = words.first_mut() {
        let b = first.as_bytes();
        if b.len() > 10 && matches!(b[10], b'T' | b't') && b[4] == b'-' && b[7] == b'-' {
            let (d, t) = (first[..10].to_string(), first[11..].to_string());
            *first = d;
            words.insert(1, t);
        }
    }
    // The zone at the end: its own word(s) (`EST`, `GMT+0000`, `+0700`), or glued to the time.
    if let Some(last) = words.last() {
        if let Some(found) = zone(last) {
            offset = offset.or(found);
            words.pop();
        } else if let Some((head, m)) = glued_offset(last) {
            let head = head.to_string();
            offset = offset.or(m);
            *words.last_mut().expect("checked above") = head;
        }
    }
    // Fractions of a second (`17:19:53.123`).
    for w in &mut words {
        if w.contains(':') {
            if let Some(dot) = w.find('.') {
                if w[dot + 1..].bytes().all(|b| b.is_ascii_digit()) {
                    w.truncate(dot);
                }
            }
        }
    }
    (words.join(" "), offset)
}

/// Reads a date as sites write it, or `None` when no layout matches (the caller drops the field
/// with a warning; it never refuses the article for it).
pub fn parse(raw: &str) -> Option<SiteDate> {
    let (s, offset_minutes) = normalise(raw);
    if s.is_empty() {
        return None;
    }
    DATE_TIMES
        .iter()
        .find_map(|layout| match_layout(&s, layout))
        .map(|d| d.with_offset(offset_minutes))
        .or_else(|| DATES.iter().find_map(|layout| match_layout(&s, layout)))
}

/// Reads a date and writes it as RFC 3339 for the article ([`SiteDate::to_rfc3339`]).
pub fn normalize(raw: &str) -> Option<String> {
    parse(raw).map(|d| d.to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form of issue 20, as sites print it, and what the article gets.
    const FORMS: &[(&str, &str)] = &[
        // ISO 8601 / RFC 3339, with and without offset or `T`.
        ("2022-04-18T17:09:00+07:00", "2022-04-18T17:09:00+07:00"),
        ("2022-04-18T17:09:00.123+0700", "2022-04-18T17:09:00+07:00"),
        ("2022-04-18T10:09:00Z", "2022-04-18T10:09:00Z"),
        ("2022-04-18t10:09:00.5z", "2022-04-18T10:09:00Z"),
        ("2022-04-18 17:09:00+07", "2022-04-18T17:09:00+07:00"),
        ("2022-04-18T17:09", "2022-04-18T17:09:00"),
        ("2019-11-18 17:19:53", "2019-11-18T17:19:53"),
        ("2019-11-18 17:19:53 GMT", "2019-11-18T17:19:53Z"),
        ("2019-11-18T17:19:53-05:00", "2019-11-18T17:19:53-05:00"),
        // RFC 2822.
        (
            "Mon, 18 Nov 2019 16:07:38 -0600",
            "2019-11-18T16:07:38-06:00",
        ),
        ("Mon, 18 Nov 2019 16:07:38 EST", "2019-11-18T16:07:38-05:00"),
        ("18 Nov 2019 16:07 +0000", "2019-11-18T16:07:00Z"),
        // Month D, YYYY[, hh:mm AM/PM TZ].
        (
            "November 19, 2019, 07:47 PM EST",
            "2019-11-19T19:47:00-05:00",
        ),
        ("November 19, 2019", "2019-11-19"),
        ("November 20, 2019 12:32", "2019-11-20T12:32:00"),
        ("Nov. 19, 2019 7:47 p.m. PST", "2019-11-19T19:47:00-08:00"),
        ("Sept. 3, 2019 at 9:05 am", "2019-09-03T09:05:00"),
        (
            "November 19, 2019 12:05 AM CET",
            "2019-11-19T00:05:00+01:00",
        ),
        // D Mon YYYY hh:mm GMT.
        ("19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00Z"),
        ("19 November 2019", "2019-11-19"),
        // JavaScript's Date.toString().
        (
            "Tue Nov 19 2019 03:05:46 GMT+0000 (Coordinated Universal Time)",
            "2019-11-19T03:05:46Z",
        ),
        (
            "Tue Nov 19 2019 10:05:46 GMT+0700 (Indochina Time)",
            "2019-11-19T10:05:46+07:00",
        ),
        // Date alone.
        ("2019-11-19", "2019-11-19"),
        // Zones: unambiguous abbreviations; an unknown one is local time with no zone.
        ("2019-11-19 08:00 ICT", "2019-11-19T08:00:00+07:00"),
        ("2019-11-19 08:00 PDT", "2019-11-19T08:00:00-07:00"),
        ("2019-11-19 08:00 UTC+05:30", "2019-11-19T08:00:00+05:30"),
        ("2019-11-19 08:00 BST", "2019-11-19T08:00:00"),
        ("2019-11-19 08:00 XYZT", "2019-11-19T08:00:00"),
        // Day-first forms Vietnamese portals print.
        ("17:09 18/04/2022", "2022-04-18T17:09:00"),
        ("18/04/2022", "2022-04-18"),
        ("Thứ hai, 18/04/2022 17:09", "2022-04-18T17:09:00"),
        (
            "Thứ Hai, 18/4/2022, 17:09 (GMT+7)",
            "2022-04-18T17:09:00+07:00",
        ),
        ("Thứ 2, 18/04/2022 - 17:09", "2022-04-18T17:09:00"),
        ("18/04/2022 17:09:30", "2022-04-18T17:09:30"),
        ("ngày 18/04/2022 lúc 17:09", "2022-04-18T17:09:00"),
        // US month-first only where day-first is impossible.
        ("11/19/2019 7:47 PM", "2019-11-19T19:47:00"),
        ("04/05/2022", "2022-05-04"),
    ];

    #[test]
    fn every_form_sites_write_is_read() {
        for (raw, want) in FORMS {
            assert_eq!(normalize(raw).as_deref(), Some(*want), "{raw:?}");
        }
    }

    #[test]
    fn what_is_not_a_date_is_none() {
        for raw in [
            "",
            "yesterday",
            "2022-13-01",
            "31/02/2022",
            "2022-04-18Tjunk",
            "18:00",
        ] {
            assert_eq!(normalize(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn offsets_are_read_in_every_spelling() {
        for (s, m) in [
            ("+0700", 420),
            ("+07:00", 420),
            ("+07", 420),
            ("+7", 420),
            ("-3:30", -210),
            ("-0000", 0),
        ] {
            assert_eq!(parse_offset(s), Some(m), "{s}");
        }
        assert_eq!(parse_offset("+123456"), None);
        assert_eq!(zone("GMT-3:30"), Some(Some(-210)));
        assert_eq!(zone("PM"), None);
    }

    #[test]
    fn wall_clock_minutes_round_trip_across_months_and_leap_days() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2023, 12, 31), (1999, 3, 1)] {
            let date = SiteDate {
                year: y,
                month: m,
                day: d,
                time: Some((23, 59, 0)),
                offset_minutes: None,
            };
            let back = SiteDate::from_wall_minutes(date.wall_minutes(), None);
            assert_eq!(back, date, "{y}-{m}-{d}");
            let next = SiteDate::from_wall_minutes(date.wall_minutes() + 1, None);
            assert_eq!(next.time, Some((0, 0, 0)));
        }
    }
}
