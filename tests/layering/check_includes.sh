#!/usr/bin/env bash
# The dependency rules of ARCHITECTURE.md at the source level (the CMake link graph is checked at
# configure time by station_check_layering): no file includes a header of a layer it may not use.
set -uo pipefail
root="${1:?usage: check_includes.sh SOURCE_DIR}"
cd "$root" || exit 2

violations=0
# check <directory> <forbidden include prefix>…
check() {
  local dir="$1"; shift
  [[ -d "$dir" ]] || return 0
  for prefix in "$@"; do
    local found
    found=$(grep -rnE "#include [<\"]${prefix}" "$dir" --include='*.cpp' --include='*.hpp' \
              --include='*.h' --include='*.c' || true)
    if [[ -n "$found" ]]; then
      echo "layering violation: $dir must not include ${prefix}…"
      echo "$found"
      violations=$((violations + 1))
    fi
  done
}

check base           platform/ tenant_runtime/ plugins/ tests/ bench/
check tenant_runtime platform/ plugins/ tests/ bench/
check plugin_sdk     base/ platform/ tenant_runtime/ plugins/ tests/ bench/
check plugins        base/ platform/ tenant_runtime/ tests/ bench/
check platform       tests/ bench/

if ((violations > 0)); then exit 1; fi
echo "layering: ok"
