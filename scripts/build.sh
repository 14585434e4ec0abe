#!/usr/bin/env bash
# Builds the release viewer into dist/ (generates the long sample first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
node scripts/gen-long-article.mjs
trunk build --release
