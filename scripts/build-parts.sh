#!/usr/bin/env bash
# Builds the viewer's lazy parts (wasm modules of their own, loaded when needed) into
# target/parts/<name>/ for scripts/post-build.mjs to optimise, hash and copy into dist/.
#   comments: the readers' comments widget (crate comments/)
#   panel:    the display panel (crate panel/)
#   formats:  the converter for other input formats (crate formats/), loaded only for them
#   listen:   Listen (read aloud) and the compact bar (crate listen/), loaded when the reader
#             presses Listen or the toolbar scrolls out of view
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
build_part() {
  local name=$1 package=$2
  local artifact=${package//-/_}
  # Built on its own (not with the viewer): the viewer crate is then a library without its exports.
  cargo build --release --target wasm32-unknown-unknown -p "$package"
  rm -rf "target/parts/$name"
  wasm-bindgen --target web --no-typescript --out-dir "target/parts/$name" --out-name "$name" \
    "target/wasm32-unknown-unknown/release/$artifact.wasm"
}
build_part comments article-viewer-comments
build_part panel article-viewer-panel
build_part formats article-viewer-formats
build_part listen article-viewer-listen
