//! Issue 20: no article is refused for missing or unusual metadata; dates as real sites write
//! them, with the page's fallbacks in order; WordPress posts in the portal's own time and language.
//! Every output is checked by the viewer's own parser, and its time as the viewer shows it.

use article_viewer::date::Timestamp;
use article_viewer::i18n::UiLang;
use article_viewer_formats::{convert, Options};
use serde_json::{json, Value};

const WP_VI: &str = include_str!("../../samples/wordpress-post-vi.json");

fn opts(url: &str) -> Options<'_> {
    Options {
        url,
        ..Options::default()
    }
}

/// Converts, checks the result with the viewer's parser, and returns it with its warnings.
fn ok(text: &str, o: &Options<'_>) -> (Value, Vec<String>) {
    let c = convert(text, o).unwrap_or_else(|e| panic!("refused: {e}\n{text}"));
    let parsed = article_viewer::article::parse(&c.article_json)
        .unwrap_or_else(|e| panic!("the viewer refuses it: {e}\n{}", c.article_json));
    assert!(
        parsed.warnings.is_empty(),
        "the viewer drops a field the converter wrote: {:?}",
        parsed.warnings
    );
    (
        serde_json::from_str(&c.article_json).expect("json"),
        c.warnings,
    )
}

/// The publication time as the viewer shows it.
fn shown(a: &Value, lang: UiLang) -> String {
    Timestamp::parse(a["published"].as_str().expect("a date"))
        .expect("the viewer reads it")
        .display(lang)
}

const BODY: &str = "<p>The council met on Tuesday and agreed, after a long debate, to keep the \
    library open on Sundays, to repair the roof before winter, and to ask readers what else \
    they would like the library to offer in the coming year.</p>";

fn page(head: &str, body: &str) -> String {
    format!("<html><head><title>A headline long enough to keep</title>{head}</head><body>{body}</body></html>")
}

fn ld(fields: Value) -> String {
    let mut o = json!({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H"});
    for (k, v) in fields.as_object().expect("object") {
        o[k] = v.clone();
    }
    format!(r#"<script type="application/ld+json">{o}</script>"#)
}

#[test]
fn json_ld_dates_as_real_news_sites_write_them_are_read() {
    let cases = [
        (
            "Mon, 18 Nov 2019 16:07:38 -0600",
            "2019-11-18T16:07:38-06:00",
            "18 Nov 2019, 16:07 GMT-6",
        ),
        (
            "November 19, 2019, 07:47 PM EST",
            "2019-11-19T19:47:00-05:00",
            "19 Nov 2019, 19:47 GMT-5",
        ),
        ("November 19, 2019", "2019-11-19", "19 Nov 2019"),
        (
            "19 Nov 2019 07:09 GMT",
            "2019-11-19T07:09:00Z",
            "19 Nov 2019, 07:09 GMT",
        ),
        (
            "2019-11-18 17:19:53 GMT",
            "2019-11-18T17:19:53Z",
            "18 Nov 2019, 17:19 GMT",
        ),
        (
            "Tue Nov 19 2019 03:05:46 GMT+0000",
            "2019-11-19T03:05:46Z",
            "19 Nov 2019, 03:05 GMT",
        ),
        (
            "November 20, 2019 12:32",
            "2019-11-20T12:32:00",
            "20 Nov 2019, 12:32",
        ),
        (
            "Thứ hai, 18/04/2022 17:09",
            "2022-04-18T17:09:00",
            "18 Apr 2022, 17:09",
        ),
    ];
    for (raw, want, display) in cases {
        let html = page(
            &ld(json!({ "datePublished": raw })),
            &format!("<article>{BODY}</article>"),
        );
        let (a, _) = ok(&html, &opts("https://news.example/a"));
        assert_eq!(a["published"], want, "{raw}");
        assert_eq!(shown(&a, UiLang::En), display, "{raw}");
    }
}

#[test]
fn html_date_fallbacks_come_in_order() {
    let body = format!(
        r#"<p>Posted <time datetime="2020-01-01T00:00:00Z">long ago</time></p><article><time datetime="2019-11-03T08:00:00+07:00">3/11</time>{BODY}</article>"#
    );
    let meta = |p: &str, v: &str| format!(r#"<meta property="{p}" content="{v}">"#);
    let pub_time = meta("article:published_time", "2019-11-02T08:00:00+07:00");
    let og_time = meta("og:published_time", "2019-11-05T08:00:00+07:00");
    let cases: Vec<(String, &str, &str)> = vec![
        (
            ld(json!({"datePublished": "2019-11-01T08:00:00+07:00", "dateModified": "2019-12-01"}))
                + &pub_time,
            &body,
            "2019-11-01T08:00:00+07:00",
        ),
        (
            ld(json!({"dateCreated": "2019-11-04T08:00:00+07:00"})) + &pub_time,
            &body,
            "2019-11-04T08:00:00+07:00",
        ),
        // An unreadable JSON-LD date is skipped for the next one.
        (
            ld(json!({"datePublished": "soon"})) + &pub_time + &og_time,
            &body,
            "2019-11-02T08:00:00+07:00",
        ),
        (ld(json!({})) + &og_time, &body, "2019-11-05T08:00:00+07:00"),
        // The `<time>` in the article, not the first one in the page.
        (
            ld(json!({"dateModified": "2019-12-01T08:00:00+07:00"})),
            &body,
            "2019-11-03T08:00:00+07:00",
        ),
        (
            ld(json!({"dateModified": "2019-12-01T08:00:00+07:00"})),
            BODY,
            "2019-12-01T08:00:00+07:00",
        ),
    ];
    for (head, body, want) in cases {
        let (a, _) = ok(&page(&head, body), &opts("https://news.example/a"));
        assert_eq!(a["published"], want, "{head}");
    }
}

#[test]
fn a_page_whose_json_ld_has_no_date_shows_its_body() {
    let (a, warnings) = ok(
        &page(
            &ld(json!({"author": {"name": "A"}})),
            &format!("<article>{BODY}</article>"),
        ),
        &opts("https://news.example/a"),
    );
    assert!(a.get("published").is_none());
    assert!(a["content_html"]
        .as_str()
        .is_some_and(|b| b.contains("library open on Sundays")));
    assert!(
        warnings.iter().any(|w| w.contains("`datePublished`")),
        "{warnings:?}"
    );
}

#[test]
fn an_article_with_no_date_author_or_image_renders_in_every_format() {
    let wp = json!({"id": 1, "title": {"rendered": "T"}, "content": {"rendered": BODY}});
    let feed = json!({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_html": BODY}]});
    let html = page("", BODY);
    for text in [wp.to_string(), feed.to_string(), html] {
        let (a, _) = ok(&text, &opts("https://news.example/a"));
        for field in ["published", "authors", "image"] {
            assert!(a.get(field).is_none(), "{field} in {a}");
        }
        assert!(a["content_html"]
            .as_str()
            .is_some_and(|b| b.contains("Sundays")));
    }
}

#[test]
fn wordpress_shows_the_portals_own_time_in_vietnamese() {
    // `date` 09:15 (the town's time), `date_gmt` 02:15: the offset is +7.
    let (a, _) = ok(
        WP_VI,
        &opts("https://phuong-hung-tri.example/wp-json/wp/v2/posts/2187"),
    );
    assert_eq!(a["published"], "2024-03-12T09:15:00+07:00");
    assert_eq!(a["updated"], "2024-03-12T10:40:00+07:00");
    assert_eq!(a["lang"], "vi", "the text's own language");
    assert_eq!(shown(&a, UiLang::from_tag("vi")), "09:15 12/03/2024");
    assert_eq!(a["category"], "Tin tức & Sự kiện");
}

#[test]
fn wordpress_offset_comes_from_the_site_when_a_date_is_missing() {
    let base: Value = serde_json::from_str(WP_VI).expect("json");
    let post = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        ok(&v.to_string(), &opts("https://x.example/p")).0["published"].clone()
    };
    let no_gmt = |v: &mut Value| {
        v.as_object_mut().expect("object").remove("date_gmt");
    };
    let no_local = |v: &mut Value| {
        v.as_object_mut().expect("object").remove("date");
    };
    assert_eq!(
        post(&no_gmt),
        "2024-03-12T09:15:00",
        "no zone known: as written"
    );
    assert_eq!(
        post(&|v| {
            no_gmt(v);
            v["timezone_string"] = json!("Asia/Ho_Chi_Minh");
        }),
        "2024-03-12T09:15:00+07:00"
    );
    assert_eq!(
        post(&|v| {
            no_gmt(v);
            v["gmt_offset"] = json!("5.5");
        }),
        "2024-03-12T09:15:00+05:30"
    );
    assert_eq!(post(&no_local), "2024-03-12T02:15:00Z");
    assert_eq!(
        post(&|v| {
            no_local(v);
            v["gmt_offset"] = json!(7);
        }),
        "2024-03-12T09:15:00+07:00",
        "UTC moved to the site's wall clock"
    );
    // Half-hour zones and west of UTC.
    assert_eq!(
        post(&|v| {
            v["date"] = json!("2024-03-11T21:15:00");
            v["date_gmt"] = json!("2024-03-12T02:15:00");
        }),
        "2024-03-11T21:15:00-05:00"
    );
}

#[test]
fn wordpress_language_is_the_elements_then_the_sites_then_the_texts() {
    let mut v: Value = serde_json::from_str(WP_VI).expect("json");
    let lang = |v: &Value, given: Option<&str>| {
        let o = Options {
            lang: given,
            ..opts("https://x.example/p")
        };
        ok(&v.to_string(), &o).0["lang"].clone()
    };
    assert_eq!(lang(&v, None), "vi");
    v["yoast_head_json"] = json!({"og_locale": "en_US"});
    assert_eq!(lang(&v, None), "en-US", "the site's");
    assert_eq!(lang(&v, Some("vi-VN")), "vi-VN", "the element's or page's");
}
