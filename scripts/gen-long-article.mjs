// Generates samples/long-article.json: a Vietnamese article with thousands of paragraphs,
// for the long-article tests and benchmarks. Deterministic: same output every run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const paragraphs = Number(process.argv[2] ?? 3000);
const seed = JSON.parse(readFileSync(join(root, 'samples', 'ky-anh-2022-04-15.json'), 'utf8'));
const sentences = seed.content_html
  .replace(/<\/?p>/g, '\n')
  .split(/(?<=[.;])\s+|\n/)
  .map((s) => s.trim())
  .filter(Boolean);

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const parts = [];
for (let i = 0; i < paragraphs; i++) {
  if (i % 50 === 0) parts.push(`<h2>Phần ${i / 50 + 1}</h2>`);
  const a = sentences[i % sentences.length];
  const b = sentences[(i * 7 + 3) % sentences.length];
  parts.push(`<p>${i + 1}. ${escape(a)} <strong>${escape(b.slice(0, 40))}</strong> ${escape(b.slice(40))}</p>`);
}
const article = {
  ...seed,
  id: 'long-article',
  title: `Bài viết dài (${paragraphs} đoạn) để đo hiệu năng`,
  lead: 'Bài viết tạo tự động từ bài mẫu, dùng để kiểm thử và đo hiệu năng với nội dung rất dài.',
  image: null,
  content_html: parts.join('\n'),
  comments: { enabled: false, url: null },
};
writeFileSync(join(root, 'samples', 'long-article.json'), JSON.stringify(article));
console.log(`[gen-long-article] samples/long-article.json: ${paragraphs} paragraphs`);
