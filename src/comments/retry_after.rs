//! Reading `Retry-After` (RFC 9110): seconds, or an HTTP date.

/// Longest wait honoured, in seconds (a broken server must not lock the form for a day).
pub const MAX_WAIT_SECS: u64 = 600;

/// Seconds to wait for a `Retry-After` value, given the current Unix time in seconds.
pub fn parse(value: &str, now_unix: u64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(v.parse::<u64>().unwrap_or(MAX_WAIT_SECS).min(MAX_WAIT_SECS));
    }
    let at = http_date(v)?;
    Some(at.saturating_sub(now_unix).min(MAX_WAIT_SECS))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds.
fn http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3600 + m * 60 + sec).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_seconds() {
        assert_eq!(parse("30", 0), Some(30));
        assert_eq!(parse(" 0 ", 0), Some(0));
        assert_eq!(parse("999999999999999999999", 0), Some(MAX_WAIT_SECS));
    }

    #[test]
    fn reads_http_dates() {
        // 1994-11-06T08:49:37Z is 784111777.
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_757),
            Some(20)
        );
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT", 800_000_000), Some(0));
    }

    #[test]
    fn refuses_garbage() {
        for v in ["", "-1", "soon", "1.5", "Sun, 06 Nov 1994 08:49:37 PST"] {
            assert_eq!(parse(v, 0), None, "{v:?}");
        }
    }
}
