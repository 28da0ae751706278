#!/usr/bin/env bash
# skopeo push and pull throughput of a real Debian image to `vigil serve`, beside the CNCF registry
# (Debian's docker-registry) on the same machine, with the ratio printed.
#
# Usage: bench/registry-throughput.sh [OCI_LAYOUT:TAG] [RUNS]
#   default image: $VIGIL_REAL_IMAGES/oci/debian-bookworm:pkgs (build it with tests/scripts/make-real-images.sh)
# Needs: dotnet, skopeo, docker-registry, jq, curl, bc, python3 (for a free port). Everything listens on 127.0.0.1 only.
# vigil serve runs from tests/Vigil.Server.TestHost (the same library the CLI hosts), Release build, scan on push off
# for the benchmark repositories so only the registry path is measured.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${1:-${VIGIL_REAL_IMAGES:-/tmp/realimg/out}/oci/debian-bookworm:pkgs}
RUNS=${2:-3}
LAYOUT=${IMAGE%:*}
TAG=${IMAGE##*:}
for tool in dotnet skopeo docker-registry jq curl; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (see .ci/apt-packages.txt)" >&2; exit 1; }
done
[ -d "$LAYOUT" ] || { echo "no OCI layout at $LAYOUT" >&2; exit 1; }

WORK=$(mktemp -d /tmp/vigil-bench-XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Bytes moved: config + layers of the pushed manifest.
MANIFEST=$(skopeo inspect --raw "oci:$LAYOUT:$TAG")
BYTES=$(echo "$MANIFEST" | jq '[.config.size] + [.layers[].size] | add')
MB=$(echo "$BYTES" | awk '{printf "%.1f", $1/1048576}')

echo "building the vigil serve test host (Release)..." >&2
dotnet build tests/Vigil.Server.TestHost -c Release -v q -nologo >/dev/null

# skopeo remembers where it has seen a blob and then mounts instead of uploading, so every run gets fresh registries
# and fresh data directories: each push really moves every byte.
start_registries() { # run number
  local run=$1
  VPORT=$(free_port)
  mkdir -p "$WORK/vigil-$run"
  VIGIL_TESTHOST_ADMIN="bench:bench-password" dotnet tests/Vigil.Server.TestHost/bin/Release/net10.0/Vigil.Server.TestHost.dll "$WORK/vigil-$run" "127.0.0.1:$VPORT" >"$WORK/vigil-$run.log" 2>&1 &
  VPID=$!
  CPORT=$(free_port)
  mkdir -p "$WORK/cncf-$run"
  cat >"$WORK/cncf-$run.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $WORK/cncf-$run}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$CPORT}
YML
  docker-registry serve "$WORK/cncf-$run.yml" >"$WORK/cncf-$run.log" 2>&1 &
  CPID=$!
  PIDS+=("$VPID" "$CPID")
  local url up
  for url in "http://127.0.0.1:$VPORT/v2/" "http://127.0.0.1:$CPORT/v2/"; do
    up=no
    for _ in $(seq 300); do curl -s -o /dev/null "$url" && { up=yes; break; }; sleep 0.2; done
    [ $up = yes ] || { echo "$url never answered:" >&2; cat "$WORK"/*-"$run".log >&2; exit 1; }
  done
  curl -s -o /dev/null -u bench:bench-password -X PUT -d '{"scan_on_push":false}' "http://127.0.0.1:$VPORT/api/v0/repositories/bench/debian/settings"
}
stop_registries() { kill "$VPID" "$CPID" 2>/dev/null || true; wait "$VPID" "$CPID" 2>/dev/null || true; }

export REGISTRY_AUTH_FILE="$WORK/auth.json"
echo '{}' >"$REGISTRY_AUTH_FILE"

# seconds for one skopeo copy
timed() { local s e; s=$(date +%s.%N); skopeo --insecure-policy copy --retry-times 0 -q "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
best() { echo "if ($1 < $2) $1 else $2" | bc -l; }

VP=999999; VL=999999; CP=999999; CL=999999
for run in $(seq "$RUNS"); do
  start_registries "$run"
  t=$(timed --dest-tls-verify=false --dest-creds bench:bench-password "oci:$LAYOUT:$TAG" "docker://127.0.0.1:$VPORT/bench/debian:latest"); VP=$(best "$t" "$VP")
  t=$(timed --dest-tls-verify=false "oci:$LAYOUT:$TAG" "docker://127.0.0.1:$CPORT/bench/debian:latest"); CP=$(best "$t" "$CP")
  rm -rf "$WORK/out"
  t=$(timed --src-tls-verify=false --src-creds bench:bench-password "docker://127.0.0.1:$VPORT/bench/debian:latest" "oci:$WORK/out:latest"); VL=$(best "$t" "$VL")
  rm -rf "$WORK/out"
  t=$(timed --src-tls-verify=false "docker://127.0.0.1:$CPORT/bench/debian:latest" "oci:$WORK/out:latest"); CL=$(best "$t" "$CL")
  stop_registries
done
declare -A BEST
BEST[vigil-push]=$(echo "$BYTES / 1048576 / $VP" | bc -l)
BEST[vigil-pull]=$(echo "$BYTES / 1048576 / $VL" | bc -l)
BEST[cncf-push]=$(echo "$BYTES / 1048576 / $CP" | bc -l)
BEST[cncf-pull]=$(echo "$BYTES / 1048576 / $CL" | bc -l)

echo "image: $IMAGE ($MB MiB of blobs), best of $RUNS runs, skopeo $(skopeo --version | awk '{print $3}'), $(nproc) cores"
printf '%-26s %12s %12s\n' registry "push MiB/s" "pull MiB/s"
printf '%-26s %12.1f %12.1f\n' "vigil serve (token auth)" "${BEST[vigil-push]}" "${BEST[vigil-pull]}"
printf '%-26s %12.1f %12.1f\n' "docker-registry (no auth)" "${BEST[cncf-push]}" "${BEST[cncf-pull]}"
printf '%-26s %12.2f %12.2f\n' "ratio vigil/cncf" "$(echo "${BEST[vigil-push]} / ${BEST[cncf-push]}" | bc -l)" "$(echo "${BEST[vigil-pull]} / ${BEST[cncf-pull]}" | bc -l)"
