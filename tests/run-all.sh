#!/usr/bin/env bash
# Runs every test of AuroraTime on a fresh Debian machine: installs what the tests need (Debian
# packages, npm packages, NuGet restore), runs the .NET test projects and the interop scripts, and
# ends with one line "N passed, N failed, N skipped" summed over all of them.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests drive. Python oracles belong to /usr/bin/python3 (see DESIGN.md).
APT_PACKAGES=(
  python3-recurring-ical-events python3-icalendar python3-dateutil
  litmus radicale python3-caldav vdirsyncer python3-pytest curl python3-aiosmtpd
)

# Test folders may name more Debian packages in an apt-packages.txt (one per line, # comments).
while IFS= read -r extra; do APT_PACKAGES+=("$extra"); done < <(
  find "$ROOT/tests" -name apt-packages.txt -not -path '*/node_modules/*' -print0 | xargs -0 -r cat | sed 's/#.*//' | tr -s ' \t' '\n' | grep -v '^$' | sort -u)

install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "== apt-get install ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { echo "apt-get install failed"; exit 1; }
  fi
}

install_npm() {
  # Every test folder with a package-lock.json gets its pinned npm packages.
  local dir
  while IFS= read -r dir; do
    echo "== npm ci in ${dir#$ROOT/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || { echo "npm ci failed in $dir"; exit 1; }
  done < <(find "$ROOT/tests" -name package-lock.json -not -path '*/node_modules/*' -printf '%h\n' | sort)
}

install_apt
install_npm

echo "== dotnet build"
dotnet build "$ROOT/AuroraTime.sln" -c Release -nologo -v q 2>&1 | tail -n 30
if [ "${PIPESTATUS[0]}" -ne 0 ]; then echo "0 passed, 1 failed"; exit 1; fi

passed=0; failed=0; skipped=0
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

echo "== dotnet test"
for proj in "$ROOT"/tests/*.Tests/*.csproj; do
  name="$(basename "$proj" .csproj)"
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$OUT/$name.trx" --logger "console;verbosity=minimal" 2>&1 | tail -n 40
  trx="$OUT/$name.trx"
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
    get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    total="$(get total)"; p="$(get passed)"; f="$(get failed)"; e="$(get error)"; t="$(get timeout)"
    s=$((total - p - f - e - t))
    add_counts "$p" "$((f + e + t))" "$s"
  else
    echo "no results from $name"; add_counts 0 1 0
  fi
done

# Interop and oracle scripts: each prints its own "N passed, N failed" last line.
for script in "$ROOT"/tests/Interop/*.sh; do
  [ -e "$script" ] || continue
  echo "== $(basename "$script")"
  log="$OUT/$(basename "$script").log"
  bash "$script" > "$log" 2>&1; rc=$?
  tail -n 20 "$log"
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)"
  if [ -n "$line" ]; then
    p="$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')"
    f="$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')"
    s="$(echo "$line" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+' || echo 0)"
    add_counts "$p" "$f" "${s:-0}"
  fi
  if [ $rc -ne 0 ] && [ -z "$line" ]; then add_counts 0 1 0; fi
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
