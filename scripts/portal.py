"""Starting a Metropole portal on loopback for the harnesses in this folder, and signing people in."""
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import requests

PORT = 18181
BASE = f"http://127.0.0.1:{PORT}"


def fail(message):
    print(f"FAILED: {message}", flush=True)
    sys.exit(1)


def environment(work, database):
    """Settings for a portal on a new database: an SQLite file in `work`, or a new PostgreSQL
    database on the server METROPOLE_PG_URL names (see scripts/with-postgres.sh)."""
    env = dict(os.environ, METROPOLE_MAIL=f"file:{work}/mail", METROPOLE_FILES=f"{work}/files", METROPOLE_TRUST_PROXY="1",
               METROPOLE_BCRYPT_COST="4", PORTAL_LOG=f"{work}/server.log", LOG_LEVEL="warning")
    if database == "sqlite":
        env["METROPOLE_SQLITE_PATH"] = f"{work}/metropole.sqlite"
        env.pop("DATABASE_URL", None)
    else:
        base = os.environ.get("METROPOLE_PG_URL") or fail("METROPOLE_PG_URL is not set; run through scripts/with-postgres.sh")
        name = "portal_" + uuid.uuid4().hex[:8]
        subprocess.run(["psql", base, "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
        env["DATABASE_URL"] = base.replace("/postgres?", f"/{name}?")
    return env


class Portal:
    def __init__(self, binary, env, port=PORT):
        self.binary = binary
        self.env = env
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def command(self, *arguments):
        result = subprocess.run([self.binary, *arguments], env=self.env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            fail(f"{' '.join(arguments)}: {result.stdout}{result.stderr}")
        return result.stdout

    def start(self):
        log = open(self.env["PORTAL_LOG"], "a")
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port)], env=self.env, stdout=log, stderr=log)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/robots.txt", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        fail("the portal did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def csrf(html):
    match = re.search(r'name="_csrf" value="([^"]+)"', html)
    return match.group(1) if match else ""


def participant(portal, number, admin=False):
    """An account with a password, signed in, its address confirmed (through the password link)."""
    email = f"person{number}-{uuid.uuid4().hex[:6]}@beispiel.de"
    output = portal.command("user", "create", email, "--name", f"Person {number}", *(["--admin"] if admin else []))
    link = re.search(r"(/passwort-neu\?token=\S+)", output).group(1)
    session = requests.Session()
    form = session.get(portal.base + link, timeout=10)
    answer = session.post(portal.base + link, data={"_csrf": csrf(form.text), "passwort": "ein-langes-passwort-2026"}, allow_redirects=False, timeout=10)
    if answer.status_code != 303:
        fail(f"setting the password answered {answer.status_code}")
    session.token = csrf(session.get(portal.base + "/konto", timeout=10).text)
    return email, session


def start_nginx(work, server_block, http_extra=""):
    """nginx in the foreground with its files in `work`, serving `server_block`."""
    config = os.path.join(work, "nginx.conf")
    with open(config, "w") as handle:
        handle.write(f"""
worker_processes 2;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  {http_extra}
  {server_block}
}}
""")
    process = subprocess.Popen(["nginx", "-c", config, "-p", work], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return process
