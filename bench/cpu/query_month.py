#!/usr/bin/python3
# Server CPU (utime+stime from /proc/PID/stat) and wall median of the month calendar-query of
# bench/peers (RFC 4791 7.8, with calendar-data) over the same N events (a fifth weekly series of 20),
# against a Release `aurora serve` on a free loopback port; also the same query asking for getetag
# only, which leaves out the calendar-data writing and so shows the match decision and the store read.
# Usage: /usr/bin/python3 bench/cpu/query_month.py AURORA_EXE [--n 2000] [--rounds 3] [--reps 100] [--hold SECONDS]
# --hold keeps the server up (printing its pid) after the warm-up, e.g. for `perf record -p PID`.
import argparse, base64, http.client, os, socket, statistics, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
import workload  # noqa: E402  the same events and query as the side-by-side run

parser = argparse.ArgumentParser()
parser.add_argument("exe")
parser.add_argument("--n", type=int, default=2000)
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--reps", type=int, default=100)
parser.add_argument("--hold", type=float, default=0)
args = parser.parse_args()

data = tempfile.mkdtemp(prefix="qmonth-")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
subprocess.run([args.exe, "user", "add", "bench", "--password-stdin", "--data", data], input=b"benchpass-123456\n", check=True, capture_output=True)
proc = subprocess.Popen([args.exe, "serve", "--urls", f"http://127.0.0.1:{port}", "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    auth = "Basic " + base64.b64encode(b"bench:benchpass-123456").decode()
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
        except OSError:
            time.sleep(0.2)
    client = workload.Client("127.0.0.1", port, auth)
    cal = "/calendars/bench/q/"
    status, _, _ = client.request("MKCALENDAR", cal, workload.MKCALENDAR, workload.XML)
    assert status == 201, status
    stored, _, _ = workload.put_all("127.0.0.1", port, auth, cal, args.n, 600)
    assert stored == args.n
    etag_only = workload.QUERY_MONTH.replace(b"<c:calendar-data/>", b"")

    def cpu():
        f = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

    expected = workload.expected_in_month(args.n, args.n)
    for body, name in ((workload.QUERY_MONTH, "with calendar-data"), (etag_only, "getetag only")):
        for _ in range(30):  # warm-up (JIT, tiered compilation)
            status, answer, _ = client.request("REPORT", cal, body, {**workload.XML, "Depth": "1"})
        found = workload.count_responses(answer)
        assert status == 207 and found == expected, (status, found, expected)
        if args.hold:
            print(f"pid {proc.pid}: holding {args.hold} s while {name} runs", flush=True)
            end = time.time() + args.hold
            while time.time() < end:
                client.request("REPORT", cal, body, {**workload.XML, "Depth": "1"})
            continue
        cpus, walls = [], []
        for _ in range(args.rounds):
            c0 = cpu()
            for _ in range(args.reps):
                _, _, ms = client.request("REPORT", cal, body, {**workload.XML, "Depth": "1"})
                walls.append(ms)
            cpus.append((cpu() - c0) / args.reps * 1000)
        print(f"month query {name} ({found} matches): CPU/request {statistics.median(cpus):.2f} ms "
              f"(rounds {' '.join(f'{c:.2f}' for c in cpus)}), wall median {statistics.median(walls):.2f} ms", flush=True)
finally:
    proc.terminate(); proc.wait()
    subprocess.run(["rm", "-rf", data])
