"""Hand-made report digests for the stories tests: ids, days, blocking keys and terms chosen per case."""
from array import array
from datetime import date

from storyline.stories.digest import ReportDigest

WEEK = date(2031, 6, 2).toordinal() // 7  # days WEEK * 7 + 0..6 are one week


def digest(rid: str, day: int | None, keys, terms) -> ReportDigest:
    """A hand-made digest: blocking keys, and content terms (equal weights) for the similarity."""
    terms = tuple(sorted(terms))
    return ReportDigest(id=rid, url=None, title=f"Report {rid}", outlet="Fictional Courier",
                        published=None if day is None else date.fromordinal(day).isoformat(),
                        published_source=None if day is None else "input", day=day, terms=terms,
                        weights=array("f", [len(terms) ** -0.5] * len(terms)), keys=tuple(sorted(keys)), names={},
                        places=(), event_types=frozenset())


def day(n: int) -> int:
    return WEEK * 7 + n
