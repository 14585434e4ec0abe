//! What Listen remembers: the speed, and the voice per language, in `localStorage`
//! (`article-viewer:listen:v1`); blocked or full storage keeps them in memory for the page.

use crate::listen::queue::Rate;

/// Storage key, shared by every article and viewer on the site.
pub const STORAGE_KEY: &str = "article-viewer:listen:v1";

/// The reader's Listen choices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Reading speed.
    pub rate: Rate,
    /// Chosen voice (its `voiceURI`) per primary language subtag ("vi", "en").
    pub voices: Vec<(String, String)>,
}

/// The primary subtag of a language tag, lower case ("vi" for "vi-VN").
pub fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Settings {
    /// The voice chosen for language `tag`, if any.
    pub fn voice(&self, tag: &str) -> Option<&str> {
        let lang = primary(tag);
        self.voices
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, v)| v.as_str())
    }

    /// Remembers `voice` for language `tag`.
    pub fn set_voice(&mut self, tag: &str, voice: &str) {
        let lang = primary(tag);
        self.voices.retain(|(l, _)| *l != lang);
        self.voices.push((lang, voice.to_string()));
    }

    /// The stored form: `rate=1.25` then one `voice.<lang>=<uri>` line each, `\n`-separated
    /// (voice names may hold `;` or `=`; they never hold a line break that matters).
    pub fn encode(&self) -> String {
        let mut out = format!("rate={}", self.rate.key());
        for (lang, voice) in &self.voices {
            out.push_str(&format!("\nvoice.{lang}={}", voice.replace('\n', " ")));
        }
        out
    }

    /// Reads the stored form; what does not parse is left at its default.
    pub fn decode(stored: &str) -> Settings {
        let mut s = Settings::default();
        for line in stored.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            if key == "rate" {
                s.rate = Rate::parse(value);
            } else if let Some(lang) = key.strip_prefix("voice.") {
                if !lang.is_empty() && !value.is_empty() {
                    s.set_voice(lang, value);
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_are_remembered_per_language() {
        let mut s = Settings::default();
        s.set_voice(
            "vi-VN",
            "Microsoft HoaiMy Online (Natural) - Vietnamese (Vietnam)",
        );
        s.set_voice("en_GB", "Daniel");
        s.set_voice("vi", "Linh");
        assert_eq!(s.voice("vi"), Some("Linh"));
        assert_eq!(s.voice("EN-us"), Some("Daniel"));
        assert_eq!(s.voice("fr"), None);
    }

    #[test]
    fn round_trips_names_with_separators() {
        let mut s = Settings {
            rate: Rate::new(1.5),
            voices: Vec::new(),
        };
        s.set_voice("vi", "Google Tiếng Việt; a=b");
        assert_eq!(Settings::decode(&s.encode()), s);
    }

    #[test]
    fn garbage_gives_defaults() {
        assert_eq!(Settings::decode(""), Settings::default());
        let s = Settings::decode("rate=zzz\nvoice.=x\nvoice.vi=\nnonsense");
        assert_eq!(s, Settings::default());
        assert_eq!(Settings::decode("rate=2").rate.value(), 2.0);
        assert_eq!(Settings::decode("rate=7").rate.value(), 1.0);
    }
}
