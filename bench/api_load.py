"""Load test of `dateline serve`: a bounded run on loopback with a fixed number of concurrent clients.

Starts `dateline serve DB` on 127.0.0.1 (a free port), then N client threads (each with its own
keep-alive connection) send requests for a fixed time: the event list (random pages of a few filter
combinations), one event (random ids) and a timeline (random filters and periods). Prints
requests/s, p50 and p99 latency per kind, and the errors; stops the server and itself.

    python bench/make_synthetic_db.py /tmp/synth.duckdb --events 100000
    python bench/api_load.py /tmp/synth.duckdb --seconds 30 --clients 8

The machine is shared: the script also prints the load average before and after the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # loopback only, by design
KINDS = ("events list", "one event", "timeline")
TYPES = ("ASSAULT", "PROTEST", "AID", "CONSULT", "COERCE", "THREATEN")
ACTORS = ("RUS", "UKR", "TUR", "SYR", "SDN", "MMR")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "dateline.cli", "serve", str(db), "--host", HOST, "--port", str(port),
           "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {proc.stdout.read()[-2000:]}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not answer within 180 s")


def requests_for(rng: random.Random, ids: list[str], total: int, kinds: tuple = KINDS):
    """The next (kind, path, params) for a client."""
    kind = rng.choice(kinds)
    if kind == "events list":
        f = rng.choice([{}, {"modality": "all"}, {"type": rng.choice(TYPES)}, {"actor": rng.choice(ACTORS)},
                        {"date_from": "2023-06-01", "date_to": "2023-12-31", "modality": "all"}])
        return kind, "/api/events", {**f, "limit": 50, "offset": rng.randrange(0, max(1, min(total, 2000) - 50))}
    if kind == "one event":
        return kind, "/api/events/" + rng.choice(ids), {}
    f = rng.choice([{}, {"type": rng.choice(TYPES)}, {"actor": rng.choice(ACTORS), "modality": "all"}])
    return kind, "/api/timeline", {**f, "period": rng.choice(["month", "week", "day"])}


def client(base: str, seed: int, deadline: float, ids: list[str], total: int, out: list, errors: list,
           kinds: tuple) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=10) as http:
        while time.monotonic() < deadline:
            kind, path, params = requests_for(rng, ids, total, kinds)
            t0 = time.perf_counter()
            try:
                r = http.get(path, params=params)
                ok = r.status_code == 200 and r.content
            except httpx.HTTPError as exc:
                ok, r = False, exc
            ms = (time.perf_counter() - t0) * 1000
            if ok:
                out.append((kind, ms))
            else:
                errors.append((kind, str(getattr(r, "status_code", r))[:80]))


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by the server process and its worker processes."""
    import psutil

    root = psutil.Process(pid)
    total = 0.0
    for p in [root] + root.children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path, help="DuckDB file (e.g. made by bench/make_synthetic_db.py)")
    ap.add_argument("--seconds", type=float, default=30.0, help="length of the run (at most 300)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients (at most 64)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1, help="server processes (dateline serve --workers)")
    ap.add_argument("--only", choices=["list", "event", "timeline"], default=None, help="send one kind of request only")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    seconds, n_clients = min(args.seconds, 300.0), max(1, min(args.clients, 64))
    kinds = KINDS if args.only is None else ({"list": "events list", "event": "one event", "timeline": "timeline"}[args.only],)
    port = free_port()
    base = f"http://{HOST}:{port}"
    started = time.perf_counter()
    server = start_server(args.db, port, args.workers)
    ready_s = time.perf_counter() - started
    try:
        rng = random.Random(args.seed)
        total = httpx.get(base + "/api/events", params={"modality": "all", "limit": 1}).json()["total"]
        ids: list[str] = []
        for _ in range(4):
            page = httpx.get(base + "/api/events", params={"modality": "all", "limit": 500,
                                                           "offset": rng.randrange(0, max(1, total - 500))}).json()
            ids += [e["id"] for e in page["items"]]
        if not ids:
            raise SystemExit("the database has no events")
        load_before = os.getloadavg()
        cpu_before = _cpu(server.pid)
        own_before = _own_cpu()
        out: list = []
        errors: list = []
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(base, args.seed + i, deadline, ids, total, out, errors, kinds))
                   for i in range(n_clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        load_after = os.getloadavg()
        cpu_used = _cpu(server.pid) - cpu_before
        own_used = _own_cpu() - own_before
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    result = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "db": str(args.db),
              "events_in_db": total, "clients": n_clients, "workers": args.workers, "seconds": round(wall, 1),
              "server_ready_s": round(ready_s, 1), "cpus": os.cpu_count(),
              "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
              "requests": len(out), "errors": len(errors), "req_per_s": round(len(out) / wall, 1),
              "server_cpu_ms_per_request": round(1000 * cpu_used / max(1, len(out) + len(errors)), 2),
              "client_cpu_ms_per_request": round(1000 * own_used / max(1, len(out) + len(errors)), 2), "kinds": {}}
    for kind in KINDS:
        lat = [ms for k, ms in out if k == kind]
        result["kinds"][kind] = {"requests": len(lat), "req_per_s": round(len(lat) / wall, 1),
                                 "p50_ms": round(pct(lat, 50), 1), "p99_ms": round(pct(lat, 99), 1),
                                 "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
                                 "errors": sum(1 for k, _ in errors if k == kind)}
    if errors:
        result["first_errors"] = errors[:5]
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['when']}  {total:,} events  {n_clients} clients  {args.workers} server process(es)  {wall:.1f} s  "
          f"load {result['load_before'][0]} -> {result['load_after'][0]} on {result['cpus']} CPUs")
    print(f"CPU per request: server {result['server_cpu_ms_per_request']} ms, load clients "
          f"{result['client_cpu_ms_per_request']} ms (both share the {os.cpu_count()} cores with whatever else runs)")
    print(f"{'kind':<12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind, k in result["kinds"].items():
        print(f"{kind:<12} {k['req_per_s']:>8} {k['p50_ms']:>8} {k['p99_ms']:>8} {k['errors']:>7}")
    all_lat = [ms for _, ms in out]
    print(f"{'all':<12} {result['req_per_s']:>8} {round(pct(all_lat, 50), 1):>8} {round(pct(all_lat, 99), 1):>8} "
          f"{len(errors):>7}")


if __name__ == "__main__":
    main()
