//! The standalone page's metadata (issue 22): the tab title "Title · Site" and a meta description
//! from the lead, so bookmarks, history and link previews tell articles apart. Never used in an
//! embed: a host page's title and head are the host's.

/// Longest meta description, in characters (search engines show about this many).
pub const DESCRIPTION_MAX: usize = 160;

/// The site's name for the title: the article's source name, else the host of its address
/// (without `www.`), else none.
pub fn site_name(source_name: Option<&str>, article_url: &str) -> Option<String> {
    if let Some(name) = source_name.map(str::trim).filter(|n| !n.is_empty()) {
        return Some(name.to_string());
    }
    let rest = article_url.split_once("://").map(|(_, r)| r)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The tab title: "Title · Site", or the title alone without a site (whitespace collapsed).
pub fn page_title(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    match site.map(collapse).filter(|s| !s.is_empty() && *s != title) {
        Some(site) => format!("{title} · {site}"),
        None => title,
    }
}

/// The meta description: the lead with whitespace collapsed, cut at a word before
/// [`DESCRIPTION_MAX`] characters with "…"; none for an empty lead.
pub fn description(lead: Option<&str>) -> Option<String> {
    let lead = collapse(lead?);
    if lead.is_empty() {
        return None;
    }
    if lead.chars().count() <= DESCRIPTION_MAX {
        return Some(lead);
    }
    let cut: String = lead.chars().take(DESCRIPTION_MAX - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 0 => &cut[..i],
        _ => &cut,
    };
    Some(format!(
        "{}…",
        cut.trim_end_matches([',', ';', ':', '.', ' '])
    ))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets the document's title and its `<meta name="description">` (made when missing).
pub fn apply(title: &str, description: Option<&str>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    doc.set_title(title);
    let meta = doc
        .query_selector("meta[name=description]")
        .ok()
        .flatten()
        .or_else(|| {
            let m = doc.create_element("meta").ok()?;
            m.set_attribute("name", "description").ok()?;
            doc.head()?.append_child(&m).ok()?;
            Some(m)
        });
    if let Some(meta) = meta {
        let _ = match description {
            Some(d) => meta.set_attribute("content", d),
            None => meta.remove_attribute("content"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_the_source_name_else_the_host() {
        let url = "https://www.kyanh.hatinh.gov.vn/tin-tuc/bai.html";
        assert_eq!(
            site_name(Some(" Cổng TTĐT thị xã Kỳ Anh "), url).as_deref(),
            Some("Cổng TTĐT thị xã Kỳ Anh")
        );
        assert_eq!(
            site_name(Some(""), url).as_deref(),
            Some("kyanh.hatinh.gov.vn")
        );
        assert_eq!(
            site_name(None, "http://user@portal.example:8080/a?b#c").as_deref(),
            Some("portal.example")
        );
        assert_eq!(site_name(None, "samples/a.json"), None);
    }

    #[test]
    fn the_title_joins_title_and_site() {
        assert_eq!(
            page_title("Thư viện  mở cửa\n", Some("Harbour News")),
            "Thư viện mở cửa · Harbour News"
        );
        assert_eq!(page_title("Tin", None), "Tin");
        assert_eq!(page_title("Tin", Some("Tin")), "Tin", "no repeat");
    }

    #[test]
    fn the_description_is_the_lead_cut_at_a_word() {
        assert_eq!(description(None), None);
        assert_eq!(description(Some("  ")), None);
        assert_eq!(
            description(Some("Sapo  ngắn.")).as_deref(),
            Some("Sapo ngắn.")
        );
        let long = "từ ".repeat(100);
        let d = description(Some(&long)).unwrap();
        assert!(
            d.chars().count() <= DESCRIPTION_MAX,
            "{}",
            d.chars().count()
        );
        assert!(d.ends_with("từ…"), "{d}");
    }
}
