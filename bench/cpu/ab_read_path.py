#!/usr/bin/python3
# Before/after on a loaded machine: two `aurora serve` builds side by side, each seeded with the same
# N events (bench/peers/workload.py), then request kinds alternate between them round by round so load
# from other processes hits both alike. Prints per kind the median server CPU ms per request (utime+stime,
# /proc/PID/task/*/schedstat, nanoseconds) of each build and their ratio. The build started first used to
# measure cheaper in both orders (19-22 vs 28-58 ms for PROPFIND at load 25-30): the other was still
# compiling tier-1 code in the background during its rounds. So warm-up runs twice with pauses for the
# background JIT, and each kind also prints the median of the per-round ratios. Still run both orders.
# Usage: /usr/bin/python3 bench/cpu/ab_read_path.py EXE_A EXE_B [N] [ROUNDS] [KINDS, comma-separated]
import base64, os, socket, statistics, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers"))
import workload as w

exes = sys.argv[1:3]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 9
wanted = sys.argv[5].split(",") if len(sys.argv) > 5 else None
auth = "Basic " + base64.b64encode(b"bench:benchpass-123456").decode()
cal = "/calendars/bench/read/"


def cpu_ms(pid):
    """Run time of the server's live threads in ns (schedstat): clock ticks (10 ms) were too coarse per round."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass  # the thread ended meanwhile
    return total / 1e6


servers = []
try:
    for exe in exes:
        data = tempfile.mkdtemp()
        subprocess.run([exe, "user", "add", "bench", "--password-stdin", "--data", data], input=b"benchpass-123456\n", check=True, capture_output=True)
        s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        proc = subprocess.Popen([exe, "serve", "--urls", f"http://127.0.0.1:{port}", "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append((proc, port))
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
            except OSError: time.sleep(0.2)
        client = w.Client("127.0.0.1", port, auth)
        status, _, _ = client.request("MKCALENDAR", cal, w.MKCALENDAR, w.XML); w.expect(status, (201,), "MKCALENDAR")
        w.put_all("127.0.0.1", port, auth, cal, n, 600)
    step = max(1, n // 100)
    kinds = {
        "propfind_depth1": (10, "PROPFIND", cal, w.PROPFIND_ETAG, {**w.XML, "Depth": "1"}),
        "multiget_100": (60, "REPORT", cal, w.multiget_body([f"{cal}bench-{i * step}.ics" for i in range(100)]), {**w.XML, "Depth": "1"}),
        "get_one": (400, "GET", f"{cal}bench-{n // 2}.ics", None, None),
        "query_month": (10, "REPORT", cal, w.QUERY_MONTH, {**w.XML, "Depth": "1"}),
        "sync_initial": (10, "REPORT", cal, w.sync_body(None), w.XML),
    }
    kinds = {k: v for k, v in kinds.items() if not wanted or k in wanted}
    clients = [w.Client("127.0.0.1", port, auth) for _, port in servers]
    for pause in (0, 4, 4):  # warm-up (JIT), twice more after a pause in which tier-1 compiles finish
        time.sleep(pause)
        for c in clients:
            for reps, method, path, body, headers in kinds.values():
                for _ in range(reps): c.request(method, path, body, headers)
    time.sleep(4)
    results = {k: ([], []) for k in kinds}
    walls = {k: ([], []) for k in kinds}  # every single request's wall ms, per build
    for r in range(rounds):
        for name, (reps, method, path, body, headers) in kinds.items():
            order = [0, 1] if r % 2 == 0 else [1, 0]
            for i in order:
                pid = servers[i][0].pid; c0 = cpu_ms(pid)
                for _ in range(reps): walls[name][i].append(clients[i].request(method, path, body, headers)[2])
                results[name][i].append((cpu_ms(pid) - c0) / reps)
    for name, (a, b) in results.items():
        ma, mb = statistics.median(a), statistics.median(b)
        per_round = statistics.median(y / x for x, y in zip(a, b) if x > 0)
        print(f"{name}: A {ma:.3f} ms CPU/request, B {mb:.3f} ms, B/A {mb / ma:.2f}, median per-round B/A {per_round:.2f} ({rounds} alternating rounds); "
              f"wall median A {statistics.median(walls[name][0]):.3f} ms, B {statistics.median(walls[name][1]):.3f} ms", flush=True)
finally:
    for proc, _ in servers:
        proc.terminate(); proc.wait()
