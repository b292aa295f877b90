# Independent check of a message with Python's email package: prints headers and parts as JSON.
import email, email.policy, json, sys
with open(sys.argv[1], "rb") as f:
    raw = f.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
parts = [{"type": p.get_content_type(), "cte": p.get("Content-Transfer-Encoding"), "text": p.get_content()}
         for p in msg.walk() if not p.is_multipart()]
print(json.dumps({
    "subject": str(msg["Subject"]), "to": str(msg["To"]), "from": str(msg["From"]),
    "date": str(msg["Date"]), "message_id": str(msg["Message-ID"]),
    "unsubscribe": msg["List-Unsubscribe"] and str(msg["List-Unsubscribe"]),
    "type": msg.get_content_type(), "defects": len(msg.defects) + sum(len(p.defects) for p in msg.walk()),
    "bare_lf": b"\n" in raw.replace(b"\r\n", b""), "parts": parts}))
