#!/usr/bin/env bash
# observability-overhead.sh JAR [REPEAT]: derived from the shared harness's plugins-latency.sh; run it from a
# copy of ../shared/bench (it uses its conf/ and lib/):
#   cp -r ../shared/bench /tmp/obs-bench && cp scripts/observability-overhead.sh /tmp/obs-bench/ &&
#   /tmp/obs-bench/observability-overhead.sh gateway-launcher/target/gateway.jar   (ONLY_PROM=1: bare vs prometheus)
# In one run, every gateway started at once and measured in turn:
#   gateway bare | gateway + prometheus (every metric on, global) | gateway + http-log to a dead collector |
#   gateway + http-log to a slow collector (a python server that sleeps 200 ms per request)
# REPEAT rounds (default 16 with ONLY_PROM=1, else 3) of throughput (wrk -t1 -c50 POST chat, DURATION s, default
# 5 with ONLY_PROM=1, else 10) with CPU us/request of each gateway process. The order within a round flips every
# round (bare first, then last) so that a drift of the machine favours neither side, and short rounds keep the two
# sides of a pair close in time (this machine's speed drifts by 20 % within minutes). CPU is the sum of the
# gateway's threads' on-CPU nanoseconds (/proc/PID/task/*/schedstat), falling back to utime+stime ticks (10 ms)
# if a thread ended meanwhile. Then one round of p50/p99 at one connection (wrk -c1 GET models, DURATION s). The
# summary gives medians per gateway and the median (min..max) of the rounds' ratios to bare: the figure that
# cancels the machine's drift. About 4 min by default with ONLY_PROM=1, 5 min otherwise. Everything started here
# is stopped by PID on exit. SIDE=1 loads all gateways at once in each round instead of one after another (drift
# then cancels within a round; the summary's bootstrap interval says how well the median ratio is known). FORKS=N
# runs it all N times on fresh gateway processes (REPEAT rounds each): two JVMs of the same jar differ by a few
# percent for as long as they run (an A/A run of one fork showed +3.7 %, 95 % CI +2.8..+4.7), so only several
# forks measure the configuration rather than one JVM's luck. GW_OPTS adds JVM options to every gateway, @NAME@ standing for its name (bare, prom,
# ...), e.g. GW_OPTS='-XX:StartFlightRecording=filename=/tmp/@NAME@.jfr,settings=/tmp/1ms.jfc' to profile both.
# PIN=1 pins every gateway to CPU 1 and the load (wrk, nginx, the slow collector) to CPU 0, so a gateway's CPU per
# request no longer depends on how the scheduler mixes it with its own load generator (a gateway then sees one
# processor and runs one IO thread, as nginx with worker_processes 1).
set -u
GW_CPU=; LOAD_CPU=
[ -n "${PIN:-}" ] && { GW_CPU="taskset -c 1"; LOAD_CPU="taskset -c 0"; }
JAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
REPEAT=${2:-$([ -n "${ONLY_PROM:-}" ] && echo 16 || echo 3)}
DURATION=${DURATION:-$([ -n "${ONLY_PROM:-}" ] && echo 5 || echo 10)}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/prom-overhead.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; sleep 1; for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; }
trap cleanup EXIT
mkdir -p "$W/upstream/logs" "$W/upstream/tmp"
$LOAD_CPU nginx -p "$W/upstream/" -c "$HERE/conf/nginx-upstream.conf" -e stderr -g 'daemon off;' >"$W/upstream.log" 2>&1 & PIDS+=($!)
$LOAD_CPU python3 - <<'PY' >"$W/slow.log" 2>&1 &
import http.server, time
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); self.rfile.read(n); time.sleep(0.2)
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", 18199), H).serve_forever()
PY
PIDS+=($!)
sleep 1
svc() { cat <<YAML
_format_version: "3.0"
services:
  - name: vllm-service
    url: http://127.0.0.1:18080
    routes:
      - name: vllm-route
        paths: ["/v1/vllm"]
        strip_path: true
YAML
}
{ svc; cat <<'YAML'
plugins:
  - name: prometheus
    config: {per_consumer: true, status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true,
             upstream_health_metrics: true, ai_metrics: true}
YAML
} >"$W/prom.yaml"
{ svc; cat <<'YAML'
plugins:
  - name: http-log
    config: {http_endpoint: "http://127.0.0.1:18198/dead", queue: {max_entries: 10000, max_retry_time: 5}}
YAML
} >"$W/dead.yaml"
{ svc; cat <<'YAML'
plugins:
  - name: http-log
    config: {http_endpoint: "http://127.0.0.1:18199/slow", queue: {max_entries: 1000, max_batch_size: 1}}
YAML
} >"$W/slow.yaml"
svc >"$W/bare.yaml"
start_gw() { # NAME PORT ADMIN CONFIG
  local extra=${GW_OPTS:-}
  $GW_CPU java -Xms64m -Xmx256m -XX:+UseParallelGC -XX:MaxDirectMemorySize=256m ${extra//@NAME@/$1} -jar "$JAR" --config "$4" \
    --proxy-listen "127.0.0.1:$2" --admin-listen "127.0.0.1:$3" --data-dir "$W/$1-data" --access-log off \
    --upstream-keepalive-idle-timeout 300s >"$W/$1.log" 2>&1 & PIDS+=($!)
  eval "PID_$1=$!"
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$3/status" && return 0; sleep 0.5; done
  echo "gateway $1 did not start: $(tail -n 3 "$W/$1.log")"; exit 1
}
start_all() { # FORK: who starts first alternates by fork
  if [ $(($1 % 2)) -eq 1 ]; then start_gw bare 18100 18101 "$W/bare.yaml"; fi
  # AA=1: the "prom" gateway runs the bare configuration too, which measures the method's own bias (should be ~0)
  start_gw prom 18110 18111 "$W/$([ -n "${AA:-}" ] && echo bare || echo prom).yaml"
  if [ $(($1 % 2)) -eq 0 ]; then start_gw bare 18100 18101 "$W/bare.yaml"; fi
  [ -z "${ONLY_PROM:-}" ] && start_gw dead 18120 18121 "$W/dead.yaml"
  [ -z "${ONLY_PROM:-}" ] && start_gw slow 18130 18131 "$W/slow.yaml"
  return 0
}
stop_all() { # the gateways of one fork, by PID, waited for so the next fork can bind the ports
  local g pid_var
  for g in "${GWS[@]}"; do pid_var=PID_$g; kill "${!pid_var}" 2>/dev/null; done
  for g in "${GWS[@]}"; do pid_var=PID_$g; wait "${!pid_var}" 2>/dev/null; done
}
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{t+=$1} END {printf "%d", t}'; }
HZ=$(getconf CLK_TCK)
POST=(-s "$HERE/lib/wrk-post-chat.lua")
RESULTS="$W/results.tsv"
measure() { # LABEL PID URL: one throughput round; appends "round label req/s cpu_us/req" to RESULTS
  local label=$1 pid=$2 url=$3
  local t0 t1 n0 n1 out req
  t0=$(cpu_ticks "$pid"); n0=$(cpu_ns "$pid")
  out=$($LOAD_CPU wrk -t1 -c50 -d"${DURATION}s" "${POST[@]}" "$url" 2>&1)
  t1=$(cpu_ticks "$pid"); n1=$(cpu_ns "$pid")
  req=$(echo "$out" | sed -n 's/^BENCH_JSON //p' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["requests"], d["duration_us"], d["err_status"]+d["err_read"]+d["err_connect"])')
  set -- $req
  python3 - "$label" "$1" "$2" "$3" "$t0" "$t1" "$n0" "$n1" "$HZ" "$rep" "$RESULTS" <<'PY'
import sys
label, n, dur, err, t0, t1, n0, n1, hz, rep, results = sys.argv[1:]
n, dur, hz = int(n), int(dur), int(hz)
ticks_us = (int(t1) - int(t0)) / hz * 1e6
ns_us = (int(n1) - int(n0)) / 1e3
# A thread that ended during the round takes its schedstat with it; the ticks keep it (to 10 ms).
cpu_us = ns_us if ns_us > ticks_us - 2e4 else ticks_us
rps, per = n / (dur / 1e6), cpu_us / n
print(f"{label} {rps:.0f} {per:.2f} (ticks {ticks_us / n:.1f}) errors={err}")
open(results, "a").write(f"{rep}\t{label}\t{rps:.1f}\t{per:.4f}\n")
PY
}
lat1() { # LABEL URL
  local out
  out=$($LOAD_CPU wrk -t1 -c1 -d"${DURATION}s" -s "$HERE/lib/wrk-get.lua" --latency "$2" 2>&1 | sed -n 's/^BENCH_JSON //p')
  python3 -c "import json; d=json.loads('$out'); print('$1', d['p50_us'], d['p99_us'], d['requests'])"
}
LABELS=(bare prometheus-all); GWS=(bare prom); PORTS=(18100 18110)
[ -z "${ONLY_PROM:-}" ] && { LABELS+=(http-log-dead http-log-slow); GWS+=(dead slow); PORTS+=(18120 18130); }
FORKS=${FORKS:-1}
for fork in $(seq 1 "$FORKS"); do
[ "$fork" -gt 1 ] && stop_all
start_all "$fork"
echo "# fork $fork of $FORKS: warm-up ${WARMUP:-15} s each"
for p in "${PORTS[@]}"; do $LOAD_CPU wrk -t1 -c50 -d"${WARMUP:-15}s" "${POST[@]}" http://127.0.0.1:$p/v1/vllm/v1/chat/completions >/dev/null 2>&1; done
for r in $(seq 1 "$REPEAT"); do
  rep=$fork.$r
  echo "## round $rep: label req/s cpu_us/req"
  order=$(seq 0 $((${#GWS[@]} - 1))); [ $((r % 2)) -eq 0 ] && order=$(echo "$order" | tac)
  if [ -n "${SIDE:-}" ]; then
    # Side by side: every gateway loaded at the same time, so the machine's drift hits all of them alike
    jobs_=()
    for i in $order; do
      pid_var=PID_${GWS[$i]}
      measure "${LABELS[$i]}" "${!pid_var}" "http://127.0.0.1:${PORTS[$i]}/v1/vllm/v1/chat/completions" >"$W/round-$i.txt" &
      jobs_+=($!)
    done
    wait "${jobs_[@]}"
    for i in $order; do cat "$W/round-$i.txt"; done
    continue
  fi
  for i in $order; do
    pid_var=PID_${GWS[$i]}
    measure "${LABELS[$i]}" "${!pid_var}" "http://127.0.0.1:${PORTS[$i]}/v1/vllm/v1/chat/completions"
  done
done
done
echo "## one connection, GET models: label p50_us p99_us requests"
for i in $(seq 0 $((${#GWS[@]} - 1))); do lat1 "${LABELS[$i]}" "http://127.0.0.1:${PORTS[$i]}/v1/vllm/v1/models"; done
echo "## summary over $FORKS forks of $REPEAT rounds: median req/s, median cpu_us/req; median (min..max) of the rounds' ratios to bare"
python3 - "$RESULTS" <<'PY'
import collections, random, statistics, sys
rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    rep, label, rps, cpu = line.split("\t")
    rows[label][rep] = (float(rps), float(cpu))
bare = rows["bare"]
for label, by_rep in rows.items():
    rps = statistics.median(v[0] for v in by_rep.values())
    cpu = statistics.median(v[1] for v in by_rep.values())
    line = f"{label:15s} {rps:8.0f} req/s {cpu:7.2f} us/req"
    if label != "bare":
        rc = sorted(by_rep[r][1] / bare[r][1] - 1 for r in by_rep if r in bare)
        rr = sorted(by_rep[r][0] / bare[r][0] - 1 for r in by_rep if r in bare)
        # 95 % interval of the median ratio: percentile bootstrap (fixed seed, so a rerun prints the same) that
        # resamples whole forks, then rounds within them: two JVMs of one jar differ by a few % for the run's
        # length (JIT decisions), so rounds of one fork are not independent draws
        forks = collections.defaultdict(list)
        for r in by_rep:
            if r in bare:
                forks[r.split(".")[0]].append(by_rep[r][1] / bare[r][1] - 1)
        groups = list(forks.values())
        rnd = random.Random(1)
        boot = sorted(statistics.median([x for g in rnd.choices(groups, k=len(groups)) for x in rnd.choices(g, k=len(g))])
                      for _ in range(2000))
        if len(groups) > 1:
            print(f"{label:15s} per fork, median cpu/req: " + " ".join(f"{statistics.median(g) * 100:+.1f}%" for g in groups))
        line += (f"   cpu/req {statistics.median(rc) * 100:+.1f}% ({rc[0] * 100:+.1f}..{rc[-1] * 100:+.1f};"
                 f" 95% CI of the median {boot[50] * 100:+.1f}..{boot[1949] * 100:+.1f})"
                 f"   req/s {statistics.median(rr) * 100:+.1f}% ({rr[0] * 100:+.1f}..{rr[-1] * 100:+.1f})")
    print(line)
PY
if [ -z "${ONLY_PROM:-}" ]; then
echo "## dropped (http-log): dead / slow"
curl -s http://127.0.0.1:18121/metrics | grep '^llm_gateway_http_log_dropped_total'
curl -s http://127.0.0.1:18131/metrics | grep '^llm_gateway_http_log_dropped_total'
fi
echo "## prometheus series: requests counted"
curl -s http://127.0.0.1:18111/metrics | grep '^kong_http_requests_total'
