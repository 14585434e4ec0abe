//! Every format's mapping onto the viewer's article: each field, the list and feed forms, missing
//! and wrong-typed optional fields, required fields naming themselves; and every output is checked
//! by the viewer's own parser.

use article_viewer_formats::{convert, detect, ConvertError, Converted, Format, Options};
use serde_json::{json, Value};

const WP: &str = include_str!("fixtures/wordpress-post.json");
const FEED: &str = include_str!("fixtures/jsonfeed.json");
const LD_PAGE: &str = include_str!("fixtures/article-jsonld.html");
const PLAIN_PAGE: &str = include_str!("fixtures/article-plain.html");
const NATIVE: &str = include_str!("../../samples/harbour-library-2024-03-02.json");

fn opts(url: &str) -> Options<'_> {
    Options {
        url,
        ..Options::default()
    }
}

/// Converts and checks the result with the viewer's own article parser.
fn ok(text: &str, o: &Options<'_>) -> (Value, Converted) {
    let c = convert(text, o).unwrap_or_else(|e| panic!("conversion failed: {e}"));
    if let Err(e) = article_viewer::article::parse(&c.article_json) {
        panic!(
            "the viewer refuses the converted article: {e}\n{}",
            c.article_json
        );
    }
    (serde_json::from_str(&c.article_json).expect("json"), c)
}

fn field_err(r: Result<Converted, ConvertError>) -> (String, String) {
    match r {
        Err(ConvertError::Field { field, problem }) => (field, problem),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn detection_reads_the_document_itself() {
    assert_eq!(detect(WP, ""), Format::WordPress);
    assert_eq!(
        detect(&format!("[{WP}]"), "application/json"),
        Format::WordPress
    );
    assert_eq!(detect(FEED, "application/json"), Format::JsonFeed);
    assert_eq!(
        detect(
            r#"{"id":"1","content_text":"x","date_published":"2024-01-01T00:00:00Z"}"#,
            ""
        ),
        Format::JsonFeed
    );
    assert_eq!(detect(LD_PAGE, ""), Format::Html);
    assert_eq!(
        detect(&format!("\u{feff}  {PLAIN_PAGE}"), "text/plain"),
        Format::Html
    );
    assert_eq!(detect(NATIVE, "text/html"), Format::Article);
    assert_eq!(detect("not json", ""), Format::Article);
}

#[test]
fn the_viewers_own_format_passes_through_unchanged() {
    let c = convert(NATIVE, &opts("https://x.example/a.json")).expect("ok");
    assert_eq!(
        (c.format, c.article_json.as_str()),
        (Format::Article, NATIVE)
    );
}

#[test]
fn a_forced_format_wins_and_an_unknown_one_is_named() {
    let o = Options {
        format: Some("html"),
        ..opts("https://x.example/")
    };
    // JSON read as a page has no title: the start of its text stands in, as a browser would show it.
    let (a, c) = ok(FEED, &o);
    assert_eq!(c.format, Format::Html);
    assert!(a["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("{ \"version\"")));
    assert!(c.warnings.iter().any(|w| w.contains("`headline`")));
    let o = Options {
        format: Some("rss"),
        ..opts("https://x.example/")
    };
    assert_eq!(
        convert(FEED, &o),
        Err(ConvertError::UnknownFormat("rss".into()))
    );
    let o = Options {
        format: Some("WP"),
        ..opts("https://x.example/")
    };
    assert_eq!(ok(WP, &o).1.format, Format::WordPress);
}

#[test]
fn wordpress_post_maps_every_field() {
    let (a, c) = ok(
        WP,
        &Options {
            lang: Some("en"),
            ..opts("https://news.harbour-town.example/wp-json/wp/v2/posts/4127?_embed")
        },
    );
    assert_eq!(c.format, Format::WordPress);
    assert_eq!(a["id"], "wp-4127");
    assert_eq!(
        a["url"],
        "https://news.harbour-town.example/2024/05/06/ferry-timetable-summer-2024/"
    );
    assert_eq!(a["lang"], "en");
    assert_eq!(
        a["title"],
        "Summer ferry timetable: more crossings – and a night boat"
    );
    // Site-local `date` with the offset `date` − `date_gmt` (+7).
    assert_eq!(a["published"], "2024-05-06T16:30:00+07:00");
    assert_eq!(a["updated"], "2024-05-07T08:15:00+07:00");
    // The excerpt's "read more" mark ("…") is not part of the lead.
    assert_eq!(
        a["lead"],
        "From 1 June the harbour ferry crosses every 20 minutes, and a night boat runs at weekends"
    );
    assert_eq!(a["category"], "Transport & Travel");
    assert_eq!(a["tags"], json!(["Ferry", "Timetables"]));
    assert_eq!(a["authors"], json!([{ "name": "Mai Tran" }]));
    // The featured image is also the body's first figure: shown once, in the body.
    assert!(a["image"].is_null(), "{}", a["image"]);
    // Without that figure in the body, the featured image is the hero, alt text and caption too.
    let alone = WP.replace("night-boat.jpg\\\" alt", "other.jpg\\\" alt");
    assert_ne!(alone, WP);
    let (b, _) = ok(
        &alone,
        &Options {
            lang: Some("en"),
            ..opts("https://news.harbour-town.example/wp-json/wp/v2/posts/4127?_embed")
        },
    );
    assert_eq!(
        b["image"]["src"],
        "https://news.harbour-town.example/wp-content/uploads/2024/05/night-boat.jpg"
    );
    assert_eq!(
        b["image"]["alt"],
        "A white ferry with its lights on, moored at a pier at dusk"
    );
    assert_eq!(
        b["image"]["caption"],
        "The night boat at the east pier, photographed by Lan Pham"
    );
    assert!(a["content_html"]
        .as_str()
        .is_some_and(|h| h.contains("<table>") && h.contains("youtube.com/embed/")));
    assert_eq!(
        c.warnings.len(),
        1,
        "only the repeated picture: {:?}",
        c.warnings
    );
}

#[test]
fn wordpress_list_takes_the_first_post() {
    let mut second: Value = serde_json::from_str(WP).expect("json");
    second["id"] = json!(9);
    let list = format!("[{WP},{second}]");
    let (a, c) = ok(
        &list,
        &opts("https://news.harbour-town.example/wp-json/wp/v2/posts"),
    );
    assert_eq!(a["id"], "wp-4127");
    assert!(c.warnings.iter().any(|w| w.contains("2 posts")));
    assert_eq!(
        convert(
            "[]",
            &Options {
                format: Some("wordpress"),
                ..opts("https://x.example/")
            }
        ),
        Err(ConvertError::Empty("[]".into()))
    );
}

#[test]
fn wordpress_without_embed_or_optional_fields_still_renders() {
    let v = json!({
        "id": 5, "date": "2024-01-02T03:04:05", "title": {"rendered": "T"},
        "content": {"rendered": "<p>b</p>"}, "author": 2, "featured_media": 0
    });
    let (a, c) = ok(
        &v.to_string(),
        &opts("https://wp.example/wp-json/wp/v2/posts/5"),
    );
    assert_eq!(a["url"], "https://wp.example/wp-json/wp/v2/posts/5");
    // No `date_gmt` and no site offset: the site's wall-clock time, shown without a zone.
    assert_eq!(a["published"], "2024-01-02T03:04:05");
    assert_eq!(a["lang"], "und");
    assert!(a.get("authors").is_none() && a.get("image").is_none() && a.get("lead").is_none());
    for expected in ["`link`", "`date`", "?_embed"] {
        assert!(
            c.warnings.iter().any(|w| w.contains(expected)),
            "no warning about {expected}: {:?}",
            c.warnings
        );
    }
}

#[test]
fn wordpress_wrong_typed_optional_fields_are_dropped_with_warnings() {
    let mut v: Value = serde_json::from_str(WP).expect("json");
    v["link"] = json!(42);
    v["excerpt"] = json!("plain");
    v["_embedded"]["author"][0]["name"] = json!(["x"]);
    v["_embedded"]["wp:featuredmedia"][0]["alt_text"] = json!(false);
    v["_embedded"]["wp:term"][1] = json!({"not": "a list"});
    let (a, c) = ok(
        &v.to_string(),
        &opts("https://news.harbour-town.example/p/4127"),
    );
    assert_eq!(a["url"], "https://news.harbour-town.example/p/4127");
    assert!(a.get("lead").is_none() && a.get("authors").is_none() && a.get("tags").is_none());
    assert_eq!(a["image"]["alt"], Value::Null);
    assert_eq!(a["category"], "Transport & Travel");
    for field in [
        "`link`",
        "`excerpt`",
        "`_embedded.author[0].name`",
        "`_embedded.wp:featuredmedia[0].alt_text`",
        "`_embedded.wp:term[1]`",
    ] {
        assert!(
            c.warnings.iter().any(|w| w.contains(field)),
            "no warning for {field}: {:?}",
            c.warnings
        );
    }
}

#[test]
fn wordpress_error_objects_in_embeds_are_skipped() {
    let mut v: Value = serde_json::from_str(WP).expect("json");
    v["_embedded"]["author"] =
        json!([{ "code": "rest_user_invalid_id", "message": "Invalid user ID." }]);
    v["_embedded"]["wp:featuredmedia"] = json!([{ "code": "rest_forbidden", "message": "Sorry" }]);
    let (a, c) = ok(&v.to_string(), &opts("https://x.example/"));
    assert!(a.get("authors").is_none() && a.get("image").is_none());
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
}

#[test]
fn wordpress_required_fields_fail_naming_the_field() {
    let base: Value = serde_json::from_str(WP).expect("json");
    let cases: [(&str, Value, &str); 4] = [
        ("title", json!(null), "title"),
        ("title", json!("plain"), "title"),
        ("content", json!({"rendered": 3}), "content.rendered"),
        ("id", json!(null), "id"),
    ];
    for (key, value, field) in cases {
        let mut v = base.clone();
        v[key] = value;
        let (f, _) = field_err(convert(&v.to_string(), &opts("https://x.example/")));
        assert_eq!(f, field);
    }
    // Dates are optional: an unreadable `date_gmt` falls back to `date`, none at all leaves the
    // date out, and the post shows.
    let mut v = base.clone();
    v["date_gmt"] = json!("yesterday");
    let (a, c) = ok(&v.to_string(), &opts("https://x.example/"));
    assert_eq!(a["published"], "2024-05-06T16:30:00");
    assert!(c.warnings.iter().any(|w| w.contains("`date_gmt`")));
    v.as_object_mut().expect("object").remove("date");
    let (a, c) = ok(&v.to_string(), &opts("https://x.example/"));
    assert!(a.get("published").is_none(), "{a}");
    assert!(c.warnings.iter().any(|w| w.contains("`date`")));
    let list = format!("[{}]", json!({"id": 1, "title": {"rendered": "t"}}));
    assert_eq!(
        field_err(convert(&list, &opts("https://x.example/"))).0,
        "[0].content"
    );
}

#[test]
fn json_feed_maps_every_field_of_the_first_item() {
    let (a, c) = ok(FEED, &opts("https://news.harbour-town.example/feed.json"));
    assert_eq!(c.format, Format::JsonFeed);
    assert_eq!(
        a["id"],
        "https://news.harbour-town.example/2024/05/10/market-square/"
    );
    assert_eq!(
        a["url"],
        "https://news.harbour-town.example/2024/05/10/market-square/"
    );
    assert_eq!(a["lang"], "en-GB");
    assert_eq!(
        a["title"],
        "Market square reopens after six months of works"
    );
    assert_eq!(
        a["lead"],
        "New paving, forty trees and a water fountain: the square is open again from Saturday."
    );
    assert_eq!(a["published"], "2024-05-10T07:00:00+01:00");
    assert_eq!(a["updated"], "2024-05-10T09:45:00+01:00");
    assert_eq!(a["authors"], json!([{ "name": "Huy Nguyen" }]));
    // `image` is the body's figure too (`/images/market-square.jpg` on the item's site): shown once.
    assert!(a["image"].is_null(), "{}", a["image"]);
    let alone = FEED.replace(
        "src=\\\"/images/market-square.jpg",
        "src=\\\"/images/fountain.jpg",
    );
    assert_ne!(alone, FEED);
    let (b, _) = ok(&alone, &opts("https://news.harbour-town.example/feed.json"));
    assert_eq!(
        b["image"]["src"],
        "https://news.harbour-town.example/images/market-square.jpg"
    );
    assert_eq!(a["tags"], json!(["Town centre", "Markets"]));
    assert_eq!(
        a["source"],
        json!({ "name": "Harbour Town News", "url": "https://news.harbour-town.example/" })
    );
    assert!(a["content_html"]
        .as_str()
        .is_some_and(|h| h.starts_with("<p>The market square")));
    assert_eq!(
        c.warnings.len(),
        1,
        "only the repeated picture: {:?}",
        c.warnings
    );
}

#[test]
fn json_feed_item_is_picked_by_parameter_fragment_or_query() {
    let id = "short-note-2024-05-09";
    for o in [
        Options {
            item: Some(id),
            ..opts("https://news.harbour-town.example/feed.json")
        },
        opts("https://news.harbour-town.example/feed.json#short-note-2024-05-09"),
        opts("https://news.harbour-town.example/feed.json?item=short-note-2024-05-09"),
    ] {
        let (a, c) = ok(FEED, &o);
        assert_eq!(a["id"], id);
        // content_text becomes escaped paragraphs; the missing title falls back to the text.
        assert_eq!(a["content_html"], "<p>The library closes at 15:00 on Thursday for a staff meeting.</p><p>The book drop stays open.</p>");
        assert_eq!(
            a["title"],
            "The library closes at 15:00 on Thursday for a staff meeting. The book drop stays…"
        );
        assert_eq!(a["lang"], "en");
        assert_eq!(
            a["authors"],
            json!([{ "name": "Harbour Town News desk" }]),
            "the feed's authors stand in"
        );
        assert!(c.warnings.iter().any(|w| w.contains("`items[1].title`")));
    }
    let o = Options {
        item: Some("nope"),
        ..opts("https://x.example/feed.json")
    };
    assert_eq!(
        convert(FEED, &o),
        Err(ConvertError::ItemNotFound("nope".into()))
    );
}

#[test]
fn json_feed_single_item_and_version_1_0_author() {
    let item = json!({
        "id": 77, "title": "One", "content_html": "<p>x</p>", "date_published": "2024-03-01T10:00:00",
        "author": {"name": "Old Style"}, "tags": ["a", 3, ""], "image": {"url": "x"}, "url": "/relative"
    });
    let (a, c) = ok(
        &item.to_string(),
        &Options {
            lang: Some("vi"),
            ..opts("https://blog.example/item.json")
        },
    );
    assert_eq!(a["id"], "77");
    assert_eq!(a["url"], "https://blog.example/item.json");
    assert_eq!(a["published"], "2024-03-01T10:00:00");
    assert_eq!(a["lang"], "vi");
    assert_eq!(a["authors"], json!([{ "name": "Old Style" }]));
    assert_eq!(a["tags"], json!(["a"]));
    assert!(a.get("image").is_none());
    for field in ["`id`", "`tags[1]`", "`image`", "`url`", "`date_published`"] {
        assert!(
            c.warnings.iter().any(|w| w.contains(field)),
            "no warning for {field}: {:?}",
            c.warnings
        );
    }
}

#[test]
fn json_feed_required_fields_fail_naming_the_field() {
    let feed = |item: Value| {
        json!({"version": "https://jsonfeed.org/version/1.1", "items": [item]}).to_string()
    };
    let o = opts("https://x.example/feed.json");
    assert_eq!(
        field_err(convert(
            &feed(
                json!({"title": "t", "content_html": "x", "date_published": "2024-01-01T00:00:00Z"})
            ),
            &o
        ))
        .0,
        "items[0].id"
    );
    assert_eq!(
        field_err(convert(
            &feed(json!({"id": "1", "title": "t", "date_published": "2024-01-01T00:00:00Z"})),
            &o
        ))
        .0,
        "items[0].content_html"
    );
    let (a, c) = ok(
        &feed(json!({"id": "1", "title": "t", "content_text": "x", "date_published": "soon"})),
        &o,
    );
    assert!(a.get("published").is_none(), "a date is optional: {a}");
    assert!(c
        .warnings
        .iter()
        .any(|w| w.contains("`items[0].date_published`")));
    assert_eq!(
        field_err(convert(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":3}"#,
            &o
        ))
        .0,
        "items"
    );
    assert_eq!(
        convert(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#,
            &o
        ),
        Err(ConvertError::Empty("items".into()))
    );
    assert!(matches!(
        convert(
            "{nope",
            &Options {
                format: Some("jsonfeed"),
                ..o
            }
        ),
        Err(ConvertError::NotJson(_))
    ));
}

#[test]
fn json_ld_page_maps_every_field_and_extracts_the_body() {
    let (a, c) = ok(
        LD_PAGE,
        &opts("https://bao.ky-anh.example/thoi-su/khanh-thanh-cau-cua-khau.html?utm=x"),
    );
    assert_eq!(c.format, Format::Html);
    assert_eq!(
        a["url"],
        "https://bao.ky-anh.example/thoi-su/khanh-thanh-cau-cua-khau.html"
    );
    assert_eq!(a["id"], a["url"]);
    assert_eq!(a["lang"], "vi-VN");
    assert_eq!(a["title"], "Khánh thành cầu Cửa Khẩu nối hai bờ sông Trí");
    assert_eq!(a["published"], "2024-05-20T10:15:00+07:00");
    assert_eq!(a["updated"], "2024-05-20T14:00:00+07:00");
    assert_eq!(a["category"], "Thời sự");
    assert!(a["lead"]
        .as_str()
        .is_some_and(|l| l.starts_with("Sáng 20/5")));
    assert_eq!(
        a["authors"],
        json!([{ "name": "Lê Văn Hòa" }, { "name": "Phạm Thu Trang" }])
    );
    assert_eq!(a["source"]["name"], "Báo Kỳ Anh Online");
    assert_eq!(
        a["image"]["src"],
        "https://bao.ky-anh.example/anh/cau-cua-khau.jpg"
    );
    assert_eq!(a["image"]["caption"], "Cầu Cửa Khẩu trong ngày khánh thành");
    assert_eq!(a["tags"], json!(["cầu Cửa Khẩu", "giao thông", "Kỳ Anh"]));
    let body = a["content_html"].as_str().expect("body");
    assert!(
        body.contains("Cây cầu dài 320 m") && body.contains("Lịch thông xe"),
        "{body}"
    );
    assert!(
        body.contains(r#"src="https://bao.ky-anh.example/anh/cau-cua-khau-toan-canh.jpg""#),
        "the lazy image's real address: {body}"
    );
    assert!(
        body.contains("<figcaption>Toàn cảnh"),
        "the caption stays: {body}"
    );
    assert!(
        body.contains("youtube-nocookie.com/embed/"),
        "the video embed stays: {body}"
    );
    for gone in [
        "Chia sẻ Facebook",
        "Tin liên quan",
        "Ý kiến bạn đọc",
        "Giấy phép",
        "Kinh tế",
    ] {
        assert!(!body.contains(gone), "{gone} should be gone: {body}");
    }
}

#[test]
fn plain_page_uses_meta_fallbacks_and_extracts_the_body() {
    let (a, c) = ok(
        PLAIN_PAGE,
        &opts("https://chronicle.harbour-town.example/people/lighthouse-keeper"),
    );
    assert_eq!(
        a["url"],
        "https://chronicle.harbour-town.example/people/lighthouse-keeper"
    );
    assert_eq!(a["lang"], "en");
    assert_eq!(a["title"], "The lighthouse keeper's last winter");
    assert_eq!(a["published"], "2024-02-14T08:00:00Z");
    assert_eq!(a["category"], "People");
    assert_eq!(
        a["lead"],
        "After 31 years, the last keeper of the north light hands over the keys."
    );
    assert_eq!(a["authors"], json!([{ "name": "Sam Okafor" }]));
    assert_eq!(a["source"]["name"], "Harbour Town Chronicle");
    let body = a["content_html"].as_str().expect("body");
    assert!(
        body.contains("thirty-one winters") && body.contains("Just not at dusk"),
        "{body}"
    );
    assert!(
        body.contains(
            r#"src="https://chronicle.harbour-town.example/people/images/north-light.jpg""#
        ),
        "{body}"
    );
    for gone in [
        "Most read",
        "Comments (2)",
        "All rights reserved",
        "Subscribe",
    ] {
        assert!(!body.contains(gone), "{gone} should be gone: {body}");
    }
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn html_page_wrong_json_ld_is_dropped_with_warnings_and_missing_date_is_named() {
    let page = r#"<html><head><title>A title that is long enough here</title>
        <script type="application/ld+json">{ broken</script>
        <script type="application/ld+json">{"@type":"Article","headline":"H","datePublished":"2024-01-01","author":42,"keywords":7,"image":true}</script>
        </head><body><article><p>Some text of the article, long enough to count as a paragraph, with commas, and more.</p></article></body></html>"#;
    let (a, c) = ok(page, &opts("https://x.example/a"));
    assert_eq!(a["title"], "H");
    assert_eq!(a["published"], "2024-01-01", "a date alone stays a date");
    assert!(a.get("authors").is_none() && a.get("tags").is_none() && a.get("image").is_none());
    for f in [
        "ld+json",
        "ld+json.author",
        "ld+json.keywords",
        "ld+json.image",
    ] {
        assert!(
            c.warnings.iter().any(|w| w.contains(&format!("`{f}`"))),
            "no warning for {f}: {:?}",
            c.warnings
        );
    }
    let undated = "<html><head><title>T</title></head><body><p>Text text text text text text text, \
        and then some more text, enough for two sentences of an article. And a second one.</p></body></html>";
    let (a, c) = ok(undated, &opts("https://x.example/a"));
    assert!(a.get("published").is_none());
    assert!(c.warnings.iter().any(|w| w.contains("`datePublished`")));
    // A login page says nothing of being an article and has a line of text: no article here.
    let login = "<!doctype html><title>Login</title><p>Please log in";
    assert_eq!(
        convert(login, &opts("https://x.example/a")),
        Err(ConvertError::NoContent)
    );
    let empty = r#"<html><head><meta property="article:published_time" content="2024-01-01T00:00:00Z"><title>T</title></head><body></body></html>"#;
    assert_eq!(
        convert(empty, &opts("https://x.example/a")),
        Err(ConvertError::NoContent)
    );
}

/// A portal page with two embeds around its own markup (examples/portal/markup.html's shape).
const PORTAL_WITH_TWO: &str = r#"<!doctype html><html lang="vi"><head><title>Cổng thông tin thị xã Kỳ Anh</title></head><body>
<header><p>Cổng thông tin điện tử thị xã Kỳ Anh</p><nav><a href="/">Trang chủ</a></nav></header>
<article-viewer id="first" src="first.json"><article><h1>Harbour Library reopens after a year of repairs</h1>
<p>More than two hundred residents queued before the doors opened at nine, and the repairs replaced the roof and the heating of the old building.</p></article></article-viewer>
<div id="second" data-article-viewer><article><h1>Chợ đêm ven sông mở cửa trở lại</h1>
<p><time datetime="2024-11-16T18:00:00+07:00">18:00 16/11/2024</time></p>
<p>Tối thứ Bảy, hơn sáu mươi gian hàng của chợ đêm ven sông đã sáng đèn trở lại sau hai tháng tạm nghỉ vì mưa lũ.</p>
<p><img src="images/market.png" alt="Chợ đêm"></p></article></div>
<p id="plain">Một đoạn văn của trang chủ, không phải bài viết, đủ dài để được đếm như một đoạn văn bình thường của trang.</p>
</body></html>"#;

#[test]
fn a_fragment_naming_an_embed_reads_that_embeds_markup_alone() {
    let (a, _) = ok(
        PORTAL_WITH_TWO,
        &opts("https://portal.example/tin/cho-dem.html#second"),
    );
    assert_eq!(a["title"], "Chợ đêm ven sông mở cửa trở lại");
    assert_eq!(a["published"], "2024-11-16T18:00:00+07:00");
    let body = a["content_html"].as_str().unwrap();
    assert!(body.contains("sáu mươi gian hàng"), "{body}");
    assert!(
        body.contains(r#"src="https://portal.example/tin/images/market.png""#),
        "{body}"
    );
    assert!(
        !body.contains("two hundred residents") && !body.contains("trang chủ"),
        "{body}"
    );
    assert_eq!(a["url"], "https://portal.example/tin/cho-dem.html#second");
    let (first, _) = ok(
        PORTAL_WITH_TWO,
        &opts("https://portal.example/tin/cho-dem.html#first"),
    );
    assert_eq!(
        first["title"],
        "Harbour Library reopens after a year of repairs"
    );
}

#[test]
fn a_fragment_naming_anything_else_leaves_the_page_whole() {
    // `#plain` is a paragraph, not an embed: the page is read as before (its <title>).
    let (a, _) = ok(
        PORTAL_WITH_TWO,
        &opts("https://portal.example/tin/cho-dem.html#plain"),
    );
    assert_eq!(a["title"], "Cổng thông tin thị xã Kỳ Anh");
}
