"""Time from process start to the first HTTP answer, in milliseconds.

Usage: /usr/bin/python3 first_response.py URL EXPECT RUNS -- COMMAND...
  URL     polled with a plain HTTP/1.1 GET until it answers; the literal {port} in URL and COMMAND is
          replaced by a fresh free loopback port on every run
  EXPECT  "200" to wait for a 200, "any" to take the first response of any status (peers without
          a health endpoint answer 401/403 on "/" once they serve)
  RUNS    how many cold starts; each process is killed (SIGTERM, then SIGKILL) before the next
Prints one line per run ("run N: X ms, cpu Y ms") and then "median X ms, min X ms, max X ms; cpu median Y ms".
"cpu" is the CPU time all threads of the process had used when the answer came (Linux schedstat):
on a loaded machine wall time mostly measures waiting for a core, CPU time what starting costs.

A raw socket, not curl: spawning a client per poll would add milliseconds and coarsen the steps.
"""
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ms(pid):
    """CPU time of every thread of pid so far, in ms (first field of /proc/PID/task/TID/schedstat, ns)."""
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="ascii") as handle:
                    total += int(handle.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass  # a thread that ended in between
    except FileNotFoundError:
        return float("nan")
    return total / 1e6


def split_url(url):
    """(host, port, path) of an http://host:port/path URL."""
    host_port = url.split("//", 1)[1].split("/", 1)
    host, port = host_port[0].split(":")
    return host, int(port), "/" + (host_port[1] if len(host_port) > 1 else "")


def answers(host, port, path, expect, timeout):
    """One GET: whether it was answered with the expected status ("any" takes every status); False while
    nothing listens yet."""
    try:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return expect == "any" or status == int(expect)
    except OSError:
        return False


def first_response(url, expect, command, timeout=60.0, keep=False):
    """Starts command and polls url until it answers: (elapsed ms, CPU ms), the process stopped after.
    With keep, (process, elapsed ms) and the process left running for the caller to stop_process."""
    host, port, path = split_url(url)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    answered = False
    try:
        while time.perf_counter() - started < timeout:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode} before answering")
            if answers(host, port, path, expect, timeout=2):
                answered = True
                elapsed = (time.perf_counter() - started) * 1000.0
                return (process, elapsed) if keep else (elapsed, cpu_ms(process.pid))
            time.sleep(0.0005)
        raise TimeoutError(f"no answer from {url} within {timeout} s")
    finally:
        if not (keep and answered):
            stop_process(process)


def stop_process(process):
    """SIGTERM to the process group, SIGKILL if it is still there after 10 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main():
    url, expect, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    command = sys.argv[sys.argv.index("--") + 1:]
    times, cpus = [], []
    for run in range(1, runs + 1):
        port = str(free_port())
        elapsed, cpu = first_response(url.replace("{port}", port), expect, [part.replace("{port}", port) for part in command])
        times.append(elapsed)
        cpus.append(cpu)
        print(f"run {run}: {elapsed:.1f} ms, cpu {cpu:.1f} ms", flush=True)
    print(f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms; cpu median {statistics.median(cpus):.1f} ms")


if __name__ == "__main__":
    main()
