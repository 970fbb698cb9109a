#!/bin/sh
# Rebuilds datasets/panorama*.csv from datasets/sources/panorama and the reviewed key table
# with the dataset tool (see datasets/README.md, "How to rebuild"); `--check` writes nothing
# and fails if a committed file differs.
set -e
cd "$(dirname "$0")/.."
swift run panorama-datasets "$@"
git --no-pager diff --stat -- datasets/
