#!/usr/bin/python3
"""Creates the calendar the load run reads and PUTs N events into it (bench/peers/workload.py's
deterministic content), then prints the ETag of the object the GET run asks for."""
import argparse, base64, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
import workload  # noqa: E402  (bench/peers/workload.py: same events, same client)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True)
    parser.add_argument("--calendar", required=True)
    parser.add_argument("--prepare", default=None)
    parser.add_argument("--user"), parser.add_argument("--password")
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    host, port = args.base.split("//")[1].split(":")
    auth = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode() if args.user else None
    client = workload.Client(host, int(port.rstrip("/")), auth)
    if args.prepare:
        status, _, _ = client.request("PROPFIND", args.prepare, workload.PROPFIND_ETAG, {**workload.XML, "Depth": "0"})
        workload.expect(status, (207,), "PROPFIND of the principal")
    status, _, _ = client.request("MKCALENDAR", args.calendar, workload.MKCALENDAR, workload.XML)
    workload.expect(status, (201,), "MKCALENDAR")
    for i in range(args.n):
        status, _, _ = client.request("PUT", f"{args.calendar}bench-{i}.ics", workload.event_body(i, args.n),
                                      {"Content-Type": "text/calendar; charset=utf-8"})
        workload.expect(status, (201, 204), "PUT")


if __name__ == "__main__":
    main()
