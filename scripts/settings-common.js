// The reader's settings as the loaders read and apply them (scripts/post-build.mjs puts this file
// in front of scripts/loader-common.js in boot.js and embed.js, and of scripts/served-page.js).
// The reader's settings as src/reader/ defines them (scripts/settings.json, written from the Rust
// definition by its test `the_loaders_table_is_this_definition`; post-build.mjs fills it in): the
// storage keys, the text size steps, and each choice with its default, stored names and custom
// property values (an empty value leaves the property to the stylesheet).
const SETTINGS = __SETTINGS__;
const KEY = SETTINGS.key;
const STEPS = SETTINGS.steps;

/** Reads the stored form of the reader's choices as src/reader/prefs.rs `Prefs::decode` does:
 * values trimmed, the last one wins, anything unknown gives that setting's default, a size the
 * nearest step (a fraction is dropped, "%" allowed). */
function parsePrefs(stored) {
  const prefs = { size: 100 };
  for (const k in SETTINGS.choices) prefs[k] = SETTINGS.choices[k].default;
  for (const part of String(stored ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const [k, v] = [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    if (k === 'size') {
      const m = /^(\d{1,6})(?:\.\d+)?$/.exec(v.replace(/%+$/, ''));
      const n = m ? Number(m[1]) : 0;
      prefs.size = n ? STEPS.reduce((a, b) => (Math.abs(b - n) < Math.abs(a - n) ? b : a)) : 100;
    } else if (Object.hasOwn(SETTINGS.choices, k)) {
      const c = SETTINGS.choices[k];
      prefs[k] = Object.hasOwn(c.values, v) ? v : c.default;
    }
  }
  return prefs;
}

/** The stored form of `prefs` (as `Prefs::encode`). */
const encodePrefs = (prefs) => SETTINGS.order.map((k) => `${k}=${prefs[k]}`).join(';');

/** The reader's stored choices; the first version's while the current one is absent. */
function storedPrefs() {
  try {
    return parsePrefs(localStorage.getItem(KEY) ?? localStorage.getItem(SETTINGS.legacyKey));
  } catch {
    return parsePrefs(); // blocked storage: the defaults, as the viewer does
  }
}

/** Puts `prefs` on a viewer's root as the viewer does (src/view/viewer.rs): the theme ("system"
 * follows the host's `hostTheme` where it names one), the text size and each setting's custom
 * property (an empty value leaves the stylesheet's). */
function applyPrefs(viewer, prefs, hostTheme) {
  viewer.dataset.theme = prefs.theme === 'auto' ? (['light', 'dark', 'sepia'].includes(hostTheme) ? hostTheme : 'auto') : prefs.theme;
  viewer.style.setProperty('--av-font-scale', String(prefs.size / 100));
  for (const k in SETTINGS.choices) {
    const c = SETTINGS.choices[k];
    if (c.property && c.values[prefs[k]]) viewer.style.setProperty(c.property, c.values[prefs[k]]);
  }
}
