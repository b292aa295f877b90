#!/usr/bin/python3
"""Writes calendar objects from 8 concurrent keep-alive clients until the server goes away.

Before each PUT the ledger gets "sent HREF REVISION"; once it is acknowledged (201 Created or 204
No Content, with its ETag) it gets "ack HREF REVISION ETAG", flushed before the next PUT, so the
ledger holds exactly what the server promised to keep, and which unacknowledged write may also
have landed. Mixes creations with updates of already acknowledged objects (If-Match,
RFC 9110 13.1.1), so both kinds of write are checked after the crash. Standard library only.
"""
import argparse, base64, http.client, threading, time

CLIENTS = 8


def event(uid, revision):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime//durability test//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\n"
            f"DTEND:20260301T110000Z\r\nSUMMARY:durability {uid} revision {revision}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True), parser.add_argument("--calendar", required=True)
    parser.add_argument("--user", required=True), parser.add_argument("--password", required=True)
    parser.add_argument("--prefix", required=True), parser.add_argument("--ledger", required=True)
    parser.add_argument("--seconds", type=float, default=20.0, help="upper bound; normally the server is killed first")
    args = parser.parse_args()
    auth = "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    lock = threading.Lock()
    ledger = open(args.ledger, "a", buffering=1)
    stop_at = time.monotonic() + args.seconds

    def worker(number):
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
        acknowledged = {}  # href -> etag, this client's own objects
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            # Every third write updates one of this client's objects (If-Match on its last ETag).
            if i % 3 == 0 and acknowledged:
                href = sorted(acknowledged)[i % len(acknowledged)]
                headers = {"If-Match": acknowledged[href]}
            else:
                href = f"{args.calendar}{args.prefix}-{number}-{i}.ics"
                headers = {"If-None-Match": "*"}
            uid = href.rsplit("/", 1)[1][:-4]
            with lock:
                ledger.write(f"sent {href} {i}\n")
            try:
                conn.request("PUT", href, body=event(uid, i),
                             headers={**headers, "Authorization": auth, "Content-Type": "text/calendar; charset=utf-8"})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                return  # the server is gone: what was acknowledged before is in the ledger
            if response.status in (201, 204):
                etag = response.getheader("ETag")
                acknowledged[href] = etag
                with lock:
                    ledger.write(f"ack {href} {i} {etag}\n")
            elif response.status != 412:
                with lock:
                    ledger.write(f"unexpected {href} {i} HTTP-{response.status}\n")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
