//! The player of one viewer: reads the article's queue one utterance per block through the
//! browser's speech synthesis, highlights the block being read and keeps it in view, and holds
//! what the views show as signals. One article is read at a time on a page: a viewer that starts
//! reading interrupts another, which then stands paused.

use crate::listen::blocks::{collect, first_in_view};
use crate::listen::queue::{Queue, Rate, Source, State};
use crate::listen::settings::{Settings, STORAGE_KEY};
use crate::listen::speech::{pick, voices, Spoken, VoiceInfo};
use crate::listen::words::Words;
use crate::reader::store::storage;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, SpeechSynthesis, SpeechSynthesisVoice};

/// Class of the block being read.
pub const CURRENT_CLASS: &str = "av-listen-current";
/// After this long in pause, Play says the paragraph again instead of `resume()` (Chrome on
/// Windows may never resume a long-paused utterance).
const RESUME_WITHIN_MS: f64 = 10_000.0;
/// How long to wait for the browser's voices (`voiceschanged` may come late) before saying that
/// there is none for the language.
const VOICES_WAIT_MS: u64 = 1_500;

/// A JS event listener owned by Rust.
type Listener = Closure<dyn FnMut(JsValue)>;

thread_local! {
    /// The player whose utterance the page's speech synthesis is saying (0: none).
    static SPEAKING: Cell<u32> = const { Cell::new(0) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// What the views show, as signals.
#[derive(Clone, Copy)]
pub struct Ui {
    /// Playing, paused or stopped.
    pub state: RwSignal<State>,
    /// The utterance being read (1-based) and how many there are; (0, 0) before the first Play.
    pub position: RwSignal<(usize, usize)>,
    /// The browser's voices for the article's language.
    pub voices: RwSignal<Vec<VoiceInfo>>,
    /// The chosen voice (`voiceURI`).
    pub voice: RwSignal<String>,
    /// The reading speed.
    pub rate: RwSignal<Rate>,
    /// Whether the voices are known (they arrived, or the wait is over).
    pub voices_known: RwSignal<bool>,
    /// The last error, shown to the reader.
    pub error: RwSignal<Option<&'static str>>,
    /// The live region's text (each change is announced once).
    pub announce: RwSignal<String>,
}

impl Ui {
    /// Whether there is no voice to read with (once the voices are known).
    pub fn no_voice(&self) -> bool {
        self.voices_known.get() && self.voices.with(Vec::is_empty)
    }
}

struct Inner {
    id: u32,
    synth: SpeechSynthesis,
    lang: String,
    words: &'static Words,
    article: Element,
    blocks: RefCell<Vec<Element>>,
    queue: RefCell<Queue>,
    built: Cell<bool>,
    spoken: RefCell<Option<Spoken>>,
    token: Cell<u32>,
    paused_at: Cell<f64>,
    restart_on_resume: Cell<bool>,
    current: RefCell<Option<Element>>,
    voices: RefCell<Vec<SpeechSynthesisVoice>>,
    settings: RefCell<Settings>,
    on_voices: RefCell<Option<Listener>>,
    ui: Ui,
}

/// One viewer's Listen player (cheap to clone: a shared handle).
#[derive(Clone)]
pub struct Player(Rc<Inner>);

fn now() -> f64 {
    js_sys::Date::now()
}

fn load_settings() -> Settings {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|v| Settings::decode(&v))
        .unwrap_or_default()
}

impl Player {
    /// A player for the article `article` in language `lang` (its `lang` attribute), with the
    /// signals created under the current owner.
    pub fn new(
        synth: SpeechSynthesis,
        article: Element,
        lang: String,
        words: &'static Words,
    ) -> Player {
        let settings = load_settings();
        let ui = Ui {
            state: RwSignal::new(State::Stopped),
            position: RwSignal::new((0, 0)),
            voices: RwSignal::new(Vec::new()),
            voice: RwSignal::new(String::new()),
            rate: RwSignal::new(settings.rate),
            voices_known: RwSignal::new(false),
            error: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
        };
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        let player = Player(Rc::new(Inner {
            id,
            synth,
            lang,
            words,
            article,
            blocks: RefCell::new(Vec::new()),
            queue: RefCell::new(Queue::default()),
            built: Cell::new(false),
            spoken: RefCell::new(None),
            token: Cell::new(0),
            paused_at: Cell::new(0.0),
            restart_on_resume: Cell::new(false),
            current: RefCell::new(None),
            voices: RefCell::new(Vec::new()),
            settings: RefCell::new(settings),
            on_voices: RefCell::new(None),
            ui,
        }));
        player.watch_voices();
        player
    }

    /// The signals the views read.
    pub fn ui(&self) -> Ui {
        self.0.ui
    }

    /// The words of the interface.
    pub fn words(&self) -> &'static Words {
        self.0.words
    }

    fn weak(&self) -> Weak<Inner> {
        Rc::downgrade(&self.0)
    }

    /// Reads the voices now and whenever the browser's list changes (`voiceschanged` often comes
    /// after the first call, or never when the list was ready).
    fn watch_voices(&self) {
        self.refresh_voices();
        let weak = self.weak();
        let on_change = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                Player(inner).refresh_voices();
            }
        });
        let _ = self
            .0
            .synth
            .add_event_listener_with_callback("voiceschanged", on_change.as_ref().unchecked_ref());
        *self.0.on_voices.borrow_mut() = Some(on_change);
        let known = self.0.ui.voices_known;
        set_timeout(
            move || {
                let _ = known.try_set(true);
            },
            std::time::Duration::from_millis(VOICES_WAIT_MS),
        );
    }

    fn refresh_voices(&self) {
        let list = voices(&self.0.synth, &self.0.lang);
        let infos: Vec<VoiceInfo> = list.iter().map(|(i, _)| i.clone()).collect();
        *self.0.voices.borrow_mut() = list.into_iter().map(|(_, v)| v).collect();
        let remembered = self
            .0
            .settings
            .borrow()
            .voice(&self.0.lang)
            .map(str::to_string);
        let chosen = pick(&infos, remembered.as_deref()).map(|v| v.uri.clone());
        let ui = self.0.ui;
        if !infos.is_empty() {
            ui.voices_known.set(true);
        }
        ui.voices.set(infos);
        ui.voice.set(chosen.unwrap_or_default());
    }

    fn voice(&self) -> Option<SpeechSynthesisVoice> {
        let uri = self.0.ui.voice.get_untracked();
        self.0
            .voices
            .borrow()
            .iter()
            .find(|v| v.voice_uri() == uri)
            .cloned()
    }

    fn save(&self) {
        if let Some(s) = storage() {
            // Blocked or full storage: the choice holds for this page.
            let _ = s.set_item(STORAGE_KEY, &self.0.settings.borrow().encode());
        }
    }

    fn announce(&self, text: String) {
        let announce = self.0.ui.announce;
        // The same sentence twice is still announced twice.
        if announce.get_untracked() == text {
            announce.set(String::new());
        }
        announce.set(text);
    }

    fn ensure_built(&self) {
        if self.0.built.get() {
            return;
        }
        let found = collect(&self.0.article);
        let sources: Vec<Source> = found.iter().map(|(s, _)| s.clone()).collect();
        *self.0.queue.borrow_mut() = Queue::build(&sources, self.0.words);
        *self.0.blocks.borrow_mut() = found.into_iter().map(|(_, e)| e).collect();
        self.0.built.set(true);
    }

    /// The bottom of the compact bar when it shows (the block read is kept below it), else 0.
    fn clearance(&self) -> f64 {
        self.0
            .article
            .query_selector(".av-bar")
            .ok()
            .flatten()
            .map(|b| b.get_bounding_client_rect())
            .filter(|r| r.height() > 0.0 && r.bottom() > 0.0)
            .map_or(0.0, |r| r.bottom())
    }

    /// Play, Pause or Resume, as the state asks.
    pub fn toggle(&self) {
        match self.0.ui.state.get_untracked() {
            State::Playing => self.pause(),
            State::Paused => self.resume(),
            State::Stopped => self.play(),
        }
    }

    /// Starts reading from the block in view (the title when it is in view).
    pub fn play(&self) {
        let ui = self.0.ui;
        ui.error.set(None);
        if self.0.voices.borrow().is_empty() {
            // The panel says why (the list may still be on its way); the bar has no Listen then.
            if ui.voices_known.get_untracked() {
                self.announce(self.0.words.no_voice.to_string());
            }
            return;
        }
        self.ensure_built();
        let from = first_in_view(&self.0.blocks.borrow(), self.clearance());
        if self.0.queue.borrow_mut().play(from).is_none() {
            return;
        }
        ui.state.set(State::Playing);
        self.announce(self.0.words.reading.to_string());
        self.speak_current();
    }

    fn pause(&self) {
        let inner = &self.0;
        if SPEAKING.get() == inner.id {
            inner.synth.pause();
        }
        inner.paused_at.set(now());
        inner.queue.borrow_mut().pause();
        inner.ui.state.set(State::Paused);
        self.announce(inner.words.paused.to_string());
    }

    fn resume(&self) {
        let inner = &self.0;
        inner.ui.error.set(None);
        let fresh = now() - inner.paused_at.get() < RESUME_WITHIN_MS;
        let resumable = fresh
            && !inner.restart_on_resume.get()
            && SPEAKING.get() == inner.id
            && inner.spoken.borrow().is_some()
            && inner.synth.paused();
        inner.queue.borrow_mut().play(None);
        inner.ui.state.set(State::Playing);
        self.announce(inner.words.reading.to_string());
        if resumable {
            inner.synth.resume();
        } else {
            // When in doubt, the paragraph again rather than a resume that may never come.
            self.speak_current();
        }
    }

    /// Stops reading; the next Play starts from the block in view.
    pub fn stop(&self) {
        let inner = &self.0;
        if inner.ui.state.get_untracked() == State::Stopped {
            return;
        }
        self.silence();
        inner.queue.borrow_mut().stop();
        self.unhighlight();
        inner.ui.state.set(State::Stopped);
        inner.ui.position.set((0, 0));
        self.announce(inner.words.stopped.to_string());
    }

    /// Ends the utterance in progress (if it is this player's) without a word to the reader.
    fn silence(&self) {
        let inner = &self.0;
        inner.token.set(inner.token.get().wrapping_add(1));
        drop(inner.spoken.borrow_mut().take());
        if SPEAKING.get() == inner.id {
            SPEAKING.set(0);
            inner.synth.cancel();
        }
    }

    /// Moves to the next (`forward`) or previous utterance; reading goes on from there.
    pub fn skip(&self, forward: bool) {
        self.ensure_built();
        let moved = {
            let mut q = self.0.queue.borrow_mut();
            if forward {
                q.forward().is_some()
            } else {
                q.back().is_some()
            }
        };
        if !moved {
            return;
        }
        match self.0.ui.state.get_untracked() {
            State::Playing => self.speak_current(),
            _ => {
                // Paused (or stopped, which Next turns into paused): say it when Play comes.
                self.silence();
                self.0.restart_on_resume.set(true);
                self.0.ui.state.set(State::Paused);
                self.show_current();
            }
        }
    }

    /// Changes the speed (remembered); the paragraph being read starts again at the new speed.
    pub fn set_rate(&self, rate: Rate) {
        let inner = &self.0;
        inner.ui.rate.set(rate);
        inner.settings.borrow_mut().rate = rate;
        self.save();
        self.announce(inner.words.speed_changed.replace(
            "{rate}",
            &rate.label(std::ptr::eq(inner.words, &crate::listen::words::VI)),
        ));
        self.restart_for_change();
    }

    /// Changes the voice (remembered for the article's language).
    pub fn set_voice(&self, uri: String) {
        let inner = &self.0;
        inner.settings.borrow_mut().set_voice(&inner.lang, &uri);
        inner.ui.voice.set(uri);
        self.save();
        self.restart_for_change();
    }

    fn restart_for_change(&self) {
        match self.0.ui.state.get_untracked() {
            State::Playing => self.speak_current(),
            State::Paused => self.0.restart_on_resume.set(true),
            State::Stopped => {}
        }
    }

    fn speak_current(&self) {
        let inner = &self.0;
        let Some(item) = inner.queue.borrow().current().cloned() else {
            return;
        };
        self.silence();
        inner.restart_on_resume.set(false);
        let token = inner.token.get();
        let weak = self.weak();
        let voice = self.voice();
        let lang = voice
            .as_ref()
            .map(|v| v.lang())
            .unwrap_or_else(|| inner.lang.clone());
        SPEAKING.set(inner.id);
        self.show_current();
        let spoken = Spoken::say(
            &inner.synth,
            &item.text,
            &lang,
            inner.ui.rate.get_untracked().value(),
            voice.as_ref(),
            move |error| {
                if let Some(inner) = weak.upgrade() {
                    Player(inner).ended(token, error);
                }
            },
        );
        if spoken.is_none() {
            SPEAKING.set(0);
            inner.ui.error.set(Some(inner.words.speech_failed));
        }
        *inner.spoken.borrow_mut() = spoken;
    }

    /// The utterance `token` ended: the next one, the end, or a stop by someone else.
    fn ended(&self, token: u32, error: Option<String>) {
        let inner = &self.0;
        if token != inner.token.get() || inner.ui.state.get_untracked() != State::Playing {
            return;
        }
        match error.as_deref() {
            None => {
                let next = inner.queue.borrow_mut().finished().is_some();
                if next {
                    self.speak_current();
                } else {
                    SPEAKING.set(0);
                    drop(inner.spoken.borrow_mut().take());
                    self.unhighlight();
                    inner.ui.state.set(State::Stopped);
                    inner.ui.position.set((0, 0));
                    self.announce(inner.words.finished.to_string());
                }
            }
            Some(kind) => {
                // Cancelled by someone else (another viewer, the browser) or failed: paused on
                // this paragraph, which Play says again.
                if SPEAKING.get() == inner.id {
                    SPEAKING.set(0);
                }
                drop(inner.spoken.borrow_mut().take());
                inner.queue.borrow_mut().pause();
                inner.restart_on_resume.set(true);
                inner.paused_at.set(now());
                inner.ui.state.set(State::Paused);
                if kind != "interrupted" && kind != "canceled" {
                    inner.ui.error.set(Some(inner.words.speech_failed));
                }
                self.announce(inner.words.paused.to_string());
            }
        }
    }

    /// Highlights the current block, keeps it in view and updates the position line.
    fn show_current(&self) {
        let inner = &self.0;
        let (block, pos, total) = {
            let q = inner.queue.borrow();
            let Some(item) = q.current() else { return };
            (item.block, q.position(), q.items().len())
        };
        inner.ui.position.set((pos + 1, total));
        let Some(el) = inner.blocks.borrow().get(block).cloned() else {
            return;
        };
        let same = inner.current.borrow().as_ref() == Some(&el);
        if !same {
            self.unhighlight();
            let _ = el.class_list().add_1(CURRENT_CLASS);
            *inner.current.borrow_mut() = Some(el.clone());
        }
        keep_in_view(&el, self.clearance());
    }

    fn unhighlight(&self) {
        if let Some(el) = self.0.current.borrow_mut().take() {
            let _ = el.class_list().remove_1(CURRENT_CLASS);
            if let Some(el) = crate::listen::blocks::html(&el) {
                let _ = el.style().remove_property("scroll-margin-top");
            }
        }
    }

    /// Stops and lets go of the browser (the viewer went away or shows another article).
    pub fn free(&self) {
        let inner = &self.0;
        self.silence();
        self.unhighlight();
        if let Some(cb) = inner.on_voices.borrow_mut().take() {
            let _ = inner
                .synth
                .remove_event_listener_with_callback("voiceschanged", cb.as_ref().unchecked_ref());
        }
    }
}

/// Whether the reader asked for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Scrolls `el` to just below `top` px of the viewport when it is not wholly in view there
/// (smoothly, unless the reader asked for less motion).
fn keep_in_view(el: &Element, top: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = el.get_bounding_client_rect();
    if rect.top() >= top && rect.bottom() <= height {
        return;
    }
    // Just below the compact bar (or the top), whatever the text size.
    if let Some(el) = crate::listen::blocks::html(el) {
        let _ = el
            .style()
            .set_property("scroll-margin-top", &format!("{}px", (top + 8.0) as i32));
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    options.set_behavior(if reduced_motion() {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    el.scroll_into_view_with_scroll_into_view_options(&options);
}
