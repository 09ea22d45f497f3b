"""Every example sentence in docs/attribution.md's table of constructions is attributed as documented."""
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "attribution.md"


def documented_examples() -> list[tuple[str, str]]:
    """(example sentence, documented type) for each whole-sentence example in the constructions table."""
    examples = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`"):
            continue
        kinds = re.findall(r"[a-z_]+", cells[2])
        for example in re.findall(r"`([^`]+)`", cells[1]):
            if example[0].isupper() and example.endswith((".", '"', "”")) and "..." not in example:
                examples.append((example, kinds))
    return examples


def test_the_table_has_examples():
    assert len(documented_examples()) >= 10


@pytest.mark.parametrize("sentence, kinds", documented_examples())
def test_documented_example_is_attributed(attribute, sentence, kinds):
    found, _ = attribute(sentence)
    assert found, f"no attribution in {sentence!r}"
    if "any" not in kinds:
        assert {a.type for a in found} & set(kinds), (sentence, [a.type for a in found])
