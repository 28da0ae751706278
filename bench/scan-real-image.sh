#!/usr/bin/env bash
# Wall time and peak RSS of a cold `vigil sbom` and `vigil cves` on the real Debian 12 two-layer image
# (debian-bookworm:pkgs from tests/scripts/make-real-images.sh), as docker-archive and as OCI layout.
# Usage: bench/scan-real-image.sh [REAL_IMAGES_DIR]     (needs /usr/bin/time: Debian package 'time')
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
images=${1:-${VIGIL_REAL_IMAGES:-$("$repo/tests/scripts/make-real-images.sh")}}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish "$repo/src/Vigil.Cli" -c Release -o "$out/vigil" -v q --nologo >/dev/null
vigil() { dotnet "$out/vigil/vigil.dll" "$@"; }
export VIGIL_DB="$out/vigil.db" CI=true
feed=${VIGIL_BENCH_FEED:-$repo/../shared/testdata/advisories/debian-vuln-list-sample/tracker}
[ -e "$feed" ] || feed="$repo/samples/feeds"
vigil db import "$feed" "$repo/samples/feeds/nvd-sample.json" >/dev/null 2>&1

printf '%-8s %-15s %10s %12s %9s\n' command source wall_s peak_rss_mib packages
for src in "docker-archive:$images/archives/debian-bookworm_pkgs.docker.tar" "oci-dir://$images/oci/debian-bookworm:pkgs"; do
  kind=${src%%:*}
  for cmd in sbom cves; do
    sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true   # cold: drop the page cache where allowed
    /usr/bin/time -f '%e %M' -o "$out/time" dotnet "$out/vigil/vigil.dll" "$cmd" "$src" --format json -o "$out/report.json" >/dev/null 2>&1 || true
    read -r wall rss < "$out/time"
    pkgs=$(jq '.packages | length' "$out/report.json" 2>/dev/null || echo '?')
    printf '%-8s %-15s %10s %12s %9s\n' "$cmd" "$kind" "$wall" "$((rss / 1024))" "$pkgs"
  done
done
