#!/usr/bin/env bash
# Router benchmark: server CPU per request of `station serve` for (a) a Host-routed tiny response
# (GET /robots.txt of a store: router cache, store pool, quota check, storefront) and (b) an
# unknown-host 404, beside nginx serving a tiny static file — alternated A B A B as
# ../shared/bench/README.md asks, server on CPU 1, wrk on CPU 0.
#
# usage: bench/router/run.sh BUILD_DIR [PAIRS] [SECONDS]
set -euo pipefail
build="$(cd "${1:?usage: run.sh BUILD_DIR [PAIRS] [SECONDS]}" && pwd)"
pairs="${2:-5}"
seconds="${3:-8}"
here="$(cd "$(dirname "$0")" && pwd)"
shared="$(cd "$here/../../../shared/bench" && pwd)"
station="$build/platform/cli/station"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null; [[ -f $work/nginx/nginx.pid ]] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

# nginx: one worker on CPU 1, a tiny static file.
mkdir -p "$work/nginx/html" "$work/nginx/logs" "$work/nginx/tmp"
printf 'User-agent: *\nDisallow: /admin\n' > "$work/nginx/html/robots.txt"
sed "s#__NGINX_DIR__#$work/nginx#g" "$shared/nginx.conf.in" > "$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
for _ in $(seq 50); do [[ -f $work/nginx/nginx.pid ]] && break; sleep 0.1; done
nginx_pids="$(pgrep -f "nginx: worker process" | tr '\n' ' ') $(cat "$work/nginx/nginx.pid")"

# station: one I/O thread on CPU 1, access log off, one store.
port=18090
common=(--data-dir "$work/data" --platform-domain bench.test --password-cost minimum)
"$station" tenant create --handle bench --name "Bench" --email bench@bench.test \
  --password "bench password 1" "${common[@]}" >/dev/null
# The store's requests-per-minute quota must not be what is measured.
"$station" tenant plan bench --plan enterprise --requests-per-minute 1000000000 "${common[@]}" >/dev/null
taskset -c 1 "$station" serve --listen "127.0.0.1:$port" --threads 1 --no-access-log \
  --log-level warn "${common[@]}" &
station_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

wrk_args=(-t1 -c32 -d"${seconds}s")
measure() {  # pids, wrk args… -> µs per request
  "$shared/cpu_per_req.sh" "$1" "${@:2}" | awk '/server CPU/ {print $(NF-1)}' | sed 's/us\/request//'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
minmax() { sort -n | awk 'NR==1{min=$1} {max=$1} END {printf "%s–%s", min, max}'; }

: > "$work/nginx.txt"; : > "$work/routed.txt"; : > "$work/unknown.txt"
for i in $(seq "$pairs"); do
  measure "$nginx_pids" "${wrk_args[@]}" "http://127.0.0.1:18080/robots.txt" >> "$work/nginx.txt"
  measure "$station_pid" "${wrk_args[@]}" -H "Host: bench.bench.test" \
    "http://127.0.0.1:$port/robots.txt" >> "$work/routed.txt"
  measure "$station_pid" "${wrk_args[@]}" -H "Host: nobody.bench.test" \
    "http://127.0.0.1:$port/" >> "$work/unknown.txt"
  echo "pair $i: nginx $(tail -1 "$work/nginx.txt") µs, routed $(tail -1 "$work/routed.txt") µs, unknown host $(tail -1 "$work/unknown.txt") µs"
done

n=$(median < "$work/nginx.txt"); r=$(median < "$work/routed.txt"); u=$(median < "$work/unknown.txt")
echo
echo "server CPU per request (median of $pairs, min–max), wrk ${wrk_args[*]}:"
printf "  nginx static tiny file     %6.2f µs  (%s)\n" "$n" "$(minmax < "$work/nginx.txt")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf "  station Host-routed tiny   %6.2f µs  (%s)  = %s× nginx\n" "$r" "$(minmax < "$work/routed.txt")" "$(ratio "$r" "$n")"
printf "  station unknown-host 404   %6.2f µs  (%s)  = %s× nginx\n" "$u" "$(minmax < "$work/unknown.txt")" "$(ratio "$u" "$n")"
