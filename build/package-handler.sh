#!/usr/bin/env bash
# Builds the handler's release zip: artifacts/emrstudio-session-mapping-handler.zip, with the Native AOT executable
# `bootstrap` at its root and its executable bit set, as Lambda's provided.al2023 runtime expects. The zip is what
# template.yaml's CodeUri names (aws cloudformation package, sam deploy) and what aws lambda create-function takes.
#
# The zip is reproducible: the same commit gives the same bootstrap (the project maps source paths, see its csproj)
# and the same zip bytes (a fixed timestamp in UTC, no extra attributes, one entry), so re-packaging an unchanged
# handler uploads nothing new and updates no function. build/verify-reproducible.sh proves it.
#
# Usage: build/package-handler.sh            (from anywhere; needs the .NET SDK and zip, on linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."

publish_dir=artifacts/handler
staging_dir=artifacts/handler-zip
zip_path=artifacts/emrstudio-session-mapping-handler.zip

dotnet publish src/EmrStudio.SessionMappingHandler -c Release -o "$publish_dir"

files=$(find "$publish_dir" -mindepth 1 -printf '%P\n' | sort)
if [[ "$files" != "bootstrap" ]]; then
    echo "expected $publish_dir to hold bootstrap alone, found:" >&2
    echo "$files" >&2
    exit 1
fi

rm -rf "$staging_dir" "$zip_path"
mkdir -p "$staging_dir"
cp "$publish_dir/bootstrap" "$staging_dir/bootstrap"
chmod 0755 "$staging_dir/bootstrap"
# A zip entry stores local time: zip must run in UTC too, or the same mtime is written differently in each time zone.
# ZIPOPT would add options from the caller's environment.
TZ=UTC touch -t 198001010000 "$staging_dir/bootstrap"
(cd "$staging_dir" && env -u ZIPOPT TZ=UTC zip -q -X -9 "../$(basename "$zip_path")" bootstrap)
rm -rf "$staging_dir"

# Fail loudly if the archive is not what Lambda needs: one entry, bootstrap, mode -rwxr-xr-x.
listing=$(zipinfo "$zip_path")
if ! grep -Eq '^-rwxr-xr-x .* bootstrap$' <<<"$listing" || [[ $(zipinfo -1 "$zip_path") != "bootstrap" ]]; then
    echo "unexpected archive layout:" >&2
    echo "$listing" >&2
    exit 1
fi
echo "$listing"
echo "$zip_path: $(stat -c %s "$zip_path") bytes (bootstrap: $(stat -c %s "$publish_dir/bootstrap") bytes)"
