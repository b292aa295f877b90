#!/usr/bin/python3
# Server CPU and wall time per request for the DAV read path (issue 8): PROPFIND Depth 1 (getetag) over
# N members, calendar-multiget of 100, GET of one object, against a Release `aurora serve` on a free
# loopback port. Events are bench/peers/workload.py's, so the numbers compare with bench/peers.
# Usage: /usr/bin/python3 bench/cpu/read_path.py AURORA_EXE EMPTY_DATA_DIR [N] [ROUNDS]
# Prints, per request kind, the median over ROUNDS of CPU ms per request (utime+stime of the server
# from /proc/PID/stat over a round) and the median wall ms of single requests. With HOLD=SECONDS it keeps
# the server running that long afterwards (to attach perf).
import os, socket, statistics, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers"))
import workload as w

exe, data = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
subprocess.run([exe, "user", "add", "bench", "--password-stdin", "--data", data], input=b"benchpass-123456\n", check=True, capture_output=True)
proc = subprocess.Popen([exe, "serve", "--urls", f"http://127.0.0.1:{port}", "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
w.SERVER_PID = proc.pid
try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
        except OSError: time.sleep(0.2)
    import base64
    auth = "Basic " + base64.b64encode(b"bench:benchpass-123456").decode()
    cal = "/calendars/bench/read/"
    client = w.Client("127.0.0.1", port, auth)
    status, _, _ = client.request("MKCALENDAR", cal, w.MKCALENDAR, w.XML); w.expect(status, (201,), "MKCALENDAR")
    stored, _, _ = w.put_all("127.0.0.1", port, auth, cal, n, 600)
    step = max(1, n // 100)
    kinds = {
        "propfind_depth1": (5, "PROPFIND", cal, w.PROPFIND_ETAG, {**w.XML, "Depth": "1"}, n + 1),
        "multiget_100": (40, "REPORT", cal, w.multiget_body([f"{cal}bench-{i * step}.ics" for i in range(100)]), {**w.XML, "Depth": "1"}, 100),
        "get_one": (300, "GET", f"{cal}bench-{n // 2}.ics", None, None, None),
    }
    for name, (reps, method, path, body, headers, items) in kinds.items():
        st, answer, _ = client.request(method, path, body, headers)
        if items is not None and w.count_responses(answer) != items:
            raise SystemExit(f"{name}: {w.count_responses(answer)} responses, expected {items}")
        for _ in range(reps): client.request(method, path, body, headers)  # warm-up (JIT)
    results = {k: ([], []) for k in kinds}
    for _ in range(rounds):  # interleaved kinds, several rounds
        for name, (reps, method, path, body, headers, _) in kinds.items():
            reps *= 4
            c0 = w.server_cpu_ns(); walls = []
            for _ in range(reps):
                st, _, ms = client.request(method, path, body, headers); walls.append(ms)
            results[name][0].append((w.server_cpu_ns() - c0) / 1e6 / reps)
            results[name][1].append(statistics.median(walls))
    for name, (cpus, walls) in results.items():
        print(f"{name}: CPU {statistics.median(cpus):.3f} ms/request, wall median {statistics.median(walls):.3f} ms "
              f"(rounds: {' '.join(f'{c:.2f}' for c in cpus)})", flush=True)
    if os.environ.get("HOLD"):
        print(f"server pid {proc.pid} port {port}", flush=True); time.sleep(float(os.environ["HOLD"]))
finally:
    proc.terminate(); proc.wait()
