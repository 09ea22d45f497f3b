"""Reading analyses.jsonl in byte ranges: every line once, by the range its first byte lies in."""
import pytest

from storyline.batch import stories
from storyline.batch.stories import byte_ranges, read_lines


def test_ranges_cover_the_file_without_gaps_and_respect_parallelism_and_the_size_cap(monkeypatch):
    assert byte_ranges(0, 2) == [(0, 0), (0, 0)]
    assert byte_ranges(10, 3) == [(0, 3), (3, 6), (6, 10)]
    monkeypatch.setattr(stories, "RANGE_BYTES", 4)
    ranges = byte_ranges(10, 1)
    assert len(ranges) == 3 and ranges[0][0] == 0 and ranges[-1][1] == 10
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


@pytest.mark.parametrize("parallelism", [1, 2, 3, 5, 8, 40, 200])
def test_each_line_is_read_once_whatever_the_cut(tmp_path, parallelism):
    lines = ['{"id": "a"}', "", '{"id": "bé"}', '{"id": "c"}' * 7, '{"id": "d"}', "  "]
    path = tmp_path / "analyses.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    size = path.stat().st_size
    found = [pair for start, end in byte_ranges(size, parallelism) for pair in read_lines(str(path), start, end)]
    data = path.read_bytes()
    assert [line for _, line in found] == [line for line in lines if line.strip()]
    assert all(data[offset:].decode("utf-8").startswith(line) for offset, line in found)  # offsets are exact
    assert [offset for offset, _ in found] == sorted({offset for offset, _ in found})


def test_a_last_line_without_a_newline_is_read(tmp_path):
    path = tmp_path / "analyses.jsonl"
    path.write_text('{"id": "a"}\r\n{"id": "b"}')
    assert list(read_lines(str(path), 0, path.stat().st_size)) == [(0, '{"id": "a"}'), (13, '{"id": "b"}')]
