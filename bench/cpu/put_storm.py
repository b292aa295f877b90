#!/usr/bin/python3
# A PUT storm like bench/peers (8 keep-alive clients, the same event bodies: a fifth weekly, a third
# with an alarm) against a Release `aurora serve` on a free loopback port, reporting PUTs per second,
# the median latency and the server's CPU per PUT (utime+stime from /proc/PID/stat), plus the
# clients' own CPU per PUT (on 2 shared cores the clients compete with the server). The clients are
# bench/peers/put_clients.py: 8 processes, raw keep-alive sockets, request bytes built beforehand.
# Usage: /usr/bin/python3 bench/cpu/put_storm.py AURORA_EXE EMPTY_DATA_DIR [N] [--warm N] [--perf OUT.data]
import base64, os, socket, statistics, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
from workload import Client, event_body  # the same bodies and clients as the side-by-side run
from put_clients import put_concurrently, put_request

args = [a for a in sys.argv[1:]]
perf_out, warm_n = None, 1000
if "--perf" in args:
    i = args.index("--perf"); perf_out = args[i + 1]; del args[i:i + 2]
if "--warm" in args:
    i = args.index("--warm"); warm_n = int(args[i + 1]); del args[i:i + 2]
exe, data = args[0], args[1]
n = int(args[2]) if len(args) > 2 else 2000
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
subprocess.run([exe, "user", "add", "bench", "--password-stdin", "--data", data], input=b"benchpass-123456\n", check=True, capture_output=True)
env = dict(os.environ, DOTNET_PerfMapEnabled="1", DOTNET_EnableWriteXorExecute="0") if perf_out else os.environ
proc = subprocess.Popen([exe, "serve", "--urls", f"http://127.0.0.1:{port}", "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
auth = "Basic " + base64.b64encode(b"bench:benchpass-123456").decode()
try:
    warm = Client("127.0.0.1", port, auth)
    for _ in range(100):
        try: warm.request("OPTIONS", "/"); break
        except OSError: time.sleep(0.2); warm = Client("127.0.0.1", port, auth)
    warm.request("PROPFIND", "/calendars/bench/", b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>', {"Depth": "1"})
    cal = "/calendars/bench/default/"
    for i in range(warm_n):  # JIT warm-up (tier-1 recompiles after 30 calls and a delay), not counted
        warm.request("PUT", f"{cal}warm-{i}.ics", event_body(i, n).replace(b"UID:bench-", b"UID:warm-"), {"Content-Type": "text/calendar; charset=utf-8"})

    def cpu(pid):
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    perf = subprocess.Popen(["perf", "record", "-e", "cpu-clock", "-g", "-p", str(proc.pid), "-o", perf_out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if perf_out else None
    requests = [put_request("127.0.0.1", port, f"{cal}bench-{i}.ics", event_body(i, n), auth) for i in range(n)]
    c0 = cpu(proc.pid)
    lat, errors, wall, client_s = put_concurrently("127.0.0.1", port, requests, 8, deadline_s=600)
    server_ms, client_ms = (cpu(proc.pid) - c0) / n * 1000, client_s / n * 1000
    if perf: perf.send_signal(2); perf.wait()
    if errors: raise SystemExit(f"PUT: {len(errors)} failures, e.g. HTTP {errors[0]}")
    print(f"PUT x{n}, 8 clients: {n / wall:.0f}/s, median {statistics.median(lat):.2f} ms, "
          f"server CPU {server_ms:.3f} ms/PUT, client CPU {client_ms:.3f} ms/PUT", flush=True)
finally:
    proc.terminate(); proc.wait()
