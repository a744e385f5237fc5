#!/usr/bin/env bash
# Runs the scale command (tests/EmrStudio.Scale, built in Release): stacks of 1, 50 and 400 mappings created, updated
# and deleted in the stack simulator on the published bootstrap under EMR's rate limit, and the scheduled reconcile
# over 1,000 and 5,000 records. It prints one Markdown table per scenario on standard output (progress on standard
# error) and judges no timing: it exits 1 only when a correctness check fails (a mapping missing or not as declared,
# a custom resource without an answer, a record skipped by two runs in a row), 2 for a bad command line.
# How to read the tables, and the last numbers measured: docs/performance.md.
#
# Usage: build/scale.sh [--only stacks|reconcile]... [--sizes 1,50,400] [--emr-rate 25] [--emr-burst 50] [--concurrency 10]
#        (from anywhere; needs the .NET SDK, a C toolchain for the Native AOT publish, and Node.js with npm)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The build talks on standard error: standard output carries the tables alone.
dotnet build tests/EmrStudio.Scale -c Release --nologo -v quiet >&2
exec dotnet tests/EmrStudio.Scale/bin/Release/net10.0/EmrStudio.Scale.dll "$@"
