"""Summarises `scripts/bench policies` results (results.tsv) as Markdown: each repetition, the medians and the
ratios the performance targets are stated in (docs/benchmarks.md)."""
import json
import statistics
import sys
from collections import defaultdict

tput, lat = defaultdict(list), defaultdict(list)
reps, loads = set(), []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if f[0] == "load":
        loads.append(f"rep {f[1]}: {f[2]}")
        continue
    if len(f) < 4 or not f[3]:
        continue
    kind, rep, label, d = f[0], f[1], f[2], json.loads(f[3])
    reps.add(rep)
    if kind == "tput":
        ticks, hz = int(f[4]), int(f[5])
        rps = d["requests"] / (d["duration_us"] / 1e6)
        cpu = ticks / hz * 1e6 / max(1, d["requests"])
        errs = d["err_status"] + d["err_read"] + d["err_connect"] + d["err_timeout"]
        tput[label].append((rep, rps, cpu, errs))
    else:
        lat[label].append((rep, d["p50_us"], d["p99_us"], d["requests"]))

med = lambda xs: statistics.median(xs) if xs else float("nan")
print(f"## Policies: POST chat, wrk -t1 -c50 ({len(reps)} repetitions)\n")
print("Load average (1/5/15 min) as each repetition started, " + "; ".join(loads)
      + ". Anything above ~2 on this 2-core machine means other work shared it: the figures are noise then.\n")
print("| target | rep | req/s | CPU us/req | errors |\n|---|---|---|---|---|")
for label, rows in tput.items():
    for rep, rps, cpu, errs in rows:
        print(f"| {label} | {rep} | {rps:,.0f} | {cpu:.1f} | {errs} |")
print("\n| target | median req/s | median CPU us/req | req/s vs nginx | CPU vs nginx | req/s vs bare | CPU vs bare |")
print("|---|---|---|---|---|---|---|")
m = {k: (med([r[1] for r in v]), med([r[2] for r in v])) for k, v in tput.items()}
n, b = m.get("nginx"), m.get("gateway")
for label, (rps, cpu) in m.items():
    vs_n = f"{rps / n[0]:.2f}x | {cpu / n[1]:.2f}x" if n else "- | -"
    vs_b = f"{rps / b[0]:.2f}x | {cpu / b[1]:.2f}x" if b else "- | -"
    print(f"| {label} | {rps:,.0f} | {cpu:.1f} | {vs_n} | {vs_b} |")

print(f"\n## One keep-alive connection: GET models, wrk -t1 -c1\n")
print("| target | rep | p50 us | p99 us | requests |\n|---|---|---|---|---|")
for label, rows in lat.items():
    for rep, p50, p99, n_ in rows:
        print(f"| {label} | {rep} | {p50} | {p99} | {n_:,} |")
direct = {r[0]: r for r in lat.get("direct", [])}
print("\n| target | median p50 us | median p99 us | added p50 over direct (median of reps) | added p99 over direct |")
print("|---|---|---|---|---|")
for label, rows in lat.items():
    add50 = [r[1] - direct[r[0]][1] for r in rows if r[0] in direct]
    add99 = [r[2] - direct[r[0]][2] for r in rows if r[0] in direct]
    print(f"| {label} | {med([r[1] for r in rows]):.0f} | {med([r[2] for r in rows]):.0f} | "
          f"{med(add50):+.0f} | {med(add99):+.0f} |")

print("\n## Targets (issue 18)\n")
def line(text, value, ok):
    print(f"- {text}: **{value}** {'(met)' if ok else '(NOT met)'}")
if b and "gateway+policies" in m:
    p = m["gateway+policies"]
    line("key-auth + acl + rate-limiting throughput cost vs bare (target <= 15%)", f"{(1 - p[0] / b[0]) * 100:.1f}%",
         1 - p[0] / b[0] <= 0.15)
    line("policies CPU per request vs bare (target <= 1.2x)", f"{p[1] / b[1]:.2f}x", p[1] / b[1] <= 1.2)
if b and n:
    line("bare req/s vs nginx (target >= 0.85x)", f"{b[0] / n[0]:.2f}x", b[0] / n[0] >= 0.85)
    line("bare CPU per request vs nginx (target <= 1.4x)", f"{b[1] / n[1]:.2f}x", b[1] / n[1] <= 1.4)
for label in ("gateway", "gateway+policies"):
    rows = lat.get(label, [])
    a50 = med([r[1] - direct[r[0]][1] for r in rows if r[0] in direct])
    a99 = med([r[2] - direct[r[0]][2] for r in rows if r[0] in direct])
    if rows:
        line(f"{label}: added latency at one connection, p50 (target <= 50 us)", f"{a50:+.0f} us", a50 <= 50)
        line(f"{label}: added latency at one connection, p99 (target <= 100 us)", f"{a99:+.0f} us", a99 <= 100)
