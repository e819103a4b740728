#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one libFuzzer target for a bounded time: fuzz_one.sh BINARY WORKDIR SEEDDIR ARTIFACTDIR SECONDS
# Limits: 2 GiB of RSS per process and 10 s per input, so the memory and hang defects of
# issue 12 count as findings. Prints the executions and the final statistics.
set -euo pipefail
binary=$1 work=$2 seeds=$3 artifacts=$4 seconds=$5
rm -rf "$artifacts" && mkdir -p "$work" "$artifacts"
"$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=1048576 \
  -print_final_stats=1 -artifact_prefix="$artifacts" "$work" "$seeds" 2>&1 | \
  grep -E "^(#[0-9]+ +(INITED|DONE)|stat::|==[0-9]+==|SUMMARY|Done|.*ERROR|.*Test unit written)" || true
# libFuzzer exits non-zero on a finding; pipefail would lose that behind grep, so check files.
if compgen -G "$artifacts/*" >/dev/null; then
  echo "fuzz findings in $artifacts:" >&2
  ls -l "$artifacts" >&2
  exit 1
fi
