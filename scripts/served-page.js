// An article page's first frame (a classic script in the head of the reference server's article
// pages and the pre-rendered ones, run before the body is parsed; scripts/post-build.mjs puts
// scripts/settings-common.js in front of it). The reader's text size, spacing, width, font and theme
// go on the served article as soon as the parser adds its root, before it is painted, as the
// pre-paint does: a reader at 200 % sees 200 % in the first frame, and nothing moves when the
// viewer takes over.
(() => {
  const prefs = storedPrefs();
  const find = () => document.querySelector('.av-prepaint[data-ssr] > .av-viewer');
  const done = (viewer) => {
    applyPrefs(viewer, prefs, null);
    observer.disconnect();
  };
  const observer = new MutationObserver(() => {
    const viewer = find();
    if (viewer) done(viewer);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => observer.disconnect(), { once: true });
})();
