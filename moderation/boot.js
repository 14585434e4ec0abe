// Starts the moderation page (an external module, so the page runs under `script-src 'self'`
// with Trusted Types enforced). scripts/build-moderation.sh fills in the hashed file names.
import init, { mountModeration } from './__GLUE__';

try {
  await init({ module_or_path: new URL('./__WASM__', import.meta.url) });
  mountModeration();
} catch (error) {
  console.error('[article-viewer-moderation] could not start:', error);
  const p = document.createElement('p');
  p.className = 'av-boot-error';
  p.setAttribute('role', 'alert');
  p.textContent = 'Không khởi động được trang kiểm duyệt. Hãy tải lại trang. · The moderation page could not start. Please reload the page.';
  document.body.append(p);
}
