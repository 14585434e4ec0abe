//! The browser's speech synthesis (Web Speech API): the page's `speechSynthesis`, its voices for a
//! language, and utterances whose events reach Rust without leaking per utterance.

use crate::listen::settings::primary;
use js_sys::Reflect;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// The page's `speechSynthesis`, when the browser has one (and the utterance constructor).
pub fn synth() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    let has_utterance = Reflect::get(&window, &JsValue::from_str("SpeechSynthesisUtterance"))
        .is_ok_and(|c| c.is_function());
    let synth = Reflect::get(&window, &JsValue::from_str("speechSynthesis")).ok()?;
    (has_utterance && synth.is_object()).then(|| synth.unchecked_into())
}

/// One voice the reader can choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoiceInfo {
    /// Its stable id (`voiceURI`).
    pub uri: String,
    /// As the reader sees it: name and language.
    pub label: String,
    /// Whether the browser marks it as its default.
    pub default: bool,
}

/// The browser's voices for language `tag` (same primary subtag), in the browser's order.
pub fn voices(synth: &SpeechSynthesis, tag: &str) -> Vec<(VoiceInfo, SpeechSynthesisVoice)> {
    let lang = primary(tag);
    synth
        .get_voices()
        .iter()
        .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
        .filter(|v| primary(&v.lang()) == lang)
        .map(|v| {
            let info = VoiceInfo {
                uri: v.voice_uri(),
                label: format!("{} ({})", v.name(), v.lang()),
                default: v.default(),
            };
            (info, v)
        })
        .collect()
}

/// The voice to use: the remembered one when it is offered, else the browser's default for the
/// language, else the first.
pub fn pick<'a>(offered: &'a [VoiceInfo], remembered: Option<&str>) -> Option<&'a VoiceInfo> {
    remembered
        .and_then(|uri| offered.iter().find(|v| v.uri == uri))
        .or_else(|| offered.iter().find(|v| v.default))
        .or_else(|| offered.first())
}

/// An utterance being said, with the callbacks its events call (dropped with it).
pub struct Spoken {
    /// The utterance (kept alive: Chrome drops the events of a collected utterance).
    pub utterance: SpeechSynthesisUtterance,
    _callbacks: [Closure<dyn FnMut(JsValue)>; 2],
}

impl Spoken {
    /// Says `text` in `lang` at `rate` with `voice`; `on_end` gets `None` when it was said,
    /// `Some(error)` (the event's `error` string) when it failed or was cancelled.
    pub fn say(
        synth: &SpeechSynthesis,
        text: &str,
        lang: &str,
        rate: f32,
        voice: Option<&SpeechSynthesisVoice>,
        on_end: impl Fn(Option<String>) + 'static,
    ) -> Option<Spoken> {
        let utterance = SpeechSynthesisUtterance::new_with_text(text).ok()?;
        utterance.set_lang(lang);
        utterance.set_rate(rate);
        if let Some(voice) = voice {
            // Through Reflect: a setter that throws is an error here, never an abort.
            let _ = Reflect::set(&utterance, &JsValue::from_str("voice"), voice);
        }
        let on_end = std::rc::Rc::new(on_end);
        let ended = std::rc::Rc::clone(&on_end);
        let end = Closure::<dyn FnMut(JsValue)>::new(move |_| ended(None));
        let error = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
            let kind = Reflect::get(&ev, &JsValue::from_str("error"))
                .ok()
                .and_then(|e| e.as_string())
                .unwrap_or_else(|| "error".to_string());
            on_end(Some(kind));
        });
        utterance.set_onend(Some(end.as_ref().unchecked_ref()));
        utterance.set_onerror(Some(error.as_ref().unchecked_ref()));
        synth.speak(&utterance);
        Some(Spoken {
            utterance,
            _callbacks: [end, error],
        })
    }
}

impl Drop for Spoken {
    fn drop(&mut self) {
        // No event may reach a freed callback.
        self.utterance.set_onend(None);
        self.utterance.set_onerror(None);
    }
}
