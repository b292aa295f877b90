#!/usr/bin/python3
"""How AuroraTime's costs grow with the size of one calendar (issue 8 item 3 and 4).

Loads the calendar in stages with `aurora import` (one .ics file per stage, split into one object
per UID by the server's importer and written through the store, the same path a PUT takes after
parsing), and after each stage times, as medians on one keep-alive connection: PROPFIND Depth 1
(getetag), calendar-query for one month with calendar-data (RFC 4791 7.8), sync-collection after
10 changes (RFC 6578; must not grow with N), and the calendar's feed. Memory comes from
/proc/PID/status: VmRSS idle after start, after the last stage, and VmHWM (peak) during the run.
Writes one JSON object to --out after every stage, so an interrupted run still reports the
stages it finished.
"""
import argparse, base64, json, os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
import workload as w  # noqa: E402  (same requests, client and event content as the side-by-side run)


def rss_kb(pid, field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def stage_file(path, start, count, spread):
    """Events start..start+count-1 of bench/peers' content, spread over 2026 as if there were `spread`."""
    with open(path, "wb") as out:
        out.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime//bench growth//EN\r\n")
        for i in range(start, start + count):
            body = w.event_body(i, spread).decode()
            event = body[body.index("BEGIN:VEVENT"):body.index("END:VCALENDAR")]
            out.write(event.encode())
        out.write(b"END:VCALENDAR\r\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True), parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--aurora", required=True, help="the aurora executable")
    parser.add_argument("--data", required=True), parser.add_argument("--work", required=True)
    parser.add_argument("--user", required=True), parser.add_argument("--password", required=True)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out", required=True, help="the JSON file, rewritten after each stage")
    args = parser.parse_args()
    host, port = args.base.split("//")[1].split(":")
    auth = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    client = w.Client(host, int(port), auth)
    w.SERVER_PID = args.pid  # workload.timed then records the server's CPU ms per request in w.CPU_MS
    cal = f"/calendars/{args.user}/growth/"
    result = {"rss_idle_kb": rss_kb(args.pid, "VmRSS"), "stages": []}

    loaded = 0
    feed_path = None
    for size in (int(s) for s in args.sizes.split(",")):
        stage = {"n": size}
        path = os.path.join(args.work, f"stage-{size}.ics")
        stage_file(path, loaded, size - loaded, size)
        started = time.perf_counter()
        imported = subprocess.run([args.aurora, "import", args.user, "growth", path, "--data", args.data],
                                  capture_output=True, text=True)
        if imported.returncode != 0:
            raise SystemExit(f"aurora import failed: {imported.stderr or imported.stdout}")
        stage["import_s"] = time.perf_counter() - started
        stage["import_per_s"] = (size - loaded) / stage["import_s"]
        os.remove(path)
        loaded = size
        if feed_path is None:
            created = subprocess.run([args.aurora, "feed", "create", args.user, "--calendar", "growth", "--data", args.data],
                                     capture_output=True, text=True, check=True).stdout
            url = next(word for word in created.split() if "/feeds/" in word)
            feed_path = "/feeds/" + url.split("/feeds/", 1)[1]

        stage["propfind"], body = w.timed(client, args.reps, "PROPFIND", cal, w.PROPFIND_ETAG, {**w.XML, "Depth": "1"}, (207,), "PROPFIND", cpu_key="propfind")
        stage["propfind_items"] = w.count_responses(body)
        stage["query_month"], body = w.timed(client, args.reps, "REPORT", cal, w.QUERY_MONTH, {**w.XML, "Depth": "1"}, (207,), "calendar-query", cpu_key="query_month")
        stage["query_items"] = w.count_responses(body)
        status, body, _ = client.request("REPORT", cal, w.sync_body(None), w.XML)
        w.expect(status, (207,), "sync-collection")
        token = w.sync_token_of(body)
        for k in range(10):  # ten changes: new objects, so the delta holds exactly 10 members
            change = w.event_body(k, size).replace(b"UID:bench-", f"UID:delta-{size}-".encode())
            status, _, _ = client.request("PUT", f"{cal}delta-{size}-{k}.ics", change,
                                          {"Content-Type": "text/calendar; charset=utf-8"})
            w.expect(status, (201,), "PUT of a change")
        stage["sync_delta"], body = w.timed(client, args.reps, "REPORT", cal, w.sync_body(token), w.XML, (207,), "sync delta", cpu_key="sync_delta")
        stage["sync_delta_items"] = w.count_responses(body)
        stage["feed"], body = w.timed(client, args.reps, "GET", feed_path, None, None, (200,), "feed", cpu_key="feed")
        stage["feed_bytes"] = len(body)
        stage["cpu_ms"] = dict(w.CPU_MS)
        stage["load"] = os.getloadavg()[0]  # the machine is shared: say how busy it was for this stage
        stage["rss_kb"] = rss_kb(args.pid, "VmRSS")
        print(json.dumps(stage), file=sys.stderr)
        result["stages"].append(stage)
        result["rss_after_kb"] = rss_kb(args.pid, "VmRSS")
        result["rss_peak_kb"] = rss_kb(args.pid, "VmHWM")
        with open(args.out + ".tmp", "w") as out:
            json.dump(result, out)
        os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
