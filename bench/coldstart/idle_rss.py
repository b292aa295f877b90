"""Idle memory of a freshly started server: RSS after start and one answered request (issue 8 item 4).

Usage: /usr/bin/python3 idle_rss.py URL RUNS [SETTLE_SECONDS] -- COMMAND...
  URL     polled until it answers 200 (the literal {port} in URL and COMMAND becomes a free loopback port)
  RUNS    how many fresh processes; each is killed (SIGTERM, then SIGKILL) after its reading
  SETTLE  seconds to wait after the first 200 before reading (default 2), so start-up work has finished
Prints per run VmRSS with its parts (RssAnon: heaps and JIT code; RssFile: mapped binaries) in MB, then
"median rss X MB (anon Y, file Z)".

The process measured is the one started, or its single child when COMMAND is a launcher such as
`dotnet run` (the launcher's own memory is not the server's).
"""
import os
import signal
import statistics
import subprocess
import sys
import time

from first_response import answers, free_port, split_url


def status_mb(pid):
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                fields[name] = int(value.split()[0]) / 1024.0
    return fields


def server_pid(pid):
    """The launched process, or its only child (dotnet run starts the server as a child)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            children = handle.read().split()
    except FileNotFoundError:
        return pid
    return int(children[0]) if len(children) == 1 else pid


def wait_for_200(url, process, timeout):
    host, port, path = split_url(url)
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode} before answering")
        if answers(host, port, path, "200", timeout=5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"no 200 from {url} within {timeout} s")


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass  # already gone
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main():
    url, runs = sys.argv[1], int(sys.argv[2])
    settle = float(sys.argv[3]) if sys.argv[3] != "--" else 2.0
    command = sys.argv[sys.argv.index("--") + 1:]
    readings = []
    for run in range(1, runs + 1):
        port = str(free_port())
        process = subprocess.Popen([part.replace("{port}", port) for part in command],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for_200(url.replace("{port}", port), process, timeout=300)
            time.sleep(settle)
            reading = status_mb(server_pid(process.pid))
        finally:
            stop(process)
        readings.append(reading)
        print(f"run {run}: rss {reading['VmRSS']:.1f} MB (anon {reading['RssAnon']:.1f}, file {reading['RssFile']:.1f})", flush=True)
    median = {name: statistics.median(r[name] for r in readings) for name in ("VmRSS", "RssAnon", "RssFile")}
    print(f"median rss {median['VmRSS']:.1f} MB (anon {median['RssAnon']:.1f}, file {median['RssFile']:.1f})")


if __name__ == "__main__":
    main()
