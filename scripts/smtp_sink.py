#!/usr/bin/env python3
"""A local SMTP server for tests: accepts every message on 127.0.0.1 and stores it as an .eml
file in a folder. Prints the port it listens on, then runs until stdin closes or it is killed.

    python3 scripts/smtp_sink.py --folder /tmp/mails [--port 2525] [--starttls] [--auth user:password]

With --starttls the server offers STARTTLS with a fresh self-signed certificate and refuses mail
before it; with --auth it requires AUTH (PLAIN or LOGIN) with these credentials, over TLS.
"""
import argparse
import logging
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    sys.stderr.write("aiosmtpd is missing: pip install aiosmtpd\n")
    sys.exit(3)


class Store:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Lets tests see how a permanent refusal is handled.
        if address.startswith("abgelehnt"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.folder, f"{time.time_ns()}-{uuid.uuid4().hex}.eml")
        with open(path + ".part", "wb") as handle:
            handle.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            handle.write(envelope.original_content or envelope.content)
        os.replace(path + ".part", path)
        return "250 Message accepted"


def self_signed_context(folder):
    key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def authenticator_for(credentials):
    user, password = credentials.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok)

    return authenticate


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--auth")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    options = {}
    if args.starttls:
        options.update(tls_context=self_signed_context(args.folder), require_starttls=True)
    if args.auth:
        options.update(authenticator=authenticator_for(args.auth), auth_required=True, auth_require_tls=bool(args.starttls))
    controller = Controller(Store(args.folder), hostname="127.0.0.1", port=args.port or free_port(), **options)
    controller.start()
    print(controller.port, flush=True)
    # Stop when the parent closes our stdin (the test process ended) or on a signal.
    stopper = threading.Thread(target=lambda: sys.stdin.read(), daemon=True)
    stopper.start()
    try:
        while stopper.is_alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
