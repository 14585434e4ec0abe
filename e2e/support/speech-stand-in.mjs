// A scripted stand-in for the Web Speech API's synthesis (headless Chromium has no voices): the
// only stand-in the Listen tests use. Installed before the page loads (`page.addInitScript`); the
// test reads `window.__speech.log` (every utterance spoken, with its language, speed and voice)
// and drives it: `end()` finishes the current utterance, `setVoices()` changes the list and sends
// `voiceschanged`. With `auto` (ms), each utterance ends by itself after that long.

/** Installs the stand-in; `voices` are `{ name, lang, voiceURI?, default? }`, `later` voices come
 * only with a `voiceschanged` after `laterMs`. */
export function installSpeech({ voices = [], later = null, laterMs = 300, auto = 0 } = {}) {
  const state = { voices: voices.map((v) => ({ voiceURI: v.name, default: false, localService: true, ...v })) };
  class Utterance extends EventTarget {
    constructor(text = '') {
      super();
      Object.assign(this, { text, lang: '', voice: null, rate: 1, pitch: 1, volume: 1 });
      for (const t of ['start', 'end', 'error', 'boundary', 'pause', 'resume']) this[`on${t}`] = null;
    }
  }
  const fire = (u, type, extra = {}) => {
    const ev = Object.assign(new Event(type), { utterance: u, charIndex: 0, elapsedTime: 0, name: '' }, extra);
    u[`on${type}`]?.call(u, ev);
    u.dispatchEvent(ev);
  };
  const log = [];
  const calls = { cancel: 0, pause: 0, resume: 0 };
  class Synth extends EventTarget {
    constructor() {
      super();
      this.queue = [];
      this.current = null;
      this.paused = false;
      this.onvoiceschanged = null;
    }
    get speaking() {
      return Boolean(this.current);
    }
    get pending() {
      return this.queue.length > 0;
    }
    getVoices() {
      return state.voices.slice();
    }
    speak(u) {
      log.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name ?? null });
      this.queue.push(u);
      this.next();
    }
    next() {
      if (this.current || this.paused) return;
      const u = this.queue.shift();
      if (!u) return;
      this.current = u;
      setTimeout(() => {
        fire(u, 'start');
        fire(u, 'boundary', { name: 'word', charIndex: 0, charLength: u.text.indexOf(' ') });
        if (auto) setTimeout(() => this.finish(u), auto);
      }, 0);
    }
    finish(u = this.current) {
      if (!u || u !== this.current || this.paused) return false;
      this.current = null;
      fire(u, 'end');
      this.next();
      return true;
    }
    cancel() {
      calls.cancel++;
      const all = [this.current, ...this.queue].filter(Boolean);
      this.current = null;
      this.queue = [];
      this.paused = false;
      for (const u of all) setTimeout(() => fire(u, 'error', { error: 'interrupted' }), 0);
    }
    pause() {
      calls.pause++;
      if (this.current) this.paused = true;
    }
    resume() {
      calls.resume++;
      this.paused = false;
    }
  }
  const synth = new Synth();
  const setVoices = (list) => {
    state.voices = list.map((v) => ({ voiceURI: v.name, default: false, localService: true, ...v }));
    synth.onvoiceschanged?.(new Event('voiceschanged'));
    synth.dispatchEvent(new Event('voiceschanged'));
  };
  if (later) setTimeout(() => setVoices(later), laterMs);
  window.__speech = { log, calls, synth, end: () => synth.finish(), setVoices };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
}

/** Removes the browser's speech synthesis (a browser without it). */
export function removeSpeech() {
  Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: undefined, configurable: true });
}
