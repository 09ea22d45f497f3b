"""Shared fixtures: the spaCy model loaded once per test session, and the seed when ../shared is present."""
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_62e58e1013552225.txt"


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_path():
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent)")
    return SEED


EXAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="session")
def example_analyses_jsonl(tmp_path_factory, nlp):
    """The example corpus analysed once per session, as Analysis JSON Lines (input order)."""
    from storyline.ingest.article import Article
    from storyline.ingest.read import iter_articles
    from storyline.pipeline import analyze_articles

    path = tmp_path_factory.mktemp("analyses") / "example.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for result in analyze_articles(iter_articles([str(EXAMPLE_CORPUS)])):
            assert not isinstance(result, Exception), result
            out.write(result.to_json() + "\n")
    return path


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, example_analyses_jsonl):
    """A store holding the example corpus and its stories (read it, do not write to it)."""
    from storyline.ingest.analyses import read_analyses
    from storyline.store import Store, ingest

    path = tmp_path_factory.mktemp("db") / "example.db"
    with Store(path) as store:
        report = ingest(store, read_analyses(str(example_analyses_jsonl)))
    assert report.failed == 0 and report.added > 0
    return path


# ---------------------------------------------------------------- output invariants (issue 11)
# Every Analysis (`pipeline.analyze_doc`, `pipeline.layout_only`) and every Story
# (`stories.build.assemble_story`) produced while the suite runs is checked with
# `storyline.invariants`, in this process and in the Python subprocesses tests start (the
# CLI, the server, benchmark scripts: a sitecustomize on PYTHONPATH installs the same
# wrappers there and logs to a file). A violation fails the test during which it was
# produced, naming the input and each problem. The wrappers return what they were given,
# so the product behaves as without them. A test that builds broken objects on purpose
# opts out with `@pytest.mark.no_invariants`.

_INVARIANT_HOOK = r'''
"""Written by tests/conftest.py: wraps storyline's producers of analyses and stories to check each result."""
import functools
import json
import sys
import time

DIGESTED = {}  # id(ReportDigest) -> (digest, Analysis): a story's quote spans are checked against the texts
MAX_DIGESTED = 5000
CHECKED = {"analyses": 0, "stories": 0, "seconds": 0.0}
report = None  # callable(message): where a violation goes


def _preview(text, width=80):
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 3] + "..."


def _lines(problems):
    return "\n".join(f"    - {p}" for p in problems)


def checked_analysis(produce):
    @functools.wraps(produce)
    def wrapper(*args, **kwargs):
        analysis = produce(*args, **kwargs)
        from storyline.invariants import analysis_problems

        started = time.perf_counter()
        CHECKED["analyses"] += 1
        problems = analysis_problems(analysis)
        CHECKED["seconds"] += time.perf_counter() - started
        if problems:
            article = args[-1] if args else kwargs.get("article")
            report(f"{produce.__name__} on {getattr(article, 'origin', '?')} (document {analysis.document.id!r}: "
                   f"{_preview(analysis.document.text)!r}):\n{_lines(problems)}")
        return analysis
    return wrapper


def recorded_digest(digest_report):
    @functools.wraps(digest_report)
    def wrapper(analysis):
        digest = digest_report(analysis)
        if len(DIGESTED) < MAX_DIGESTED:
            DIGESTED[id(digest)] = (digest, analysis)
        return digest
    return wrapper


def checked_assembly(assemble_story):
    @functools.wraps(assemble_story)
    def wrapper(reports, *args, **kwargs):
        story = assemble_story(reports, *args, **kwargs)
        from storyline.invariants import story_problems

        started = time.perf_counter()
        CHECKED["stories"] += 1
        documents = {}
        for r in reports:
            known = DIGESTED.get(id(r))
            if known is not None and known[0] is r:
                documents[r.id] = known[1]
        problems = story_problems(story, documents)
        CHECKED["seconds"] += time.perf_counter() - started
        if problems:
            report(f"assemble_story of {[r.id for r in reports][:20]} (story {story.id}):\n{_lines(problems)}")
        return story
    return wrapper


WRAP = {
    "storyline.pipeline": {"analyze_doc": checked_analysis, "layout_only": checked_analysis},
    "storyline.stories.digest": {"digest_report": recorded_digest},
    "storyline.stories.build": {"assemble_story": checked_assembly},
}


def install_on_import(log_path):
    """In a subprocess: wrap the functions as their modules load; violations and counts go to `log_path`."""
    import atexit
    import importlib.abc

    global report

    def write(record):
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")

    report = lambda message: write({"violation": f"[subprocess {' '.join(sys.argv)[:120]}] {message}"})
    atexit.register(lambda: any(CHECKED.values()) and write({"checked": CHECKED}))

    class Loader(importlib.abc.Loader):
        def __init__(self, loader, name):
            self.loader, self.name = loader, name

        def create_module(self, spec):
            return self.loader.create_module(spec)

        def exec_module(self, module):
            self.loader.exec_module(module)
            for attr, make in WRAP[self.name].items():
                setattr(module, attr, make(getattr(module, attr)))

        def __getattr__(self, attr):
            return getattr(self.loader, attr)

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name not in WRAP:
                return None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None and spec.loader is not None:
                    spec.loader = Loader(spec.loader, name)
                    return spec
            return None

    sys.meta_path.insert(0, Finder())
'''

_SITECUSTOMIZE = '''import os
if os.environ.get("STORYLINE_INVARIANTS_LOG"):
    import _storyline_invariant_hook
    _storyline_invariant_hook.install_on_import(os.environ["STORYLINE_INVARIANTS_LOG"])
'''


class _InvariantWatch:
    hook = None  # the hook module, once the session fixture has loaded it
    log = None  # where subprocesses write violations and counts
    violations: list = []
    subprocess_checked = {"processes": 0, "analyses": 0, "stories": 0, "seconds": 0.0}

    @classmethod
    def collect(cls) -> list:
        """The violations recorded since the last call, from this process and from subprocesses."""
        import json
        import os

        if cls.log is not None and os.path.getsize(cls.log):
            with open(cls.log, "r+", encoding="utf-8") as log:
                lines = log.readlines()
                log.truncate(0)
            for line in lines:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if "violation" in record:
                    cls.violations.append(record["violation"])
                if "checked" in record:
                    cls.subprocess_checked["processes"] += 1
                for kind, n in record.get("checked", {}).items():
                    cls.subprocess_checked[kind] += n
        found, cls.violations[:] = list(cls.violations), []
        return found


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "no_invariants: do not fail this test on output invariant violations (tests of broken objects)")


@pytest.fixture(scope="session", autouse=True)
def _output_invariants(tmp_path_factory):
    """Wrap the producers of analyses and stories for the whole session so each result is checked."""
    import importlib.util
    import os
    import sys

    from storyline import pipeline  # noqa: F401 - loaded so that its functions can be wrapped
    from storyline.stories import build, digest  # noqa: F401

    folder = tmp_path_factory.mktemp("invariants")
    (folder / "_storyline_invariant_hook.py").write_text(_INVARIANT_HOOK, encoding="utf-8")
    (folder / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("_storyline_invariant_hook", folder / "_storyline_invariant_hook.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook.report = _InvariantWatch.violations.append
    hook.collect = _InvariantWatch.collect  # for tests of this check (tests/test_invariants.py)
    _InvariantWatch.hook = hook
    _InvariantWatch.log = folder / "subprocesses.jsonl"
    _InvariantWatch.log.touch()

    # Each original function -> its wrapper, rebound wherever a module holds it (`from x import f` copies it).
    wrappers = {}
    for module_name, functions in hook.WRAP.items():
        module = sys.modules[module_name]
        for name, make in functions.items():
            original = getattr(module, name)
            wrappers[id(original)] = (original, make(original))
    with pytest.MonkeyPatch.context() as monkeypatch:
        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if not isinstance(namespace, dict):
                continue
            for name, value in list(namespace.items()):
                wrapped = wrappers.get(id(value))
                if wrapped is not None and wrapped[0] is value:
                    monkeypatch.setattr(module, name, wrapped[1])
        python_path = os.environ.get("PYTHONPATH")
        monkeypatch.setenv("PYTHONPATH", str(folder) + (os.pathsep + python_path if python_path else ""))
        monkeypatch.setenv("STORYLINE_INVARIANTS_LOG", str(_InvariantWatch.log))
        yield hook


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Fail the phase (setup, call or teardown) of a test during which an invariant violation was recorded."""
    outcome = yield
    report = outcome.get_result()
    if call.when == "teardown" and _InvariantWatch.hook is not None:
        _InvariantWatch.hook.DIGESTED.clear()
    found = _InvariantWatch.collect()
    if not found or item.get_closest_marker("no_invariants") is not None:
        return
    message = "output invariants violated (storyline.invariants):\n" + "\n".join(found)
    if report.failed:
        report.sections.append(("output invariants", message))
    else:
        report.outcome = "failed"
        report.longrepr = message


def pytest_sessionfinish(session):
    """A violation recorded after the last test's report (a subprocess writing late) still fails the run."""
    if _InvariantWatch.hook is not None:
        _InvariantWatch.late = _InvariantWatch.collect()
        if _InvariantWatch.late:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    hook = _InvariantWatch.hook
    if hook is not None:
        for message in getattr(_InvariantWatch, "late", []):
            terminalreporter.write_line(f"output invariant violated after the last test: {message}", red=True)
        sub = _InvariantWatch.subprocess_checked
        here = hook.CHECKED
        terminalreporter.write_line(
            f"output invariants checked on {here['analyses']} analyses and {here['stories']} stories in the test "
            f"process ({here['seconds']:.1f} s), {sub['analyses']} and {sub['stories']} in {sub['processes']} "
            f"subprocesses ({sub['seconds']:.1f} s)")
