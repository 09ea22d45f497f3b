"""Smoke test of benchmarks/batch_scale.py: --smoke (16 articles in 4 files, local engine with 1 and 2 workers)
runs `storyline batch` twice end to end, finds the outputs byte-equal and reports rates, shard times and memory."""
import json
import re
import subprocess
import sys

from benchmark_scripts import REPO_ROOT, load_benchmark

SCRIPT = REPO_ROOT / "benchmarks" / "batch_scale.py"


def test_inputs_are_split_into_near_equal_files_in_order(tmp_path):
    benchmark = load_benchmark("batch_scale.py")
    records = [{"id": f"a{n}", "text": f"text {n}"} for n in range(10)]

    paths = benchmark.write_inputs(records, 4, tmp_path)

    lines = [p.read_text(encoding="utf-8").splitlines() for p in paths]
    assert [len(chunk) for chunk in lines] == [3, 3, 2, 2]
    assert [json.loads(line)["id"] for chunk in lines for line in chunk] == [r["id"] for r in records]


def test_worker_processes_are_told_apart_from_the_driver_jvm_and_daemon():
    benchmark = load_benchmark("batch_scale.py")
    role = benchmark.role
    spawn = "python -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=9, pipe_handle=13)"

    assert role(10, 10, "python storyline batch in -o out", "") == "driver"
    assert role(11, 10, spawn, "python storyline batch in -o out") == "worker"
    assert role(12, 10, "/usr/lib/jvm/bin/java -cp x org.apache.spark.deploy.SparkSubmit", "") == "jvm"
    assert role(13, 10, "python -m pyspark.daemon", "/usr/lib/jvm/bin/java -cp x") == "daemon"
    assert role(14, 10, "python -m pyspark.daemon", "python -m pyspark.daemon") == "worker"  # forked by the daemon
    assert role(15, 10, "python -B -c from multiprocessing.resource_tracker import main;main(8)", "") == "helper"


def test_smoke_run_compares_the_outputs_and_reports_rates_and_memory(tmp_path):
    figures = tmp_path / "figures.json"
    completed = subprocess.run([sys.executable, str(SCRIPT), "--smoke", "--check", "--json", str(figures)],
                               capture_output=True, text=True, timeout=300, cwd=REPO_ROOT)

    output = completed.stdout
    assert completed.returncode == 0, completed.stderr + output
    assert "16 generated articles" in output and "4 shards" in output, output
    assert re.search(r"^outputs identical: yes \(2 runs", output, re.MULTILINE), output
    assert re.search(r"^ratio 2 workers / 1 worker: \d+\.\d+ whole command", output, re.MULTILINE), output
    assert re.search(r"^  100 cores: ", output, re.MULTILINE), output
    assert output.strip().splitlines()[-1] == "result: PASS", output
    record = json.loads(figures.read_text(encoding="utf-8"))
    one, two = record["runs"]
    assert (one["workers"], two["workers"]) == (1, 2)
    for run in (one, two):
        assert run["analyses"] == 16 and len(run["shards"]) == 4
        assert run["words"] > 0 and run["words_per_second"] > 0
        assert 0 < run["span_seconds"] <= run["wall_seconds"]
        assert run["peak_worker_mb"] > 100  # a process holding the spaCy model
    assert sum(p["role"] == "worker" for p in two["processes"]) == 2
