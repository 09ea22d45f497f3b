"""Smoke test of benchmarks/stories_scale.py: copies keep offsets valid, and a 200-analysis run measures in-process."""
import json

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

from storyline.model import Analysis, Document, Entity, Mention

BASIL_DIR = SHARED_BENCHMARKS / "basil"


def _analysis() -> Analysis:
    text = "Ann Lee met Bob Ray in Oslo. Lee left."
    return Analysis(
        document=Document(id="r1", title="Ann Lee meets Bob Ray", published="2020-01-31", text=text),
        entities=[
            Entity(id="e1", name="Ann Lee", kind="person",
                   mentions=[Mention(start=0, end=7, text="Ann Lee"), Mention(start=29, end=32, text="Lee")]),
            Entity(id="e2", name="Bob Ray", kind="person", mentions=[Mention(start=12, end=19, text="Bob Ray")]),
        ],
    )


def test_copy_gets_new_id_later_date_and_changed_names_with_valid_offsets():
    benchmark = load_benchmark("stories_scale.py")
    original = _analysis()

    copy = benchmark.synthetic_copy(original, generation=2)

    assert copy.document.id == "r1#copy2"
    assert copy.document.published == "2020-03-31"  # 60 days on
    assert copy.entities[0].name == "Dqq Ohh" and copy.entities[1].name == "Ere Udb"
    assert copy.document.title == "Dqq Ohh meets Ere Udb"
    assert copy.untraceable() == []
    assert original.document.text == "Ann Lee met Bob Ray in Oslo. Lee left."  # the original is untouched


def test_synthetic_stream_is_lazy_and_starts_with_the_real_analyses():
    benchmark = load_benchmark("stories_scale.py")
    real = [_analysis()]

    stream = benchmark.synthetic_analyses(real, 3)

    assert next(stream) is real[0]
    assert [a.document.id for a in stream] == ["r1#copy1", "r1#copy2"]


@pytest.mark.skipif(not BASIL_DIR.is_dir(), reason=f"benchmark data absent: {BASIL_DIR}")
def test_size_200_child_run_reports_time_memory_and_stories(capsys, tmp_path):
    benchmark = load_benchmark("stories_scale.py")

    exit_code = benchmark.main(["--child", "--size", "200", "--real-limit", "20",
                                "--cache-dir", str(tmp_path / "cache")])

    captured = capsys.readouterr()
    assert exit_code == 0, captured.err + captured.out
    line = captured.out.strip().splitlines()[-1]
    assert line.startswith(benchmark.CHILD_RESULT), captured.out
    record = json.loads(line[len(benchmark.CHILD_RESULT):])
    assert record["size"] == 200 and record["real_analyses"] == 20
    assert record["documents_in_stories"] == 200
    assert 1 <= record["stories"] <= 200
    assert record["build_seconds"] > 0 and record["peak_rss_mb"] >= record["baseline_rss_mb"] > 0
