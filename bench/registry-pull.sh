#!/usr/bin/env bash
# Pull + scan of the real Debian 12 image (debian-bookworm:pkgs) from a local CNCF registry, beside `skopeo copy`
# of the same image to a local directory, with the ratio. Also the warm run, served from Vigil's blob cache.
# Usage: bench/registry-pull.sh [REAL_IMAGES_DIR]    (needs docker-registry, skopeo, jq, /usr/bin/time)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
images=${1:-${VIGIL_REAL_IMAGES:?set VIGIL_REAL_IMAGES or pass the make-real-images.sh output directory}}
out=$(mktemp -d)
registry_pid=""
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT

dotnet publish "$repo/src/Vigil.Cli" -c Release -o "$out/vigil" -v q --nologo >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$out/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $out/storage}}
http: {addr: 127.0.0.1:$port, secret: bench}
YAML
docker-registry serve "$out/registry.yml" >"$out/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -fso /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
ref="127.0.0.1:$port/realimg/debian-bookworm:pkgs"
skopeo copy -q --dest-tls-verify=false "oci:$images/oci/debian-bookworm:pkgs" "docker://$ref"

timed() { # label, command...: prints wall seconds and peak RSS MiB
  local label=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/err" || { echo "$label failed:"; cat "$out/err"; exit 1; }
  read -r wall rss < "$out/time"
  printf '%-34s %8s %10s\n' "$label" "$wall" "$((rss / 1024))"
  eval "${label%% *}_wall=$wall"
}

export CI=true VIGIL_CACHE_DIR="$out/cache"
printf '%-34s %8s %10s\n' run wall_s peak_rss_mib
timed "skopeo copy docker:// -> dir:" skopeo copy -q --src-tls-verify=false "docker://$ref" "dir:$out/skopeo-dir"
timed "vigil pull+sbom (cold cache)" dotnet "$out/vigil/vigil.dll" sbom "$ref" --format json -o "$out/cold.json"
timed "vigil_warm pull+sbom (warm cache)" dotnet "$out/vigil/vigil.dll" sbom "$ref" --format json -o "$out/warm.json"
timed "vigil_archive sbom docker-archive" dotnet "$out/vigil/vigil.dll" sbom "docker-archive:$images/archives/debian-bookworm_pkgs.docker.tar" --format json -o "$out/archive.json"

pkgs=$(jq '.packages | length' "$out/cold.json" 2>/dev/null || echo '?')
echo "packages found: $pkgs; compressed layers pulled: $(du -sh "$out/cache" | cut -f1)"
awk -v s="$skopeo_wall" -v v="$vigil_wall" -v w="$vigil_warm_wall" 'BEGIN {
  printf "ratio vigil pull+scan / skopeo copy: %.2f (cold), %.2f (warm cache)\n", v / s, w / s }'
