//! A hero picture that the body shows again (a WordPress featured image, a JSON Feed `image`,
//! also placed in the post's text): the viewer would show it twice, one above the other. The
//! body keeps it where the author put it, with its caption; the hero is dropped.

use crate::article::{Article, Lenient};
use crate::dom::Dom;
use crate::lenient::Warnings;
use crate::urls::absolute;

/// An image address compared loosely: absolute against `base`, without query or fragment, and
/// without WordPress's size suffix (`night-boat-1024x576.jpg` is `night-boat.jpg`).
fn key(base: Option<&str>, src: &str) -> String {
    let abs = absolute(base, src).unwrap_or_else(|| src.trim().to_string());
    let bare = abs.split(['?', '#']).next().unwrap_or(&abs);
    let (stem, ext) = match bare.rsplit_once('.') {
        Some((s, e)) if !e.contains('/') => (s, Some(e)),
        _ => (bare, None),
    };
    let stem = match stem.rsplit_once('-') {
        Some((s, size))
            if size
                .split_once('x')
                .is_some_and(|(w, h)| is_digits(w) && is_digits(h)) =>
        {
            s
        }
        _ => stem,
    };
    match ext {
        Some(e) => format!("{stem}.{}", e.to_ascii_lowercase()),
        None => stem.to_string(),
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Drops `article`'s hero when its body shows the same picture (addresses read against the
/// article's address, as the viewer reads them); notes it in `w`.
pub fn drop_repeated(article: &mut Article, w: &mut Warnings) {
    let Some(hero) = article.image.valid() else {
        return;
    };
    let base = article.url.as_deref();
    let wanted = key(base, &hero.src);
    let dom = Dom::parse_fragment(article.content_html.as_deref().unwrap_or_default());
    let repeated = dom.elements_named("img").any(|img| {
        ["src", "data-src"]
            .iter()
            .filter_map(|a| dom.attr(img, a))
            .any(|src| key(base, src) == wanted)
    });
    if repeated {
        w.note(
            "image",
            "the body shows the same picture; it is shown there only",
        );
        article.image = Lenient::Absent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Image;

    fn article(hero: &str, body: &str) -> Article {
        Article {
            url: "https://news.example/2024/05/post/".to_string().into(),
            image: Image::new(hero.into(), None, None).into(),
            content_html: body.to_string().into(),
            ..Article::default()
        }
    }

    #[test]
    fn the_same_picture_in_the_body_drops_the_hero() {
        for body in [
            r#"<figure><img src="https://news.example/up/boat.jpg"></figure>"#,
            r#"<p>x</p><img src="/up/boat-1024x576.JPG?w=1">"#,
            r#"<img data-src="../../../up/boat.jpg" src="data:,">"#,
        ] {
            let mut a = article("https://news.example/up/boat.jpg", body);
            drop_repeated(&mut a, &mut Warnings::default());
            assert!(a.image.is_absent(), "{body}");
        }
    }

    #[test]
    fn another_picture_keeps_the_hero() {
        for body in [
            r#"<img src="https://news.example/up/boat-2.jpg">"#,
            r#"<img src="https://other.example/up/boat.jpg">"#,
            "<p>no picture</p>",
        ] {
            let mut a = article("https://news.example/up/boat.jpg", body);
            drop_repeated(&mut a, &mut Warnings::default());
            assert!(a.image.valid().is_some(), "{body}");
        }
    }
}
