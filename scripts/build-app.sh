#!/usr/bin/env bash
# Builds the viewer's wasm and splits it into lazy chunks (Leptos `#[lazy]`-style split points,
# src/lazy.rs) into target/app/, for scripts/post-build.mjs to optimise, fingerprint and copy into
# dist/. Trunk cannot split (trunk-rs/trunk#1022: the split needs rustc's raw output, linked with
# --emit-relocs, before wasm-bindgen, and wasm-bindgen's --keep-lld-exports), so Trunk.toml runs
# this as its pre_build hook, for `trunk build` and `trunk serve` alike.
#   scripts/build-app.sh [release|debug]   (default: Trunk's profile, else release)
# Order (as cargo-leptos' src/compile/front.rs): cargo build --emit-relocs -> wasm-split-cli ->
# wasm-bindgen --keep-lld-exports -> (post-build) wasm-opt on every file separately.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
profile=${1:-${TRUNK_PROFILE:-release}}
[ "$profile" = release ] || profile=debug
# The flags of .cargo/config.toml's wasm32 section, with the relocations wasm-split needs. A target
# directory of its own, so these flags never make the other builds recompile.
export RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs"
release_flag=()
[ "$profile" = release ] && release_flag=(--release)
cargo build "${release_flag[@]}" --target wasm32-unknown-unknown -p article-viewer --features split \
  --target-dir target/split
raw="target/split/wasm32-unknown-unknown/$profile/article_viewer.wasm"
rm -rf target/app target/app-split
wasm-split-cli --target web --out-name article-viewer "$raw" target/app-split
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir target/app \
  --out-name article-viewer target/app-split/article-viewer.wasm
# The chunks and their loader, beside the glue (the loader imports the glue as ./article-viewer.js).
for f in target/app-split/*; do
  case "$(basename "$f")" in
    article-viewer.wasm) ;;
    *) cp "$f" target/app/ ;;
  esac
done
echo "[build-app] $profile: $(ls target/app | tr '\n' ' ')"
