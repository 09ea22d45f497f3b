"""Analyses as Parquet: the document's fields, counts, places and times as columns, the full JSON kept."""
from __future__ import annotations

import json
from typing import Iterable

ROW_GROUP = 2_000


def flatten(analysis: dict) -> dict:
    """One Parquet row of an Analysis (as a dict)."""
    doc = analysis["document"]
    places = [e for e in analysis.get("entities", []) if e["kind"] == "place"]
    return {
        "id": doc["id"], "url": doc.get("url"), "title": doc.get("title"), "outlet": doc.get("outlet"),
        "published": doc.get("published"), "language": doc.get("language"), "characters": len(doc["text"]),
        "entities": len(analysis.get("entities", [])), "attributions": len(analysis.get("attributions", [])),
        "events": len(analysis.get("events", [])), "quantities": len(analysis.get("quantities", [])),
        "event_types": sorted({e["type"] for e in analysis.get("events", [])}),
        "places": [e["name"] for e in places],
        "place_countries": sorted({e["geo"]["country"] for e in places if e.get("geo") and e["geo"].get("country")}),
        "times": [t["value"] for t in analysis.get("times", []) if t.get("value")],
        "analysis": json.dumps(analysis, ensure_ascii=False),
    }


def write_parquet(lines: Iterable[str], path: str) -> None:
    """Analysis JSON lines into one Parquet file, a row group at a time (memory stays flat)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError("Parquet output needs pyarrow: pip install 'storyline[spark]'") from None
    schema = pa.schema([
        ("id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
        ("published", pa.string()), ("language", pa.string()), ("characters", pa.int64()),
        ("entities", pa.int32()), ("attributions", pa.int32()), ("events", pa.int32()), ("quantities", pa.int32()),
        ("event_types", pa.list_(pa.string())), ("places", pa.list_(pa.string())),
        ("place_countries", pa.list_(pa.string())), ("times", pa.list_(pa.string())), ("analysis", pa.string()),
    ])
    with pq.ParquetWriter(path, schema) as writer:
        rows = []
        for line in lines:
            rows.append(flatten(json.loads(line)))
            if len(rows) == ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))  # the rest (an empty file keeps its schema)
