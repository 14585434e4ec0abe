// The attacker of slow-clients.sh: holds IDLE connections that never send anything and LORIS
// connections that send a request's headers one byte a second, to a loopback server, opening a
// new one whenever the server closes one (a patient attacker keeps the count up). Bounded: loopback
// only, at most 5,000 connections, stops on SIGTERM/SIGINT and prints one RESULT line:
//   RESULT held_idle=… held_loris=… closed_idle=… closed_loris=… refused=…
//
//   node server/bench/slow-clients.mjs PORT [IDLE=1000] [LORIS=50]
import net from 'node:net';

const port = Number(process.argv[2]);
const idle = Number(process.argv[3] ?? 1000);
const loris = Number(process.argv[4] ?? 50);
const HOST = '127.0.0.1';
if (!port || idle + loris > 5000) {
  console.error('usage: slow-clients.mjs PORT [IDLE<=5000] [LORIS]');
  process.exit(2);
}

const stats = { closed_idle: 0, closed_loris: 0, refused: 0 };
const open = { idle: new Set(), loris: new Set() };
let stopping = false;
const HEADER = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow-loris\r\nX-Padding: ' + 'a'.repeat(4000);

function connect(kind) {
  if (stopping) return;
  const s = net.connect({ host: HOST, port });
  let at = 0;
  let timer = null;
  s.on('connect', () => {
    open[kind].add(s);
    if (kind === 'loris') {
      timer = setInterval(() => {
        if (at < HEADER.length) s.write(HEADER[at++]);
      }, 1000);
    }
  });
  s.on('data', () => {});
  s.on('error', () => {});
  s.on('close', (hadError) => {
    clearInterval(timer);
    const was = open[kind].delete(s);
    if (stopping) return;
    if (was) stats[`closed_${kind}`] += 1;
    else stats.refused += 1;
    // Come back at once (a little later after a refusal, not to spin).
    setTimeout(() => connect(kind), was ? 10 : 100);
  });
}

// Open them gradually (like a real client population), 100 per 50 ms.
let started = 0;
const opener = setInterval(() => {
  for (let i = 0; i < 100 && started < idle + loris; i += 1, started += 1) connect(started < idle ? 'idle' : 'loris');
  if (started >= idle + loris) clearInterval(opener);
}, 50);

function stop() {
  stopping = true;
  clearInterval(opener);
  console.log(
    `RESULT held_idle=${open.idle.size} held_loris=${open.loris.size} closed_idle=${stats.closed_idle} closed_loris=${stats.closed_loris} refused=${stats.refused}`,
  );
  for (const set of Object.values(open)) for (const s of set) s.destroy();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
