#!/usr/bin/env bash
# Installs the Debian 12 packages Station needs, and only those missing (idempotent, quiet when
# everything is present). Run as root, or with sudo available.
#
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --bench    also the benchmark peers (nginx, wrk, Ruby Liquid)
set -euo pipefail

build_packages=(
  g++ cmake ninja-build ccache pkg-config make git
  clang libclang-rt-14-dev                      # libFuzzer + sanitizers for the fuzz smoke test
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libhiredis-dev libspdlog-dev catch2 libsodium-dev
  libcurl4-openssl-dev libc-ares-dev
  libpng-dev libjpeg62-turbo-dev                # product image renditions (?width=)
)
test_packages=(
  redis-server          # the Redis shared-state backend's test peer
  dnsmasq-base          # real DNS for custom-domain verification tests
  python3 python3-aiosmtpd curl
  ruby ruby-liquid      # Shopify Liquid 5.4, the byte-exact template oracle
)
bench_packages=(
  nginx-light wrk ruby-liquid-c
)

packages=("${build_packages[@]}" "${test_packages[@]}")
if [[ "${1:-}" == "--bench" ]]; then packages+=("${bench_packages[@]}"); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm come with the machine image; Debian's older nodejs is only a fallback.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if ((${#missing[@]} == 0)); then exit 0; fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts these services on installation; Station's tests start their own instances.
for service in redis-server nginx; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
    $SUDO systemctl stop "$service" || true
  fi
done
