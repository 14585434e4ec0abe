// The reading font: Lexend (SIL Open Font License 1.1, fonts/LICENSE-lexend.txt), variable weight,
// in three subsets (latin, latin-ext, vietnamese: U+1EA0–1EF9 and the combining marks), self-hosted
// next to this file. scripts/post-build.mjs fills in the file names and writes fonts/reading-font-HASH.js;
// the loaders import it only while the reader has chosen the font. The faces go into the document's
// FontFaceSet (Chromium ignores @font-face inside a shadow root, and the embed's viewer is in one);
// the browser then fetches a subset only when text in its range is shown in this family.
for (const [file, unicodeRange] of __FACES__) {
  document.fonts.add(
    new FontFace('Article Viewer Lexend', `url("${new URL(file, import.meta.url).href}") format("woff2")`, {
      weight: '100 900',
      display: 'swap',
      unicodeRange,
    }),
  );
}
