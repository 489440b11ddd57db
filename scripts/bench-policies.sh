# shellcheck shell=bash
# `scripts/bench policies` (sourced by scripts/bench): the policies case and the one-connection latency case,
# side by side with nginx in one run. Uses the harness copy in $WORK/bench (its nginx configs and wrk scripts).

POL_PIDS=()
stop_policies() {
  local p
  for p in "${POL_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${POL_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  POL_PIDS=()
}

policies_config() { # UPSTREAM_PORT WITH_PROMETHEUS(0|1) [bare]
  cat <<YAML
_format_version: "3.0"
services:
  - name: vllm-service
    url: http://127.0.0.1:$1
    routes:
      - name: vllm-route
        paths: ["/v1/vllm"]
        strip_path: true
YAML
  [[ ${3:-} == bare ]] && return
  cat <<'YAML'
    plugins:
      - name: key-auth
      - name: acl
        config: {allow: [bench]}
      - name: rate-limiting
        config: {minute: 1000000000, policy: local}
consumers:
  - username: bench-app
    keyauth_credentials:
      - key: bench-secret-key
    acls:
      - group: bench
YAML
  [[ $2 == 1 ]] && cat <<'YAML'
plugins:
  - name: prometheus
    config: {per_consumer: true, status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true,
             upstream_health_metrics: true, ai_metrics: true}
YAML
  return 0
}

start_named_gateway() { # NAME PORT CONFIG OUTDIR -> sets POL_PID_<NAME>
  local name=$1 port=$2 admin=$(($2 + 1))
  for p in "$port" "$admin"; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || die "port $p is in use; set GW_PORT"
  done
  mkdir -p "$4/$name-data"
  # shellcheck disable=SC2086
  "$GATEWAY_JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" --config "$3" --proxy-listen "127.0.0.1:$port" \
    --admin-listen "127.0.0.1:$admin" --data-dir "$4/$name-data" --access-log off ${GATEWAY_ARGS:-} \
    >"$4/$name.log" 2>&1 &
  POL_PIDS+=($!)
  printf -v "POL_PID_$name" '%s' "$!"
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$admin/status" && return
    kill -0 "$!" 2>/dev/null || { cat "$4/$name.log" >&2; die "gateway $name exited"; }
    sleep 0.1
  done
  die "gateway $name did not answer /status within 10 s"
}

proc_ticks() { # PID... -> utime+stime of the processes and their children
  local t=0 p c
  for p in "$@"; do
    for c in "$p" $(pgrep -P "$p" 2>/dev/null); do
      t=$((t + $(awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || echo 0)))
    done
  done
  echo "$t"
}

cmd_policies() {
  local repeat=3 duration=10 warmup=20
  while [[ $# -gt 0 ]]; do
    case $1 in
      --repeat) repeat=$2; shift 2 ;; --duration) duration=$2; shift 2 ;; --warmup) warmup=$2; shift 2 ;;
      *) die "policies: unknown option '$1'" ;;
    esac
  done
  command -v wrk >/dev/null && command -v nginx >/dev/null || die "policies needs nginx and wrk"
  local off=${BENCH_PORT_OFFSET:-0} out; out=$WORK/bench/logs/gateway-policies-$(date +%Y%m%d-%H%M%S)
  local up=$((18080 + off)) ngx=$((18090 + off)) hz; hz=$(getconf CLK_TCK)
  mkdir -p "$out"
  trap 'stop_policies; stop_gateway' EXIT
  for name in upstream proxy; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$([[ $name == upstream ]] && echo $up || echo $ngx)") 2>/dev/null ||
      die "port of nginx $name in use; set BENCH_PORT_OFFSET"
    mkdir -p "$out/nginx-$name/logs" "$out/nginx-$name/tmp"
    nginx -p "$out/nginx-$name/" -c "$WORK/bench/conf/nginx-$name.conf" -e stderr -g 'daemon off;' \
      >"$out/nginx-$name.log" 2>&1 &
    POL_PIDS+=($!)
  done
  local ngx_pid=${POL_PIDS[1]}
  for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$up/v1/models" && break; sleep 0.1; done
  policies_config "$up" 0 bare >"$out/bare.yaml"
  policies_config "$up" 0 >"$out/policies.yaml"
  policies_config "$up" 1 >"$out/policies-prometheus.yaml"
  start_named_gateway bare "$GW_PORT" "$out/bare.yaml" "$out"
  start_named_gateway policies "$((GW_PORT + 10))" "$out/policies.yaml" "$out"
  start_named_gateway prom "$((GW_PORT + 20))" "$out/policies-prometheus.yaml" "$out"
  local key=(-H 'apikey: bench-secret-key') post=(-s "$WORK/bench/lib/wrk-post-chat.lua")
  local chat=/v1/vllm/v1/chat/completions
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((GW_PORT + 10))/v1/vllm/v1/models") == 401 ]] ||
    die "key-auth is not active on the policies gateway"
  curl -sf -o /dev/null "${key[@]}" "http://127.0.0.1:$((GW_PORT + 10))/v1/vllm/v1/models" ||
    die "the policies gateway refuses the bench key"
  echo "gateways: bare $POL_PID_bare :$GW_PORT, policies $POL_PID_policies :$((GW_PORT + 10)), policies+prometheus $POL_PID_prom :$((GW_PORT + 20)) ($GATEWAY_JAVA $GATEWAY_JAVA_OPTS); logs in $out" >&2
  echo "# warm-up: ${warmup} s per gateway, 5 s nginx" >&2
  wrk -t1 -c50 -d5s "${post[@]}" "http://127.0.0.1:$ngx$chat" >/dev/null 2>&1
  wrk -t1 -c50 "-d${warmup}s" "${post[@]}" "http://127.0.0.1:$GW_PORT$chat" >/dev/null 2>&1
  wrk -t1 -c50 "-d${warmup}s" "${post[@]}" "${key[@]}" "http://127.0.0.1:$((GW_PORT + 10))$chat" >/dev/null 2>&1
  wrk -t1 -c50 "-d${warmup}s" "${post[@]}" "${key[@]}" "http://127.0.0.1:$((GW_PORT + 20))$chat" >/dev/null 2>&1
  local results=$out/results.tsv
  : >"$results"
  tput_row() { # REP LABEL PID URL [wrk args]
    local rep=$1 label=$2 pid=$3 url=$4; shift 4
    local c0 c1 json
    c0=$(proc_ticks "$pid")
    json=$(wrk -t1 -c50 "-d${duration}s" "${post[@]}" "$@" "$url" 2>&1 | sed -n 's/^BENCH_JSON //p')
    c1=$(proc_ticks "$pid")
    printf 'tput\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$label" "$json" "$((c1 - c0))" "$hz" | tee -a "$results" >/dev/null
  }
  lat_row() { # REP LABEL URL [wrk args]
    local rep=$1 label=$2 url=$3; shift 3
    local json
    json=$(wrk -t1 -c1 "-d${duration}s" -s "$WORK/bench/lib/wrk-get.lua" --latency "$@" "$url" 2>&1 |
      sed -n 's/^BENCH_JSON //p')
    printf 'lat\t%s\t%s\t%s\n' "$rep" "$label" "$json" >>"$results"
  }
  for rep in $(seq 1 "$repeat"); do
    echo "# repetition $rep/$repeat" >&2
    printf 'load\t%s\t%s\n' "$rep" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
    tput_row "$rep" nginx "$ngx_pid" "http://127.0.0.1:$ngx$chat"
    tput_row "$rep" gateway "$POL_PID_bare" "http://127.0.0.1:$GW_PORT$chat"
    tput_row "$rep" gateway+policies "$POL_PID_policies" "http://127.0.0.1:$((GW_PORT + 10))$chat" "${key[@]}"
    tput_row "$rep" gateway+policies+prometheus "$POL_PID_prom" "http://127.0.0.1:$((GW_PORT + 20))$chat" "${key[@]}"
    lat_row "$rep" direct "http://127.0.0.1:$up/v1/models"
    lat_row "$rep" nginx "http://127.0.0.1:$ngx/v1/vllm/v1/models"
    lat_row "$rep" gateway "http://127.0.0.1:$GW_PORT/v1/vllm/v1/models"
    lat_row "$rep" gateway+policies "http://127.0.0.1:$((GW_PORT + 10))/v1/vllm/v1/models" "${key[@]}"
  done
  python3 "$ROOT/scripts/bench-policies-report.py" "$results" | tee "$out/summary.md"
  echo "policies: $out/summary.md" >&2
  stop_policies
}
