#!/usr/bin/env bash
# Parse/serialise throughput of the AuroraTime iCalendar engine (BenchmarkDotNet) next to ical.js
# on the same generated 10,000-event file. Prints MB/s for each and the ratio.
# Usage: bench/run-ical.sh [extra BenchmarkDotNet args, default: --job short]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JOB_ARGS=("$@"); [ ${#JOB_ARGS[@]} -eq 0 ] && JOB_ARGS=(--job short)

if [ ! -d "$ROOT/tests/Oracles/node_modules/ical.js" ]; then
  (cd "$ROOT/tests/Oracles" && npm ci --silent)
fi

dotnet build "$HERE/AuroraTime.Bench.csproj" -c Release -v q -nologo >/dev/null
BENCH_DLL="$HERE/bin/Release/net10.0/AuroraTime.Bench.dll"
FILE="$(dotnet "$BENCH_DLL" generate-ical | tail -n 1)"

ARTIFACTS="$(mktemp -d)"
trap 'rm -rf "$ARTIFACTS"' EXIT
(cd "$HERE" && dotnet "$BENCH_DLL" --filter '*IcalBenchmarks*' --exporters csv --artifacts "$ARTIFACTS" "${JOB_ARGS[@]}" >"$ARTIFACTS/bdn.log") \
  || { tail -n 40 "$ARTIFACTS/bdn.log"; exit 1; }
CSV="$(ls "$ARTIFACTS"/results/*IcalBenchmarks-report.csv)"
cp "$CSV" "${TMPDIR:-/tmp}/auroratime-ical-benchmarks.csv"  # kept for a look at every column

ICALJS_JSON="$(node "$HERE/icaljs/parse-bench.mjs" "$FILE" 7)"
CPU_LINES="$(dotnet "$BENCH_DLL" cpu-ical "$FILE" 15)"

/usr/bin/python3 - "$FILE" "$CSV" "$ICALJS_JSON" "$CPU_LINES" <<'PY'
import csv, json, os, sys
path, report, icaljs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
megabytes = os.path.getsize(path) / 1e6
units = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}
def ms(text):
    parts = text.replace(",", "").split()
    if len(parts) != 2 or parts[1] not in units:
        return None  # "NA" or no unit
    return float(parts[0]) * units[parts[1]]
rows = {row["Method"]: row for row in csv.DictReader(open(report, encoding="utf-8"))}
print(f"input: {path} ({megabytes:.2f} MB, {icaljs['events']} events)")
def median(method):
    # BenchmarkDotNet's median; its mean when the median is missing (NA).
    return ms(rows[method].get("Median", "")) or ms(rows[method]["Mean"])
print("by wall clock (BenchmarkDotNet median; inflated when the machine is loaded):")
print(f"{'':28}{'median ms':>16}{'MB/s':>10}{'allocated':>14}")
for method in ("Parse", "Tokenize", "Serialize"):
    mean = median(method)
    print(f"{'AuroraTime ' + method:28}{mean:16.2f}{megabytes / (mean / 1000):10.1f}{rows[method].get('Allocated', ''):>14}")
print(f"{'ical.js parse':28}{icaljs['parseMs']:16.2f}{icaljs['parseMBps']:10.1f}")
print(f"{'ical.js serialise':28}{icaljs['serialiseMs']:16.2f}{icaljs['serialiseMBps']:10.1f}")
parse = megabytes / (median('Parse') / 1000)
serialise = megabytes / (median('Serialize') / 1000)
print("by process CPU time (not inflated by waiting for a core on a shared machine):")
cpu = {}
for line in sys.argv[4].splitlines():
    name, wall, cpu_ms, mbps = line.split()
    cpu[name] = float(mbps)
    print(f"{'AuroraTime ' + name + ' (CPU)':28}{float(cpu_ms):16.2f}{float(mbps):10.1f}")
print(f"{'ical.js parse (CPU)':28}{icaljs['parseCpuMs']:16.2f}{icaljs['parseCpuMBps']:10.1f}")
print(f"{'ical.js serialise (CPU)':28}{icaljs['serialiseCpuMs']:16.2f}{icaljs['serialiseCpuMBps']:10.1f}")
print(f"ratio parse AuroraTime/ical.js, wall: {parse / icaljs['parseMBps']:.1f}x, CPU: {cpu['Parse'] / icaljs['parseCpuMBps']:.1f}x   "
      f"serialise, wall: {serialise / icaljs['serialiseMBps']:.1f}x, CPU: {cpu['Serialize'] / icaljs['serialiseCpuMBps']:.1f}x")
PY

# Recurrence expansion, same file, both sides in this run: every recurring event expanded in full.
EXPAND_LINE="$(dotnet "$BENCH_DLL" expand-ical "$FILE" 9)"
ICALJS_EXPAND="$(node "$HERE/icaljs/expand-bench.mjs" "$FILE" 3)"
/usr/bin/python3 - "$EXPAND_LINE" "$ICALJS_EXPAND" <<'PY'
import json, sys
_, wall, cpu, instances, series = sys.argv[1].split()
js = json.loads(sys.argv[2])
print(f"expand {series} recurring series in full (median ms, wall / CPU):")
print(f"{'AuroraTime expand':28}{float(wall):16.2f}{float(cpu):10.2f}   {instances} instances")
print(f"{'ical.js expand':28}{js['expandMs']:16.2f}{js['expandCpuMs']:10.2f}   {js['instances']} instances")
print(f"ratio expand AuroraTime/ical.js, wall: {js['expandMs'] / float(wall):.1f}x, CPU: {js['expandCpuMs'] / float(cpu):.1f}x")
# The counts differ where DTSTART is not on the rule (BYDAY=MO,WE, DTSTART on another day): we keep
# DTSTART as an extra first instance (as python-recurring-ical-events does), ical.js counts it into
# COUNT. RFC 5545 3.8.5.3 calls that set undefined; tests/TestData/occurrences/KNOWN-DIFFERENCES.md.
PY
