"""Do the local and Spark engines give the same output? A mixed input of JSONL, text, HTML and WARC files.

    .venv/bin/python benchmarks/batch_engines.py                 # 1,000 articles
    .venv/bin/python benchmarks/batch_engines.py --articles 60 --check
    .venv/bin/python benchmarks/batch_engines.py corpus/ crawl.warc.gz --check   # a corpus of your own

Writes `--articles` fictional reports (benchmarks/fiction_incidents.py) as a mixed input:
40% in JSONL files, 30% as .txt and .html files in a directory (with an index.tsv),
30% as HTML responses in .warc.gz files (each archive also holding a request record,
a 404, an image and one page repeated under a second URL, which must be dropped). Runs
`storyline batch --stories` with the local engine (2 workers) and with Spark local[2]
into fresh directories, and compares analyses.jsonl, errors.jsonl and stories.jsonl byte
for byte. Pass: identical outputs, exactly one analysis per input article, no errors.
Given INPUT paths (anything `storyline batch` reads), it compares the engines on those instead
of generated reports; there it passes when the outputs are identical, some analysis was
written and no document id repeats (the number of articles in the input is not known).
Exit 0 unless `--check` is given and the result is FAIL (then 1); 2 when Spark is missing
or an INPUT does not exist.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fiction_incidents import generate_articles  # noqa: E402

STORYLINE = str(Path(sys.executable).with_name("storyline"))


def page(record: dict) -> str:
    """A news page for a record: headline, date, paragraphs, and some navigation to strip."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n\n"))
    return (f"<html><head><title>{html.escape(record['title'])}</title>"
            f'<meta property="article:published_time" content="{record["published"]}">'
            f'<meta property="og:site_name" content="{html.escape(record["outlet"])}"></head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
            f"<h1>{html.escape(record['title'])}</h1>{body}</article><footer>Share this</footer></body></html>")


def write_warc(records: list[dict], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def response(url: str, status: str, content_type: str, payload: bytes):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))

        for r in records:
            writer.write_record(writer.create_warc_record(r["url"], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            response(r["url"], "200 OK", "text/html; charset=utf-8", page(r).encode("utf-8"))
        response("https://gone.example/missing", "404 Not Found", "text/html", b"<html>gone</html>")
        response("https://img.example/a.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        response(records[0]["url"] + "?utm_source=feed", "200 OK", "text/html", page(records[0]).encode("utf-8"))


def write_inputs(root: Path, records: list[dict]) -> None:
    n = len(records)
    jsonl, files, warc = records[:n * 4 // 10], records[n * 4 // 10:n * 7 // 10], records[n * 7 // 10:]
    for k in range(4):
        with open(root / f"feed-{k}.jsonl", "w", encoding="utf-8") as out:
            for r in jsonl[k::4]:
                out.write(json.dumps(r) + "\n")
    pages = root / "pages"
    pages.mkdir()
    rows = ["file\toutlet\tpublished\turl"]
    for i, r in enumerate(files):
        if i % 2:
            name = f"{i:04d}.html"
            (pages / name).write_text(page(r), encoding="utf-8")
        else:
            name = f"{i:04d}.txt"
            (pages / name).write_text(f"{r['title']}\n\n{r['text']}\n", encoding="utf-8")
            rows.append(f"{name}\t{r['outlet']}\t{r['published']}\t{r['url']}")
    (pages / "index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for k in range(3):
        part = warc[k::3]
        if part:
            write_warc(part, root / f"crawl-{k}.warc.gz")


def run(inputs: list[Path], out: Path, engine: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([STORYLINE, "batch", *map(str, inputs), "-o", str(out), "--engine", engine,
                           "--workers", "2", "--stories", "--no-progress"], capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some articles failed; the comparison counts them
        print(done.stderr, file=sys.stderr)
    summary = [line for line in done.stderr.splitlines() if line.startswith(f"{out}:") or " WARC files: " in line]
    return time.perf_counter() - started, "\n".join(summary)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                        help="compare the engines on these inputs instead of generated reports")
    parser.add_argument("--articles", type=int, default=1000, help="generated reports (default 1000)")
    parser.add_argument("--keep", help="keep the inputs and outputs in this directory")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    args = parser.parse_args(argv)
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("pyspark is not installed: pip install 'storyline[spark]'", file=sys.stderr)
        return 2
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        print(f"no such input: {', '.join(missing)}", file=sys.stderr)
        return 2
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="batch-engines-"))
    try:
        if any(overlap(p, root) for p in args.inputs):
            print(f"{root} and an INPUT overlap: the work directory holds an INPUT or is inside one, and would be "
                  "emptied or read as input", file=sys.stderr)
            return 2
        ok = run_engines(args.inputs, args.articles, root)
        return 1 if args.check and not ok else 0
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


def overlap(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a.is_relative_to(b) or b.is_relative_to(a)


def run_engines(given: list[Path], articles: int, root: Path) -> bool:
    """Both engines on the given inputs (or on `articles` generated reports) under ROOT; prints and judges."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    if given:
        inputs, records = [p.resolve() for p in given], None
        print(f"input: {', '.join(map(str, inputs))}")
    else:
        records = generate_articles(articles)
        inputs = [root / "inputs"]
        inputs[0].mkdir()
        write_inputs(inputs[0], records)
        print(f"input: {len(records):,} articles in {inputs[0]}: 4 JSONL files, a directory of .txt/.html, 3 .warc.gz")
    outputs = {}
    for engine in ("local", "spark"):
        seconds, summary = run(inputs, root / engine, engine)
        outputs[engine] = root / engine
        print(f"{engine:6} {seconds:7.1f} s  " + summary.replace("\n", "\n" + " " * 17))
    names = ("analyses.jsonl", "errors.jsonl", "stories.jsonl")
    missing = [str(out / name) for out in outputs.values() for name in names if not (out / name).exists()]
    if missing:
        print(f"not written: {', '.join(missing)}\nresult: FAIL")
        return False
    same = {name: (outputs["local"] / name).read_bytes() == (outputs["spark"] / name).read_bytes() for name in names}
    ids = [json.loads(line)["document"]["id"] for line in (outputs["local"] / "analyses.jsonl").open()]
    errors = (outputs["local"] / "errors.jsonl").read_text().splitlines()
    stories = len((outputs["local"] / "stories.jsonl").read_text().splitlines())
    for name, equal in same.items():
        print(f"{name:15} local == spark: {'yes' if equal else 'NO'}")
    wanted = f" for {len(records):,} input articles" if records is not None else ""
    print(f"analyses {len(ids):,}{wanted} ({len(set(ids)):,} distinct ids); errors {len(errors)}; stories {stories:,}")
    # a corpus of one's own: its article count is unknown, and its errors need only match
    complete = len(ids) == len(records) and not errors if records is not None else True
    ok = all(same.values()) and len(ids) == len(set(ids)) > 0 and complete
    print(f"result: {'PASS' if ok else 'FAIL'}")
    return ok

if __name__ == "__main__":
    sys.exit(main())
