#!/usr/bin/env bash
# llm-overhead.sh [REPEAT]: the cost of LLM usage accounting on the SSE relay (issue 14's target: <= 5 % more CPU
# per chunk). One gateway (gateway-launcher/target/gateway.jar, build it first) serves two routes to the same SSE
# upstream (the shared harness's lib/sse-upstream.js): /plain (a bare proxy), /meter (ai-model-router with
# include_stream_usage false: the body scanned for the model, the usage meter's SSE framer and JSON reader on every
# event) and /acct (ai-model-router as configured by default: also include_usage asked for upstream and the
# usage-chunk filter rewriting the client's stream). The upstream sends no usage chunk, so nothing is dropped. Alternating rounds, REPEAT of each (default 3): the harness's sse-bench
# runs C concurrent streams of N chunks I ms apart (LLM_CONC=100, LLM_CHUNKS=400, LLM_INTERVAL_MS=5), and the
# gateway's CPU (utime+stime from /proc/PID/stat) is read around each round. Prints chunks/s and CPU us per chunk
# per round, and the medians. Everything it starts is stopped by PID; it writes only under a temp dir.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/gateway-launcher/target/gateway.jar
BENCH=${BENCH_DIR:-$ROOT/../shared/bench}
REPEAT=${1:-3}
CONC=${LLM_CONC:-100}
CHUNKS=${LLM_CHUNKS:-400}
INTERVAL=${LLM_INTERVAL_MS:-5}
JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseParallelGC}
[[ -f $JAR ]] || { echo "build the jar first: ./mvnw -B -q -o -DskipTests package" >&2; exit 1; }
[[ -f $BENCH/sse-bench ]] || { echo "the shared harness is not at $BENCH (set BENCH_DIR)" >&2; exit 1; }
command -v node >/dev/null || { echo "node (20+) is needed for the harness" >&2; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/llm-overhead.XXXXXX")
cp -r "$BENCH" "$W/bench"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
UP=$(free_port); GW=$(free_port); ADMIN=$(free_port)

node "$W/bench/lib/sse-upstream.js" --port "$UP" >"$W/upstream.log" 2>&1 & PIDS+=($!)
cat >"$W/gateway.yaml" <<YAML
_format_version: "3.0"
services:
  - name: sse
    url: http://127.0.0.1:$UP
    routes:
      - name: plain
        paths: ["/plain"]
        strip_path: true
      - name: meter
        paths: ["/meter"]
        strip_path: true
        plugins:
          - name: ai-model-router
            config:
              models: [{name: bench-model}]
              include_stream_usage: false
      - name: acct
        paths: ["/acct"]
        strip_path: true
        plugins:
          - name: ai-model-router
            config:
              models: [{name: bench-model}]
YAML
mkdir -p "$W/data"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --config "$W/gateway.yaml" --proxy-listen "127.0.0.1:$GW" \
  --admin-listen "127.0.0.1:$ADMIN" --data-dir "$W/data" --access-log off >"$W/gateway.log" 2>&1 & GPID=$!
PIDS+=("$GPID")
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$ADMIN/status" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$ADMIN/status" >/dev/null || { cat "$W/gateway.log" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$GPID/stat"; }
HZ=$(getconf CLK_TCK)
# JIT warm-up on every route, not reported: LLM_WARMUP_ROUNDS (default 3) full rounds each, since a shorter one left
# the first measured round 30-50 % above the later ones
for _ in $(seq 1 "${LLM_WARMUP_ROUNDS:-3}"); do
  for r in plain meter acct; do
    node "$W/bench/sse-bench" --target "w=http://127.0.0.1:$GW/$r" --conc "$CONC" --chunks "$CHUNKS" \
      --interval-ms "$INTERVAL" --warmup 0 --min-streams "$CONC" >/dev/null 2>&1 || true
  done
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
printf '%-6s %-5s %8s %10s %12s %10s\n' round route ok/all chunks/s "CPU us/chunk" "load avg"
RESULTS=$W/results.txt
for i in $(seq 1 "$REPEAT"); do
  for r in plain meter acct; do
    before=$(ticks); load=$(cut -d' ' -f1 /proc/loadavg)
    node "$W/bench/sse-bench" --target "$r=http://127.0.0.1:$GW/$r" --conc "$CONC" --chunks "$CHUNKS" \
      --interval-ms "$INTERVAL" --warmup 0 --min-streams "$CONC" --json "$W/$r-$i.json" >"$W/$r-$i.log" 2>&1 || true
    after=$(ticks)
    python3 - "$W/$r-$i.json" "$before" "$after" "$HZ" "$CHUNKS" "$i" "$r" "$load" <<'PY' | tee -a "$RESULTS"
import json, sys
f, before, after, hz, chunks, i, r, load = sys.argv[1:]
try:
    res = json.load(open(f))["results"][0]
except Exception as e:
    print(f"{i:<6} {r:<5} failed: {e}"); sys.exit(0)
delivered = res["ok"] * int(chunks)  # complete streams only: every chunk and [DONE] arrived
cpu_us = (int(after) - int(before)) / int(hz) * 1e6
wall = res["wall_ms"] / 1000
print(f"{i:<6} {r:<5} {res['ok']:>4}/{res['streams']:<3} {delivered / wall:>10.0f} {cpu_us / max(1, delivered):>12.2f} {load:>10}")
PY
  done
done
python3 - "$RESULTS" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if "failed" not in l]
for r in ("plain", "meter", "acct"):
    cpu = [float(x[4]) for x in rows if x[1] == r]
    cps = [float(x[3]) for x in rows if x[1] == r]
    if cpu:
        print(f"median {r:<5}: {statistics.median(cps):.0f} chunks/s, {statistics.median(cpu):.2f} CPU us/chunk")
p = [float(x[4]) for x in rows if x[1] == "plain"]
for r in ("meter", "acct"):
    a = [float(x[4]) for x in rows if x[1] == r]
    if p and a:
        print(f"{r} vs plain: {100 * (statistics.median(a) / statistics.median(p) - 1):+.1f} % CPU per chunk")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); logs in $W"
