#!/usr/bin/env bash
# Admin API benchmarks, side by side with nginx (see ../shared/bench/README.md):
#   1. GET /admin/api/2024-10/products/{id}.json from Station vs nginx serving the same JSON bytes:
#      server CPU per request (cpu_per_req.sh), alternating A B A B, PAIRS pairs, medians.
#   2. Import of a generated 10,000-product CSV (3 variants each): wall time and peak RSS.
#   3. Listing 250 products per page (GET products.json?limit=250 over the imported catalog).
# Both servers are pinned to CPU 1 with one worker/thread, wrk to CPU 0. Access logs are off.
#
# usage: bench/admin_api/run.sh [BUILD_DIR]   (default: build/shop1-release, release preset)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/shop1-release}
STATION=$BUILD/platform/cli/station
SHARED=$(cd "$ROOT/../shared/bench" && pwd)
PAIRS=${PAIRS:-5}
DURATION=${DURATION:-5s}
PRODUCTS=${PRODUCTS:-10000}
PORT=18090
DOMAIN=bench.test
HOST=bench.$DOMAIN
WORK=$(mktemp -d)
STATION_PID=""

cleanup() {
  [[ -n "$STATION_PID" ]] && kill "$STATION_PID" 2>/dev/null || true
  [[ -f "$WORK/nginx/nginx.pid" ]] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk nginx taskset curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (scripts/install-deps.sh --bench)"; exit 2; }
done
[[ -x "$STATION" ]] || { echo "no $STATION: cmake --preset release -B $BUILD && cmake --build $BUILD --target station"; exit 2; }

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

echo "== starting station (1 I/O thread, CPU 1)"
taskset -c 1 "$STATION" serve --listen 127.0.0.1:$PORT --data-dir "$WORK/data" \
  --platform-domain $DOMAIN --no-access-log --log-level warn --password-cost minimum \
  --threads 1 --admin-api-call-limit 1000000000 >"$WORK/station.log" 2>&1 &
STATION_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

signup=$(curl -sf -H "Host: $DOMAIN" -H 'Content-Type: application/json' \
  -d '{"email":"bench@bench.test","password":"bench password 1","store_name":"Bench","handle":"bench"}' \
  "http://127.0.0.1:$PORT/api/signup")
TOKEN=$(echo "$signup" | json 'd["admin_token"]')
STORE_ID=$(echo "$signup" | json 'd["store"]["id"]')

# Lift the plan's request and product quotas so the benchmark measures the API, not the limits.
"$STATION" admin create --email ops@bench.test --password 'bench admin password' \
  --data-dir "$WORK/data" >/dev/null
login=$(curl -sf -c "$WORK/cookies" -H "Host: $DOMAIN" -H 'Content-Type: application/json' \
  -d '{"email":"ops@bench.test","password":"bench admin password"}' "http://127.0.0.1:$PORT/platform/api/login")
CSRF=$(echo "$login" | json 'd["csrf_token"]')
curl -sf -b "$WORK/cookies" -X PUT -H "Host: $DOMAIN" -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: application/json' \
  -d '{"plan":"starter","quotas":{"requests_per_minute":60000000,"products":1000000,"storage_bytes":100000000000}}' \
  "http://127.0.0.1:$PORT/platform/api/stores/$STORE_ID/plan" >/dev/null

api() { curl -sf -H "Host: $HOST" -H "X-Shopify-Access-Token: $TOKEN" "$@"; }

product=$(api -H 'Content-Type: application/json' -d '{"product":{"title":"Organic Cotton Tee",
  "body_html":"<p>Soft, breathable organic cotton with a relaxed fit.</p>","vendor":"Acme Basics",
  "product_type":"Shirts","tags":"cotton, summer, tee","options":[{"name":"Size"}],
  "variants":[{"option1":"S","price":"29.00","compare_at_price":"39.00","sku":"TEE-S","inventory_quantity":5},
              {"option1":"M","price":"29.00","sku":"TEE-M","inventory_quantity":7},
              {"option1":"L","price":"31.00","sku":"TEE-L","inventory_quantity":0}]}}' \
  "http://127.0.0.1:$PORT/admin/api/2024-10/products.json")
PRODUCT_ID=$(echo "$product" | json 'd["product"]["id"]')
PRODUCT_PATH=/admin/api/2024-10/products/$PRODUCT_ID.json

echo "== nginx (1 worker, CPU 1) serving the same JSON bytes"
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/html"  # nginx workers run as an unprivileged user
sed "s#__NGINX_DIR__#$WORK/nginx#g" "$SHARED/nginx.conf.in" >"$WORK/nginx/nginx.conf"
api "http://127.0.0.1:$PORT$PRODUCT_PATH" >"$WORK/nginx/html/product.json"
chmod 644 "$WORK/nginx/html/product.json"
echo "   $(wc -c <"$WORK/nginx/html/product.json") bytes of JSON"
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>/dev/null
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:18080/product.json && break; sleep 0.1; done
NGINX_PIDS="$(cat "$WORK/nginx/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | tr '\n' ' ')"
cmp <(curl -sf http://127.0.0.1:18080/product.json) <(api "http://127.0.0.1:$PORT$PRODUCT_PATH")
echo "   both servers answer the same bytes"

station_us=(); nginx_us=()
for pair in $(seq "$PAIRS"); do
  s=$("$SHARED/cpu_per_req.sh" "$STATION_PID" -t1 -c8 -d"$DURATION" -H "Host: $HOST" \
        -H "X-Shopify-Access-Token: $TOKEN" "http://127.0.0.1:$PORT$PRODUCT_PATH")
  n=$("$SHARED/cpu_per_req.sh" "$NGINX_PIDS" -t1 -c8 -d"$DURATION" "http://127.0.0.1:18080/product.json")
  if grep -q Non-2xx <<<"$s$n"; then echo "non-2xx answers: $s $n"; exit 1; fi
  station_us+=("$(echo "$s" | awk '/server CPU/{print $(NF-1)}')")
  nginx_us+=("$(echo "$n" | awk '/server CPU/{print $(NF-1)}')")
  echo "   pair $pair: station $(echo "$s" | awk '/Requests\/sec/{print $2}') req/s ${station_us[-1]} us/req;" \
       "nginx $(echo "$n" | awk '/Requests\/sec/{print $2}') req/s ${nginx_us[-1]} us/req"
done
python3 - "${station_us[*]}" "${nginx_us[*]}" <<'PY'
import statistics, sys
s = [float(x) for x in sys.argv[1].split()]
n = [float(x) for x in sys.argv[2].split()]
ms, mn = statistics.median(s), statistics.median(n)
print(f"   GET product JSON, server CPU/request: station median {ms:.1f} us (min {min(s):.1f}, max {max(s):.1f}); "
      f"nginx median {mn:.1f} us (min {min(n):.1f}, max {max(n):.1f}); ratio {ms / mn:.1f}x")
PY

echo "== import of $PRODUCTS products x 3 variants"
python3 "$ROOT/bench/admin_api/gen_products_csv.py" "$PRODUCTS" >"$WORK/products.csv"
echo "   CSV: $(wc -l <"$WORK/products.csv") lines, $(du -h "$WORK/products.csv" | cut -f1)"
rss_before=$(awk '/VmHWM/{print $2}' /proc/$STATION_PID/status)
start=$(date +%s.%N)
job=$(api -H 'Content-Type: text/csv' --data-binary @"$WORK/products.csv" \
  "http://127.0.0.1:$PORT/admin/api/2024-10/products/imports.json")
JOB_ID=$(echo "$job" | json 'd["import"]["id"]')
while :; do
  state=$(api "http://127.0.0.1:$PORT/admin/api/2024-10/products/imports/$JOB_ID.json")
  status=$(echo "$state" | json 'd["import"]["status"]')
  [[ "$status" == completed || "$status" == failed ]] && break
  sleep 0.05
done
end=$(date +%s.%N)
rss_after=$(awk '/VmHWM/{print $2}' /proc/$STATION_PID/status)
echo "   status $status: $(echo "$state" | json 'd["import"]["summary"]')"
python3 -c "print(f'   import time {($end - $start):.2f} s; station peak RSS {$rss_before/1024:.0f} MiB before, {$rss_after/1024:.0f} MiB after')"
echo "   products now: $(api "http://127.0.0.1:$PORT/admin/api/2024-10/products/count.json")"

echo "== listing 250 products per page"
api -o "$WORK/page.json" "http://127.0.0.1:$PORT/admin/api/2024-10/products.json?limit=250"
echo "   one page: $(wc -c <"$WORK/page.json") bytes"
list_us=()
for run in $(seq 3); do
  l=$("$SHARED/cpu_per_req.sh" "$STATION_PID" -t1 -c4 -d"$DURATION" -H "Host: $HOST" \
        -H "X-Shopify-Access-Token: $TOKEN" "http://127.0.0.1:$PORT/admin/api/2024-10/products.json?limit=250")
  list_us+=("$(echo "$l" | awk '/server CPU/{print $(NF-1)}')")
  echo "   run $run: $(echo "$l" | awk '/Requests\/sec/{print $2}') pages/s, latency $(echo "$l" | awk '/Latency/{print $2}'), ${list_us[-1]} us CPU/page"
done
