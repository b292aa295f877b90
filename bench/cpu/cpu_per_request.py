#!/usr/bin/python3
# Server CPU (utime+stime from /proc/PID/stat) per request for a few request kinds against a Release
# `aurora serve` on a free loopback port. Usage: /usr/bin/python3 bench/cpu/cpu_per_request.py AURORA_EXE EMPTY_DATA_DIR
# Best of 3 rounds (300 requests, or 5-20 for whole-calendar ones) after 300 warm-up requests (JIT); clock ticks are 10 ms, so rounds must be long.
import base64, http.client, os, socket, subprocess, sys, time, uuid
exe, data = sys.argv[1], sys.argv[2]
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
subprocess.run([exe, "user", "add", "bench", "--password-stdin", "--data", data], input=b"benchpass-123456\n", check=True, capture_output=True)
# A full-scope feed of all bench's calendars, made before the server starts (the CLI and the server share the file).
feed_out = subprocess.run([exe, "feed", "create", "bench", "--data", data], check=True, capture_output=True).stdout.decode()
feed_path = "/feeds/" + feed_out.split("/feeds/")[1].split()[0]
proc = subprocess.Popen([exe, "serve", "--urls", f"http://127.0.0.1:{port}", "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
auth = "Basic " + base64.b64encode(b"bench:benchpass-123456").decode()
def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = {"Authorization": auth}; h.update(headers or {})
    c.request(method, path, body=body, headers=h); r = c.getresponse(); r.read(); c.close(); return r.status
for _ in range(100):
    try: req("OPTIONS", "/"); break
    except OSError: time.sleep(0.2)
def cpu():
    f = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def ics(uid, alarm=""):
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//b//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:20270301T100000Z\r\nDTEND:20270301T110000Z\r\nSUMMARY:x\r\n{alarm}END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
PROP = b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
def run(name, n, fn):
    for i in range(300): fn(-1 - i)
    best = None
    for rep in range(3):
        c0 = cpu(); t0 = time.time()
        for i in range(n): fn(rep * n + i)
        d = (cpu() - c0) / n * 1000
        best = d if best is None else min(best, d)
    print(f"{name}: {best:.3f} ms CPU/request (best of 3 x {n})", flush=True)
req("PROPFIND", "/calendars/bench/", PROP, {"Depth": "1"})
run("PUT new, no VALARM", 300, lambda i: req("PUT", f"/calendars/bench/default/{uuid.uuid4()}.ics", ics(str(uuid.uuid4())), {"Content-Type": "text/calendar"}))
run("PROPFIND principal Depth 0", 300, lambda i: req("PROPFIND", "/principals/bench/", PROP, {"Depth": "0"}))
run("GET one object", 300, lambda i: req("GET", "/calendars/bench/default/one.ics") if i >= 0 else req("PUT", "/calendars/bench/default/one.ics", ics("one"), {"Content-Type": "text/calendar"}))
# Depth 1 over the calendar with N members
n_now = 1201  # objects written above: 300 warm-up + 900 measured PUTs + one.ics
for i in range(2000 - n_now):
    req("PUT", f"/calendars/bench/default/f{i}.ics", ics(f"f{i}"), {"Content-Type": "text/calendar"})
run("PROPFIND calendar Depth 1 (2000 objects)", 5, lambda i: req("PROPFIND", "/calendars/bench/default/", PROP, {"Depth": "1"}))
# RFC 4791 7.8 calendar-query for the month every event above lies in, with calendar-data: 2000 single events.
QUERY = (b'<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>'
         b'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20270301T000000Z" end="20270401T000000Z"/>'
         b'</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>')
run("calendar-query month with calendar-data (2000 matches)", 20, lambda i: req("REPORT", "/calendars/bench/default/", QUERY, {"Depth": "1", "Content-Type": "application/xml"}))
run("feed, full scope (2000 events)", 20, lambda i: req("GET", feed_path))
proc.terminate(); proc.wait()
