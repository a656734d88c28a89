#!/usr/bin/env python3
"""A local SMTP server for tests: accepts every message on 127.0.0.1 and stores it as an .eml
file in a folder. Prints the port it listens on, then runs until stdin closes or it is killed.

    python3 scripts/smtp_sink.py --folder /tmp/mails [--port 2525]
"""
import argparse
import os
import socket
import sys
import threading
import time
import uuid

try:
    from aiosmtpd.controller import Controller
except ImportError:
    sys.stderr.write("aiosmtpd is missing: pip install aiosmtpd\n")
    sys.exit(3)


class Store:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.folder, f"{time.time_ns()}-{uuid.uuid4().hex}.eml")
        with open(path + ".part", "wb") as handle:
            handle.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            handle.write(envelope.original_content or envelope.content)
        os.replace(path + ".part", path)
        return "250 Message accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    controller = Controller(Store(args.folder), hostname="127.0.0.1", port=args.port or free_port())
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
