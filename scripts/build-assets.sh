#!/bin/sh
# Copy the pinned front-end libraries (package-lock.json) from node_modules/ into the service's
# static folder, which is git-ignored: the service serves them itself, never from a CDN.
#
#   sh scripts/build-assets.sh          # runs `npm ci` first when node_modules/ is missing or stale
#
# Needs node + npm and the npm registry. Install scripts are skipped: the libraries are plain
# JavaScript/CSS, and the only scripts in the tree print attribution notices.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
vendor=service/bochum_kg/web/static/vendor

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund
fi

rm -rf "$vendor"
mkdir -p "$vendor/yasgui" "$vendor/cytoscape"

cp node_modules/@zazuko/yasgui/build/yasgui.min.js \
   node_modules/@zazuko/yasgui/build/yasgui.min.js.map \
   node_modules/@zazuko/yasgui/build/yasgui.min.css \
   node_modules/@zazuko/yasgui/package.json "$vendor/yasgui/"
cp node_modules/cytoscape/dist/cytoscape.min.js \
   node_modules/cytoscape/LICENSE \
   node_modules/cytoscape/package.json "$vendor/cytoscape/"

# A version stamp the pages read to bust caches after an upgrade.
node -e '
const y = require("./node_modules/@zazuko/yasgui/package.json");
const c = require("./node_modules/cytoscape/package.json");
process.stdout.write(JSON.stringify({"@zazuko/yasgui": y.version, "cytoscape": c.version}, null, 2) + "\n");
' > "$vendor/versions.json"

echo "front-end libraries copied to $vendor:"
cat "$vendor/versions.json"
