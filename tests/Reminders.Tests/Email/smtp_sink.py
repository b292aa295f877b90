# Test SMTP server: aiosmtpd on 127.0.0.1:<port>, each message's DATA saved as <outdir>/<n>.eml
# with the envelope in <n>.json. Options:
#   --auth user:password   require AUTH (each successful mechanism is appended to auth.txt,
#                          each failed one to auth-failed.txt)
#   --mechanisms LOGIN     offer only these AUTH mechanisms (comma separated)
#   --tls starttls|implicit --cert C --key K   serve TLS with that PEM certificate and key:
#                          starttls offers STARTTLS (RFC 3207) and requires it before AUTH and MAIL;
#                          implicit speaks TLS from the first byte (RFC 8314)
#   --reply CODE           answer every RCPT with this reply instead of accepting (e.g. "451 4.3.0 try later")
#   --refuse ADDRESS=REPLY answer RCPT for this one address with REPLY, accept the others (repeatable)
# Prints "ready" once listening; stops when stdin closes.
import argparse, json, os, ssl, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("outdir")
parser.add_argument("--auth")
parser.add_argument("--mechanisms")
parser.add_argument("--tls", choices=["starttls", "implicit"])
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--reply")
parser.add_argument("--refuse", action="append", default=[])
args = parser.parse_args()
refused = dict(item.split("=", 1) for item in args.refuse)

def append(name, line):
    with open(os.path.join(args.outdir, name), "a") as f:
        f.write(line + "\n")

def authenticate(server, session, envelope, mechanism, auth_data):
    expected_user, expected_password = args.auth.split(":", 1)
    ok = auth_data.login.decode() == expected_user and auth_data.password.decode() == expected_password
    append("auth.txt" if ok else "auth-failed.txt", mechanism)
    # aiosmtpd 1.4 defaults handled=True, which means "I already replied": without handled=False a
    # failed AUTH gets no reply at all and the client waits for its timeout.
    return AuthResult(success=ok, handled=False)

class Sink:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if args.reply:
            return args.reply
        if address in refused:
            return refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        base = os.path.join(args.outdir, str(Sink.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        return "250 OK"

options = {}
if args.auth:
    # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; implicit TLS is encrypted anyway.
    options.update(authenticator=authenticate, auth_required=True, auth_require_tls=args.tls == "starttls")
    if args.mechanisms:
        offered = set(args.mechanisms.split(","))
        options["auth_exclude_mechanism"] = [m for m in ("PLAIN", "LOGIN") if m not in offered]
ssl_context = None
if args.tls:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    if args.tls == "starttls":
        options.update(tls_context=context, require_starttls=True)
    else:
        ssl_context = context

controller = Controller(Sink(), hostname="127.0.0.1", port=args.port, ssl_context=ssl_context, **options)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
