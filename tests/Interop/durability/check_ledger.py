#!/usr/bin/python3
"""After a kill -9 and a restart, checks the ledger of put_writer.py against the server.

Every acknowledged object must answer GET 200 with the ETag of its last acknowledged write. The
one allowed difference: a later write to the same href that was sent but never answered (the
server died between commit and response) may have landed; then the body must be exactly that
revision. Prints each failure and "checked N objects (M with an unacknowledged later write)";
exit status 1 on any failure."""
import base64, http.client, sys

port, user, password, ledger = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
acked, sent, failures = {}, {}, 0
for line in open(ledger):
    kind, href, revision, *rest = line.split()
    if kind == "ack":
        acked[href] = (int(revision), rest[0])
    elif kind == "sent":
        sent[href] = max(sent.get(href, 0), int(revision))
    else:
        print(f"unexpected answer during the writes: {line.strip()}")
        failures += 1
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
later = 0
for href, (revision, etag) in sorted(acked.items()):
    conn.request("GET", href, headers={"Authorization": auth})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        print(f"lost: {href} answers {response.status}; revision {revision} was acknowledged with {etag}")
        failures += 1
    elif response.getheader("ETag") != etag:
        pending = sent.get(href, 0)
        if pending > revision and f"revision {pending}\r\n".encode() in body:
            later += 1
        else:
            print(f"wrong: {href} has ETag {response.getheader('ETag')}; revision {revision} was acknowledged with {etag}")
            failures += 1
print(f"checked {len(acked)} objects ({later} with an unacknowledged later write)")
sys.exit(1 if failures else 0)
