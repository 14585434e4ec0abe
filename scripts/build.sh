#!/usr/bin/env bash
# Builds the release viewer into dist/: the long sample, then the viewer with trunk (its pre-build
# hook splits the app into lazy chunks, its post-build hook optimises every wasm and writes boot.js
# and embed.js), then the moderation page (dist/moderation/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
node scripts/gen-long-article.mjs
# No update check: the build never goes to the network.
trunk build --release --skip-version-check
bash scripts/build-moderation.sh
node scripts/compress.mjs dist
