#!/usr/bin/env bash
# npm run test:browsers: the explorer, the embedding example and the custom elements in Chromium, Firefox ESR
# and WebKitGTK (test/engines/engines.test.ts). Installs the Debian packages it needs when missing (root):
# firefox-esr, webkit2gtk-driver (WebKitWebDriver and the MiniBrowser), xvfb and xauth. Chromium comes from npm.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf 'test:browsers: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v Xvfb >/dev/null || ! command -v xauth >/dev/null; then
  [ "$(id -u)" = 0 ] || { say "FAILED: needs root to install firefox-esr webkit2gtk-driver xvfb xauth (or install them first)"; exit 1; }
  say "installing firefox-esr, webkit2gtk-driver, xvfb and xauth"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends firefox-esr webkit2gtk-driver xvfb xauth >/dev/null
fi

cd "$repo"
[ -f dist/elements.js ] || { say "FAILED: dist/ is missing: run npm ci (it builds) first"; exit 1; }
# The pages under test: dist/demo/ (the explorer, embed.html and elements.html) on the bundles of dist/.
node -e 'import("./demo/build.mjs").then((m) => m.buildDemo())'
npx vitest run --config vitest.engines.config.ts
