#!/usr/bin/env python3
"""Bad input against Metropole: schemathesis over the OpenAPI document, and a form fuzzer that
posts oversized, malformed, wrongly encoded and injection payloads to every form it finds.
Passes when nothing answers 5xx, refused requests store nothing, oversized bodies get 413,
and no page shows a payload as markup afterwards.

Usage: scripts/fuzz.py --binary .build/debug/metropole [--examples 25] [--cases-per-form 12]
Only 127.0.0.1 is contacted; the run ends by itself.
"""
import argparse
import html
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

import requests

from portal import BASE, Portal, csrf, environment, fail, participant

PAYLOADS = [
    "<script>alert('fuzz')</script>",
    "\" onmouseover=\"alert(1)",
    "'; DROP TABLE users; --",
    "{{7*7}} ${7*7} #{7*7}",
    "../../../../etc/passwd",
    "javascript:alert(1)",
    "\u202e\u0000\ufeff",
    "😀" * 50,
    "a" * 5_000,
    "",
    "-1",
    "99999999999999999999999",
    "2019-02-31",
    "NaN",
]
RAW_BODIES = [
    "titel=%ZZ%&text=%",  # broken percent-encoding
    "titel=%C3%28%FF%FE&text=%80%81",  # bytes that are not UTF-8
    "=&&=&_csrf",  # names without values
    "titel[]=a&titel[x]=b&text[][]=c",  # nested names
]
TABLES = ["users", "ideas", "comments", "ratings", "reports", "subscribers", "events", "forums", "projects", "news", "pages",
          "proposals", "content_drafts", "ministry_editors", "moderation_roles", "attachments", "milestones", "project_results"]


def forms_on(session, path):
    """The POST forms of a page: action and the names of their fields with a sample value."""
    page = session.get(BASE + path, timeout=20).text
    found = []
    for match in re.finditer(r'<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>(.*?)</form>', page, re.S):
        action = html.unescape(match.group(1))
        fields = {}
        for field in re.finditer(r'<(input|textarea|select)[^>]*name="([^"]+)"([^>]*)>', match.group(2)):
            name = html.unescape(field.group(2))
            value = re.search(r'value="([^"]*)"', field.group(3) + field.group(0))
            fields.setdefault(name, html.unescape(value.group(1)) if value else "x")
        found.append((action, fields))
    return found


def counts(database):
    with sqlite3.connect(database) as connection:
        result = {}
        for table in TABLES:
            try:
                result[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.OperationalError:
                pass
        return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/metropole")
    parser.add_argument("--examples", type=int, default=25, help="schemathesis examples per operation")
    parser.add_argument("--cases-per-form", type=int, default=12)
    args = parser.parse_args()
    random.seed(20261123)

    work = tempfile.mkdtemp(prefix="metropole-fuzz-")
    env = environment(work, "sqlite")
    portal = Portal(args.binary, env)
    portal.command("migrate", "--yes")
    portal.command("seed")
    portal.start()
    problems = []
    try:
        result = subprocess.run(["schemathesis", "run", BASE + "/api/v1/openapi.json", "--checks", "not_a_server_error",
                                 "--max-examples", str(args.examples), "--url", BASE + "/api/v1", "--no-color"],
                                capture_output=True, text=True, timeout=1200)
        summary = [line for line in result.stdout.splitlines() if re.search(r"passed|failed|error|Operations|Test cases", line, re.I)]
        print("schemathesis:", " | ".join(summary[-4:]))
        if result.returncode != 0:
            print(result.stdout[-4000:])
            problems.append("schemathesis found server errors")

        _, admin = participant(portal, 1, admin=True)
        anonymous = requests.Session()
        pages = ["/", "/newsletter", "/registrieren", "/anmelden", "/passwort-vergessen", "/konto", "/moderation",
                 "/redaktion/inhalte/veranstaltungen/neu", "/redaktion/inhalte/projekte/neu", "/redaktion/inhalte/meldungen/neu",
                 "/redaktion/inhalte/seiten/neu", "/redaktion/personen"]
        forum = re.search(r'href="(/themenforen/[a-z0-9-]+)"', admin.get(BASE + "/themenforen", timeout=20).text).group(1)
        project = re.search(r'href="(/projekte/(?!uebersicht)[a-z0-9-]+)"', admin.get(BASE + "/projekte", timeout=20).text).group(1)
        event = re.search(r'href="(/veranstaltungen/(?!kalender)[a-z0-9-]+)"', admin.get(BASE + "/veranstaltungen", timeout=20).text).group(1)
        pages += [forum, forum + "/ideen/neu", project, event]
        requests_sent = 0
        database = env["METROPOLE_SQLITE_PATH"]
        for session, who in [(admin, "admin"), (anonymous, "anonymous")]:
            seen = set()
            for page in pages:
                for action, fields in forms_on(session, page):
                    if action in seen or action.startswith("/abmelden") or "loeschen" in action:
                        continue
                    seen.add(action)
                    for case in range(args.cases_per_form):
                        token = csrf(session.get(BASE + page, timeout=20).text)
                        data = dict(fields)
                        data["_csrf"] = token
                        target = random.choice([name for name in data if name != "_csrf"] or ["_csrf"])
                        data[target] = random.choice(PAYLOADS)
                        before = counts(database)
                        if case == 0:
                            # Uploads may carry 10 MB; every other form 64 KB.
                            size = 11 * 1024 * 1024 if action.startswith("/dateien") else 200_000
                            answer = session.post(BASE + action, data="x=" + "a" * size, timeout=60, allow_redirects=False,
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
                            if answer.status_code != 413:
                                problems.append(f"{who} {action}: a {size // 1024} KB body answered {answer.status_code}, expected 413")
                        elif case <= len(RAW_BODIES):
                            body = RAW_BODIES[case - 1] + "&_csrf=" + urllib.parse.quote(token)
                            answer = session.post(BASE + action, data=body.encode("latin-1", "ignore"), timeout=20, allow_redirects=False,
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
                        elif case == len(RAW_BODIES) + 1:
                            answer = session.post(BASE + action, json=data, timeout=20, allow_redirects=False)
                        else:
                            answer = session.post(BASE + action, data=data, timeout=20, allow_redirects=False)
                        requests_sent += 1
                        if answer.status_code >= 500:
                            problems.append(f"{who} {action} ({target}={data[target][:30]!r}): {answer.status_code}")
                        elif answer.status_code >= 400 and counts(database) != before:
                            problems.append(f"{who} {action}: refused with {answer.status_code} but rows changed")
        print(f"form fuzzer: {requests_sent} requests to the forms of {len(pages)} pages")

        # Nothing that was stored may come back as markup.
        for path in pages + ["/meldungen", "/suche?q=fuzz", "/redaktion/protokoll"]:
            text = admin.get(BASE + path, timeout=20).text
            if "<script>alert" in text or 'onmouseover="alert' in text:
                problems.append(f"{path} shows a payload as markup")
    finally:
        portal.stop()
    for problem in problems:
        print("  " + problem)
    if problems:
        fail(f"{len(problems)} problems")
    print("fuzzing: passed")


if __name__ == "__main__":
    main()
