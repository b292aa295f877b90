#!/usr/bin/python3
"""One CalDAV workload against one server, timed; prints a JSON object of medians (ms) on stdout.

Standard library only (the timed reads run on one raw keep-alive socket, RawClient; the concurrent
PUTs come from client processes on raw keep-alive sockets, put_clients.py), so the same client measures AuroraTime,
Radicale and Xandikos. Content is deterministic: event i starts
at a fixed offset into 2026, every fifth recurs weekly (RFC 5545 3.8.5.3), every third carries a
VALARM (RFC 5545 3.6.6). Reports come from RFC 4791 (7.8 calendar-query, 7.9 calendar-multiget)
and RFC 6578 (sync-collection).
"""
import argparse, base64, http.client, json, os, re, statistics, sys, time
from datetime import datetime, timedelta, timezone
from put_clients import RawHttpConnection, put_concurrently, put_request

YEAR_START = datetime(2026, 1, 1, tzinfo=timezone.utc)
MONTH = ("20260301T000000Z", "20260401T000000Z")  # the calendar-query window
PUT_CLIENTS = 8


def stamp(moment):
    return moment.strftime("%Y%m%dT%H%M%SZ")


def event_start(i, n):
    return YEAR_START + timedelta(minutes=(i * 365 * 24 * 60) // n)


def expected_in_month(stored, n):
    """How many events the calendar-query must return: those with an instance overlapping the window
    (RFC 4791 9.9); weekly series have 20 instances a week apart."""
    lo, hi = (datetime.strptime(t, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc) for t in MONTH)
    def overlaps(i):
        weeks = 20 if i % 5 == 0 else 1
        starts = (event_start(i, n) + timedelta(weeks=w) for w in range(weeks))
        return any(s < hi and s + timedelta(hours=1) > lo for s in starts)
    return sum(1 for i in range(stored) if overlaps(i))


def event_body(i, n, revision=0):
    start = event_start(i, n)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AuroraTime//bench peers//EN",
             "BEGIN:VEVENT", f"UID:bench-{i}@auroratime.test", "DTSTAMP:20260101T000000Z",
             f"DTSTART:{stamp(start)}", f"DTEND:{stamp(start + timedelta(hours=1))}",
             f"SUMMARY:Bench event {i} rev {revision}",
             f"DESCRIPTION:Deterministic benchmark event number {i}\\, for the side-by-side run."]
    if i % 5 == 0:
        lines.append("RRULE:FREQ=WEEKLY;COUNT=20")
    if i % 3 == 0:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


class Client:
    """One keep-alive connection; reconnects once if the server closed it."""

    def __init__(self, host, port, auth):
        self.host, self.port, self.auth = host, port, auth
        self.conn = http.client.HTTPConnection(host, port, timeout=120)

    def request(self, method, path, body=None, headers=None):
        all_headers = dict(headers or {})
        if self.auth:
            all_headers["Authorization"] = self.auth
        for attempt in (0, 1):
            try:
                started = time.perf_counter()
                self.conn.request(method, path, body=body, headers=all_headers)
                response = response_body = None
                response = self.conn.getresponse()
                response_body = response.read()
                elapsed_ms = (time.perf_counter() - started) * 1000
                return response.status, response_body, elapsed_ms
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt:
                    raise


class RawClient:
    """The timed reads' client: one keep-alive connection on a raw socket (put_clients.RawHttpConnection),
    the same for every server, sending the headers http.client sends. http.client spent about 0.55 ms of
    its own CPU per calendar-multiget of 100 (69 KB answer; mostly header parsing and chunk reads), this
    about 0.26 ms (session 5, same machine and load): time that was counted as the server's."""

    def __init__(self, host, port, auth):
        self.host, self.port, self.auth = host, port, auth
        self.conn = RawHttpConnection(host, port, timeout=120)

    def request(self, method, path, body=None, headers=None):
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept-Encoding: identity"]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body is not None:
            head.append(f"Content-Length: {len(body)}")
        if self.auth:
            head.append(f"Authorization: {self.auth}")
        request = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body or b"")
        started = time.perf_counter()
        status, response_body = self.conn.exchange(request)
        return status, response_body, (time.perf_counter() - started) * 1000


def expect(status, allowed, what):
    if status not in allowed:
        raise SystemExit(f"{what}: unexpected HTTP {status}")


XML = {"Content-Type": "application/xml; charset=utf-8"}
PROPFIND_ETAG = b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
QUERY_MONTH = (f'<?xml version="1.0" encoding="utf-8"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
               f'<d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">'
               f'<c:time-range start="{MONTH[0]}" end="{MONTH[1]}"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>').encode()
MKCALENDAR = (b'<?xml version="1.0" encoding="utf-8"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
              b'<d:set><d:prop><d:displayname>Bench</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/>'
              b'</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>')


def multiget_body(paths):
    hrefs = "".join(f"<d:href>{p}</d:href>" for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
            f'<d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>').encode()


def sync_body(token):
    token_xml = f"<d:sync-token>{token}</d:sync-token>" if token else "<d:sync-token/>"
    return (f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">{token_xml}'
            f'<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>').encode()


def count_responses(body):
    return len(re.findall(rb"<(?:[A-Za-z0-9]+:)?response[\s>]", body))


def sync_token_of(body):
    match = re.search(rb"<(?:[A-Za-z0-9]+:)?sync-token>([^<]+)</", body)
    if not match:
        raise SystemExit("sync-collection: no sync-token in the answer")
    return match.group(1).decode()


SERVER_PID = None  # with --pid: the server's CPU time per request is recorded next to each median
CPU_MS = {}
CLIENT_CPU_MS = {}  # the benchmark client's own CPU per request, where it runs concurrently


def server_cpu_ns():
    """CPU time of the server process so far: utime + stime of /proc/PID/stat, which also count threads
    that have ended (Radicale and Xandikos use a thread per request). Resolution: one clock tick (10 ms),
    so per-request figures under a few ms are approximate."""
    with open(f"/proc/{SERVER_PID}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // os.sysconf("SC_CLK_TCK")


def timed(client, reps, method, path, body, headers, allowed, what, cpu_key=None):
    """Median of reps runs, plus the answer of the last one (to count what came back). With a server
    pid and cpu_key, also the server's CPU ms per request, which a loaded machine disturbs far less
    than wall time (it leaves out the wait for a core)."""
    times, last = [], b""
    cpu_before = server_cpu_ns() if SERVER_PID and cpu_key else 0
    client_before = time.process_time()
    for _ in range(reps):
        status, last, ms = client.request(method, path, body, headers)
        expect(status, allowed, what)
        times.append(ms)
    if SERVER_PID and cpu_key:
        CPU_MS[cpu_key] = (server_cpu_ns() - cpu_before) / 1e6 / reps
    if cpu_key:
        CLIENT_CPU_MS[cpu_key] = (time.process_time() - client_before) * 1000 / reps  # the client's part of each wall time
    return statistics.median(times), last


def put_all(host, port, auth, calendar, n, deadline_s):
    """PUTs events 0..n-1 from PUT_CLIENTS client processes (put_clients.py says why processes and
    prepared bytes); stops early at the deadline (a slow peer). The client's own CPU per PUT goes to
    CLIENT_CPU_MS, so a report can show the client is not the limit."""
    requests = [put_request(host, port, f"{calendar}bench-{i}.ics", event_body(i, n), auth) for i in range(n)]
    latencies, errors, wall, client_cpu_s = put_concurrently(host, port, requests, PUT_CLIENTS, deadline_s)
    if errors:
        raise SystemExit(f"PUT: {len(errors)} failures, e.g. {errors[0]}")
    if latencies:
        CLIENT_CPU_MS["put"] = client_cpu_s * 1000 / len(latencies)
    return len(latencies), wall, statistics.median(latencies) if latencies else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--calendar", required=True, help="path of the calendar to create, ending in /")
    parser.add_argument("--prepare", default=None, help="a path to PROPFIND first (creates Radicale's principal)")
    parser.add_argument("--user"), parser.add_argument("--password")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--gets", type=int, default=200)
    parser.add_argument("--put-deadline", type=float, default=150.0, help="seconds for the PUT phase")
    parser.add_argument("--pid", type=int, default=None, help="the server's process id, to record its CPU time per request")
    parser.add_argument("--feed", default=None,
                        help="path of the calendar as one .ics: AuroraTime's feed; for a peer, its calendar's own URL")
    args = parser.parse_args()
    global SERVER_PID
    SERVER_PID = args.pid
    host, port = args.base.split("//")[1].split(":")
    port = int(port.rstrip("/"))
    auth = None
    if args.user:
        auth = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    client, cal, result = RawClient(host, port, auth), args.calendar, {}

    if args.prepare:
        status, _, _ = client.request("PROPFIND", args.prepare, PROPFIND_ETAG, {**XML, "Depth": "0"})
        expect(status, (207,), "PROPFIND of the principal")
    status, _, result["mkcalendar"] = client.request("MKCALENDAR", cal, MKCALENDAR, XML)
    expect(status, (201,), "MKCALENDAR")

    cpu_before = server_cpu_ns() if SERVER_PID else 0
    stored, wall, put_median = put_all(host, port, auth, cal, args.n, args.put_deadline)
    if SERVER_PID and stored:
        CPU_MS["put"] = (server_cpu_ns() - cpu_before) / 1e6 / stored
    result.update(put_median=put_median, put_per_s=stored / wall, stored=stored)
    n = stored  # what the reads below run over

    result["propfind"], body = timed(client, args.reps, "PROPFIND", cal, PROPFIND_ETAG, {**XML, "Depth": "1"}, (207,), "PROPFIND", cpu_key="propfind")
    result["propfind_items"] = count_responses(body)
    result["query_month"], body = timed(client, args.reps, "REPORT", cal, QUERY_MONTH, {**XML, "Depth": "1"}, (207,), "calendar-query", cpu_key="query_month")
    result["query_items"] = count_responses(body)
    result["query_expected"] = expected_in_month(n, args.n)  # events 0..n-1 are the stored ones
    step = max(1, n // 100)  # 100 distinct objects spread over the calendar
    paths = [f"{cal}bench-{i * step}.ics" for i in range(min(100, n))]
    result["multiget_100"], body = timed(client, args.reps, "REPORT", cal, multiget_body(paths), {**XML, "Depth": "1"}, (207,), "multiget", cpu_key="multiget_100")
    result["multiget_items"] = count_responses(body)

    result["sync_initial"], body = timed(client, args.reps, "REPORT", cal, sync_body(None), XML, (207,), "sync-collection", cpu_key="sync_initial")
    result["sync_initial_items"] = count_responses(body)
    token = sync_token_of(body)
    for k in range(10):  # ten changes: new revisions of ten existing events
        i = k * n // 10
        status, _, _ = client.request("PUT", f"{cal}bench-{i}.ics", event_body(i, args.n, revision=1),
                                      {"Content-Type": "text/calendar; charset=utf-8"})
        expect(status, (200, 201, 204), "PUT of a change")
    result["sync_delta"], body = timed(client, args.reps, "REPORT", cal, sync_body(token), XML, (207,), "sync-collection delta", cpu_key="sync_delta")
    result["sync_delta_items"] = count_responses(body)

    result["get_one"], _ = timed(client, args.gets, "GET", f"{cal}bench-{n // 2}.ics", None, None, (200,), "GET", cpu_key="get_one")
    if args.feed:
        # The whole calendar as one iCalendar stream. The same Authorization header goes along: a peer's
        # collection GET needs it, AuroraTime's feed ignores it (the token in the path is the credential).
        status, _, _ = client.request("GET", args.feed)
        if status == 200:
            result["feed"], body = timed(client, args.reps, "GET", args.feed, None, None, (200,), "feed", cpu_key="feed")
            result["feed_items"] = body.count(b"BEGIN:VEVENT")
    result["cpu_ms"] = CPU_MS
    result["client_cpu_ms"] = CLIENT_CPU_MS
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
