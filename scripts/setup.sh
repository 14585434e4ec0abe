#!/usr/bin/env bash
# Installs whatever this project needs and is missing; a second run skips what is there.
#   scripts/setup.sh          what building and serving needs
#   scripts/setup.sh --test   and what the tests need (Chromium, ChromeDriver, poppler-utils,
#                             PostgreSQL for scripts/with-postgres.sh)
# Versions and why: see README.md ("What gets installed").
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
# wasm-split-cli from wasm_split_cli_support: 0.2.2 breaks on wasm-bindgen >= 0.2.128; 0.2.4 is the
# one tried with leptos 0.8.23 (wasm_split_helpers 0.2.3) on this machine.
WASM_SPLIT_VERSION=0.2.4
with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup first (https://rustup.rs)."; exit 1; }
command -v npm >/dev/null || { say "npm not found: install Node.js 20 and npm first."; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}"; then
  say "installing trunk ${TRUNK_VERSION} (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "${TRUNK_VERSION}"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 2 minutes)"
  # Not --locked: the locked build asks for a yanked webpki-roots and fails.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force
fi

# wasm-split-cli has no --version: cargo's list of installed crates tells.
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v${WASM_SPLIT_VERSION}:"; then
  say "installing wasm-split-cli ${WASM_SPLIT_VERSION} (about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version "${WASM_SPLIT_VERSION}" --features build-binary --force
fi

if [ "$with_tests" = 1 ]; then
  missing=()
  for pkg in chromium chromium-driver poppler-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  # The server's tests start a throw-away PostgreSQL (scripts/with-postgres.sh).
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

if ! npm ls --depth=0 >/dev/null 2>&1; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi
say "ready"
