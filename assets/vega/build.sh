#!/bin/sh
# Rebuilds the vendored Vega bundle from the exact versions in package.json / package-lock.json.
# Needs Node.js and npm at development time only; the bundle is committed and nothing is fetched at run time.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
out=../../src/innopart/static/vendor/vega
mkdir -p "$out"
npx esbuild entry.js --bundle --minify --format=iife --target=es2020 --legal-comments=eof \
  --outfile="$out/vega-bundle.min.js"
node -e '
const lock = require("./package-lock.json").packages;
const names = ["vega", "vega-lite", "vega-embed", "vega-interpreter", "esbuild"];
console.log(names.map(n => n + " " + lock["node_modules/" + n].version).join("\n"));
' > "$out/VERSIONS"
cat "$out/VERSIONS"
