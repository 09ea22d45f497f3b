"""Inputs for the batch tests: the example corpus's reports spread over several JSONL files (several shards)."""
import json
from pathlib import Path

import pytest

from batch_cli import batch

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="session")
def sharded_inputs(tmp_path_factory):
    """The example corpus as 8 JSONL files of 2 reports each, plus one line that is not an article."""
    from storyline.ingest.read import iter_articles

    root = tmp_path_factory.mktemp("inputs")
    records = [{"id": a.content_id(), "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
                "text": a.text} for a in iter_articles([str(CORPUS)])]
    for n in range(0, len(records), 2):
        with open(root / f"part-{n // 2:02d}.jsonl", "w", encoding="utf-8") as out:
            for record in records[n:n + 2]:
                out.write(json.dumps(record) + "\n")
    (root / "part-99.jsonl").write_text('{"title": "no text here"}\n' + json.dumps(records[0]) + "\n")
    return root, len(records)


@pytest.fixture(scope="session")
def reference_output(tmp_path_factory, sharded_inputs):
    """One uninterrupted run with a single worker: what every other run must equal."""
    inputs, _ = sharded_inputs
    out = tmp_path_factory.mktemp("reference")
    done = batch(inputs, "-o", out)
    assert done.returncode == 1, done.stderr  # the bad line is one error
    return out
