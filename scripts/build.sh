#!/usr/bin/env bash
# Builds the release viewer into dist/: the long sample, the lazy parts, then the viewer with trunk
# (whose post-build hook optimises every wasm and writes boot.js and embed.js), then the
# moderation page (dist/moderation/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
node scripts/gen-long-article.mjs
bash scripts/build-parts.sh
# No update check: the build never goes to the network.
trunk build --release --skip-version-check
bash scripts/build-moderation.sh
node scripts/compress.mjs dist
