#!/bin/sh
# Builds the CSV reader's libFuzzer target and runs it.
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags…]   (default 600 s; corpus in fuzz/corpus)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-600}
[ $# -gt 0 ] && shift
out="$here/.build"
mkdir -p "$out" "$here/corpus"
kit="$root/Sources/PanoramaKit"
# The reader's sources only (no ZIP, no LAPACK): what the CSV path touches.
swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name PanoramaKit \
  "$here/FuzzCSV.swift" \
  "$kit/Data/CSVReader.swift" "$kit/Data/CSVTokenizer.swift" "$kit/Data/CSVWriter.swift" "$kit/Data/FrameBuilder.swift" "$kit/Data/ByteInterner.swift" \
  "$kit/Data/ValueParsing.swift" "$kit/Data/TextEncoding.swift" "$kit/Data/ReadOptions.swift" \
  "$kit/Data/DataError.swift" "$kit/Data/Column.swift" "$kit/Data/Frame.swift" "$kit/Data/CivilDate.swift" \
  "$kit/Data/KernelError.swift" "$kit/Data/Suggestion.swift" "$kit/Render/Table.swift" "$kit/Render/RenderOptions.swift" \
  "$kit/Render/NumberFormat.swift" "$kit/Render/JSON.swift" \
  -o "$out/fuzz-csv"
# Seeds: the real files and a few hand-made ones.
if [ -z "$(ls -A "$here/corpus")" ]; then
  cp "$here"/seeds/* "$here/corpus/" 2>/dev/null || true
fi
exec "$out/fuzz-csv" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict="$here/csv.dict" "$@" "$here/corpus"
