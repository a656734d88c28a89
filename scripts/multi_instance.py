#!/usr/bin/env python3
"""Two Metropole instances on one PostgreSQL database behind nginx on loopback. Shows that
sessions, ratings, rate limits, the search index, the page cache and the mail outbox behave as
with one instance: each queued mail goes out exactly once.

Usage: scripts/with-postgres.sh scripts/multi_instance.py --binary .build/debug/metropole
Needs nginx (Debian) and aiosmtpd (PyPI). Only 127.0.0.1 is contacted; the run ends by itself.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid

import requests

from portal import Portal, csrf, environment, fail, participant, start_nginx

BALANCER_PORT = 18300


def start_balancer(work, ports):
    servers = " ".join(f"server 127.0.0.1:{port};" for port in ports)
    return start_nginx(work, f"""
  upstream metropole {{ {servers} }}
  server {{
    listen 127.0.0.1:{BALANCER_PORT};
    location / {{
      proxy_pass http://metropole;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}""")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/metropole")
    parser.add_argument("--mails", type=int, default=40)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="metropole-multi-")
    env = environment(work, "postgres")
    mail_folder = os.path.join(work, "smtp")
    sink = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "smtp_sink.py"), "--folder", mail_folder],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    smtp_port = int(sink.stdout.readline())
    env["METROPOLE_MAIL"] = f"smtp://127.0.0.1:{smtp_port}?security=none"
    first = Portal(args.binary, dict(env, PORTAL_LOG=f"{work}/first.log"), port=18301)
    second = Portal(args.binary, dict(env, PORTAL_LOG=f"{work}/second.log"), port=18302)
    first.command("migrate", "--yes")
    first.command("seed")
    first.start()
    second.start()
    balancer = start_balancer(work, [first.port, second.port])
    lb = f"http://127.0.0.1:{BALANCER_PORT}"
    checks = []
    try:
        # Sessions: signed in on one instance, known to the other.
        email, session = participant(first, 1, admin=True)
        for portal in (first, second):
            page = session.get(portal.base + "/konto", timeout=10)
            if page.status_code != 200 or "Person 1" not in page.text:
                fail(f"the session is unknown on port {portal.port}")
        checks.append("a session made on one instance is valid on the other")

        # Ratings: given on the first, counted on the second (whose page cache must notice).
        forum = re.search(r'href="(/themenforen/[a-z0-9-]+)"', requests.get(lb + "/themenforen", timeout=10).text).group(1)
        event = re.search(r'href="(/veranstaltungen/(?!kalender)[a-z0-9-]+)"', requests.get(lb + "/veranstaltungen", timeout=10).text).group(1)
        summary = lambda: re.search(r'<p class="rating-summary">([^<]*)</p>', requests.get(second.base + event, timeout=10).text).group(1)
        before = summary()
        page = session.get(first.base + event, timeout=10).text
        target = re.search(r'name="art" value="event"><input type="hidden" name="ziel" value="([0-9a-f-]{36})"', page).group(1)
        answer = session.post(first.base + "/bewertungen", data={"_csrf": session.token, "art": "event", "ziel": target, "sterne": "4"}, allow_redirects=False, timeout=10)
        time.sleep(0.5)  # another instance trusts the version it read for 0.25 s (docs/deployment.md)
        after = summary()
        if answer.status_code != 303 or after == before:
            fail(f"a rating on the first instance is not counted on the second: {before!r} → {after!r}")
        checks.append(f"a rating on the first instance is counted on the second ({before!r} → {after!r})")

        # Sign-in throttle: failed attempts from one address, alternating between the instances. Twenty
        # failures are free, the 21st starts a wait, so the 22nd and 23rd attempts are refused.
        statuses = []
        for attempt in range(23):
            portal = (first, second)[attempt % 2]
            browser = requests.Session()
            form = browser.get(portal.base + "/anmelden", timeout=10)
            statuses.append(browser.post(portal.base + "/anmelden", timeout=10, allow_redirects=False,
                                         headers={"X-Forwarded-For": "10.9.8.7"},
                                         data={"_csrf": csrf(form.text), "email": f"niemand{attempt}@beispiel.de", "passwort": "falsch"}).status_code)
        if statuses != [422] * 21 + [429, 429]:
            fail(f"the failed sign-ins from one address are not counted across the instances: {statuses}")
        checks.append("failed sign-ins from one address count on both instances together (the 22nd and 23rd wait)")

        # Search index: an idea written on the second instance is found on the first.
        title = f"Seilbahn über die Emscher {uuid.uuid4().hex[:6]}"
        form = session.get(second.base + forum + "/ideen/neu", timeout=10)
        session.post(second.base + forum + "/ideen/neu", data={"_csrf": csrf(form.text), "titel": title, "text": "Eine Seilbahn verbindet beide Ufer."},
                     allow_redirects=False, timeout=10)
        if title not in session.get(first.base + "/suche", params={"q": "Seilbahn Emscher"}, timeout=10).text:
            fail("an idea written on the second instance is not found by the first")
        checks.append("an idea written on one instance is found by the search of the other")

        # Outbox: newsletter confirmations queued on both instances; both instances deliver.
        topic = re.search(r'name="themen(?:\[\])?" value="([^"]+)"', requests.get(lb + "/newsletter", timeout=10).text).group(1)
        addresses = [f"leser{number}-{uuid.uuid4().hex[:6]}@beispiel.de" for number in range(args.mails)]
        for number, address in enumerate(addresses):
            # Straight to the instances (in turn): the balancer would hide the varied addresses
            # that keep the subscriptions under the per-address limit.
            base = (first, second)[number % 2].base
            browser = requests.Session()
            form = browser.get(base + "/newsletter", timeout=10)
            answer = browser.post(base + "/newsletter", timeout=10, headers={"X-Forwarded-For": f"10.1.{number // 200}.{number % 200 + 1}"},
                                  data={"_csrf": csrf(form.text), "email": address, "themen[]": topic})
            if answer.status_code != 200:
                fail(f"subscribing {address} answered {answer.status_code}")
        deadline = time.time() + 120
        while time.time() < deadline:
            delivered = {}
            for path in glob.glob(os.path.join(mail_folder, "*.eml")):
                text = open(path, encoding="utf-8", errors="replace").read()
                for address in addresses:
                    if address in text:
                        delivered[address] = delivered.get(address, 0) + 1
            if len(delivered) == len(addresses):
                break
            time.sleep(1)
        time.sleep(3)  # a duplicate would arrive now
        delivered = {}
        for path in glob.glob(os.path.join(mail_folder, "*.eml")):
            text = open(path, encoding="utf-8", errors="replace").read()
            for address in addresses:
                if address in text:
                    delivered[address] = delivered.get(address, 0) + 1
        wrong = {address: delivered.get(address, 0) for address in addresses if delivered.get(address, 0) != 1}
        if wrong:
            fail(f"mails not delivered exactly once: {list(wrong.items())[:5]}")
        checks.append(f"{len(addresses)} queued mails, each delivered exactly once with both instances' outbox workers running")
    finally:
        balancer.terminate()
        first.stop()
        second.stop()
        sink.stdin.close()
        sink.terminate()
    for check in checks:
        print("  ok: " + check)
    print("several instances: passed")


if __name__ == "__main__":
    main()
