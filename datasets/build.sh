#!/bin/sh
# Rebuilds datasets/panorama*.csv from datasets/sources/panorama and the reviewed key table,
# through the same test that checks them (see datasets/README.md, "How to rebuild").
set -e
cd "$(dirname "$0")/.."
swift build --build-tests
PANORAMA_WRITE_DATASETS=1 swift test --skip-build --filter PanoramaRebuildTests
git --no-pager diff --stat -- datasets/
