#!/usr/bin/env bash
# The demo: build vigil, generate the sample images (real docker-save and OCI formats), build a vulnerability
# database from the sample feeds the repo carries, and scan. Everything stays under ./out/demo.
set -euo pipefail
cd "$(dirname "$0")"
out=${VIGIL_DEMO_DIR:-out/demo}
mkdir -p "$out"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "== building vigil and the sample-image generator" >&2
dotnet build src/Vigil.Cli -c Release -v q --nologo -o "$out/vigil" >/dev/null
dotnet build samples/Vigil.Samples -c Release -v q --nologo -o "$out/samples" >/dev/null
vigil() { dotnet "$out/vigil/vigil.dll" "$@"; }

echo "== generating the sample images" >&2
dotnet "$out/samples/Vigil.Samples.dll" "$out/images" >/dev/null

echo "== importing the sample feeds into $out/vigil.db" >&2
rm -f "$out/vigil.db"
vigil db import --db "$out/vigil.db" samples/feeds/*.json

echo "== vigil quickview (Alpine, OCI layout)" >&2
vigil quickview --db "$out/vigil.db" "oci-dir://$out/images/alpine-sample-oci:sample"
echo "== vigil cves (Debian, docker-archive)" >&2
vigil cves --db "$out/vigil.db" "archive://$out/images/debian-sample.tar"
