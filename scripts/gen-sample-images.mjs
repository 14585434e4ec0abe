// Draws the sample articles' pictures (samples/images/*.png): simple flat scenes made here, so
// they carry no one else's rights (the project's licence covers them), and a first run shows
// pictures served from the samples folder instead of grey boxes.
//   node scripts/gen-sample-images.mjs   (the PNGs are committed; run again only to change them)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const W = 640;
const H = 360;

function canvas() {
  const px = new Uint8Array(W * H * 3);
  const set = (x, y, [r, g, b]) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  return {
    px,
    rect(x0, y0, x1, y1, c) {
      for (let y = Math.max(0, y0); y < Math.min(H, y1); y++) for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) set(x, y, c);
    },
    /** Horizontal bands from colour `a` at y0 to `b` at y1 (eight steps: it compresses well). */
    bands(y0, y1, a, b) {
      const steps = 8;
      for (let s = 0; s < steps; s++) {
        const t = s / (steps - 1);
        const c = a.map((v, k) => Math.round(v + (b[k] - v) * t));
        this.rect(0, Math.round(y0 + ((y1 - y0) * s) / steps), W, Math.round(y0 + ((y1 - y0) * (s + 1)) / steps), c);
      }
    },
    circle(cx, cy, r, c) {
      for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, c);
    },
    /** A filled polygon (even-odd), for towers and roofs. */
    poly(points, c) {
      for (let y = 0; y < H; y++) {
        const xs = [];
        for (let i = 0; i < points.length; i++) {
          const [x1, y1] = points[i];
          const [x2, y2] = points[(i + 1) % points.length];
          if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
        }
        xs.sort((a, b) => a - b);
        for (let i = 0; i + 1 < xs.length; i += 2) for (let x = Math.ceil(xs[i]); x < xs[i + 1]; x++) set(x, y, c);
      }
    },
  };
}

function png(px) {
  const raw = Buffer.alloc((W * 3 + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W * 3 + 1)] = 0;
    Buffer.from(px.buffer, y * W * 3, W * 3).copy(raw, y * (W * 3 + 1) + 1);
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const scenes = {
  // The night boat at the east pier (WordPress sample).
  'night-boat': (c) => {
    c.bands(0, 230, [12, 22, 58], [52, 62, 112]);
    c.circle(520, 70, 28, [240, 236, 200]);
    c.bands(230, 360, [20, 40, 70], [8, 16, 32]);
    c.rect(0, 250, 170, 270, [90, 80, 70]);
    c.poly([[220, 230], [470, 230], [440, 275], [250, 275]], [235, 235, 230]);
    c.rect(280, 195, 420, 230, [245, 245, 240]);
    for (let x = 292; x < 410; x += 24) c.rect(x, 205, x + 12, 218, [250, 210, 90]);
    c.rect(340, 165, 352, 195, [200, 60, 50]);
  },
  // The market square with young trees and a fountain (JSON Feed sample).
  'market-square': (c) => {
    c.bands(0, 200, [140, 190, 235], [205, 228, 245]);
    c.rect(0, 200, W, H, [196, 180, 150]);
    c.rect(60, 110, 580, 200, [214, 160, 120]);
    for (let x = 80; x < 570; x += 40) c.rect(x, 125, x + 22, 165, [90, 110, 140]);
    for (const x of [60, 170, 470, 580]) {
      c.rect(x - 5, 230, x + 5, 290, [110, 80, 50]);
      c.circle(x, 220, 32, [70, 140, 70]);
    }
    c.circle(320, 285, 55, [150, 150, 150]);
    c.circle(320, 285, 45, [90, 160, 210]);
    c.rect(314, 225, 326, 285, [160, 160, 160]);
    c.circle(320, 222, 14, [170, 215, 240]);
  },
  // The north light at dusk, its lamp lit (plain HTML sample).
  'north-light': (c) => {
    c.bands(0, 260, [60, 50, 110], [245, 150, 110]);
    c.bands(260, 360, [60, 80, 120], [25, 40, 70]);
    c.poly([[100, 260], [400, 230], [640, 250], [640, 275], [100, 275]], [60, 60, 50]);
    c.poly([[290, 250], [350, 250], [338, 90], [302, 90]], [245, 245, 240]);
    c.poly([[296, 170], [344, 170], [342, 145], [298, 145]], [200, 50, 45]);
    c.rect(296, 62, 344, 90, [60, 60, 60]);
    c.rect(304, 68, 336, 88, [255, 225, 110]);
    c.poly([[292, 62], [348, 62], [320, 40]], [200, 50, 45]);
  },
  // Cầu Cửa Khẩu on its opening day (JSON-LD sample).
  'cau-cua-khau': (c) => {
    c.bands(0, 210, [120, 180, 230], [215, 235, 245]);
    c.poly([[0, 190], [200, 170], [420, 185], [640, 165], [640, 215], [0, 215]], [95, 135, 95]);
    c.bands(215, 360, [70, 130, 150], [40, 90, 110]);
    c.rect(0, 200, W, 214, [120, 120, 125]);
    for (let x = 40; x < W; x += 120) {
      c.rect(x, 214, x + 14, 300, [140, 140, 145]);
    }
    for (let x = 0; x < W; x += 8) c.rect(x, 190, x + 3, 200, [200, 60, 50]);
  },
  // Cầu Cửa Khẩu from above (JSON-LD sample).
  'cau-cua-khau-toan-canh': (c) => {
    c.rect(0, 0, W, H, [105, 145, 95]);
    c.poly([[0, 120], [640, 60], [640, 240], [0, 300]], [60, 120, 145]);
    c.poly([[300, 0], [340, 0], [360, H], [320, H]], [135, 135, 140]);
    for (let y = 20; y < H; y += 40) c.rect(318 + y / 18, y, 324 + y / 18, y + 18, [245, 245, 245]);
    for (const [x, y] of [[80, 40], [130, 330], [520, 300], [580, 30], [200, 20]]) c.circle(x, y, 18, [60, 110, 60]);
  },
};

for (const [name, draw] of Object.entries(scenes)) {
  const c = canvas();
  draw(c);
  const out = png(c.px);
  writeFileSync(new URL(`../samples/images/${name}.png`, import.meta.url), out);
  console.log(`[gen-sample-images] samples/images/${name}.png: ${out.length} bytes`);
}
