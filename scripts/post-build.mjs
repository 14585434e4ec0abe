// Trunk post-build hook: add the viewer's wasm, its lazy chunks and their loader (split by
// scripts/build-app.sh, Trunk's pre-build hook), each
// optimised with npm's binaryen (release only) and under content-hashed names; write the standalone
// page's `boot.js` and the embed loader `embed.js` (both start with scripts/loader-common.js), so the
// page runs under `script-src 'self'` with Trusted Types enforced.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify as terserMinify } from 'terser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('[post-build] TRUNK_STAGING_DIR is not set; run through trunk.');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === 'release';
const files = readdirSync(dir);

const FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];
/** Optimises a wasm file in place with npm's binaryen (release builds only). */
function optimise(path) {
  if (!release) return;
  const wasmOpt = join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  const before = statSync(path).size;
  execFileSync(wasmOpt, ['-Oz', ...FEATURES, path, '-o', path], { stdio: 'inherit' });
  console.log(`[post-build] wasm-opt -Oz ${basename(path)}: ${before} -> ${statSync(path).size} bytes`);
}
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);

/** Minifies a JS module with terser (release builds only): the glue wasm-bindgen writes is not. */
async function minify(code, { module = true } = {}) {
  if (!release) return code;
  const result = await terserMinify(code, { module, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return result.code;
}

// The viewer's wasm split into chunks (scripts/build-app.sh): the main module, its JS glue, the
// chunks' loader (`__wasm_split.js`: it imports the glue's `initSync`, the glue imports its chunk
// loaders) and the chunks. Each chunk is optimised on its own and named by its content (the loader's
// `new URL("./x.wasm", import.meta.url)` rewritten to that name); since the glue and the loader
// import each other, neither can carry its own hash: they and the main wasm share one.
const appDir = join(root, 'target', 'app');
const GLUE_IN = 'article-viewer.js';
const LOADER_IN = '__wasm_split.js';
const WASM_IN = 'article-viewer_bg.wasm';
if (![GLUE_IN, LOADER_IN, WASM_IN].every((f) => existsSync(join(appDir, f)))) {
  console.error('[post-build] target/app is incomplete: run scripts/build-app.sh first (Trunk.toml runs it before building).');
  process.exit(1);
}
let loaderText = readFileSync(join(appDir, LOADER_IN), 'utf8');
const chunks = {};
for (const f of readdirSync(appDir).filter((f) => f.endsWith('.wasm') && f !== WASM_IN)) {
  const tmp = join(dir, `${f}.tmp`);
  copyFileSync(join(appDir, f), tmp);
  optimise(tmp);
  const bytes = readFileSync(tmp);
  rmSync(tmp);
  // split_<entry>_<n>.wasm holds one entry's code (display, listen, comments); chunk_<n>.wasm the
  // code several entries share.
  const entry = /^split_([a-z]+)/.exec(f)?.[1] ?? 'chunk';
  const name = `${entry}-${hash(bytes)}.wasm`;
  writeFileSync(join(dir, name), bytes);
  const from = `"./${f}"`;
  if (!loaderText.includes(from)) throw new Error(`[post-build] the chunk loader does not name ${f}`);
  loaderText = loaderText.replaceAll(from, `"./${name}"`);
  (chunks[entry] ??= []).push(name);
}
console.log(`[post-build] chunks: ${JSON.stringify(chunks)}`);
const mainWasm = join(dir, WASM_IN);
copyFileSync(join(appDir, WASM_IN), mainWasm);
optimise(mainWasm);
const mainBytes = readFileSync(mainWasm);
rmSync(mainWasm);
let glueText = await minify(readFileSync(join(appDir, GLUE_IN), 'utf8'));
loaderText = await minify(loaderText);
const appId = hash(Buffer.concat([mainBytes, Buffer.from(glueText), Buffer.from(loaderText)]));
const wasm = `article-viewer-${appId}_bg.wasm`;
const glue = `article-viewer-${appId}.js`;
const splitLoader = `article-viewer-split-${appId}.js`;
// Only the import lines: the glue's `"./__wasm_split.js":` key of its imports object is the wasm's
// import module name and stays.
const importOf = (file) => new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(?\\s*)(["'])\\./${file.replaceAll('.', '\\.')}\\2`, 'g');
const glueImports = glueText.match(importOf(LOADER_IN))?.length ?? 0;
const loaderImports = loaderText.match(importOf(GLUE_IN))?.length ?? 0;
if (!glueImports || !loaderImports) throw new Error(`[post-build] the glue and the chunk loader no longer import each other as expected (${glueImports}, ${loaderImports})`);
glueText = glueText.replace(importOf(LOADER_IN), `$1$2./${splitLoader}$2`);
loaderText = loaderText.replace(importOf(GLUE_IN), `$1$2./${glue}$2`);
writeFileSync(join(dir, wasm), mainBytes);
writeFileSync(join(dir, glue), glueText);
writeFileSync(join(dir, splitLoader), loaderText);
console.log(`[post-build] app: ${glue}, ${splitLoader}, ${wasm}`);

// Comment lines and indentation go (the loader has a budget), file names are filled in.
const template = (file) =>
  readFileSync(join(root, 'scripts', file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .join('\n')
    .concat('\n');

// The reading font (Lexend, from the npm package `@fontsource-variable/lexend`, SIL OFL 1.1): its
// latin, latin-ext and vietnamese subsets under content-hashed names in fonts/, with the licence,
// and the module that registers them (scripts/reading-font.js), which the loaders import only
// while the reader has chosen the font.
const fontPackage = join(root, 'node_modules', '@fontsource-variable', 'lexend');
if (!existsSync(join(fontPackage, 'unicode.json'))) {
  console.error('[post-build] @fontsource-variable/lexend is missing: run npm ci (scripts/setup.sh does).');
  process.exit(1);
}
const fontsDir = join(dir, 'fonts');
mkdirSync(fontsDir, { recursive: true });
const ranges = JSON.parse(readFileSync(join(fontPackage, 'unicode.json'), 'utf8'));
const faces = ['latin', 'latin-ext', 'vietnamese'].map((subset) => {
  const bytes = readFileSync(join(fontPackage, 'files', `lexend-${subset}-wght-normal.woff2`));
  const name = `lexend-${subset}-${hash(bytes)}.woff2`;
  writeFileSync(join(fontsDir, name), bytes);
  if (!ranges[subset]) throw new Error(`[post-build] no unicode range for the ${subset} subset of Lexend`);
  return [name, ranges[subset]];
});
copyFileSync(join(fontPackage, 'LICENSE'), join(fontsDir, 'LICENSE-lexend.txt'));
const fontModule = Buffer.from(await minify(template('reading-font.js').replace('__FACES__', JSON.stringify(faces))));
const fontModuleName = `fonts/reading-font-${hash(fontModule)}.js`;
writeFileSync(join(dir, fontModuleName), fontModule);
console.log(`[post-build] reading font: ${fontModuleName}, ${faces.map(([f]) => f).join(', ')}`);
// The reader's settings as src/reader/ defines them (a Rust test keeps scripts/settings.json equal to
// that definition); the loaders need no table of their own.
const settingsTable = JSON.parse(readFileSync(join(root, 'scripts', 'settings.json'), 'utf8'));
delete settingsTable.vectors; // for the tests only
delete settingsTable.times;
const settingsCommon = template('settings-common.js').replaceAll('__SETTINGS__', JSON.stringify(settingsTable));
const common = settingsCommon + template('loader-common.js').replaceAll('__FONT__', fontModuleName);
// The article pages' first-frame script (classic, in their head; see scripts/served-page.js),
// named by its content: the server and the pre-render command find it in index.html's meta.
const servedPage = Buffer.from(await minify(settingsCommon + template('served-page.js'), { module: false }));
const servedPageName = `served-page-${hash(servedPage)}.js`;
writeFileSync(join(dir, servedPageName), servedPage);
const fill = (text) => text.replaceAll('__GLUE__', glue).replaceAll('__WASM__', wasm).replaceAll('__CSS__', css);

const css = files.find((f) => /^viewer-[0-9a-f]+\.css$/.test(f));
if (!css) {
  console.error(`[post-build] the stylesheet was not found in ${dir}`);
  process.exit(1);
}
// The standalone page's start and the embed loader (stable name): the shared part first.
writeFileSync(join(dir, 'boot.js'), await minify(fill(common + template('boot.js'))));
writeFileSync(join(dir, 'embed.js'), await minify(fill(common + template('embed-loader.js'))));
// The stylesheet, minified in place (release builds; its name is Trunk's and stays): comments and
// layout whitespace go. Only spaces next to `{ } ; , >` and after `:` are dropped, never a space
// that is a descendant combinator (`.av-viewer :focus-visible`) or inside `calc()`.
let cssIntegrity = null;
if (release) {
  const cssPath = join(dir, css);
  const text = readFileSync(cssPath, 'utf8');
  const small = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
  writeFileSync(cssPath, small);
  cssIntegrity = `sha384-${createHash('sha384').update(small).digest('base64')}`;
  console.log(`[post-build] ${css}: ${text.length} -> ${small.length} bytes`);
}

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// The stylesheet's integrity hash follows its minified text.
if (cssIntegrity) html = html.replace(/(<link rel="stylesheet" href="\.\/[^"]+\.css" integrity=")[^"]*"/, `$1${cssIntegrity}"`);
html = html
  // Everything the first screen needs is asked for at once: the start script (which asks for the
  // article), the glue and the wasm; the lazy parts are not. The start script is `async`: it runs
  // as soon as it is in, without waiting for the stylesheet or the end of parsing, so the article
  // is asked for one step earlier; and of high priority (an async script's is low by default),
  // since the article waits for it.
  .replace(
    '</head>',
    `  <meta name="article-viewer:served-page" content="./${servedPageName}">\n    <script type="module" async fetchpriority="high" src="./boot.js"></script>\n    <link rel="modulepreload" href="./${glue}">\n    <link rel="modulepreload" href="./${splitLoader}">\n    <link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin>\n  </head>`,
  );
writeFileSync(indexPath, html);
console.log(`[post-build] boot.js -> ${glue}, ${wasm}`);

// The frame of the article pages (server/src/pages/template.rs reads it; issue 19): the standalone
// page with three changes for a page that already holds its article.
//   - The stylesheet is in the page (`<style>`), as the static page's is: no round trip before the
//     first frame. The server names its sha256 in the page's `style-src`, so the strict CSP holds.
//     After it, one rule per setting value: the reader's settings as attributes of the served
//     article's root (`data-av-size="200"`…), which the server writes from the reader's cookie
//     (server/src/pages/prefs_cookie.rs); a CSP without 'unsafe-inline' refuses `style=""`.
//   - The preloads of the glue, the chunk loader and the wasm at the end of the body, after the
//     article: asked for once the article's HTML is in, they do not share the network with it
//     (in the head they took bandwidth from the HTML on a slow line), and not one round trip
//     later either, as they would from boot.js.
//   - boot.js is a deferred module (runs once the page is parsed).
const cssText = readFileSync(join(dir, css), 'utf8');
const prefRules = [
  ...settingsTable.steps.filter((s) => s !== 100).map((s) => `.av-viewer[data-av-size="${s}"]{--av-font-scale:${s / 100}}`),
  ...Object.entries(settingsTable.choices).flatMap(([key, c]) =>
    c.property ? Object.entries(c.values).filter(([, v]) => v).map(([name, v]) => `.av-viewer[data-av-${key}="${name}"]{${c.property}:${v}}`) : [],
  ),
].join('');
if (cssText.includes('</')) throw new Error('[post-build] the stylesheet holds "</": it cannot go in a <style> element');
const link = /\s*<link rel="stylesheet" href="\.\/[^"]+\.css"[^>]*>/;
if (!link.test(html)) throw new Error('[post-build] index.html has no stylesheet link to put in the article pages');
const preloads = html.match(/<link rel="(?:modulepreload|preload)"[^>]*>/g) ?? [];
if (preloads.length !== 3) throw new Error(`[post-build] expected 3 preloads in index.html, found ${preloads.length}`);
const frame = html
  .replace(link, () => `\n    <style>${cssText}${prefRules}</style>`)
  .replace(/\n\s*<link rel="(?:modulepreload|preload)"[^>]*>/g, '')
  .replace('</body>', () => `  ${preloads.join('\n    ')}\n  </body>`)
  .replace('<script type="module" async fetchpriority="high" src="./boot.js"></script>', '<script type="module" src="./boot.js"></script>');
if (!frame.includes('<script type="module" src="./boot.js"></script>')) throw new Error('[post-build] the article frame has no boot.js');
writeFileSync(join(dir, 'article-page.html'), frame);
console.log(`[post-build] article-page.html: the stylesheet inline (${cssText.length + prefRules.length} bytes)`);

