#!/usr/bin/env bash
# Builds the real Debian (and synthetic Alpine) images the integration tests scan, with
# ../shared/tools/make-real-images.sh (mmdebstrap + umoci + skopeo, all from Debian packages).
# Usage: tests/scripts/make-real-images.sh [OUTDIR]   (default /tmp/vigil-real-images); prints OUTDIR last.
# Needs root. Without ../shared it does nothing and the tests that need real images skip.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-${TMPDIR:-/tmp}/vigil-real-images}
tool=${VIGIL_SHARED:-$here/../shared}/tools/make-real-images.sh
if [ ! -f "$tool" ]; then
  echo "make-real-images: $tool not found; real-image tests will skip" >&2
  exit 0
fi
if [ -f "$out/images.tsv" ] && [ "${FORCE:-0}" != 1 ] && grep -q '^debian-bookworm	pkgs' "$out/images.tsv"; then
  echo "make-real-images: reusing $out (FORCE=1 rebuilds)" >&2
else
  SUITES=${SUITES:-bookworm} SKIP_RPM=1 SKIP_LANG=1 SKIP_TRIVY=1 SKIP_REGISTRY=1 bash "$tool" "$out" >"$out.log" 2>&1 \
    || { tail -30 "$out.log" >&2; echo "make-real-images: failed (log: $out.log)" >&2; exit 1; }
fi
echo "$out"
