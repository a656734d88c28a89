#!/usr/bin/env python3
"""Notifications at scale, against a release build on 127.0.0.1.

1. Fan-out: 10,000 people follow one idea; a comment on it is answered only after the
   notifications of all followers are written (one transaction). Measures the comment's answer time.
2. Digest: 50,000 people with 1-20 unread notifications each (525,000 rows); the server's
   notification job sends one digest per person. Measures the run as the job logs it and the
   server's memory (resident set) before and after.

Usage: Benchmarks/notifications.py --database sqlite
       scripts/with-postgres.sh Benchmarks/notifications.py --database postgres
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from portal import Portal, csrf, environment, fail, participant  # noqa: E402

PEOPLE = 50_000
FOLLOWERS = 10_000


class Database:
    """Bulk statements written straight into the portal's database, SQLite file or PostgreSQL."""

    def __init__(self, env):
        self.sqlite_path = env.get("METROPOLE_SQLITE_PATH")
        self.url = env.get("DATABASE_URL")

    def run(self, statement):
        if self.sqlite_path:
            import sqlite3
            connection = sqlite3.connect(self.sqlite_path, timeout=60)
            try:
                rows = connection.execute(statement).fetchall()
                connection.commit()
                return rows
            finally:
                connection.close()
        result = subprocess.run(["psql", self.url, "-At", "-v", "ON_ERROR_STOP=1", "-c", statement], capture_output=True, text=True)
        if result.returncode != 0:
            fail(result.stderr)
        return [line.split("|") for line in result.stdout.splitlines() if line]

    @property
    def uuid(self):
        if self.sqlite_path:
            return ("upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' "
                    "|| substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))")
        return "gen_random_uuid()"

    def moment(self, seconds_ago):
        if self.sqlite_path:
            return repr(time.time() - seconds_ago)
        return f"(now() - interval '{seconds_ago} seconds')"

    def series(self, count):
        """A table `n(i)` of the numbers 1 … count."""
        if self.sqlite_path:
            return f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) "
        return f"WITH n(i) AS (SELECT generate_series(1, {count})) "

    def literal_uuid(self, text):
        return f"'{text.upper()}'" if self.sqlite_path else f"'{text}'::uuid"


def resident_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/metropole")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--comments", type=int, default=5)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="metropole-notifications-")
    env = environment(work, args.database)
    env["LOG_LEVEL"] = "notice"
    database = Database(env)
    portal = Portal(args.binary, env)
    portal.command("migrate", "--yes")
    portal.command("seed")
    portal.start()
    try:
        database.run(
            database.series(PEOPLE)
            + "INSERT INTO users (id, display_name, email, password_hash, email_confirmed_at, is_admin, created_at) "
            + f"SELECT {database.uuid}, 'Person ' || i, 'folge-' || i || '@beispiel.de', '!', {database.moment(86_400)}, "
            + f"{'0' if database.sqlite_path else 'false'}, {database.moment(86_400)} FROM n")

        # 1. Fan-out.
        email, author = participant(portal, 1)
        _, writer = participant(portal, 2)
        forum = re.search(r'href="(/themenforen/[a-z0-9-]+)"', requests.get(portal.base + "/themenforen", timeout=10).text).group(1)
        form = author.get(portal.base + forum + "/ideen/neu", timeout=10)
        created = author.post(portal.base + forum + "/ideen/neu", allow_redirects=False, timeout=30,
                              data={"_csrf": csrf(form.text), "titel": "Eine Idee mit vielen Folgenden",
                                    "text": "Zehntausend Menschen folgen dieser Idee."})
        idea_path = created.headers["Location"].split("?")[0]
        idea_id = idea_path.rsplit("/", 1)[1]
        database.run(
            f"INSERT INTO follows (id, user_id, target_kind, target_id, created_at) "
            f"SELECT {database.uuid}, id, 'idee', {database.literal_uuid(idea_id)}, {database.moment(60)} FROM users "
            f"WHERE email LIKE 'folge-%' ORDER BY email LIMIT {FOLLOWERS}")
        token = csrf(writer.get(portal.base + idea_path, timeout=10).text)
        times = []
        for number in range(args.comments):
            started = time.perf_counter()
            answer = writer.post(portal.base + "/kommentare", allow_redirects=False, timeout=60,
                                 data={"_csrf": token, "art": "idea", "ziel": idea_id, "text": f"Kommentar Nummer {number + 1} zur Idee."})
            times.append((time.perf_counter() - started) * 1000)
            if answer.status_code != 303:
                fail(f"the comment answered {answer.status_code}: {answer.text[:200]}")
        written = database.run(f"SELECT COUNT(*) FROM notifications WHERE link LIKE '{idea_path}%'")[0][0]
        print(f"fan-out to {FOLLOWERS} followers: comment answered in median {statistics.median(times):.0f} ms, "
              f"max {max(times):.0f} ms over {args.comments} comments; {written} notifications written", flush=True)

        # 2. Digest: 1-20 unread notifications per person, from yesterday (before today's digest period began).
        database.run(
            database.series(20)
            + "INSERT INTO notifications (id, user_id, kind, text, detail, link, subject_title, group_title, cause, created_at) "
            + f"SELECT {database.uuid}, u.id, 'kommentar', 'Neuer Kommentar zu „Idee ' || (n.i % 7) || '“', 'Ein Gedanke dazu.', "
            + "'/ideen/idee-' || (n.i % 7), 'Idee ' || (n.i % 7), 'Themenforum „Forum ' || (n.i % 3) || '“', "
            + f"'digest:' || u.r || ':' || n.i, {database.moment(2 * 86_400)} "
            + "FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY email) AS r FROM users WHERE email LIKE 'folge-%') u "
            + "JOIN n ON n.i <= 1 + (u.r % 20)")
        pending = database.run("SELECT COUNT(*) FROM notifications WHERE mail_settled_at IS NULL")[0][0]
        before = resident_mb(portal.process.pid)
        peak = before
        started = time.time()
        log_line = None
        while time.time() - started < 600:
            peak = max(peak, resident_mb(portal.process.pid))
            with open(env["PORTAL_LOG"]) as handle:
                for line in handle:
                    if "Notification mail queued" in line:
                        match = re.search(r"digests[=:] ?(\d+)", line)
                        if match and int(match.group(1)) >= PEOPLE:
                            log_line = line
            if log_line:
                break
            time.sleep(0.5)
        if not log_line:
            fail("the digest run did not finish within 10 minutes")
        seconds = re.search(r"seconds[=:] ?\"?([\d.]+)", log_line).group(1)
        digests = re.search(r"digests[=:] ?(\d+)", log_line).group(1)
        queued = database.run("SELECT COUNT(*) FROM outbox_messages WHERE purpose = 'notification-digest'")[0][0]
        print(f"digest: {digests} digests from {pending} pending notifications in {seconds} s (job's own measure); "
              f"{queued} digest mails in the outbox; server memory {before:.0f} MB before, peak {peak:.0f} MB during", flush=True)
    finally:
        # The outbox is still delivering 50,000 digests; the portal finishes its running batch first.
        try:
            portal.stop()
        except subprocess.TimeoutExpired:
            portal.kill()


if __name__ == "__main__":
    main()
