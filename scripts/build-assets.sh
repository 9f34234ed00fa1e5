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
mkdir -p "$vendor/yasgui" "$vendor/cytoscape" "$vendor/cytoscape-fcose" "$vendor/axe-core"

cp node_modules/@zazuko/yasgui/build/yasgui.min.js \
   node_modules/@zazuko/yasgui/build/yasgui.min.js.map \
   node_modules/@zazuko/yasgui/build/yasgui.min.css \
   node_modules/@zazuko/yasgui/package.json "$vendor/yasgui/"
cp node_modules/cytoscape/dist/cytoscape.min.js \
   node_modules/cytoscape/LICENSE \
   node_modules/cytoscape/package.json "$vendor/cytoscape/"
# fCoSE, the force-directed layout of the graph views, with the two libraries it is built on;
# each sets a global (layoutBase, coseBase, cytoscapeFcose), so they load in this order.
cp node_modules/layout-base/layout-base.js "$vendor/cytoscape-fcose/"
cp node_modules/layout-base/LICENSE "$vendor/cytoscape-fcose/LICENSE.layout-base"
cp node_modules/cose-base/cose-base.js "$vendor/cytoscape-fcose/"
cp node_modules/cose-base/LICENSE "$vendor/cytoscape-fcose/LICENSE.cose-base"
cp node_modules/cytoscape-fcose/cytoscape-fcose.js node_modules/cytoscape-fcose/LICENSE \
   node_modules/cytoscape-fcose/package.json "$vendor/cytoscape-fcose/"
# axe-core: only the browser tests inject it (tests/browser/test_accessibility.py); no page loads it.
cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE node_modules/axe-core/package.json "$vendor/axe-core/"

# A version stamp the pages read to bust caches after an upgrade.
node -e '
const v = (name) => require("./node_modules/" + name + "/package.json").version;
const names = ["@zazuko/yasgui", "cytoscape", "cytoscape-fcose", "cose-base", "layout-base", "axe-core"];
process.stdout.write(JSON.stringify(Object.fromEntries(names.map((n) => [n, v(n)])), null, 2) + "\n");
' > "$vendor/versions.json"

echo "front-end libraries copied to $vendor:"
cat "$vendor/versions.json"
