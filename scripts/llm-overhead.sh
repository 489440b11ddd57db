#!/usr/bin/env bash
# llm-overhead.sh [REPEAT]: the cost of LLM usage accounting on the SSE relay (issue 14's target: <= 5 % more CPU
# per chunk). Four gateway processes (GATEWAY_JAR, default gateway-launcher/target/gateway.jar: build it first) on
# one configuration, each serving one route to the same SSE upstream (the shared harness's lib/sse-upstream.js):
#   plain  a bare proxy (two gateways: one paired with meter, one with acct, so all four have the same history)
#   meter  ai-model-router with include_stream_usage false: the request body scanned for the model, and the usage
#          meter's SSE framer and JSON reader on every event
#   acct   ai-model-router as configured by default: also include_usage asked for upstream and the usage-chunk
#          filter rewriting the client's stream (the upstream sends no usage chunk, so nothing is dropped)
# Each round loads a plain gateway and its partner side by side, at the same time (who starts first alternates by
# round), with the harness's sse-bench (C concurrent streams of N chunks I ms apart each: LLM_CONC=100,
# LLM_CHUNKS=500, LLM_INTERVAL_MS=10, so 5 s), and reads each gateway's CPU (the sum of its threads' schedstat run
# times, ns; the JIT compiler's threads apart) around it. Why side by side: a gateway's CPU per chunk depends on
# how busy the machine is (a busier IO thread wakes less often and handles more streams per wake),
# and rounds run one after another drifted by +-15 % with nothing changed; two gateways loaded at once see the same
# machine, so their ratio holds still. LLM_AA=1 makes the partners serve /plain too: the method's own bias, which
# must come out near 0 (it was +10 % when one plain gateway served both pairs and always started first). REPEAT
# rounds of each pair (default 6) in each of LLM_FORKS (default 1) sets of fresh gateway processes: two JVMs of
# one jar differ by a few % for as long as they run, so only several forks measure the configuration. Prints chunks/s and CPU us per chunk
# per gateway and round, each round's ratio to plain, and the median ratio (the figure to quote). Everything it
# starts is stopped by PID; it writes only under a temp dir.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${GATEWAY_JAR:-$ROOT/gateway-launcher/target/gateway.jar}
BENCH=${BENCH_DIR:-$ROOT/../shared/bench}
REPEAT=${1:-6}
CONC=${LLM_CONC:-100}
export CHUNKS=${LLM_CHUNKS:-500}
INTERVAL=${LLM_INTERVAL_MS:-10}
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
UP=$(free_port)

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

declare -A PORT PID ROUTE=([plain-m]=plain [meter]=meter [plain-a]=plain [acct]=acct)
if [[ ${LLM_AA:-0} == 1 ]]; then ROUTE[meter]=plain; ROUTE[acct]=plain; fi
start_all() { # FORK: four fresh gateway processes; the starting order turns round by fork
  local order=(plain-m meter plain-a acct) g admin
  (( $1 % 2 )) || order=(acct plain-a meter plain-m)
  for g in "${order[@]}"; do
    PORT[$g]=$(free_port); admin=$(free_port)
    rm -rf "$W/data-$g"; mkdir -p "$W/data-$g"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$JAR" --config "$W/gateway.yaml" --proxy-listen "127.0.0.1:${PORT[$g]}" \
      --admin-listen "127.0.0.1:$admin" --data-dir "$W/data-$g" --access-log off >"$W/gateway-$g.log" 2>&1 &
    PID[$g]=$!; PIDS+=("${PID[$g]}")
    for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$admin/status" >/dev/null && break; sleep 0.1; done
    curl -sf "http://127.0.0.1:$admin/status" >/dev/null || { cat "$W/gateway-$g.log" >&2; exit 1; }
  done
}
stop_all() {
  local g
  for g in "${!PID[@]}"; do kill "${PID[$g]}" 2>/dev/null || true; done
  for g in "${!PID[@]}"; do wait "${PID[$g]}" 2>/dev/null || true; done
}

# PID [all]: the CPU ns of a gateway's threads, the JIT compiler's threads left out unless "all". Compiling is
# warm-up that ends, but slowly here: per-request code runs only 100 times a round, so C2 still compiled for 3-8 %
# of the gateway's CPU a minute in (in bursts of up to 20 % of a round), and more on the routes with more code. Both
# figures are reported; the ratio quoted is the one without the compiler.
cpu_ns() {
  local t v s=0
  for t in /proc/"$1"/task/*; do
    if [[ ${2:-} != all && $(cat "$t/comm" 2>/dev/null) == C[12]" CompilerThre"* ]]; then
      continue
    fi
    read -r v _ <"$t/schedstat" 2>/dev/null || continue
    s=$((s + v))
  done
  echo "$s"
}
load() { # GATEWAY [OUT.json]: one sse-bench round against that gateway's route (warm-up rounds have no OUT)
  local log=/dev/null
  [[ -n ${2:-} ]] && log=$2.log
  node "$W/bench/sse-bench" --target "$1=http://127.0.0.1:${PORT[$1]}/${ROUTE[$1]}" --conc "$CONC" --chunks "$CHUNKS" \
    --interval-ms "$INTERVAL" --warmup 0 --min-streams "$CONC" ${2:+--json "$2"} >"$log" 2>&1 || true
}
report() { # ROUND ROUTE JSON CPU_NS ALL_NS LOAD
  python3 - "$@" <<'PY' | tee -a "$W/results.txt"
import json, os, sys
i, r, f, cpu_ns, all_ns, load = sys.argv[1:]
try:
    res = json.load(open(f))["results"][0]
except Exception as e:
    print(f"{i:<6} {r:<5} failed: {e}"); sys.exit(0)
delivered = res["ok"] * int(os.environ["CHUNKS"])  # complete streams only: every chunk and [DONE] arrived
print(f"{i:<6} {r:<5} {res['ok']:>4}/{res['streams']:<3} {delivered / (res['wall_ms'] / 1000):>10.0f} "
      f"{int(cpu_ns) / 1e3 / max(1, delivered):>12.2f} {int(all_ns) / 1e3 / max(1, delivered):>12.2f} {load:>8}")
PY
}
pair() { # ROUND OTHER: OTHER and its own plain gateway loaded at the same time
  local i=$1 o=$2 p p0 o0 p1 o1 pa0 oa0 pa1 oa1 l a b
  p=plain-${o:0:1}
  l=$(cut -d' ' -f1 /proc/loadavg)
  p0=$(cpu_ns "${PID[$p]}"); o0=$(cpu_ns "${PID[$o]}"); pa0=$(cpu_ns "${PID[$p]}" all); oa0=$(cpu_ns "${PID[$o]}" all)
  if (( ${i#*.} % 2 )); then # who starts first alternates: the second client's streams meet the first's
    load "$p" "$W/plain-$o-$i.json" & a=$!; load "$o" "$W/$o-$i.json" & b=$!
  else
    load "$o" "$W/$o-$i.json" & b=$!; load "$p" "$W/plain-$o-$i.json" & a=$!
  fi
  wait "$a" "$b"
  p1=$(cpu_ns "${PID[$p]}"); o1=$(cpu_ns "${PID[$o]}"); pa1=$(cpu_ns "${PID[$p]}" all); oa1=$(cpu_ns "${PID[$o]}" all)
  report "$i" "p/$o" "$W/plain-$o-$i.json" $((p1 - p0)) $((pa1 - pa0)) "$l"
  report "$i" "$o" "$W/$o-$i.json" $((o1 - o0)) $((oa1 - oa0)) "$l"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $CONC streams per gateway"
FORKS=${LLM_FORKS:-1}
for f in $(seq 1 "$FORKS"); do
  (( f == 1 )) || stop_all
  start_all "$f"
  # JIT warm-up, not reported: LLM_WARMUP_ROUNDS (default 3) rounds of every pair
  for _ in $(seq 1 "${LLM_WARMUP_ROUNDS:-3}"); do
    for o in meter acct; do load "plain-${o:0:1}" & a=$!; load "$o" & b=$!; wait "$a" "$b"; done
  done
  echo "# fork $f of $FORKS"
  printf '%-6s %-7s %8s %10s %12s %12s %8s\n' round gateway ok/all chunks/s "CPU us/chunk" "+JIT us/chnk" "load avg"
  for i in $(seq 1 "$REPEAT"); do
    for o in meter acct; do pair "$f.$i" "$o"; done
  done
done
python3 - "$W/results.txt" <<'PY'
import random, sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if "failed" not in l]
cpu = {(x[0], x[1]): float(x[4]) for x in rows}
cps = {(x[0], x[1]): float(x[3]) for x in rows}
jit = {(x[0], x[1]): float(x[5]) for x in rows}  # all threads, the JIT compiler's included
for o in ("meter", "acct"):
    rounds = sorted(i for (i, r) in cpu if r == o and (i, "p/" + o) in cpu)
    if not rounds:
        continue
    ratios = [cpu[(i, o)] / cpu[(i, "p/" + o)] for i in rounds]
    print(f"{o} vs plain (side by side): plain {statistics.median(cpu[(i, 'p/' + o)] for i in rounds):.2f} / "
          f"{o} {statistics.median(cpu[(i, o)] for i in rounds):.2f} CPU us/chunk (medians), "
          f"{statistics.median(cps[(i, 'p/' + o)] for i in rounds):.0f} / {statistics.median(cps[(i, o)] for i in rounds):.0f} chunks/s; "
          f"per round {' '.join(f'{100 * (x - 1):+.1f}' for x in ratios)} %; median {100 * (statistics.median(ratios) - 1):+.1f} % CPU per chunk")
    # 95 % interval of that median: percentile bootstrap (fixed seed: a rerun prints the same) resampling whole
    # forks, then rounds within them: two JVMs of one jar differ by a few % for as long as they run (JIT
    # decisions), so the rounds of one fork are not independent draws
    forks = {}
    for i, x in zip(rounds, ratios):
        forks.setdefault(i.split(".")[0], []).append(x)
    groups = list(forks.values())
    rnd = random.Random(1)
    boot = sorted(statistics.median([x for g in rnd.choices(groups, k=len(groups)) for x in rnd.choices(g, k=len(g))])
                  for _ in range(2000))
    per_fork = " ".join(f"{100 * (statistics.median(g) - 1):+.1f}" for g in groups)
    print(f"  {o}: per fork (median) {per_fork} %; 95% CI of the median {100 * (boot[50] - 1):+.1f} .. "
          f"{100 * (boot[1949] - 1):+.1f} % over {len(groups)} forks, {len(ratios)} rounds")
    with_jit = [jit[(i, o)] / jit[(i, "p/" + o)] for i in rounds]
    print(f"  {o}: counting the JIT compiler's threads too, median {100 * (statistics.median(with_jit) - 1):+.1f} %")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); logs in $W"
