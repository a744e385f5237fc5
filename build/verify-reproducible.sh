#!/usr/bin/env bash
# Proves that the release is reproducible: clones the current commit into two fresh folders (of different path
# lengths, so that a leaked path would shift everything after it), builds the release zip in each with
# build/package-handler.sh, and compares the SHA-256 of bootstrap and of the zip. Exits 1 if either differs.
#
# Both builds use this machine's SDK, NuGet cache and linker: reproducible means the same commit and the same
# toolchain give the same bytes, whatever the folder, the time, the time zone or a CI flag.
#
# Usage: build/verify-reproducible.sh        (builds HEAD; uncommitted changes are not part of the check)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
commit=$(git rev-parse HEAD)
if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    echo "note: the working tree has uncommitted changes; the check builds the commit $commit as it is" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/emrstudio-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT
builds=("$work/a" "$work/second-build-in-a-longer-folder")
# Different time zones for the two builds: a timestamp written in local time would show up as a difference.
zones=(UTC Pacific/Kiritimati)

for i in "${!builds[@]}"; do
    dir=${builds[$i]}
    git clone --quiet --no-checkout "$repo" "$dir"
    git -C "$dir" checkout --quiet --detach "$commit"
    started=$SECONDS
    if ! (cd "$dir" && TZ=${zones[$i]} build/package-handler.sh) > "$dir.log" 2>&1; then
        cat "$dir.log" >&2
        echo "the build in $dir failed" >&2
        exit 1
    fi
    echo "built $commit in $dir ($((SECONDS - started)) s)"
done

status=0
for artifact in artifacts/handler/bootstrap artifacts/emrstudio-session-mapping-handler.zip; do
    first=$(sha256sum "${builds[0]}/$artifact" | cut -d' ' -f1)
    second=$(sha256sum "${builds[1]}/$artifact" | cut -d' ' -f1)
    if [[ $first == "$second" ]]; then
        echo "identical  $first  $artifact ($(stat -c %s "${builds[0]}/$artifact") bytes)"
    else
        echo "DIFFERENT  $first vs $second  $artifact ($(cmp -l "${builds[0]}/$artifact" "${builds[1]}/$artifact" | wc -l) bytes differ)"
        status=1
    fi
done

if [[ $status -ne 0 ]]; then
    # Where to look: the GNU build ids and debug-link CRCs differ whenever any input to the linker did.
    for dir in "${builds[@]}"; do
        echo "$dir:"
        readelf -n "$dir/artifacts/handler/bootstrap" | grep 'Build ID' || true
        readelf -x .gnu_debuglink "$dir/artifacts/handler/bootstrap" | tail -n 2 || true
    done
    echo "the release is not reproducible" >&2
fi
exit $status
