#!/usr/bin/env python3
"""Two builds of Metropole measured in one run, alternately, on copies of the same data set, each
next to nginx serving the same bytes: the forum page cached and uncached, and search with 64
connections. Meant for "before and after" pairs; Benchmarks/bench.py measures one build in full.

Usage: Benchmarks/pair.py --database sqlite --data Benchmarks/.data/large.sqlite \
           --binary before=PATH --binary after=PATH [--rounds 2] [--seconds 8]
On PostgreSQL pass --database postgres with METROPOLE_BENCH_PG_DATABASE set (no --data).
With --signed-in the uncached requests carry the session of a freshly made participant instead of a
stray cookie, so the pages are those a signed-in person gets (with the layout's unread count).
Only 127.0.0.1 is contacted; every run ends by itself.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import requests

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from bench import NGINX_PORT, children, start_static_nginx, wrk  # noqa: E402
from portal import BASE, Portal, environment, participant  # noqa: E402

UNCACHED = ["Cookie: benchmark=uncached"]


def measure(binary, args, root):
    work = tempfile.mkdtemp(prefix="metropole-pair-")
    env = environment(work, args.database)
    env["LOG_LEVEL"] = "error"
    if args.database == "sqlite":
        subprocess.run(["cp", args.data, env["METROPOLE_SQLITE_PATH"]], check=True)
    else:
        env["DATABASE_URL"] = os.environ["METROPOLE_BENCH_PG_DATABASE"]
    portal = Portal(binary, env)
    portal.start()
    nginx = None
    try:
        pids = [portal.process.pid]
        uncached = UNCACHED
        if args.signed_in:
            _, session = participant(portal, 1)
            uncached = ["Cookie: " + "; ".join(f"{name}={value}" for name, value in session.cookies.items())]
        forum = re.search(r'href="(/themenforen/[a-z0-9-]+)"', requests.get(BASE + "/themenforen").text).group(1)
        pages = {"forum": forum, "search": "/suche?q=Radweg+Bahnhof"}
        for name, path in pages.items():
            with open(os.path.join(root, name + ".html"), "wb") as handle:
                handle.write(requests.get(BASE + path).content)
        nginx = start_static_nginx(root, work)
        nginx_pids = [nginx.pid] + children(nginx.pid)
        seconds, connections = args.seconds, args.connections
        static = wrk(f"http://127.0.0.1:{NGINX_PORT}/forum.html", seconds, connections, nginx_pids)
        return {
            "nginx forum": static,
            "forum cached": wrk(BASE + forum, seconds, connections, pids),
            "forum uncached": wrk(BASE + forum, seconds, connections, pids, headers=uncached),
            "search uncached": wrk(BASE + pages["search"], seconds, connections, pids, headers=uncached),
            "search, 2 connections": wrk(BASE + pages["search"], seconds, 2, pids, headers=uncached),
        }
    finally:
        if nginx:
            nginx.terminate()
        portal.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", action="append", required=True, help="NAME=PATH, twice")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--data")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--signed-in", action="store_true", help="uncached requests as a signed-in participant")
    args = parser.parse_args()
    builds = [entry.split("=", 1) for entry in args.binary]
    root = tempfile.mkdtemp(prefix="metropole-pair-static-")
    print(f"| {args.database} | round | build | nginx forum req/s | forum cached req/s (ratio) | forum uncached req/s (ratio), µs CPU "
          f"| search 64 conns req/s, p50 / p99 ms | search 2 conns p50 / p99 ms |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for round_number in range(1, args.rounds + 1):
        for name, binary in builds:
            r = measure(binary, args, root)
            nginx = r["nginx forum"]["rps"]
            cached, uncached, search, latency = r["forum cached"], r["forum uncached"], r["search uncached"], r["search, 2 connections"]
            print(f"| {args.database} | {round_number} | {name} | {nginx:.0f} | {cached['rps']:.0f} ({cached['rps'] / nginx:.3f}) "
                  f"| {uncached['rps']:.0f} ({uncached['rps'] / nginx:.4f}), {uncached['cpu_us']:.0f} "
                  f"| {search['rps']:.0f}, {search['p50']:.1f} / {search['p99']:.1f} | {latency['p50']:.2f} / {latency['p99']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
