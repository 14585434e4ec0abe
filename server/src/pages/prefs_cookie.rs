//! The reader's settings from their `av-prefs` cookie (the viewer's `boot.js` writes it beside
//! `localStorage`), so the server's article pages are in them from the first frame without a
//! script: only known values come out (`Prefs::from_cookie`), written as attributes the page's
//! stylesheet reads.

use article_viewer::reader::prefs::{Prefs, COOKIE_NAME};
use axum::http::{header, HeaderMap};

/// The reader's settings named by the request's cookie; the defaults without one, or for a value
/// that is not what the viewer writes.
pub fn prefs(headers: &HeaderMap) -> Prefs {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| Prefs::from_cookie(value))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(cookies: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for c in cookies {
            h.append(header::COOKIE, HeaderValue::from_str(c).unwrap());
        }
        h
    }

    #[test]
    fn reads_the_viewers_cookie_among_others() {
        let p = prefs(&with(&["session=abc; av-prefs=size=200&theme=dark; x=1"]));
        assert_eq!(p.cookie_value(), "size=200&theme=dark");
        let p = prefs(&with(&["a=1", "av-prefs=line=relaxed"]));
        assert_eq!(p.cookie_value(), "line=relaxed");
        assert_eq!(prefs(&HeaderMap::new()), Prefs::default());
        // A cookie of another name that ends like it is not it.
        assert_eq!(prefs(&with(&["xav-prefs=size=200"])), Prefs::default());
    }

    #[test]
    fn a_forged_cookie_gives_known_values_or_the_defaults() {
        for bad in [
            "av-prefs=theme=\"><script>alert(1)</script>",
            "av-prefs=size=200%3Btheme=dark",
            "av-prefs=SIZE=200",
        ] {
            assert_eq!(prefs(&with(&[bad])), Prefs::default(), "{bad}");
        }
        let p = prefs(&with(&["av-prefs=theme=evil&size=150&width=huge"]));
        assert_eq!(p.cookie_value(), "size=150");
    }
}
