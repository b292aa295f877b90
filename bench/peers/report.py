#!/usr/bin/python3
"""Turns the workload JSON of each server into the side-by-side table (stdout) and docs/benchmarks.md.

Args: N OUT_MD aurora.json radicale.json xandikos.json (a missing or empty file is a server that failed).
Ratios are peer / AuroraTime for times (above 1: AuroraTime is faster) and AuroraTime / peer for PUT/s.
"""
import json, os, subprocess, sys
from datetime import datetime, timezone

SERVERS = ["AuroraTime", "Radicale 3.1.8", "Xandikos 0.2.8"]
ROWS = [  # key, label, count key, higher is better
    ("put_median", "PUT, median latency, 8 clients (ms)", None, False),
    ("put_per_s", "PUT throughput, 8 clients (events/s)", "stored", True),
    ("propfind", "PROPFIND Depth 1, getetag (ms)", "propfind_items", False),
    ("query_month", "calendar-query, one month, calendar-data (ms)", "query_items", False),
    ("multiget_100", "calendar-multiget of 100 (ms)", "multiget_items", False),
    ("sync_initial", "sync-collection, initial (ms)", "sync_initial_items", False),
    ("sync_delta", "sync-collection after 10 changes (ms)", "sync_delta_items", False),
    ("get_one", "GET of one object, median of 200 (ms)", None, False),
    ("feed", "whole calendar as .ics: feed / collection GET (ms)", "feed_items", False),
]

CPU_ROWS = [("put", "PUT (per stored event)"), ("propfind", "PROPFIND Depth 1"), ("query_month", "calendar-query, one month"),
            ("multiget_100", "calendar-multiget of 100"), ("sync_initial", "sync-collection, initial"),
            ("sync_delta", "sync-collection after 10 changes"), ("get_one", "GET of one object"), ("feed", "whole calendar as .ics")]

# Issue 8 item 5: (key, target, unit, higher is better).
TARGETS = [
    ("put_per_s", 2000, "PUT/s with 8 clients", True),
    ("propfind", 12, "ms PROPFIND Depth 1", False),
    ("query_month", 10, "ms month calendar-query", False),
    ("multiget_100", 2, "ms multiget of 100", False),
    ("sync_delta", 3, "ms sync delta", False),
    ("get_one", 1, "ms GET of one object", False),
]


def load(path):
    if path == "skipped":
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.loads(f.read() or "null")
    except (OSError, ValueError):
        return None


def cell(result, key, count_key):
    if not result or key not in result:
        return "failed"
    if key == "feed" and not result.get("feed_items"):
        return "no calendar data"  # e.g. Xandikos answers a collection GET with an HTML listing
    text = f"{result[key]:.1f}" if result[key] < 100 else f"{result[key]:,.0f}"
    if count_key == "query_items" and result.get("query_expected") is not None:
        return f"{text} ({result[count_key]} of {result['query_expected']})"
    return f"{text} ({result[count_key]})" if count_key else text


def ratio(aurora, peer, key, higher_better):
    if not aurora or not peer or key not in aurora or key not in peer or not aurora[key] or not peer[key]:
        return "-"
    if key == "feed" and not peer.get("feed_items"):
        return "-"
    value = aurora[key] / peer[key] if higher_better else peer[key] / aurora[key]
    return f"{value:.1f}x"


def shell(command):
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout.strip()


def main():
    n, out_md, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    results = [load(p) for p in paths]
    header = ["operation", *SERVERS, "vs Radicale", "vs Xandikos"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, label, count_key, higher in ROWS:
        cells = [cell(r, key, count_key) for r in results]
        ratios = [ratio(results[0], peer, key, higher) for peer in results[1:]]
        lines.append("| " + " | ".join([label, *cells, *ratios]) + " |")
    table = "\n".join(lines)
    print(table)
    cpu_lines = ["| " + " | ".join(["server CPU per request (ms)", *SERVERS, "vs Radicale", "vs Xandikos"]) + " |",
                 "|" + "---|" * (len(SERVERS) + 3)]
    cpu = [((r or {}).get("cpu_ms") or {}) for r in results]
    for key, label in CPU_ROWS:
        cells = [f"{c[key]:.2f}" if key in c else "-" for c in cpu]
        ratios = [f"{p[key] / cpu[0][key]:.1f}x" if key in p and cpu[0].get(key) else "-" for p in cpu[1:]]
        cpu_lines.append("| " + " | ".join([label, *cells, *ratios]) + " |")
    cpu_table = "\n".join(cpu_lines)
    print(cpu_table)
    targets = []
    for key, target, unit, higher in TARGETS:
        value = (results[0] or {}).get(key)
        if value is None:
            targets.append(f"- {unit}: target {target}, not measured")
            continue
        met = value >= target if higher else value <= target
        targets.append(f"- {unit}: target {'>=' if higher else '<='} {target}, measured {value:,.1f}: {'met' if met else 'missed'}")
    targets_text = "\n".join(targets)
    print(targets_text)
    skipped = [name for name, p in zip(SERVERS[1:], paths[1:]) if p == "skipped"]

    machine = (f"nproc {shell('nproc')}; memory (free -g): "
               + shell("free -g | awk '/^Mem:/ {print $2\" GiB total, \"$7\" GiB available\"}'"))
    load_line = shell("uptime")
    # run.sh says which build of aurora it started (the Native AOT binary unless --jit).
    aurora_build = os.environ.get("AURORA_BUILD_NAME", "the Release build")
    doc = f"""# Side-by-side benchmark: AuroraTime, Radicale, Xandikos

Generated by `bench/peers/run.sh --n {n}` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.

- N = {n} events PUT into a new calendar by 8 concurrent keep-alive clients; a fifth recur weekly
  (COUNT=20), a third carry a VALARM; the content is deterministic (`bench/peers/workload.py`).
- The servers are measured one at a time (each started, measured and stopped before the next),
  each on a fresh data folder. Each read is the median of 7 repetitions on one keep-alive
  connection (GET: 200). The PUT phase is bounded (150 s a server): if a peer stores fewer than N,
  its column's PUT count says so and its reads run over what it stored.
- Numbers in parentheses: objects stored (PUT) or `<response>` elements returned, so every server
  is seen doing the same work; for the month's calendar-query, "x of y" is returned of expected
  (events with an instance in March 2026, weekly series expanded, RFC 4791 9.9). Ratios: peer time / AuroraTime time (above 1x, AuroraTime is faster);
  for throughput, AuroraTime / peer.
- The client and all three servers share this machine; Radicale and Xandikos run under Python,
  AuroraTime is {aurora_build}. Xandikos is sent no authentication (it has none).
- Machine: {machine}.
- Load at the end of the run (`uptime`): `{load_line}`. The machine is shared with other
  work, so absolute numbers move between runs; the ratios are the part to read.

{table}

The same requests as CPU time of the server process (utime + stime from `/proc/PID/stat`, all
threads including ended ones, divided by the requests; 10 ms resolution, so values under a few
ms are approximate): unlike wall time this leaves out the wait
for a core, so it moves much less with the machine's load. Ratios: peer / AuroraTime.

{cpu_table}
{"" if not skipped else chr(10) + "Not run at this N (too slow to store N events within the PUT bound; see bench/peers/README.md): " + ", ".join(skipped) + "; their columns say failed." + chr(10)}
## Issue 8 targets (AuroraTime, this run)

{targets_text}

Throughput under wrk (GET >= 20,000 req/s), idle memory (<= 80 MB) and growth to N = 100,000 are in
[benchmarks-load.md](benchmarks-load.md) and [benchmarks-growth.md](benchmarks-growth.md);
durability under kill -9 is tested by `tests/Interop/durability.sh`.
"""
    os.makedirs(os.path.dirname(out_md), exist_ok=True)
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(doc)


if __name__ == "__main__":
    main()
