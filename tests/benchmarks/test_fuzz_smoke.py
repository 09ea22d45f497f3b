"""Smoke test of benchmarks/fuzz.py: a tiny run of every target prints its counts, and failures are recorded."""
import re
import subprocess
import sys
import time

from benchmark_scripts import REPO_ROOT, load_benchmark

SCRIPT = REPO_ROOT / "benchmarks" / "fuzz.py"
TARGET_LINE = re.compile(r"^(\w+): ([\d,]+) inputs in [\d.]+ s \(([\d,]+) inputs/s; [\d,]+ per CPU second\); "
                         r"crashes ([\d,]+), "
                         r"hangs ([\d,]+), invalid outputs ([\d,]+); slowest input [\d.]+ s, [\d,]+ over 1 s$",
                         re.MULTILINE)


def test_a_tiny_run_of_every_target_prints_counts_and_a_result(tmp_path):
    failures = tmp_path / "failures"
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--inputs", "150", "--analyze-inputs", "5", "--min-total", "0",
         "--failures", str(failures)],
        capture_output=True, text=True, timeout=300, cwd=REPO_ROOT)

    output = completed.stdout
    assert completed.returncode == 0, completed.stderr + output
    counts = {m.group(1): m.groups()[1:] for m in TARGET_LINE.finditer(output)}
    assert {"text", "html", "jsonl", "stdin", "analyze"} <= set(counts), output
    assert all(c[0] == "150" for name, c in counts.items() if name != "analyze"), output
    assert counts["analyze"][0] == "5", output
    assert "warc" in counts or re.search(r"^warc: skipped, .*no WARC reader", output, re.MULTILINE), output
    assert re.search(r"^total: [\d,]+ inputs in [\d.]+ s, [\d.]+ CPU s \(readers [\d,]+, analyze 5\); crashes",
                     output, re.MULTILINE), output
    last = output.strip().splitlines()[-1]
    assert re.fullmatch(r"result: (PASS|FAIL \(.+\))", last), output
    failed = sum(int(c[2].replace(",", "")) + int(c[3].replace(",", "")) + int(c[4].replace(",", ""))
                 for c in counts.values())
    assert (last == "result: PASS") == (failed == 0), output
    if failed:  # each failing input is saved with its repro
        saved = list(failures.rglob("*.txt"))
        assert saved and all("repro" in path.read_text(encoding="utf-8") for path in saved), output


def test_the_same_seed_gives_the_same_inputs():
    fuzz = load_benchmark("fuzz.py")
    first, second = fuzz.Generators(7), fuzz.Generators(7)

    for make in ("text", "html", "jsonl", "stdin", "warc", "analyze_text"):
        assert [getattr(first, make)() for _ in range(20)] == [getattr(second, make)() for _ in range(20)], make


def test_crashes_hangs_and_invalid_outputs_are_counted_and_saved(tmp_path):
    fuzz = load_benchmark("fuzz.py")
    inputs = iter([b"ok", b"crash", b"hang", b"invalid", b"ok"])

    def run(data):
        if data == b"crash":
            raise KeyError("boom")
        if data == b"hang":
            while True:
                time.sleep(0.01)
        return ["Article.text is not a non-blank str: ''"] if data == b"invalid" else []

    target = fuzz.Target("fake", lambda gens: next(inputs), run, "print(data)")
    tally = fuzz.fuzz_target(target, fuzz.Generators(0), None, 5, 0.3, tmp_path, fuzz.Watch())

    assert (tally.inputs, tally.crashes, tally.hangs, tally.invalid) == (5, 1, 1, 1)
    assert any(sig.startswith("KeyError at ") for sig in tally.signatures), tally.signatures
    saved = sorted(p.name.split("-")[0] for p in (tmp_path / "fake").glob("*.bin"))
    assert saved == ["crash", "hang", "invalid"]
    crash = next((tmp_path / "fake").glob("crash-*.txt")).read_text(encoding="utf-8")
    assert "KeyError: 'boom'" in crash and "print(data)" in crash


def test_check_exits_1_on_fail(tmp_path, capsys):
    fuzz = load_benchmark("fuzz.py")

    exit_code = fuzz.main(["--targets", "text", "--inputs", "10", "--failures", str(tmp_path), "--check"])

    output = capsys.readouterr().out
    assert exit_code == 1, output
    assert output.strip().splitlines()[-1] == "result: FAIL (10 inputs < 1,000,000)", output
