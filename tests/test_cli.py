"""The command line, end to end: each input kind, each bad input, exit codes and output forms."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
REPORT = """Ferry Captain Rescued Off Rocky Coast

A ferry captain was pulled from the sea near Split, Croatia, on Monday, the coast guard said.
"He was very cold but conscious," rescuer Ivo Maras told the Adriatic Courier.
"""


def storyline(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "storyline.cli", *map(str, args)], input=stdin,
                          capture_output=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def report_txt(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "ferry.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_txt_gives_one_json_object_with_headline(report_txt):
    done = storyline("analyze", report_txt, "--published", "2024-02-06")
    assert done.returncode == 0, done.stderr
    analysis = json.loads(done.stdout)
    assert analysis["schema"] == "storyline.analysis/1"
    assert analysis["document"]["title"] == "Ferry Captain Rescued Off Rocky Coast"
    assert analysis["document"]["published"] == "2024-02-06"
    assert analysis["sections"][0]["kind"] == "headline"
    monday = [t for t in analysis["times"] if t["text"] == "Monday"]
    assert monday and monday[0]["value"] == "2024-02-05"


def test_directory_gives_jsonl_in_input_order_with_sidecar_metadata():
    done = storyline("analyze", CORPUS, "--no-progress")
    assert done.returncode == 0, done.stderr.decode()
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(lines) >= 10
    first = lines[0]["document"]
    assert first["outlet"] and first["published"]  # from index.tsv or the file itself


def test_html_input(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Dam Holds After Storm</title></head><body><nav>Home | World</nav>"
                    "<article><h1>Dam Holds After Storm</h1><p>The dam above Tarnow held through the night, "
                    "engineers said on Sunday, after a storm that dropped a month of rain in a day.</p>"
                    "<p>Officials said 300 people had left their homes as a precaution.</p></article>"
                    "<footer>Copyright</footer></body></html>", encoding="utf-8")
    done = storyline("analyze", page)
    assert done.returncode == 0, done.stderr
    analysis = json.loads(done.stdout)
    assert "engineers said" in analysis["document"]["text"]
    assert "Copyright" not in analysis["document"]["text"]


def test_jsonl_and_stdin():
    line = json.dumps({"id": "x-1", "title": "Mine Reopens", "outlet": "Ore Weekly", "published": "2024-01-02",
                       "text": "The mine reopened on Tuesday, its owner said."})
    done = storyline("analyze", "-", "--format", "jsonl", stdin=(line + "\n").encode())
    assert done.returncode == 0, done.stderr
    analysis = json.loads(done.stdout)
    assert analysis["document"]["id"] == "x-1" and analysis["document"]["outlet"] == "Ore Weekly"


def test_markdown_report_escapes_untrusted_text(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("Headline <script>alert(1)</script>\n\nPolice said <b>nothing</b> happened.\n", encoding="utf-8")
    done = storyline("analyze", path, "--format", "md")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "## Who said what" in out


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
    ("latin1.txt", "Caf\xe9 owner said the fire was out.".encode("latin-1"), "UTF-8"),
    ("notes.xyz", b"hello", "unsupported file type"),
    ("broken.html", b"<html><body><div><p></div></span></html", "no article text"),
])
def test_bad_inputs_fail_alone_with_one_clear_line(tmp_path, report_txt, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    done = storyline("analyze", bad, report_txt, "--format", "jsonl")
    assert done.returncode == 1
    err = done.stderr.decode()
    assert f"{bad}:" in err and reason in err
    assert "Traceback" not in err
    assert len(done.stdout.decode().splitlines()) == 1  # the good report still came out


def test_oversized_text_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"Word after word. " * (20 * 1024 * 1024 // 17))
    done = storyline("analyze", big)
    assert done.returncode == 1
    assert "too large" in done.stderr.decode() and "Traceback" not in done.stderr.decode()


def test_non_english_article_is_flagged_and_layout_only():
    done = storyline("analyze", ROOT / "examples" / "bad" / "incendie_lyon_fr.txt")
    assert done.returncode == 0
    analysis = json.loads(done.stdout)
    assert analysis["document"]["language"] == "fr"
    assert analysis["sections"] and analysis["attributions"] == []
    assert "not English" in done.stderr.decode()


def test_usage_errors_exit_2(report_txt):
    assert storyline("analyze").returncode == 2
    assert storyline("analyze", report_txt, "--published", "14/11/2017").returncode == 2
    assert storyline("analyze", report_txt, "--format", "xml").returncode == 2


def test_missing_path_is_an_item_error(report_txt, tmp_path):
    done = storyline("analyze", tmp_path / "nope.txt", report_txt, "--format", "jsonl")
    assert done.returncode == 1 and "no such file" in done.stderr.decode()


def test_schema_command_prints_the_contract():
    done = storyline("schema")
    schema = json.loads(done.stdout)
    assert {"document", "entities", "attributions"} <= set(schema["properties"])
