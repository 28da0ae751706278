#!/usr/bin/env bash
# Squash throughput (uncompressed MiB/s) and peak working set on a generated OCI image.
# Usage: bench/images-squash.sh [LAYERS] [MIB_PER_LAYER]     (default 4 layers of 128 MiB)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$repo/bench/Vigil.Benchmarks" -c Release -o "$work/bin" -v q --nologo >/dev/null
dotnet "$work/bin/Vigil.Benchmarks.dll" squash-figures generate "$work/image" "${1:-4}" "${2:-128}"
dotnet "$work/bin/Vigil.Benchmarks.dll" squash-figures squash "$work/image"
