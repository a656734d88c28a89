#!/usr/bin/env python3
"""Crash safety of Metropole: kills the server with SIGKILL in the middle of a stream of writes
(ideas, ratings, newsletter subscriptions), starts it again on the same database and checks
that every write that was answered with success is there. With --database postgres it also
stops PostgreSQL while the portal runs: pages must answer 503 with a German message, and the
portal must recover by itself once the database is back.

Usage: scripts/crash_test.py --binary .build/debug/metropole --database sqlite
       scripts/with-postgres.sh scripts/crash_test.py --binary .build/debug/metropole --database postgres
Only 127.0.0.1 is contacted; the run ends by itself.
"""
import argparse
import concurrent.futures
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import requests

from portal import BASE, Portal, csrf, environment, fail, participant


def write_stream(seconds, people, event_ids, topics):
    """Writes from several threads until the time is up; returns what was acknowledged."""
    acknowledged = {"ideas": [], "ratings": {}, "subscribers": []}
    lock = threading.Lock()
    stop_at = time.time() + seconds

    def worker(index):
        email, session = people[index]
        events = list(event_ids)
        random.shuffle(events)
        anonymous = requests.Session()
        while time.time() < stop_at:
            choice = random.random()
            try:
                if choice < 0.4:
                    title = f"Absturzidee {uuid.uuid4().hex[:10]}"
                    answer = session.post(BASE + "/themenforen/neue-mobilitaet/ideen/neu", timeout=10, allow_redirects=False,
                                          data={"_csrf": session.token, "titel": title, "text": "Eine Idee, geschrieben kurz vor dem Absturz."})
                    if answer.status_code == 303:
                        with lock:
                            acknowledged["ideas"].append(title)
                elif choice < 0.7 and events:
                    event = events.pop()
                    answer = session.post(BASE + "/bewertungen", timeout=10, allow_redirects=False,
                                          data={"_csrf": session.token, "art": "event", "ziel": event, "sterne": str(random.randint(1, 5))})
                    if answer.status_code == 303:
                        with lock:
                            acknowledged["ratings"][email] = acknowledged["ratings"].get(email, 0) + 1
                else:
                    address = f"leserin-{uuid.uuid4().hex[:10]}@beispiel.de"
                    form = anonymous.get(BASE + "/newsletter", timeout=10)
                    answer = anonymous.post(BASE + "/newsletter", timeout=10, allow_redirects=False,
                                            headers={"X-Forwarded-For": f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"},
                                            data={"_csrf": csrf(form.text), "email": address, "themen[]": topics[0]})
                    if answer.status_code == 200:
                        with lock:
                            acknowledged["subscribers"].append(address)
            except requests.RequestException:
                return  # the server is gone

    pool = concurrent.futures.ThreadPoolExecutor(len(people))
    futures = [pool.submit(worker, index) for index in range(len(people))]
    pool.shutdown(wait=False)
    return futures, acknowledged


def query(args, env, sql):
    if args.database == "sqlite":
        with sqlite3.connect(env["METROPOLE_SQLITE_PATH"]) as connection:
            return [row[0] for row in connection.execute(sql)]
    result = subprocess.run(["psql", env["DATABASE_URL"], "-At", "-c", sql], capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/metropole")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="metropole-crash-")
    env = environment(work, args.database)

    portal = Portal(args.binary, env)
    portal.command("migrate", "--yes")
    portal.command("seed")
    portal.start()
    try:
        people = [participant(portal, number) for number in range(6)]
        slugs = [event["slug"] for event in requests.get(BASE + "/api/v1/events", timeout=10).json()["items"]][:40]
        event_ids = []
        for slug in slugs:
            match = re.search(r'name="art" value="event"><input type="hidden" name="ziel" value="([0-9a-fA-F-]{36})"', people[0][1].get(f"{BASE}/veranstaltungen/{slug}", timeout=10).text)
            if match:
                event_ids.append(match.group(1))
        topics = re.findall(r'name="themen(?:\[\])?" value="([^"]+)"', requests.get(BASE + "/newsletter", timeout=10).text)
        if not event_ids or not topics:
            fail("no events or newsletter topics to write to")
        futures, acknowledged = write_stream(args.seconds + 30, people, event_ids, topics)
        time.sleep(args.seconds)
        portal.kill()
        for future in futures:
            future.result()
        total = len(acknowledged["ideas"]) + sum(acknowledged["ratings"].values()) + len(acknowledged["subscribers"])
        print(f"crash test ({args.database}): SIGKILL after {args.seconds}s; {len(acknowledged['ideas'])} ideas, "
              f"{sum(acknowledged['ratings'].values())} ratings, {len(acknowledged['subscribers'])} subscriptions acknowledged")
        if total < 20:
            fail(f"only {total} writes before the kill; the stream did not get going")

        portal.start()
        stored_titles = set(query(args, env, "SELECT title FROM ideas WHERE title LIKE 'Absturzidee %'"))
        missing = [title for title in acknowledged["ideas"] if title not in stored_titles]
        stored_subscribers = set(query(args, env, "SELECT email FROM subscribers"))
        missing += [address for address in acknowledged["subscribers"] if address not in stored_subscribers]
        for email, count in acknowledged["ratings"].items():
            stored = int(query(args, env, f"SELECT count(*) FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.email = '{email}'")[0])
            if stored < count:
                missing.append(f"{count - stored} ratings of {email}")
        if missing:
            fail(f"{len(missing)} acknowledged writes are lost after the restart: {missing[:5]}")
        if requests.get(BASE + "/themenforen/neue-mobilitaet", timeout=10).status_code != 200:
            fail("the forum page does not answer after the restart")
        print(f"crash test ({args.database}): all {total} acknowledged writes survived the SIGKILL")

        if args.database == "postgres":
            control = os.environ.get("METROPOLE_PG_CTL") or fail("METROPOLE_PG_CTL is not set")
            subprocess.run([control, "stop"], check=True)
            time.sleep(1)  # past the page cache's trust in the last version it read (0.25 s)
            down = requests.get(BASE + "/themenforen/neue-mobilitaet", timeout=20)
            posted = people[0][1].post(BASE + "/bewertungen", timeout=20, allow_redirects=False,
                                       data={"_csrf": people[0][1].token, "art": "event", "ziel": event_ids[0], "sterne": "3"})
            api = requests.get(BASE + "/api/v1/forums", timeout=20)
            subprocess.run([control, "start"], check=True)
            for answer, what in [(down, "page"), (posted, "form"), (api, "API")]:
                if answer.status_code != 503:
                    fail(f"with PostgreSQL down the {what} answered {answer.status_code}, expected 503")
            if "Datenbank ist gerade nicht erreichbar" not in down.text or down.headers.get("Retry-After") is None:
                fail("the 503 page lacks the German explanation or Retry-After")
            if api.headers.get("Content-Type", "").split(";")[0] != "application/problem+json":
                fail("the API's 503 is not problem+json")
            if portal.process.poll() is not None:
                fail("the portal exited while PostgreSQL was down")
            deadline = time.time() + 60
            while time.time() < deadline:
                if requests.get(BASE + "/themenforen/neue-mobilitaet", timeout=10).status_code == 200:
                    break
                time.sleep(0.5)
            else:
                fail("the portal did not recover after PostgreSQL came back")
            print("crash test (postgres): 503 with a German message while PostgreSQL was down; recovered by itself")
    finally:
        portal.stop()
    print(f"crash test ({args.database}): passed")


if __name__ == "__main__":
    main()
