#!/bin/sh
# Builds a libFuzzer target and runs it.
#   fuzz/run.sh [csv|xlsx|language] [SECONDS] [extra libFuzzer flags…]
#   (default target csv, 600 s; corpus in fuzz/corpus, fuzz/corpus-xlsx, fuzz/corpus-language)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
target=csv
case "${1:-}" in csv|xlsx|language) target=$1; shift ;; esac
seconds=${1:-600}
[ $# -gt 0 ] && shift
out="$here/.build"
mkdir -p "$out"
kit="$root/Sources/PanoramaKit"
# Its own module cache (the C modules' maps are found through -I).
flags="-sanitize=fuzzer,address -parse-as-library -O -g -enable-testing -package-name panorama -module-cache-path $out/module-cache"

# One Swift module compiled to one object file and its .swiftmodule in $out.
module() { # NAME FILES…
  name=$1; shift
  # Up to date when no source is newer than the object.
  if [ -f "$out/$name.o" ]; then
    newer=$(for f in "$@"; do case $f in *.swift) if [ "$f" -nt "$out/$name.o" ]; then echo "$f"; fi;; esac; done)
    [ -z "$newer" ] && return 0
  fi
  swiftc $flags -wmo -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
    -I "$out" -I "$root/Sources/CLapack" -I "$root/Sources/CEditLine" -I "$root/Sources/CZlib" -c "$@" -o "$out/$name.o"
}
# The kernel and the language as modules (for the xlsx and language targets).
kernel() {
  module Deflate $(find "$root/Sources/Deflate" -name '*.swift')
  module LinearAlgebra $(find "$root/Sources/LinearAlgebra" -name '*.swift')
  module PanoramaKit $(find "$kit" -name '*.swift')
}

case $target in
csv)
  # The reader's sources only (no ZIP, no LAPACK): what the CSV path touches.
  swiftc $flags -module-name PanoramaKit \
    "$here/FuzzCSV.swift" \
    "$kit/Data/CSVReader.swift" "$kit/Data/CSVTokenizer.swift" "$kit/Data/CSVWriter.swift" "$kit/Data/FrameBuilder.swift" "$kit/Data/ByteInterner.swift" \
    "$kit/Data/ValueParsing.swift" "$kit/Data/TextEncoding.swift" "$kit/Data/ReadOptions.swift" \
    "$kit/Data/DataError.swift" "$kit/Data/Column.swift" "$kit/Data/Frame.swift" "$kit/Data/CivilDate.swift" \
    "$kit/Data/KernelError.swift" "$kit/Data/Suggestion.swift" "$kit/Render/Table.swift" "$kit/Render/RenderOptions.swift" \
    "$kit/Render/NumberFormat.swift" "$kit/Render/JSON.swift" \
    -o "$out/fuzz-csv"
  corpus="$here/corpus"; seeds="$here/seeds"; dict="$here/csv.dict"; len=4096 ;;
xlsx)
  kernel
  swiftc $flags -I "$out" -I "$root/Sources/CLapack" -I "$root/Sources/CZlib" "$here/FuzzXLSX.swift" \
    "$out/Deflate.o" "$out/LinearAlgebra.o" "$out/PanoramaKit.o" -lz -o "$out/fuzz-xlsx"
  corpus="$here/corpus-xlsx"; seeds="$here/seeds-xlsx"; dict="$here/xlsx.dict"; len=65536 ;;
language)
  kernel
  module LineEditing $(find "$root/Sources/LineEditing" -name '*.swift')
  module PanoramaShell $(find "$root/Sources/PanoramaShell" -name '*.swift')
  swiftc $flags -I "$out" -I "$root/Sources/CLapack" -I "$root/Sources/CZlib" -I "$root/Sources/CEditLine" "$here/FuzzLanguage.swift" \
    "$out/Deflate.o" "$out/LinearAlgebra.o" "$out/PanoramaKit.o" "$out/LineEditing.o" "$out/PanoramaShell.o" \
    -lz -o "$out/fuzz-language"
  corpus="$here/corpus-language"; seeds="$here/seeds-language"; dict="$here/language.dict"; len=2048 ;;
esac
mkdir -p "$corpus"
# Seeds: the real files and a few hand-made ones.
if [ -z "$(ls -A "$corpus")" ]; then
  cp "$seeds"/* "$corpus/" 2>/dev/null || true
fi
exec "$out/fuzz-$target" -max_total_time="$seconds" -max_len=$len -timeout=10 -rss_limit_mb=2048 \
  -dict="$dict" "$@" "$corpus"
