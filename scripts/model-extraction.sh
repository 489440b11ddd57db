#!/usr/bin/env bash
# model-extraction.sh [sse]: times finding the model in an 8 KiB chat body (issue 14's target: <= 20 us p99) with
# gateway-core's ModelExtractionLoop (a warm loop of 5 x 100,000 scans, model last, the worst case); prints
# p50/p99/p99.9 of the last round. With "sse": SseAccountingLoop instead, the core's per-chunk cost of usage
# accounting (usage meter, usage-chunk filter) without the proxy around it. Compiles gateway-core's tests first
# (offline).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MAIN=dev.llmgateway.internal.llm.ModelExtractionLoop
[[ ${1:-} == sse ]] && MAIN=dev.llmgateway.internal.llm.SseAccountingLoop
./mvnw -B -q -o -pl gateway-core test-compile
CP=gateway-core/target/classes:gateway-core/target/test-classes
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms64m -Xmx256m} -cp "$CP" "$MAIN" "${@:2}"
