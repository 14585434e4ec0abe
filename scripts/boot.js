// The standalone page's start (scripts/post-build.mjs puts scripts/loader-common.js in front and
// writes dist/boot.js; no inline script, for strict CSPs). In parallel: the article JSON (then its
// title, time, author and lead at once), the JS glue and the wasm (also preloaded by index.html).
const DEFAULT_SRC = 'samples/ky-anh-2022-04-15.json';
const query = new URLSearchParams(location.search);
// As src/config.rs reads the query: values trimmed, the last one wins, an empty src is the default.
const last = (key) => query.getAll(key).map((v) => v.trim()).pop();
if (last('view') !== 'print') {
  let url = null;
  try {
    url = new URL(query.getAll('src').map((v) => v.trim()).filter(Boolean).pop() ?? DEFAULT_SRC, document.baseURI).href;
  } catch {
    // A malformed address: the viewer explains it.
  }
  if (url) prefetch(url).then((answer) => prepaint(document.body, answer, null), () => {});
}
try {
  const m = await import('./__GLUE__');
  await m.default({ module_or_path: new URL('./__WASM__', import.meta.url) });
  m.mountStandalone();
  aids(document.body);
} catch (error) {
  console.error('[article-viewer] could not start:', error);
  document.querySelector('.av-prepaint')?.remove();
  const p = document.createElement('p');
  p.className = 'av-boot-error';
  p.setAttribute('role', 'alert');
  p.textContent = 'Không khởi động được trình đọc bài viết. Hãy tải lại trang. · The article viewer could not start. Please reload the page.';
  document.body.append(p);
}
