"""Planning shards: a large JSONL file is cut at line starts into parts read exactly as the whole file is."""
import json
import random

import pytest

from storyline.batch import shards
from storyline.batch.engines import run_batch
from storyline.batch.shards import jsonl_parts, plan_shards
from storyline.ingest.read import iter_articles, iter_jsonl_part


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of about 64 bytes, the file scanned 7 bytes at a time: every boundary case in a small file."""
    monkeypatch.setattr(shards, "PART_BYTES", 64)
    monkeypatch.setattr(shards, "SCAN_BYTES", 7)


def line_starts(data: bytes) -> dict[int, int]:
    """{byte offset: line number} of every line start."""
    starts = {0: 1}
    for n, byte in enumerate(data):
        if byte == ord("\n") and n + 1 < len(data):
            starts[n + 1] = len(starts) + 1
    return starts


@pytest.mark.parametrize("seed", range(40))
def test_parts_cover_the_file_and_begin_at_line_starts_with_their_line_numbers(tmp_path, small_parts, seed):
    rng = random.Random(seed)
    lines = ["x" * rng.choice([0, 1, 5, 30, 63, 64, 65, 150]) for _ in range(rng.randint(1, 30))]
    data = ("\n".join(lines) + rng.choice(["", "\n"])).encode()
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    parts = jsonl_parts(str(path))
    starts = line_starts(data)
    expected = sorted({0} | {min((s for s in starts if s >= t), default=0) for t in range(64, len(data), 64)})
    if parts == [None]:
        assert expected == [0] or not data.strip()
        return
    assert [start for start, _, _ in parts] == expected
    assert parts[-1][1] == len(data)
    for (start, end, first), following in zip(parts, parts[1:] + [None]):
        assert start < end and starts[start] == first
        assert following is None or following[0] == end


def test_a_file_up_to_the_part_size_blank_or_binary_is_one_shard(tmp_path, small_parts):
    for name, data in [("small.jsonl", b'{"text": "short"}\n'), ("blank.jsonl", b"\n \n" * 100),
                       ("binary.jsonl", b"\x00\x01\x02" * 100 + b"\n" + b"{}\n" * 50)]:
        (tmp_path / name).write_bytes(data)
        assert jsonl_parts(str(tmp_path / name)) == [None], name


def test_an_unreadable_or_vanished_file_is_left_to_its_reader(tmp_path, small_parts):
    assert jsonl_parts(str(tmp_path / "gone.jsonl")) == [None]


def reports_file(path, count: int = 12, bad_at: int = 5) -> None:
    """Short fictional reports, one bad line among them and a blank line."""
    lines = [json.dumps({"id": f"r{n}", "title": f"Ferry {n} docks late at Port Tessel",
                         "text": f"Ferry {n} docked two hours late at Port Tessel on Monday, the harbour office said."})
             for n in range(count)]
    lines.insert(bad_at, '{"title": "no text"}')
    lines.insert(bad_at + 2, "")
    path.write_text("\n".join(lines) + "\n")


def read(items) -> list[tuple]:
    return [(item.origin, getattr(item, "text", None), getattr(item, "reason", None)) for item in items]


def test_reading_the_parts_one_after_another_reads_the_whole_file(tmp_path, monkeypatch):
    path = tmp_path / "batch.jsonl"
    reports_file(path)
    monkeypatch.setattr(shards, "PART_BYTES", 300)
    parts = jsonl_parts(str(path))
    assert len(parts) >= 4
    whole = read(iter_articles([str(path)]))
    assert read(item for part in parts for item in iter_jsonl_part(str(path), *part)) == whole
    assert (f"{path}:6", None, "no 'text' or 'html' field") in whole  # the line number of the whole file


def test_a_batch_of_one_large_jsonl_file_runs_in_parts_and_equals_the_uncut_run(tmp_path, monkeypatch):
    path = tmp_path / "inputs" / "batch.jsonl"
    path.parent.mkdir()
    reports_file(path, count=8, bad_at=3)
    uncut = run_batch([str(path.parent)], str(tmp_path / "uncut"))
    monkeypatch.setattr(shards, "PART_BYTES", 400)
    planned, _ = plan_shards([str(path.parent)])
    assert len(planned) >= 3 and len({s.id for s in planned}) == len(planned)
    told, done = [], []
    cut = run_batch([str(path.parent)], str(tmp_path / "cut"), workers=2, on_plan=told.append, on_shard=done.append)
    assert told == [len(planned)] and len(done) == len(planned)
    assert (cut.shards, uncut.shards) == (len(planned), 1)
    for name in ("analyses.jsonl", "errors.jsonl"):
        assert (tmp_path / "cut" / name).read_text() == (tmp_path / "uncut" / name).read_text()
    assert cut.analyses == 8 and cut.errors == 1
    again = run_batch([str(path.parent)], str(tmp_path / "cut"), on_plan=told.append)
    assert again.done_before == len(planned) and again.analyses == 8 and told[-1] == 0



def test_an_outdir_inside_an_input_directory_is_never_read_as_input(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "news.jsonl").write_text(
        '{"id": "k1", "text": "The Kesto ferry docked late on Tuesday after a storm, its captain said."}\n'
        '{"id": "v1", "text": "Firefighters in Varnholm put out a warehouse fire on Monday, the city said."}\n',
        encoding="utf-8")
    first = run_batch([str(feed)], str(feed / "out"))
    again = run_batch([str(feed)], str(feed / "out"))
    assert (first.shards, first.analyses, first.errors) == (1, 2, 0)
    assert (again.shards, again.done_before, again.analyses, again.errors) == (1, 1, 2, 0)
    planned, _ = plan_shards([str(feed)], str(tmp_path / "elsewhere"))
    assert any("out" in path.split("/") for shard in planned for path in shard.paths)
