#!/usr/bin/env bash
# Builds the formats converter (crate formats/, a wasm module of its own, loaded only for other input
# formats) into target/parts/formats/ for scripts/post-build.mjs to optimise, hash and copy into
# dist/. The display panel, Listen and the comments widget are lazy chunks of the viewer's own wasm
# (scripts/build-app.sh).
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
rm -rf target/parts
build_part formats article-viewer-formats
