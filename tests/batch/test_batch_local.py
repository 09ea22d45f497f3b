"""`storyline batch` with the local engine: output, duplicates, errors, workers, resuming after kills."""
import json
import os
import signal
import time

import pytest

from batch_cli import STORYLINE, batch


def analyses(out) -> list[str]:
    return (out / "analyses.jsonl").read_text(encoding="utf-8").splitlines()


def test_every_article_once_and_every_bad_record_with_its_reason(reference_output, sharded_inputs):
    _, count = sharded_inputs
    ids = [json.loads(line)["document"]["id"] for line in analyses(reference_output)]
    assert len(ids) == len(set(ids)) == count  # the repeated report in part-99 is dropped
    errors = [json.loads(line) for line in (reference_output / "errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and "part-99.jsonl:1" in errors[0]["origin"] and "text" in errors[0]["reason"]


def test_two_workers_give_the_same_output_as_one(tmp_path, sharded_inputs, reference_output):
    inputs, _ = sharded_inputs
    done = batch(inputs, "-o", tmp_path, "--workers", "2")
    assert "9 shards (0 done before)" in done.stderr
    assert analyses(tmp_path) == analyses(reference_output)


def test_a_re_run_keeps_finished_shards(tmp_path, sharded_inputs):
    inputs, _ = sharded_inputs
    batch(inputs, "-o", tmp_path)
    again = batch(inputs, "-o", tmp_path)
    assert "9 shards (9 done before)" in again.stderr


def children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as stream:
            found += [int(c) for c in stream.read().split()]
    return found


def wait_for_shards(out, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shards = out / "shards"
        if shards.exists() and len(list(shards.glob("*.done"))) >= at_least:
            return
        time.sleep(0.05)
    raise AssertionError("no shard finished in time")


@pytest.mark.parametrize("victim", ["worker", "whole job"])
def test_killed_mid_run_then_re_run_gives_exactly_one_analysis_per_article(
        tmp_path, sharded_inputs, reference_output, victim):
    import subprocess


    inputs, _ = sharded_inputs
    proc = subprocess.Popen([STORYLINE, "batch", str(inputs), "-o", str(tmp_path), "--workers", "2", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    wait_for_shards(tmp_path, 2)
    if victim == "worker":
        workers = [c for c in children(proc.pid) if "python" in open(f"/proc/{c}/cmdline").read()]
        os.kill(workers[-1], signal.SIGKILL)
        assert proc.wait(timeout=120) == 1
        assert "run the same command again" in proc.stderr.read()
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finished = len(list((tmp_path / "shards").glob("*.done")))
    assert finished < 9
    rerun = batch(inputs, "-o", tmp_path, "--workers", "2")
    assert f"({finished} done before)" in rerun.stderr
    assert analyses(tmp_path) == analyses(reference_output)
    assert not list(tmp_path.rglob("*.tmp"))


def test_parquet_output_flattens_the_analysis_and_keeps_its_json(tmp_path, sharded_inputs):
    pq = pytest.importorskip("pyarrow.parquet")
    inputs, count = sharded_inputs
    batch(inputs, "-o", tmp_path, "--format", "parquet")
    table = pq.read_table(tmp_path / "analyses.parquet").to_pylist()
    assert len(table) == count
    row = table[0]
    assert json.loads(row["analysis"])["document"]["id"] == row["id"]
    assert row["entities"] == len(json.loads(row["analysis"])["entities"])


def test_a_manifest_lists_inputs_and_missing_ones_are_named(tmp_path, sharded_inputs):
    inputs, _ = sharded_inputs
    manifest = tmp_path / "inputs.txt"
    manifest.write_text(f"# two shards\n{inputs / 'part-00.jsonl'}\n{inputs / 'part-01.jsonl'}\nnope.jsonl\n")
    done = batch("--manifest", manifest, "-o", tmp_path / "out")
    assert done.returncode == 1 and "nope.jsonl: no such file" in done.stderr
    assert len(analyses(tmp_path / "out")) == 4


def test_stories_equal_storyline_stories_on_the_same_input(tmp_path, sharded_inputs):
    import subprocess


    inputs, _ = sharded_inputs
    done = batch(inputs, "-o", tmp_path, "--stories", "--workers", "2")
    assert "stories in stories.jsonl" in done.stderr
    expected = subprocess.run([STORYLINE, "stories", str(inputs), "--format", "jsonl", "--no-progress"],
                              capture_output=True, text=True).stdout
    assert (tmp_path / "stories.jsonl").read_text() == expected


def crawl_page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>").encode()


def write_crawl(path) -> None:
    """Two news pages, the first again under a second URL, a request, a 404 and an image."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ferry = crawl_page("Ferry docks late at Port Tessel", "The evening ferry docked two hours late at Port "
                       "Tessel on Monday after a steering fault, the harbour office said in a statement.")
    silo = crawl_page("Grain silo fire in Kellerby", "A fire damaged the grain silo in Kellerby on Tuesday, "
                      "the county fire brigade said, and two workers were treated for smoke.")
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def record(url, kind="response", status="200 OK", content_type="text/html", payload=b""):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, kind, payload=io.BytesIO(payload),
                                                          http_headers=headers if kind == "response" else None))

        record("https://courier.example/ferry", "request", payload=b"GET /ferry HTTP/1.1\r\n\r\n")
        record("https://courier.example/ferry", payload=ferry)
        record("https://courier.example/silo", payload=silo)
        record("https://courier.example/ferry-amp", payload=ferry)  # the same text: dropped
        record("https://courier.example/ferry#comments", payload=ferry)  # the same URL: dropped
        record("https://courier.example/gone", status="404 Not Found", payload=b"<html>gone</html>")
        record("https://courier.example/logo.png", content_type="image/png", payload=b"\x89PNG\r\n\x1a\n")


def test_what_the_warc_files_held_and_dropped_is_counted_across_runs(tmp_path):
    inputs = tmp_path / "crawl"
    inputs.mkdir()
    write_crawl(inputs / "a.warc.gz")
    write_crawl(inputs / "b.warc.gz")  # the same pages again: dropped by the merge, not the archive
    done = batch(inputs, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "2 analyses in analyses.jsonl, 2 duplicates dropped" in done.stderr
    summary = ("2 WARC files: 14 records, 12 responses, 4 articles read; 4 duplicate pages dropped (2 by URL, "
               "2 by text), 6 records skipped (not an HTML page fetched with status 200)")
    assert summary in done.stderr
    again = batch(inputs, "-o", tmp_path / "out")
    assert "(2 done before)" in again.stderr and summary in again.stderr
