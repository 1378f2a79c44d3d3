#!/usr/bin/env bash
# Side-by-side Liquid benchmark on the shared product page (../shared/bench): Station's engine,
# LiquidJS 10.30.1 (Node), Ruby Liquid 5.4 plain, and Ruby Liquid 5.4 + liquid-c + YJIT.
# Engines run alternately (A B C D, A B C D, …) for ROUNDS rounds, each pinned to CPU 1 as the
# shared README asks; the summary gives medians, min–max and Station's speed-up.
#
#   bench/liquid/run.sh [ROUNDS]        (default 5)
#
# Environment: LIQUID_BENCH (the liquid_bench binary; default build/release/bench/liquid/
# liquid_bench — build it with `cmake --preset release && cmake --build build/release --target
# liquid_bench`), BENCH_CPU (default 1).
set -euo pipefail

rounds=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/../shared/bench" && pwd)
bench=${LIQUID_BENCH:-$root/build/release/bench/liquid/liquid_bench}
cpu=${BENCH_CPU:-1}
node_dir=$root/build/bench-node
work=$node_dir/work

if [[ ! -x $bench ]]; then
  echo "missing $bench; build it: cmake --preset release && cmake --build build/release --target liquid_bench" >&2
  exit 2
fi
for tool in node npm ruby python3 taskset; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

# LiquidJS next to a copy of the shared kit (bench.js and bench.rb write their output files into
# the current directory, and the shared kit is read-only).
mkdir -p "$node_dir"
if [[ ! -d $node_dir/node_modules/liquidjs ]]; then
  (cd "$node_dir" && npm install --no-audit --no-fund --silent liquidjs@10.30.1)
fi
rm -rf "$work"
mkdir -p "$work"
cp -r "$shared/bench.js" "$shared/bench.rb" "$shared/data.json" "$shared/tpl" "$work/"
chmod -R u+w "$work"
ln -s ../node_modules "$work/node_modules"

yjit_flag=--yjit
if ! ruby --yjit -e 'exit(defined?(RubyVM::YJIT) && RubyVM::YJIT.enabled? ? 0 : 1)' 2>/dev/null; then
  echo "note: this ruby has no YJIT; the liquid-c run uses the plain interpreter" >&2
  yjit_flag=
fi

results=$work/results.txt
: >"$results"
# record ENGINE < bench output: keeps "ENGINE parse|render MICROSECONDS" lines.
record() {
  local engine=$1
  python3 -c '
import re, sys
engine = sys.argv[1]
for line in sys.stdin:
    m = re.match(r"\s*(\S.*?):\s*\d+ ops/s\s*\(([\d.]+) us/op\)", line)
    if not m:
        continue
    name, us = m.group(1), m.group(2)
    if name.endswith(" parse"):
        print(engine, "parse", us)
    elif "render" in name and "pre-parsed" in name:
        print(engine, "render", us)
' "$engine" >>"$results"
}

cd "$work"
for ((i = 1; i <= rounds; i++)); do
  echo "round $i/$rounds" >&2
  taskset -c "$cpu" "$bench" --runs 1 --seconds 3 --only render | record station
  taskset -c "$cpu" "$bench" --runs 1 --seconds 3 --only parse | record station
  taskset -c "$cpu" node bench.js | record liquidjs
  taskset -c "$cpu" ruby bench.rb | record ruby
  taskset -c "$cpu" ruby $yjit_flag bench.rb c | record ruby-c-yjit
done
cmp -s "$work/out_js.html" "$shared/product.expected.html" || echo "note: LiquidJS output differs from product.expected.html (as in the shared kit)" >&2
cmp -s "$work/out_rb_c.html" "$shared/product.expected.html" || echo "warning: Ruby Liquid output differs from product.expected.html" >&2

python3 - "$results" "$rounds" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
data = {}
for engine, metric, us in rows:
    data.setdefault((engine, metric), []).append(float(us))
engines = ["station", "liquidjs", "ruby", "ruby-c-yjit"]
print(f"Liquid product page, {sys.argv[2]} alternating rounds, pinned to one CPU (us per op)")
print(f"{'engine':<14}{'metric':<8}{'median':>10}{'min':>10}{'max':>10}   station speed-up")
for metric in ["render", "parse"]:
    base = statistics.median(data[("station", metric)])
    for engine in engines:
        values = data.get((engine, metric))
        if not values:
            continue
        median = statistics.median(values)
        ratio = "" if engine == "station" else f"{median / base:8.1f}x"
        print(f"{engine:<14}{metric:<8}{median:>10.1f}{min(values):>10.1f}{max(values):>10.1f}   {ratio}")
EOF
