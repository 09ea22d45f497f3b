"""Import a benchmark script by path for its smoke test (benchmarks/ is not a package)."""
import importlib.util
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_BENCHMARKS = REPO_ROOT.parent / "shared" / "benchmarks"


def load_benchmark(script: str):
    """The module benchmarks/SCRIPT, imported once; registered in sys.modules so its dataclasses resolve."""
    name = f"storyline_benchmark_{Path(script).stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "benchmarks" / script)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
