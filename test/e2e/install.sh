#!/usr/bin/env bash
# Installs code-server (the real VS Code server + workbench) into .cache/e2e/code-server for the e2e tests.
# Idempotent: returns at once when the pinned version is already there. Needs ripgrep on PATH
# and libkrb5-dev (`apt-get install -y ripgrep libkrb5-dev`): @vscode/ripgrep's postinstall would download it from GitHub,
# so we pre-seed its cache with Debian's rg. See /work/shared/E2E.md.
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
echo "Installing code-server@$VERSION into $DIR (about a minute)…"
( cd "$DIR" && TMPDIR="$TMP" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-save --no-audit --no-fund --no-package-lock "code-server@$VERSION" >"$DIR/install.log" 2>&1 ) \
  || { echo "install.sh: npm install code-server@$VERSION failed; see $DIR/install.log" >&2; tail -20 "$DIR/install.log" >&2; exit 1; }
[ -f "$MARK" ] || { echo "install.sh: $MARK missing after install" >&2; exit 1; }
rm -rf "$TMP"
touch "$DIR/.installed"
echo "code-server@$VERSION installed."
