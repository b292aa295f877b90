# Test SMTP server: aiosmtpd on 127.0.0.1:<port>, each message's DATA saved as <outdir>/<n>.eml
# with the envelope in <n>.json. With a third argument "user:password" it requires AUTH (PLAIN or
# LOGIN, allowed without TLS on loopback for the test). Prints "ready" once listening; stops when
# stdin closes.
import json, os, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

port, outdir = int(sys.argv[1]), sys.argv[2]
credentials = sys.argv[3] if len(sys.argv) > 3 else None

def authenticate(server, session, envelope, mechanism, auth_data):
    expected_user, expected_password = credentials.split(":", 1)
    ok = (auth_data.login.decode() == expected_user and auth_data.password.decode() == expected_password)
    if ok:
        with open(os.path.join(outdir, "auth.txt"), "a") as f:
            f.write(mechanism + "\n")
    return AuthResult(success=ok)

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

extra = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False) if credentials else {}
controller = Controller(Sink(), hostname="127.0.0.1", port=port, **extra)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
