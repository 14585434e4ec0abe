// The loaders read the reader's stored settings as the viewer's Rust does: scripts/settings.json
// (written from src/reader/ by the Rust test `the_loaders_table_is_this_definition`) carries the
// Rust decoder's answers for a set of stored forms; here the loader's own `parsePrefs` and
// `encodePrefs` (and the pre-paint's `showTime` against the viewer's `Timestamp::display`), built from the same template post-build.mjs uses, must give the same.
//   node --test tests/loader/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const table = JSON.parse(readFileSync(join(root, 'scripts', 'settings.json'), 'utf8'));
const { vectors, times, ...settings } = table;

/** The loaders' shared parts with this build's values filled in, as a module exporting its readers. */
async function loader() {
  const source = ['settings-common.js', 'loader-common.js']
    .map((f) => readFileSync(join(root, 'scripts', f), 'utf8'))
    .join('\n')
    .replaceAll('__PARTS__', '{}')
    .replaceAll('__FONT__', 'fonts/none.js')
    .replaceAll('__SETTINGS__', JSON.stringify(settings));
  const file = join(mkdtempSync(join(tmpdir(), 'av-loader-')), 'loader-common.mjs');
  writeFileSync(file, `${source}\nexport { parsePrefs, encodePrefs, showTime };\n`);
  return import(pathToFileURL(file).href);
}

test('the loader decodes every stored form as the Rust definition does', async () => {
  const { parsePrefs, encodePrefs } = await loader();
  assert.ok(vectors.length >= 8);
  for (const v of vectors) {
    const prefs = parsePrefs(v.stored);
    assert.equal(prefs.size, v.percent, `size of ${JSON.stringify(v.stored)}`);
    assert.equal(encodePrefs(prefs), v.encoded, `settings of ${JSON.stringify(v.stored)}`);
  }
});

test('the pre-paint shows a publication time as the viewer does', async () => {
  const { showTime } = await loader();
  assert.ok(times.length >= 10);
  for (const t of times) {
    assert.equal(showTime(t.iso, true), t.vi, `vi ${t.iso}`);
    assert.equal(showTime(t.iso, false), t.en, `en ${t.iso}`);
  }
});

test('every choice has its default among its values, and the order names every setting once', () => {
  assert.deepEqual([...settings.order].sort(), ['size', ...Object.keys(settings.choices)].sort());
  for (const [key, c] of Object.entries(settings.choices)) assert.ok(Object.hasOwn(c.values, c.default), key);
  assert.ok(settings.steps.includes(100));
});
