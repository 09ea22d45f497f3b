"""The stories package's word lists and patterns, kept as tab-separated data next to the code."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent


def table_rows(name: str) -> list[list[str]]:
    """The rows of stories/NAME: tab-separated, stripped; blank lines and lines opening with '#' left out."""
    rows = []
    for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows
