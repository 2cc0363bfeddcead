#!/usr/bin/python3
"""A local SMTP sink: accepts every mail on 127.0.0.1 and stores each as
NNNNNN.eml in a folder (written to a temporary name, then renamed, so a
reader never sees half a mail). Prints READY once listening; stops on
SIGTERM.

    smtp-sink.py --port 2525 --dir MAILDIR [--tls CERT KEY] [--auth USER:PASS]
"""
import argparse
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()
        os.makedirs(folder, exist_ok=True)
        names = [n for n in os.listdir(folder) if n.endswith(".eml")]
        self.n = max([int(n[:-4]) for n in names if n[:-4].isdigit()] + [0])

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            n = self.n
        head = "X-Sink-From: %s\r\nX-Sink-To: %s\r\nX-Sink-TLS: %s\r\nX-Sink-Auth: %s\r\n" % (
            envelope.mail_from, ", ".join(envelope.rcpt_tos),
            "yes" if session.ssl else "no",
            session.login_data.decode() if isinstance(session.login_data, bytes)
            else (session.login_data or ""))
        body = envelope.original_content or envelope.content
        if isinstance(body, str):
            body = body.encode()
        tmp = os.path.join(self.folder, ".%06d.tmp" % n)
        with open(tmp, "wb") as f:
            f.write(head.encode() + body)
        os.rename(tmp, os.path.join(self.folder, "%06d.eml" % n))
        return "250 OK stored as %06d" % n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--auth", metavar="USER:PASS")
    a = ap.parse_args()

    kw = {}
    if a.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        ctx.num_tickets = 0
        kw.update(tls_context=ctx, require_starttls=True)
    if a.auth:
        user, pw = a.auth.split(":", 1)

        def check(server, session, envelope, mechanism, auth_data):
            ok = (auth_data.login.decode() == user and auth_data.password.decode() == pw)
            return AuthResult(success=ok, auth_data=auth_data if ok else None)

        kw.update(authenticator=check, auth_require_tls=bool(a.tls),
                  auth_exclude_mechanism=["LOGIN"])
    c = Controller(Sink(a.dir), hostname="127.0.0.1", port=a.port,
                   server_hostname="localhost", **kw)
    c.start()
    print("READY", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    c.stop()


if __name__ == "__main__":
    main()
