#!/usr/bin/env bash
# Publishes the handler's release zip to a code bucket per region (<prefix>-<region>), readable by the organization,
# for StackSet instances in any of its accounts; prints the CodeBucketPrefix and CodeKey parameters to deploy with.
# See docs/publishing-code.md.
#
# Usage: build/publish-code.sh --bucket-prefix PREFIX --regions REGION[,REGION...] --organization-id o-... [options]
#        (from anywhere; --zip defaults to this repository's artifacts/emrstudio-session-mapping-handler.zip,
#        which build/package-handler.sh writes; --help lists every option)
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"

zip_given=false
for argument in "$@"; do
    if [[ "$argument" == --zip || "$argument" == --zip=* ]]; then
        zip_given=true
    fi
done

defaults=()
if [[ "$zip_given" == false ]]; then
    defaults=(--zip "$repo_root/artifacts/emrstudio-session-mapping-handler.zip")
fi

exec dotnet run --project "$repo_root/tools/EmrStudio.CodePublisher" -c Release -- "${defaults[@]}" "$@"
