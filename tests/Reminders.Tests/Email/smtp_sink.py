# Test SMTP server: aiosmtpd on 127.0.0.1:<port>, each message's DATA saved as <outdir>/<n>.eml
# with the envelope in <n>.json. Prints "ready" once listening; stops when stdin closes.
import json, os, sys, time
from aiosmtpd.controller import Controller

port, outdir = int(sys.argv[1]), sys.argv[2]

class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        base = os.path.join(outdir, str(Sink.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        return "250 OK"

controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
