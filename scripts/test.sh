#!/usr/bin/env bash
# The test command: installs what is missing, then runs every test tier and the size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
# No incremental caches (they double the debug target's size and a test run never reuses them), and
# one scratch folder for everything the browsers and tests write, removed at the end: ChromeDriver
# leaves an 80 MB profile in the temporary folder each time the test runner stops it.
export CARGO_INCREMENTAL=0
scratch="$(mktemp -d "${TMPDIR:-/tmp}/av-test.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
step() { printf '\n=== %s\n' "$*"; }

step "format (cargo fmt --check)"
cargo fmt --all -- --check
step "lints (clippy -D warnings, native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p article-viewer --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p article-viewer --target wasm32-unknown-unknown --features split -- -D warnings
cargo clippy -p article-viewer-moderation --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p article-viewer-formats --target wasm32-unknown-unknown -- -D warnings
step "native tests (viewer logic, rules, reference server on SQLite and PostgreSQL incl. the fault tests)"
bash scripts/with-postgres.sh cargo test --workspace
step "loader tests (the loaders read the reader's settings as the Rust definition does)"
node --test tests/loader/
step "browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p article-viewer --target wasm32-unknown-unknown
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p article-viewer-moderation --target wasm32-unknown-unknown
step "release build"
bash scripts/build.sh
cargo build --release -p article-viewer-server
step "size budget"
node bench/size.mjs --check
node bench/moderation-size.mjs --check
step "end-to-end tests (Playwright + axe-core in Chromium)"
node --test --test-concurrency=1 e2e/
step "all tests passed"
