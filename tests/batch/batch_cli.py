"""Running `storyline batch` from the batch tests (a module of its own: pytest's conftest modules share one name)."""
import subprocess
import sys
from pathlib import Path

STORYLINE = str(Path(sys.executable).parent / "storyline")


def batch(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([STORYLINE, "batch", *map(str, args), "--no-progress"], capture_output=True, text=True,
                          timeout=600, **kwargs)
