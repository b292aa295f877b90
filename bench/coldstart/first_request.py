"""Cold start to the first real request: process start to the first 200 on /healthz, then one
authenticated PROPFIND Depth 0, in milliseconds.

Usage: /usr/bin/python3 first_request.py USER PASSWORD RUNS -- COMMAND...
  COMMAND starts the server; the literal {port} in it is replaced by a fresh free loopback port each run.

Why beside first_response.py: the readiness probe is what ends a Lambda INIT (issue 6), but some start-up
work (the route matcher, OpenSSL for the credential cache's HMAC) is now done on the first request that
needs it instead of before /healthz answers. This measures the sum a client sees on a cold instance, so a
start-up change that only moves cost past the probe shows here.
Prints one line per run and a last line "median ready X ms, first PROPFIND X ms (+X ms); cpu median X ms".
"""
import base64
import http.client
import statistics
import sys
import time

from first_response import cpu_ms, first_response, free_port, stop_process

PROPFIND = (b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
            b'<d:current-user-principal/></d:prop></d:propfind>')


def propfind(port, user, password):
    """One PROPFIND Depth 0 on the root (principal discovery, what clients send first) with Basic auth; the status."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("PROPFIND", "/", body=PROPFIND, headers={
        "Depth": "0", "Content-Type": "application/xml; charset=utf-8", "Authorization": f"Basic {token}"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def main():
    user, password, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    command = sys.argv[sys.argv.index("--") + 1:]
    ready, first, cpus = [], [], []
    for run in range(1, runs + 1):
        port = free_port()
        started = time.perf_counter()
        process, ready_ms = first_response(f"http://127.0.0.1:{port}/healthz", "200",
                                           [part.replace("{port}", str(port)) for part in command], keep=True)
        try:
            status = propfind(port, user, password)
            if status != 207:
                raise SystemExit(f"PROPFIND answered {status}, not 207: check USER and PASSWORD")
            first_ms = (time.perf_counter() - started) * 1000.0
            cpu = cpu_ms(process.pid)
        finally:
            stop_process(process)
        ready.append(ready_ms)
        first.append(first_ms)
        cpus.append(cpu)
        print(f"run {run}: ready {ready_ms:.1f} ms, first PROPFIND {first_ms:.1f} ms, cpu {cpu:.1f} ms", flush=True)
    print(f"median ready {statistics.median(ready):.1f} ms, first PROPFIND {statistics.median(first):.1f} ms "
          f"(+{statistics.median(f - r for f, r in zip(first, ready)):.1f} ms); cpu median {statistics.median(cpus):.1f} ms")


if __name__ == "__main__":
    main()
