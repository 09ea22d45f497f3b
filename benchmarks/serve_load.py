"""Serving under load: latency of the story page at a fixed request rate, against a trivial endpoint.

A reader-facing server must keep story pages fast while many people read at once.
This script builds (once, cached) a database of fictional reports written by its
own templates, ingested with the real pipeline (`storyline ingest`), starts
`storyline serve` on it, and drives GET /stories/{id} with an open-loop load:
request i is sent at t0 + i/rate whatever happened to the earlier ones, and its
latency counts from that scheduled time, so a stalled server shows as latency
instead of as fewer requests (no coordinated omission). Story ids are drawn
uniformly (fixed seed) from every story in the database. In the same run, on the
same server and data, the same rate against GET /api/health (two count queries
and a small JSON body) gives the baseline: machines here are shared, so read the
story figures beside it. Three health and 20 story requests, one at a time, warm
the server up first and are not counted.

The database: `--articles N` (default 10,000) reports of about 2,900 invented
incidents (fires, floods, clashes, raids, explosions, collapses) in invented
districts of real cities, each told by 2-5 invented outlets over 0-3 days with
counts that rise or disagree, quotes with "said", and invented people. It is
cached in benchmarks/.cache/serve_load/ under the generator version, the article
count and the store's schema version; the build (about 8.5 minutes for 10,000 on
the 2-core machine, nearly all of it the analysis) is timed and its figures kept
beside the file.

Printed per phase: requests planned, sent, completed, errors (non-200 answers,
exceptions, timeouts), achieved rate, p50/p95/p99/max latency in ms, how late the
load generator itself started requests, the server's CPU% (utime + stime of its
process tree from /proc over the phase; 100% is one core) and RSS, and the load
generator's own CPU%. The client is raw asyncio streams with keep-alive by default
(`--client httpx` for httpx.AsyncClient: same latencies, three to four times
the client CPU: 11% against 3% of a core at 100 req/s). `--profile N` renders N
story pages in-process under cProfile and prints where the time goes; it runs
with N = 20 by itself when p95 misses.

PASS needs: the story phase at the target rate for the full duration (every
planned request sent, the last within a second of its scheduled time) with 0
errors (every request answered 200 within `--timeout`) and p95 < 250 ms. Exit 0
after the result line, whatever it says; with `--check`, FAIL exits 1; exit 2 when
the run cannot happen (the database cannot be built, the server does not start).

The reports come from fiction_incidents.py; the server process, the clients and
the open-loop phases from load_generator.py.

    .venv/bin/python benchmarks/serve_load.py                        # 10,000 articles, 100 req/s, 30 s
    .venv/bin/python benchmarks/serve_load.py --rate 250 --duration 15 --workers 2 --profile 200
    .venv/bin/python benchmarks/serve_load.py --smoke --check        # 40 articles, 20 req/s, 3 s (baseline 2 s)
    .venv/bin/python benchmarks/serve_load.py --db some.db           # an existing database instead
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package
from fiction_incidents import GENERATOR_VERSION, SEED, generate_articles, write_jsonl  # noqa: E402
from load_generator import (CLIENTS, STORYLINE, PhaseResult, Server, SetupError, print_phases,  # noqa: E402
                            run_phase, warm_up)

REPO_ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO_ROOT / "benchmarks" / ".cache" / "serve_load"

MAX_P95_MS = 250.0
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2


# ---------------------------------------------------------------------------------------------------------------
# The database: generated articles ingested with the real pipeline, cached by generator version and size.

def schema_version() -> int:
    from storyline.store.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def database_path(cache_dir: Path, articles: int) -> Path:
    """The cached database for this generator version, article count and store schema."""
    return cache_dir / f"gen{GENERATOR_VERSION}-n{articles}-schema{schema_version()}.db"


def build_database(path: Path, articles: int, batch_size: int) -> dict:
    """Generate the articles, ingest them with `storyline ingest` into a fresh file, and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    jsonl = path.with_suffix(".jsonl")
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    write_jsonl(generate_articles(articles), jsonl)
    generate_seconds = time.perf_counter() - started
    print(f"building {path.name}: {articles:,} generated articles in {generate_seconds:.1f} s; "
          f"`storyline ingest` running ...", flush=True)
    started = time.perf_counter()
    completed = subprocess.run([str(STORYLINE), "ingest", str(jsonl), "--db", str(partial),
                                "--batch-size", str(batch_size)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    ingest_seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SetupError(f"storyline ingest exited {completed.returncode}: {completed.stderr.strip()[-2000:]}")
    conn = sqlite3.connect(partial)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file before it is renamed
        counts = {"articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                  "stories": conn.execute("SELECT count(*) FROM stories").fetchone()[0]}
    finally:
        conn.close()
    if counts["articles"] != articles:
        raise SetupError(f"ingest stored {counts['articles']:,} of {articles:,} articles: "
                         f"{completed.stderr.strip()[-2000:]}")
    meta = {"generator_version": GENERATOR_VERSION, "articles": articles, "stories": counts["stories"],
            "generate_seconds": round(generate_seconds, 1), "ingest_seconds": round(ingest_seconds, 1),
            "ingest_summary": (completed.stderr.strip().splitlines() or [""])[-1].replace(str(partial), path.name),
            "built": dt.datetime.now().isoformat(timespec="seconds")}
    for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):  # an old file's journal must not meet the new file
        stale.unlink(missing_ok=True)
    partial.rename(path)
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def cached_database(cache_dir: Path, articles: int, batch_size: int, rebuild: bool) -> tuple[Path, dict, bool]:
    """The database path, its build record, and whether it was built by this run."""
    path = database_path(cache_dir, articles)
    meta_path = path.with_suffix(".json")
    if path.is_file() and meta_path.is_file() and not rebuild:
        return path, json.loads(meta_path.read_text(encoding="utf-8")), False
    return path, build_database(path, articles, batch_size), True


def story_ids(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM stories ORDER BY id")]
    finally:
        conn.close()


def db_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT count(*) FROM articles"), "stories": one("SELECT count(*) FROM stories"),
                "conflicting": one("SELECT count(*) FROM stories WHERE conflicts > 0"),
                "updated": one("SELECT count(*) FROM stories WHERE updates > 0"),
                "max_reports": one("SELECT max(documents) FROM stories"),
                "story_json_kb": round((one("SELECT avg(length(story)) FROM stories") or 0) / 1024, 1)}
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------------------------
# Where a story page's time goes, in this process (the page handler called directly, under cProfile).

PROFILE_PARTS = [  # (label, module file suffix, function name): cumulative time of each, per page
    ("get_story (SQLite read + json.loads)", "store/queries.py", "get_story"),
    ("  json.loads", "json/__init__.py", "loads"),
    ("charts.map_points", "web/charts.py", "map_points"),
    ("charts.render_map_svg", "web/charts.py", "render_map_svg"),
    ("charts.render_timeline_svg", "web/charts.py", "render_timeline_svg"),
    ("Jinja template render", "jinja2/environment.py", "render"),
]


def profile_story_pages(db: Path, ids: list[str], pages: int, seed: int) -> None:
    """Render `pages` random story pages in-process under cProfile and print where the time goes."""
    import cProfile
    import pstats
    from types import SimpleNamespace

    from storyline.web import pages as web_pages
    from storyline.web.app import Site

    site = Site(db)
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(site=site)), headers={})
    chosen = random.Random(seed + 1).choices(ids, k=pages)
    web_pages.story_page(request, chosen[0])  # compile the template, open the connection
    started = time.perf_counter()
    for story_id in chosen:
        web_pages.story_page(request, story_id)
    plain = time.perf_counter() - started
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    sizes = [len(web_pages.story_page(request, story_id)) for story_id in chosen]
    profiler.disable()
    elapsed = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    print(f"profile: {pages} story pages rendered in-process (the handler only, no HTTP): {1000 * plain / pages:.2f} "
          f"ms per page, {1000 * elapsed / pages:.2f} ms under cProfile; mean {sum(sizes) / len(sizes) / 1024:.1f} KB")
    total = max(stats.total_tt, 1e-9)
    for label, suffix, name in PROFILE_PARTS:
        cumulative = sum(value[3] for (file, _, func), value in stats.stats.items()
                         if func == name and file.replace("\\", "/").endswith(suffix))
        print(f"  {label:40} {1000 * cumulative / pages:8.2f} ms/page  {100 * cumulative / total:5.1f}%")
    print("  top functions by own time:")
    own = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:12]
    for (file, line, func), (_, calls, tottime, cumtime, _) in own:
        where = "/".join(Path(file).parts[-2:]) if file != "~" else "builtin"
        print(f"    {1000 * tottime / pages:7.2f} ms/page own, {1000 * cumtime / pages:7.2f} cumulative, "
              f"{calls / pages:8.0f} calls/page  {func} ({where}:{line})")
    site.conn.close()


# ---------------------------------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="generated articles in the database (default 10000)")
    parser.add_argument("--rate", type=float, default=None, help="requests per second (default 100)")
    parser.add_argument("--duration", type=float, default=None, help="seconds of story-page load (default 30)")
    parser.add_argument("--baseline-duration", type=float, default=None,
                        help="seconds of the same rate against /api/health (default 10)")
    parser.add_argument("--workers", type=int, default=1, help="passed to `storyline serve --workers` (default 1)")
    parser.add_argument("--client", choices=sorted(CLIENTS), default="raw",
                        help="raw: asyncio streams with keep-alive (default, cheaper); httpx: httpx.AsyncClient")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as an error")
    parser.add_argument("--max-connections", type=int, default=256, help="client connection pool bound")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the story id draw")
    parser.add_argument("--db", type=Path, default=None, help="serve this existing database instead of building one")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"database cache (default: {CACHE_DIR})")
    parser.add_argument("--rebuild", action="store_true", help="build the database even when it is cached")
    parser.add_argument("--batch-size", type=int, default=32, help="`storyline ingest --batch-size` (default 32)")
    parser.add_argument("--profile", type=int, default=None, metavar="N",
                        help="profile N story pages in-process after the load (default: 20 when p95 misses, else 0)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny run for the test: 40 articles, 20 req/s for 3 s, baseline 2 s")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    args = parser.parse_args(argv)
    defaults = ({"articles": 40, "rate": 20.0, "duration": 3.0, "baseline_duration": 2.0} if args.smoke else
                {"articles": 10_000, "rate": 100.0, "duration": 30.0, "baseline_duration": 10.0})
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def setup_error(message: str) -> int:
    print(f"serve_load benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not STORYLINE.is_file():
        return setup_error(f"no `storyline` command next to {sys.executable}")
    try:
        if args.db:
            if not args.db.is_file():
                return setup_error(f"{args.db}: no such database")
            db, meta, built = args.db, {}, False
        else:
            started = time.perf_counter()
            db, meta, built = cached_database(args.cache_dir, args.articles, args.batch_size, args.rebuild)
            if built:
                meta["build_seconds"] = round(time.perf_counter() - started, 1)
    except SetupError as exc:
        return setup_error(str(exc))
    counts = db_counts(db)
    if meta:
        build = (f"generate {meta['generate_seconds']} s + ingest {meta['ingest_seconds']} s "
                 f"({counts['articles'] / max(meta['ingest_seconds'], 1e-9):.1f} articles/s)")
        print(f"database: {db} ({'built by this run' if built else 'cached, built ' + meta.get('built', '?')}); "
              f"build: {build}")
    else:
        print(f"database: {db} (given)")
    print(f"  {counts['articles']:,} articles in {counts['stories']:,} stories ({counts['conflicting']:,} with "
          f"conflicting facts, {counts['updated']:,} with updated facts, largest {counts['max_reports']} reports, "
          f"story JSON {counts['story_json_kb']} KB on average)")
    ids = story_ids(db)
    if not ids:
        return setup_error(f"{db}: no stories to request")

    rng = random.Random(args.seed)
    story_paths = [f"/stories/{quote(rng.choice(ids), safe='')}" for _ in range(int(round(args.rate * args.duration)))]
    log_dir = tempfile.TemporaryDirectory(prefix="serve_load-")  # the server's output; its tail goes in errors
    server = Server(db, args.workers, Path(log_dir.name) / "serve.log")
    results: list[PhaseResult] = []
    try:
        health = server.wait_ready()
        print(f"server: `storyline serve --workers {args.workers}` pid {server.pid} on port {server.port}; "
              f"/api/health: {health.get('articles', '?')} articles, {health.get('stories', '?')} stories; "
              f"client: {args.client}; {os.cpu_count()} cores shared by server and load generator")
        warm_up(server.port, ["/api/health"] * 3 + story_paths[:20])
        for name, paths, duration in (("baseline /api/health", ["/api/health"], args.baseline_duration),
                                      ("story page", story_paths, args.duration)):
            if duration <= 0:
                continue
            results.append(asyncio.run(run_phase(name, paths, args.rate, duration, server.port, server.pid,
                                                 args.client, args.timeout, args.max_connections)))
            if server.process.poll() is not None:
                raise SetupError(f"the server exited during the '{name}' phase: {server.log_tail()}")
    except SetupError as exc:
        return setup_error(str(exc))
    finally:
        server.stop()
        log_dir.cleanup()
    print()
    print_phases(results)
    story = results[-1]
    baseline = results[0] if len(results) > 1 else None
    if baseline and baseline.latencies_ms and story.latencies_ms:
        cpu_ms = lambda r: 1000 * r.server_cpu_seconds / max(r.completed, 1)  # noqa: E731 - per 200 answer
        print(f"story page / baseline: p50 x{story.percentile(50) / baseline.percentile(50):.1f}, "
              f"p95 x{story.percentile(95) / baseline.percentile(95):.1f}, server CPU per request "
              f"{cpu_ms(story):.1f} ms vs {cpu_ms(baseline):.1f} ms")

    p95 = story.percentile(95)
    checks = [
        (f"all {story.planned:,} requests sent at {args.rate:g} req/s over {args.duration:g} s "
         f"(last sent at {story.send_seconds:.2f} s)",
         story.sent == story.planned and story.send_seconds <= args.duration + 1.0),
        (f"errors = 0 ({story.errors:,})", story.errors == 0),
        (f"p95 < {MAX_P95_MS:.0f} ms ({p95:.1f} ms)", p95 < MAX_P95_MS),
    ]
    for label, passed in checks:
        print(f"target {label}: {'PASS' if passed else 'FAIL'}")
    failed = [label for label, passed in checks if not passed]
    profile_pages = args.profile if args.profile is not None else (20 if not p95 < MAX_P95_MS else 0)
    if profile_pages > 0:
        profile_story_pages(db, ids, profile_pages, args.seed)
    if args.json:
        figures = {"database": str(db), "build": meta, "counts": counts, "workers": args.workers,
                   "client": args.client, "phases": []}
        for r in results:
            figures["phases"].append({
                "name": r.name, "path": r.path, "rate": r.rate, "duration": r.duration, "planned": r.planned,
                "sent": r.sent, "completed": r.completed, "errors": r.errors, "error_kinds": r.error_kinds,
                "achieved_rate": r.completed / max(r.wall_seconds, 1e-9),
                **{f"p{q}_ms": r.percentile(q) for q in (50, 95, 99)},
                "max_ms": max(r.latencies_ms, default=None), "server_cpu_percent": r.server_cpu_percent,
                "server_cpu_ms_per_request": 1000 * r.server_cpu_seconds / max(r.completed, 1),
                "server_rss_mb": r.server_rss_mb, "client_cpu_percent": r.client_cpu_percent,
                "mean_bytes": r.mean_bytes})
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("result: PASS" if not failed else f"result: FAIL ({'; '.join(failed)})")
    return EXIT_FAIL if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
