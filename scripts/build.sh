#!/usr/bin/env bash
# Builds the release viewer into dist/ (generates the long sample first), then the moderation page.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
node scripts/gen-long-article.mjs
# No update check: the build never goes to the network.
trunk build --release --skip-version-check
bash scripts/build-moderation.sh
