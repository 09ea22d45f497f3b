"""The `storyline` command line: a thin layer over the library.

Exit codes: 0 when every item succeeded, 1 when some items failed (each named on
stderr with its reason), 2 for usage errors.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Iterator, TextIO

import click

from storyline.ingest.article import Article, ArticleError

PROGRESS_AFTER = 5  # articles; fewer than this show no progress bar


def _published(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def _time_budget_option(command):
    from storyline.budget import TIME_BUDGET

    return click.option("--time-budget", default=TIME_BUDGET, show_default=True, type=click.FloatRange(0),
                        metavar="SECONDS", help="Seconds of analysis per article before it fails alone "
                                                "(0: no limit); see docs/limits.md.")(command)


_progress_bar = None  # the bar on stderr while one is shown, so messages print above it


def _warn(message: str) -> None:
    if _progress_bar is not None:
        _progress_bar.write(f"storyline: {message}", file=sys.stderr)
    else:
        click.echo(f"storyline: {message}", err=True)


def _with_progress(items: Iterator, enabled: bool, unit: str = " articles") -> Iterator:
    """Show a progress bar on a terminal's stderr once more than a handful of items have gone by."""
    global _progress_bar
    enabled = enabled and sys.stderr.isatty()  # a log file gets the messages, not a bar
    try:
        for n, item in enumerate(items, 1):
            if _progress_bar is None and enabled and n > PROGRESS_AFTER:
                from tqdm import tqdm

                _progress_bar = tqdm(initial=n - 1, unit=unit, file=sys.stderr, leave=False)
            if _progress_bar is not None:
                _progress_bar.update(1)
            yield item
    finally:
        if _progress_bar is not None:
            _progress_bar.close()
            _progress_bar = None


class _Writer:
    """Writes one pretty JSON object for a single result, JSON Lines for several, or Markdown."""

    def __init__(self, out: TextIO, fmt: str):
        self.out, self.fmt = out, fmt
        self.held = None
        self.count = 0

    def write(self, analysis) -> None:
        self.count += 1
        if self.fmt == "md":
            from storyline.report.markdown import render_markdown

            if self.count > 1:
                self.out.write("\n---\n\n")
            self.out.write(render_markdown(analysis))
        elif self.fmt == "jsonl":
            self.out.write(analysis.to_json() + "\n")
        elif self.count == 1:
            self.held = analysis  # one result is printed pretty; wait to see if another follows
        else:
            if self.held is not None:
                self.out.write(self.held.to_json() + "\n")
                self.held = None
            self.out.write(analysis.to_json() + "\n")
        self.out.flush()

    def close(self) -> None:
        if self.held is not None:
            self.out.write(self.held.to_json(indent=2) + "\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def main():
    """storyline: turn news reports into a sourced, structured account of what happened."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_published, metavar="YYYY-MM-DD",
              help="Publication date for every input (overrides dates read from the input).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "md"]), default="json", show_default=True,
              help="json: one object for one article, JSON Lines for several; md: a readable report.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 1024))
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr for long runs.")
@_time_budget_option
def analyze(paths, published, fmt, output, batch_size, progress, time_budget):
    """Analyse reports: .txt (first line is the headline), .html, .jsonl, .warc(.gz), directories, or - for stdin."""
    from storyline.ingest.read import iter_articles
    from storyline.nlp import ModelMissingError
    from storyline.pipeline import analyze_articles

    def prepared() -> Iterator[Article | ArticleError]:
        for item in iter_articles(list(paths), stdin=sys.stdin.buffer):
            if isinstance(item, Article):
                if published:
                    item.published = published
                lang = item.extra.get("language", "en")
                if lang != "en":
                    _warn(f"warning: {item.origin}: language '{lang}' is not English; only its layout is analysed")
            yield item

    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    writer = _Writer(out, fmt)
    failed = 0
    try:
        results = analyze_articles(prepared(), batch_size=batch_size, time_budget=time_budget)
        for result in _with_progress(results, progress):
            if isinstance(result, ArticleError):
                failed += 1
                _warn(f"error: {result.origin}: {result.reason}")
            else:
                writer.write(result)
        writer.close()
    except ModelMissingError as exc:
        _warn(f"error: {exc}")
        sys.exit(2)
    finally:
        if output:
            out.close()
    if writer.count == 0 and failed == 0:
        _warn("error: no articles found in the given paths")
        sys.exit(1)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_published, metavar="YYYY-MM-DD",
              help="Publication date for every input article (not applied to Analysis JSONL).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "md", "html"]), default="json",
              show_default=True, help="json: one object with every story; jsonl: one story per line; "
                                      "md or html: a readable report (html is one self-contained page).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 1024))
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr for long runs.")
@_time_budget_option
def stories(paths, published, fmt, output, batch_size, progress, time_budget):
    """Group reports into stories: what they agree on, where they conflict, what changed, in time order.

    PATHS are anything `analyze` reads, or Analysis JSON Lines written by `storyline analyze --format jsonl`
    (read back without parsing the texts again)."""
    from storyline.model import STORIES_SCHEMA, Analysis, Stories
    from storyline.nlp import ModelMissingError
    from storyline.pipeline import analyze_articles
    from storyline.stories import iter_stories
    from storyline.stories.digest import digest_report

    def results():
        return analyze_articles(_inputs(paths, published), batch_size=batch_size, time_budget=time_budget)

    digests = []  # the compact part of each analysis; the full ones are not kept
    failed = 0
    try:
        for result in _with_progress(results(), progress):
            if isinstance(result, ArticleError):
                failed += 1
                _warn(f"error: {result.origin}: {result.reason}")
            elif isinstance(result, Analysis) and result.document.language == "en":
                digests.append(digest_report(result))
            else:
                _warn(f"warning: {result.document.id}: language '{result.document.language}' is not English; "
                      "left out of the stories")
    except ModelMissingError as exc:
        _warn(f"error: {exc}")
        sys.exit(2)
    if not digests:
        _warn("error: no English articles found in the given paths")
        sys.exit(1)
    # Built one at a time: a large corpus never holds every story at once.
    stories = _with_progress(iter_stories(digests), progress, unit=" stories")
    del digests
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt == "json":
            out.write(f'{{"schema": "{STORIES_SCHEMA}", "stories": [')
            for n, story in enumerate(stories):
                out.write(("," if n else "") + "\n" + story.model_dump_json(by_alias=True))
            out.write("\n]}\n")
        elif fmt == "jsonl":
            for story in stories:
                out.write(story.model_dump_json(by_alias=True) + "\n")
        elif fmt == "md":
            from storyline.report.story_markdown import render_stories_markdown

            out.write(render_stories_markdown(Stories(stories=list(stories))))
        else:
            from storyline.report.story_html import render_stories_html

            out.write(render_stories_html(Stories(stories=list(stories))))
    finally:
        if output:
            out.close()
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
              help="The SQLite database to add to (created when missing).")
@click.option("--published", callback=_published, metavar="YYYY-MM-DD",
              help="Publication date for every input article (not applied to Analysis JSONL).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 1024))
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr for long runs.")
@_time_budget_option
def ingest(paths, db_path, published, batch_size, progress, time_budget):
    """Store reports and their stories in a database, incrementally.

    PATHS are anything `analyze` reads, or Analysis JSON Lines. Reports already stored
    (same text) are skipped, so an interrupted run is resumed by running it again."""
    from storyline.nlp import ModelMissingError
    from storyline.store import Store, StoreError, ingest as ingest_into

    try:
        store = Store(db_path)
    except StoreError as exc:
        _warn(f"error: {exc}")
        sys.exit(2)
    try:
        with store:
            report = ingest_into(store, _inputs(paths, published), batch_size=batch_size, time_budget=time_budget,
                                 on_error=lambda e: _warn(f"error: {e.origin}: {e.reason}"),
                                 progress=lambda items: _with_progress(items, progress))
            counts = store.counts()
    except (StoreError, ModelMissingError) as exc:
        _warn(f"error: {exc}")
        sys.exit(2)
    click.echo(f"{db_path}: {report.added:,} added, {report.skipped:,} already stored, {report.failed:,} failed; "
               f"{len(report.stories):,} stories updated; {counts['articles']:,} articles in "
               f"{counts['stories']:,} stories", err=True)
    if report.added + report.skipped == 0 and report.failed == 0:
        _warn("error: no articles found in the given paths")
        sys.exit(1)
    sys.exit(1 if report.failed else 0)


def _inputs(paths, published):
    """Articles and stored analyses from every path, in order (Analysis JSONL read back without parsing)."""
    from storyline.ingest.analyses import is_analysis_jsonl, read_analyses
    from storyline.ingest.read import iter_articles

    for path in paths:
        if is_analysis_jsonl(path):
            yield from read_analyses(path)
            continue
        for item in iter_articles([path], stdin=sys.stdin.buffer):
            if isinstance(item, Article) and published:
                item.published = published
            yield item


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A database built by `storyline ingest`.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--write-token", envvar="STORYLINE_WRITE_TOKEN", default=None,
              help="Accept POST /api/articles with this bearer token (also $STORYLINE_WRITE_TOKEN); off by default.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (read-only servers only: writes need one process).")
def serve(db_path, host, port, write_token, workers):
    """Serve the web UI and the JSON API over a database."""
    import os

    import uvicorn

    from storyline.store import StoreError
    from storyline.web.app import create_app

    if write_token and workers > 1:
        _warn("error: --write-token needs --workers 1 (one process holds the story index it writes through)")
        sys.exit(2)
    try:
        app = create_app(db_path, write_token=write_token)  # checks the database before any worker starts
    except StoreError as exc:
        _warn(f"error: {exc}")
        sys.exit(2)
    click.echo(f"storyline: serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    else:
        os.environ["STORYLINE_DB"] = str(db_path)
        uvicorn.run("storyline.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A database built by `storyline ingest`.")
@click.option("--story", "story_ids", multiple=True, help="Export this story (repeatable); default: the filter below.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "geojson"]), default="json", show_default=True,
              help="json: storyline.stories/1; csv: ACLED-style, one row per story; geojson: the stories' places.")
@click.option("-q", "--query", default=None, help="Words searched in the reports.")
@click.option("--from", "date_from", callback=_published, metavar="YYYY-MM-DD", help="Stories with a report on or after.")
@click.option("--to", "date_to", callback=_published, metavar="YYYY-MM-DD", help="Stories with a report on or before.")
@click.option("--event-type", default=None)
@click.option("--place", default=None, help="A country code (two letters) or a place name.")
@click.option("--outlet", default=None)
@click.option("--conflicts", is_flag=True, help="Only stories where sources disagree.")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def export(db_path, story_ids, fmt, query, date_from, date_to, event_type, place, outlet, conflicts, limit, output):
    """Export stories from a database as JSON, ACLED-style CSV or GeoJSON."""
    from storyline.report.exports import export_stories
    from storyline.store import StoreError, connect
    from storyline.store.queries import StoryFilter, get_story, matching_story_ids

    try:
        conn = connect(db_path, readonly=True)
    except StoreError as exc:
        _warn(f"error: {exc}")
        sys.exit(2)
    if not story_ids:
        story_ids = matching_story_ids(conn, StoryFilter(q=query, date_from=date_from, date_to=date_to,
                                                         event_type=event_type, place=place, outlet=outlet,
                                                         conflicts=conflicts), limit)
    stories, missing = [], []
    for story_id in story_ids:
        story = get_story(conn, story_id)
        (stories if story else missing).append(story or story_id)
    for story_id in missing:
        _warn(f"error: no story '{story_id}' in {db_path}")
    text = export_stories(stories, fmt)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    sys.exit(1 if missing else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False),
              help="Where the shards, analyses and errors go; a re-run into it resumes.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
              help="A file listing input paths, one per line (added to INPUTS).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: worker processes on this machine; spark: Apache Spark (pip install 'storyline[spark]').")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes (local) or local[N] cores (spark, when no cluster session is active).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True)
@click.option("--stories", "with_stories", is_flag=True,
              help="Also group the analyses into OUTDIR/stories.jsonl (as `storyline stories` would).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 1024))
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr for long runs.")
@_time_budget_option
def batch(inputs, outdir, manifest, engine, workers, fmt, with_stories, batch_size, progress, time_budget):
    """Analyse large inputs in shards, on worker processes or Spark; resumable.

    INPUTS: .txt/.html/.jsonl/.warc/.warc.gz files and directories of them. Each shard's
    output is kept once finished, so running the same command again after a crash redoes
    only unfinished shards. Writes OUTDIR/analyses.jsonl (or .parquet) with each document
    once, and OUTDIR/errors.jsonl with every record that failed and why."""
    from storyline.batch.engines import BatchError, run_batch
    from storyline.batch.shards import read_manifest

    paths = list(inputs) + (read_manifest(manifest) if manifest else [])
    if not paths:
        _warn("error: no inputs (give paths or --manifest FILE)")
        sys.exit(2)
    bars = []  # the progress bar, made once the shards left to do are known

    def start_bar(todo: int) -> None:
        if progress and sys.stderr.isatty():
            from tqdm import tqdm

            bars.append(tqdm(total=todo, unit=" shards", file=sys.stderr, leave=False))

    def count_shard(result) -> None:
        for bar in bars:
            bar.update(1)

    try:
        report = run_batch(paths, outdir, engine=engine, workers=workers, fmt=fmt, batch_size=batch_size,
                           time_budget=time_budget, on_plan=start_bar, stories=with_stories,
                           on_shard=count_shard)
    except BatchError as exc:
        _warn(f"error: {exc}")
        sys.exit(1)
    finally:
        for bar in bars:
            bar.close()
    for path in report.missing:
        _warn(f"error: {path}: no such file or directory")
    name = "analyses.parquet" if fmt == "parquet" else "analyses.jsonl"
    click.echo(f"{outdir}: {report.shards:,} shards ({report.done_before:,} done before); {report.analyses:,} "
               f"analyses in {name}, {report.duplicates:,} duplicates dropped, {report.errors:,} errors in "
               f"errors.jsonl" + (f"; {report.stories:,} stories in stories.jsonl" if with_stories else ""), err=True)
    if report.archives:
        warc = report.warc
        click.echo(f"{report.archives:,} WARC files: {warc.records:,} records, {warc.responses:,} responses, "
                   f"{warc.articles:,} articles read; {warc.duplicates:,} duplicate pages dropped "
                   f"({warc.duplicate_urls:,} by URL, {warc.duplicate_texts:,} by text), {warc.skipped:,} records "
                   "skipped (not an HTML page fetched with status 200)", err=True)
    sys.exit(1 if report.errors or report.missing else 0)


@main.command()
@click.option("--stories", "of_stories", is_flag=True, help="The schema of `storyline stories` output instead.")
def schema(of_stories):
    """Print the JSON Schema of the Analysis output contract (or, with --stories, of the Stories output)."""
    from storyline.model import analysis_json_schema, stories_json_schema

    click.echo(json.dumps(stories_json_schema() if of_stories else analysis_json_schema(), indent=2))


@main.group()
def gazetteer():
    """Manage the offline place index."""


@gazetteer.command("build")
def gazetteer_build():
    """Build (or rebuild) the bundled place index."""
    from storyline.gazetteer import build_index

    path = build_index()
    click.echo(f"gazetteer index ready: {path}")


@gazetteer.command("load")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
def gazetteer_load(dump):
    """Add a GeoNames dump (allCountries.txt, a country file, or a .zip of one) to the index."""
    from storyline.gazetteer import load_geonames_dump

    try:
        n = load_geonames_dump(dump)
    except (ValueError, OSError) as exc:
        _warn(f"error: {dump}: {exc}")
        sys.exit(1)
    click.echo(f"loaded {n:,} places from {dump}")


@main.group()
def assets():
    """Manage the web UI's third-party files (htmx, the basemap), installed from npm at set-up."""


@assets.command("build")
@click.option("--from", "node_modules", type=click.Path(file_okay=False), default=None,
              help="An npm node_modules holding htmx.org and world-atlas (default: the project's assets/node_modules).")
def assets_build(node_modules):
    """Copy htmx and draw the offline basemap into the data directory the server reads."""
    from pathlib import Path

    from storyline.web.assets import DEFAULT_NODE_MODULES, build_assets

    try:
        dest = build_assets(Path(node_modules) if node_modules else DEFAULT_NODE_MODULES)
    except (FileNotFoundError, ValueError) as exc:
        _warn(f"error: {exc}")
        sys.exit(1)
    click.echo(f"web assets ready: {dest}")


if __name__ == "__main__":
    main()
