#!/usr/bin/env python3
"""Metropole against the physical limit: wrk on 127.0.0.1 against a release build and, in the
same run, against nginx serving the very same bytes as static files.

For every page it measures the portal twice: uncached (a cookie makes the request skip the
page cache, as a signed-in visitor would) and cached (no cookie: ETag page cache). It prints
requests/s, p50/p99 latency, server CPU microseconds per request and the ratio to nginx, plus
a 256-connection run and a mixed read/write load, and writes the table as Markdown.

Run through Benchmarks/run.sh, which builds the binary and generates the data set.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from portal import BASE, Portal, environment, participant, start_nginx  # noqa: E402

NGINX_PORT = 18282
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, IndexError):
            pass
    return total / CLOCK_TICKS


def children(pid):
    result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in result.stdout.split()]


def duration_ms(text):
    value = float(re.match(r"[\d.]+", text).group(0))
    unit = text[len(re.match(r"[\d.]+", text).group(0)):]
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}.get(unit, 1)


def wrk(url, seconds, connections, pids, headers=(), script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    command.append(url)
    before = cpu_seconds(pids)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(pids) - before
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        errors += sum(int(value) for value in socket.groups())
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_ok:
        errors += int(non_ok.group(1))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": duration_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": duration_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "cpu_us": cpu / max(total, 1) * 1e6,
        "errors": errors,
        "requests": total,
    }


def average(first, second):
    """Two runs of the same measurement as one: rates, latencies and CPU averaged, errors added."""
    merged = {key: (first[key] + second[key]) / 2 for key in ("rps", "p50", "p99", "cpu_us")}
    merged["errors"] = first["errors"] + second["errors"]
    merged["requests"] = first["requests"] + second["requests"]
    return merged


def memory_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0


def start_static_nginx(root, work):
    return start_nginx(work, f"server {{ listen 127.0.0.1:{NGINX_PORT}; root {root}; }}",
                       "default_type text/html; sendfile on; keepalive_requests 1000000;")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/metropole")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--data", help="an SQLite file made by `metropole generate` (copied, not changed)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--markdown", help="append the results table to this file")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="metropole-bench-")
    env = environment(work, args.database)
    env["LOG_LEVEL"] = "error"
    if args.database == "sqlite":
        subprocess.run(["cp", args.data, env["METROPOLE_SQLITE_PATH"]], check=True)
    elif os.environ.get("METROPOLE_BENCH_PG_DATABASE"):
        env["DATABASE_URL"] = os.environ["METROPOLE_BENCH_PG_DATABASE"]
    portal = Portal(args.binary, env)
    portal.start()
    nginx = None
    rows = []
    try:
        pids = [portal.process.pid]
        forum = re.search(r'href="(/themenforen/[a-z0-9-]+)"', requests.get(BASE + "/themenforen").text).group(1)
        project = re.search(r'href="(/projekte/(?!uebersicht)[a-z0-9-]+)"', requests.get(BASE + "/projekte").text).group(1)
        pages = {
            "home": "/",
            "forum page": forum,
            "forum idea list": forum + "?sortierung=diskutiert&seite=2",
            "project page": project,
            "search": "/suche?q=Radweg+Bahnhof",
            "calendar": "/veranstaltungen/kalender/2019-03",
        }
        root = os.path.join(work, "static")
        os.makedirs(root)
        for name, path in pages.items():
            body = requests.get(BASE + path).content
            with open(os.path.join(root, name.replace(" ", "-") + ".html"), "wb") as handle:
                handle.write(body)
        nginx = start_static_nginx(root, work)
        nginx_pids = [nginx.pid] + children(nginx.pid)

        for name, path in pages.items():
            # On a shared 2-core machine successive runs differ by up to a fifth, so nginx and the
            # cached portal are measured twice, alternately, and each pair averaged.
            static_url = f"http://127.0.0.1:{NGINX_PORT}/{name.replace(' ', '-')}.html"
            static = wrk(static_url, args.seconds, args.connections, nginx_pids)
            cached = wrk(BASE + path, args.seconds, args.connections, pids)
            uncached = wrk(BASE + path, args.seconds, args.connections, pids, headers=["Cookie: benchmark=uncached"])
            static = average(static, wrk(static_url, args.seconds, args.connections, nginx_pids))
            cached = average(cached, wrk(BASE + path, args.seconds, args.connections, pids))
            rows.append((name, static, uncached, cached))
            print(f"{name:16} nginx {static['rps']:9.0f}/s | uncached {uncached['rps']:8.0f}/s p50 {uncached['p50']:6.2f} ms p99 {uncached['p99']:6.2f} ms "
                  f"{uncached['cpu_us']:7.0f} µs ({uncached['rps'] / static['rps']:.3f}) | cached {cached['rps']:8.0f}/s p99 {cached['p99']:6.2f} ms "
                  f"({cached['rps'] / static['rps']:.3f}) | errors {uncached['errors'] + cached['errors']}", flush=True)

        # Search latency as one visitor at a time sees it (two connections, uncached): the 64
        # connections above measure throughput, where the latency is mostly waiting in line.
        latency = wrk(BASE + pages["search"], args.seconds, 2, pids, headers=["Cookie: benchmark=uncached"])
        print(f"search, 2 connections, uncached: {latency['rps']:.0f}/s, p50 {latency['p50']:.2f} ms, p99 {latency['p99']:.2f} ms, errors {latency['errors']}")

        wide = wrk(BASE + pages["forum page"], args.seconds, 256, pids, headers=["Cookie: benchmark=uncached"])
        print(f"256 connections, forum page uncached: {wide['rps']:.0f}/s, p99 {wide['p99']:.1f} ms, errors {wide['errors']}")

        # Mixed load: signed-in readers who also rate and comment.
        people = [participant(portal, number) for number in range(60)]
        idea = re.search(r'href="(/ideen/[0-9a-f-]{36})"', requests.get(BASE + forum).text).group(1)
        idea_id = idea.rsplit("/", 1)[1]
        script = os.path.join(work, "mixed.lua")
        sessions = ",".join(f'{{"{session.cookies.get("metropole_session")}","{session.token}"}}' for _, session in people)
        with open(script, "w") as handle:
            handle.write(f"""
local people = {{{sessions}}}
local counter = 0
request = function()
  counter = counter + 1
  -- Each person takes turns with every kind of request, so no one runs into the write limit.
  local person = people[(math.floor(counter / 10) % #people) + 1]
  local headers = {{ ["Cookie"] = "metropole_session=" .. person[1], ["Content-Type"] = "application/x-www-form-urlencoded" }}
  local choice = counter % 10
  if choice == 0 then
    return wrk.format("POST", "/bewertungen", headers, "_csrf=" .. person[2] .. "&art=idea&ziel={idea_id}&sterne=" .. ((counter % 5) + 1))
  elseif choice == 5 then
    return wrk.format("POST", "/kommentare", headers, "_csrf=" .. person[2] .. "&art=idea&ziel={idea_id}&text=Kommentar+unter+Last+" .. counter)
  end
  return wrk.format("GET", "{forum}", headers)
end
""")
        mixed = wrk(BASE + forum, args.seconds, 32, pids, script=script)
        print(f"mixed (80% reads, 10% ratings, 10% comments, signed in): {mixed['rps']:.0f}/s, p50 {mixed['p50']:.1f} ms, p99 {mixed['p99']:.1f} ms, "
              f"{mixed['cpu_us']:.0f} µs CPU, non-2xx/3xx or socket errors {mixed['errors']}")
        memory = memory_mb(portal.process.pid)
        print(f"peak memory (VmHWM) of the portal: {memory:.0f} MB")

        if args.markdown:
            with open(args.markdown, "a") as handle:
                handle.write(f"\n### {args.database}, {args.connections} connections, {args.seconds} s per run\n\n")
                handle.write("nginx and the cached portal were each measured twice, alternately; the table shows the averages.\n\n")
                handle.write("| page | nginx req/s | uncached req/s | p50 / p99 ms | CPU µs/req | ratio | cached req/s | p50 / p99 ms | CPU µs/req | ratio |\n")
                handle.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                for name, static, uncached, cached in rows:
                    handle.write(f"| {name} | {static['rps']:.0f} | {uncached['rps']:.0f} | {uncached['p50']:.2f} / {uncached['p99']:.2f} | {uncached['cpu_us']:.0f} | "
                                 f"{uncached['rps'] / static['rps']:.3f} | {cached['rps']:.0f} | {cached['p50']:.2f} / {cached['p99']:.2f} | {cached['cpu_us']:.0f} | "
                                 f"{cached['rps'] / static['rps']:.3f} |\n")
                handle.write(f"\nSearch latency (2 connections, uncached): {latency['rps']:.0f} req/s, p50 {latency['p50']:.2f} ms, p99 {latency['p99']:.2f} ms, errors {latency['errors']}.  \n")
                handle.write(f"256 connections (forum page, uncached): {wide['rps']:.0f} req/s, p99 {wide['p99']:.1f} ms, errors {wide['errors']}.  \n")
                handle.write(f"Mixed load (80 % reads, 10 % ratings, 10 % comments, 60 signed-in people, 32 connections): {mixed['rps']:.0f} req/s, "
                             f"p50 {mixed['p50']:.1f} ms, p99 {mixed['p99']:.1f} ms, errors {mixed['errors']}.  \n")
                handle.write(f"Peak memory of the portal (VmHWM): {memory:.0f} MB.\n")
    finally:
        if nginx:
            nginx.terminate()
        portal.stop()


if __name__ == "__main__":
    main()
