// Starts the reference server (target/release/article-viewer-server) for end-to-end tests: the
// built viewer, the sample articles and a fresh SQLite file in a temporary folder.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './harness.mjs';

const binary = join(root, 'target', 'release', 'article-viewer-server');
export const TOKEN = 'e2e-moderation-token-0123456789';

// Servers still running when the test process ends (a test that failed before its `stop()`) are
// killed then; they never keep the process alive.
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the server; `env` overrides its settings. Resolves to a handle. */
export async function startCommentsServer(env = {}, state = {}) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run cargo build --release -p article-viewer-server`);
  const dir = state.dir ?? mkdtempSync(join(tmpdir(), 'av-e2e-'));
  const addr = state.addr ?? '127.0.0.1:0';
  const child = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      AV_ADDR: addr,
      AV_DB: join(dir, 'comments.sqlite3'),
      AV_CONTENT_DIR: join(root, 'samples'),
      AV_STATIC_DIR: join(root, 'dist'),
      AV_MODERATION_TOKEN: TOKEN,
      AV_MIN_ELAPSED_MS: '0',
      AV_RATE_LIMIT: 'off',
      RUST_LOG: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.unref();
  child.stdout.unref();
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1].replace(/\/$/, ''));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const handle = {
    url,
    dir,
    /** Stops the server (SIGTERM) and waits for it to exit. */
    stop: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
    /** Starts it again on the same address and database. */
    restart: () => startCommentsServer(env, { dir, addr: url.replace('http://', '') }),
    /** Calls the moderation API. */
    moderate: async (path, method = 'GET') => {
      const r = await fetch(`${url}/api/moderation/comments${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
      if (!r.ok) throw new Error(`moderation ${path}: ${r.status}`);
      return r.json();
    },
    pending: async () => (await handle.moderate('?status=pending&per_page=100')).items,
    /** Adds a named moderator with `moderators add` on this server's database; resolves to the token. */
    addModerator: async (name) => {
      const out = execFileSync(binary, ['moderators', 'add', name], {
        env: { ...process.env, AV_DB: join(dir, 'comments.sqlite3'), RUST_LOG: 'warn' },
        encoding: 'utf8',
      });
      const token = out.split('\n')[1]?.trim() ?? '';
      if (!token.startsWith('avm_')) throw new Error(`moderators add: ${out}`);
      return token;
    },
    approveAll: async () => {
      for (let batch = await handle.pending(); batch.length; batch = await handle.pending()) {
        for (const c of batch) await handle.moderate(`/${c.id}/approve`, 'POST');
      }
    },
  };
  return handle;
}
