#!/usr/bin/env bash
# observability-overhead.sh JAR [REPEAT]: derived from the shared harness's plugins-latency.sh; run it from a
# copy of ../shared/bench (it uses its conf/ and lib/):
#   cp -r ../shared/bench /tmp/obs-bench && cp scripts/observability-overhead.sh /tmp/obs-bench/ &&
#   /tmp/obs-bench/observability-overhead.sh gateway-launcher/target/gateway.jar 3   (ONLY_PROM=1: bare vs prometheus)
# In one run, alternating:
#   gateway bare | gateway + prometheus (every metric on, global) | gateway + http-log to a dead collector |
#   gateway + http-log to a slow collector (a python server that sleeps 200 ms per request)
# throughput (wrk -t1 -c50 POST chat, 10 s) with CPU us/request of the gateway process, and p50/p99 at one
# connection (wrk -c1 GET models, 10 s). Everything started here is stopped by PID on exit.
set -u
JAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
REPEAT=${2:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/prom-overhead.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; sleep 1; for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; }
trap cleanup EXIT
mkdir -p "$W/upstream/logs" "$W/upstream/tmp"
nginx -p "$W/upstream/" -c "$HERE/conf/nginx-upstream.conf" -e stderr -g 'daemon off;' >"$W/upstream.log" 2>&1 & PIDS+=($!)
python3 - <<'PY' >"$W/slow.log" 2>&1 &
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
  java -Xms64m -Xmx256m -XX:+UseParallelGC -XX:MaxDirectMemorySize=256m -jar "$JAR" --config "$4" \
    --proxy-listen "127.0.0.1:$2" --admin-listen "127.0.0.1:$3" --data-dir "$W/$1-data" --access-log off \
    --upstream-keepalive-idle-timeout 300s >"$W/$1.log" 2>&1 & PIDS+=($!)
  eval "PID_$1=$!"
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$3/status" && return 0; sleep 0.5; done
  echo "gateway $1 did not start: $(tail -n 3 "$W/$1.log")"; exit 1
}
start_gw bare 18100 18101 "$W/bare.yaml"
start_gw prom 18110 18111 "$W/prom.yaml"
[ -z "${ONLY_PROM:-}" ] && start_gw dead 18120 18121 "$W/dead.yaml"
[ -z "${ONLY_PROM:-}" ] && start_gw slow 18130 18131 "$W/slow.yaml"
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
HZ=$(getconf CLK_TCK)
POST=(-s "$HERE/lib/wrk-post-chat.lua")
measure() { # LABEL PID URL
  local label=$1 pids=$2 url=$3; shift 3
  local c0 c1 out req
  c0=$(cpu_ticks $pids)
  out=$(wrk -t1 -c50 -d10s "${POST[@]}" "$@" "$url" 2>&1)
  c1=$(cpu_ticks $pids)
  req=$(echo "$out" | sed -n 's/^BENCH_JSON //p' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["requests"], d["duration_us"], d["err_status"]+d["err_read"]+d["err_connect"])')
  set -- $req
  python3 -c "r=$1/($2/1e6); print(f'$label {r:.0f} {($c1-$c0)/$HZ*1e6/$1:.1f} errors=$3')"
}
lat1() { # LABEL URL
  local out
  out=$(wrk -t1 -c1 -d10s -s "$HERE/lib/wrk-get.lua" --latency "$2" 2>&1 | sed -n 's/^BENCH_JSON //p')
  python3 -c "import json; d=json.loads('$out'); print('$1', d['p50_us'], d['p99_us'], d['requests'])"
}
echo "# warm-up 15 s each"
PORTS="18100 18110"; [ -z "${ONLY_PROM:-}" ] && PORTS="$PORTS 18120 18130"
for p in $PORTS; do wrk -t1 -c50 -d15s "${POST[@]}" http://127.0.0.1:$p/v1/vllm/v1/chat/completions >/dev/null 2>&1; done
for rep in $(seq 1 "$REPEAT"); do
  echo "## repetition $rep: label req/s cpu_us/req"
  measure bare "$PID_bare" http://127.0.0.1:18100/v1/vllm/v1/chat/completions
  measure prometheus-all "$PID_prom" http://127.0.0.1:18110/v1/vllm/v1/chat/completions
  [ -z "${ONLY_PROM:-}" ] && measure http-log-dead "$PID_dead" http://127.0.0.1:18120/v1/vllm/v1/chat/completions
  [ -z "${ONLY_PROM:-}" ] && measure http-log-slow "$PID_slow" http://127.0.0.1:18130/v1/vllm/v1/chat/completions
  echo "## repetition $rep: one connection, GET models: label p50_us p99_us requests"
  lat1 bare http://127.0.0.1:18100/v1/vllm/v1/models
  lat1 prometheus-all http://127.0.0.1:18110/v1/vllm/v1/models
  [ -z "${ONLY_PROM:-}" ] && lat1 http-log-dead http://127.0.0.1:18120/v1/vllm/v1/models
  [ -z "${ONLY_PROM:-}" ] && lat1 http-log-slow http://127.0.0.1:18130/v1/vllm/v1/models
done
echo "## dropped (http-log): dead / slow"
curl -s http://127.0.0.1:18121/metrics | grep '^llm_gateway_http_log_dropped_total'
curl -s http://127.0.0.1:18131/metrics | grep '^llm_gateway_http_log_dropped_total'
echo "## prometheus series: requests counted"
curl -s http://127.0.0.1:18111/metrics | grep '^kong_http_requests_total'
