"""benchmarks/language_id.py: how it cuts and builds its texts, and a small run in a subprocess."""
import json
import subprocess
import sys

from benchmark_scripts import REPO_ROOT, load_benchmark

SCRIPT = REPO_ROOT / "benchmarks" / "language_id.py"
language_id = load_benchmark("language_id.py")


def test_cuts_end_at_a_word_boundary_and_keep_at_least_one_word():
    text = "The council met on Monday evening to vote on the pool."

    assert language_id.cut_at_words(text, 20) == "The council met on"
    assert language_id.cut_at_words(text, 200) == text
    assert language_id.cut_at_words("Sześćdziesięcioletni mężczyzna", 10) == "Sześćdziesięcioletni"


def test_each_paragraph_gives_every_length_bucket_and_a_long_text():
    paragraphs = {"en": ["One short paragraph about the weather. " * 4, "Another about the council. " * 5]}
    samples = language_id.corpus_samples(paragraphs)

    assert [s.bucket for s in samples[:6]] == ["20", "50", "100", "200", "500", "1000+"]
    assert all(len(s.text) <= int(s.bucket) for s in samples if s.bucket != "1000+")
    assert all(len(s.text) >= 1000 for s in samples if s.bucket == "1000+")


def test_the_corpus_has_every_language_and_the_hard_cases_include_the_said_quotes():
    paragraphs = language_id.load_paragraphs(language_id.TEXTS_DIR, None)
    hard = language_id.hard_cases(paragraphs["en"], None)

    assert {"en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "tr", "ru"} <= set(paragraphs)
    assert all(len(texts) >= 15 for texts in paragraphs.values())
    assert '"Yes," he said. ' * 2000 in [s.text for s in hard if s.kind == "said quotes"]
    assert {s.lang for s in hard} == {"en"}


def test_a_small_run_prints_the_tables_and_a_result(tmp_path):
    figures = tmp_path / "language_id.json"
    completed = subprocess.run([sys.executable, str(SCRIPT), "--limit", "2", "--json", str(figures)],
                               capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)

    assert completed.returncode == 0, completed.stderr + completed.stdout
    out = completed.stdout
    assert "accuracy by language" in out and "English hard cases" in out and "ms per text" in out
    assert "handwritten" in out and "py3langid" in out and "storyline" in out
    assert out.rstrip().splitlines()[-1].startswith("result: ")
    recorded = json.loads(figures.read_text(encoding="utf-8"))
    assert recorded["result"].startswith(("PASS", "FAIL"))
    assert recorded["hard"]["said quotes"]["n"] == 2
