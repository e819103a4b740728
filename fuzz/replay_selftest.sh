#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Can the CI fuzz replay fail? replay_selftest.sh CANARY_BINARY WORKDIR
# Runs the canary target with each planted defect armed and checks that the driver exits
# non-zero and leaves the failing input (first byte 0xff) as crash-*, timeout-* or oom-*.
set -uo pipefail
binary=$1 work=$2
rm -rf "$work" && mkdir -p "$work/seeds"
printf '\001\001\001\001' > "$work/seeds/benign"
status=0
for kind in crash timeout oom; do
  QUANTLENS_CANARY=$kind "$binary" "$work/seeds" "$work/$kind" 20 200 1 >"$work/$kind.log" 2>&1
  rc=$?
  artifact=$(ls "$work/$kind"/"$kind"-* 2>/dev/null | head -1)
  if [[ $rc -eq 0 || -z "$artifact" ]]; then
    echo "FAIL: the $kind canary was not reported (exit $rc, artifact '${artifact}')"
    cat "$work/$kind.log"
    status=1
  elif [[ $(head -c1 "$artifact" | od -An -tx1 | tr -d ' ') != ff ]]; then
    echo "FAIL: the $kind artifact $artifact is not the triggering input"
    status=1
  else
    echo "ok: $kind reported (exit $rc) with $artifact"
  fi
done
exit $status
