"""ReportDigest to JSON and back, exactly: so a story index can be stored and reloaded without pickle.

The stored JSON may come from elsewhere, so decoding only builds the digest's own
dataclasses, strings, numbers and arrays, checking each against the field's type.
Numeric arrays travel as base64 of their little-endian bytes: float32 weights and
MinHash values come back bit for bit. Strings the digest interns are interned again.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import sys
import types
import typing
from array import array
from functools import cache

import numpy as np

from storyline.stories.digest import EntityDigest, ReportDigest

CODEC_VERSION = 1
ARRAY_TYPECODES = frozenset("fd")
SIGNATURE_DTYPES = frozenset({"uint32", "uint64"})
# Fields whose strings digest.py interns (shared by all reports): interned again on decoding.
INTERNED = {(ReportDigest, "terms"), (ReportDigest, "keys"), (ReportDigest, "names"), (ReportDigest, "event_types"),
            (EntityDigest, "id"), (EntityDigest, "name"), (EntityDigest, "kind"), (EntityDigest, "aliases"),
            (EntityDigest, "mention_texts")}


def digest_to_json(d: ReportDigest) -> str:
    """The digest as compact JSON, tagged with CODEC_VERSION."""
    return json.dumps({"codec": CODEC_VERSION, "digest": _encode(d)}, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":"))


def digest_from_json(s: str | bytes) -> ReportDigest:
    """The digest `digest_to_json` wrote; ValueError on another codec version or a malformed record."""
    try:
        data = json.loads(s)
    except RecursionError as error:
        raise ValueError("malformed report digest: nested too deeply") from error
    if not isinstance(data, dict) or data.get("codec") != CODEC_VERSION or type(data.get("codec")) is not int:
        raise ValueError(f"not a report digest of codec version {CODEC_VERSION}")
    try:
        return _decode(ReportDigest, data.get("digest"), False)
    except (TypeError, KeyError, OverflowError) as error:
        raise ValueError(f"malformed report digest: {error}") from error


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _le_bytes(values) -> str:
    """Base64 of an array's values as little-endian bytes, whatever the machine's order."""
    if isinstance(values, np.ndarray):
        raw = values.astype(values.dtype.newbyteorder("<")).tobytes()
    else:
        values = array(values.typecode, values)
        if sys.byteorder == "big":
            values.byteswap()
        raw = values.tobytes()
    return base64.b64encode(raw).decode("ascii")


def _encode(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, array):
        return {"typecode": value.typecode, "data": _le_bytes(value)}
    if isinstance(value, np.ndarray):
        return {"dtype": value.dtype.name, "data": _le_bytes(value)}
    if hasattr(value, "hashvalues") and hasattr(value, "seed"):  # a datasketch MinHash
        return {"minhash": _encode(np.asarray(value.hashvalues)), "seed": int(value.seed),
                "scheme": getattr(value, "scheme", None)}
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot encode {type(value).__name__} in a report digest")


def _decode(hint, data, intern: bool):
    """`data` read back as `hint` (a field's type), checking its shape."""
    if hint is object:
        return _signature(data)
    if dataclasses.is_dataclass(hint):
        if not isinstance(data, dict) or set(data) - set(_hints(hint)):
            raise TypeError(f"bad {hint.__name__}")
        return hint(**{k: _decode(_hints(hint)[k], v, (hint, k) in INTERNED) for k, v in data.items()})
    if hint is array:
        if not isinstance(data, dict) or data.get("typecode") not in ARRAY_TYPECODES:
            raise TypeError("bad array")
        return array(data["typecode"], _from_le(data["data"], data["typecode"]))
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):  # Optional[X]
        return None if data is None else _decode(next(a for a in args if a is not type(None)), data, intern)
    if origin in (tuple, list, frozenset, dict):
        if not isinstance(data, dict if origin is dict else list):
            raise TypeError(f"expected {origin.__name__}")
        if origin is dict:
            return {_decode(args[0], k, intern): _decode(args[1], v, intern) for k, v in data.items()}
        if origin is tuple and args[-1] is not Ellipsis:
            if len(data) != len(args):
                raise TypeError("tuple of the wrong length")
            return tuple(_decode(a, v, intern) for a, v in zip(args, data))
        return origin(_decode(args[0], v, intern) for v in data)
    if hint is float and type(data) in (int, float) or type(data) is hint:
        return sys.intern(data) if intern and hint is str else data
    raise TypeError(f"expected {getattr(hint, '__name__', hint)}, got {type(data).__name__}")


def _from_le(text, typecode_or_dtype):
    if not isinstance(text, str):
        raise TypeError("array data is not base64 text")
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if isinstance(typecode_or_dtype, np.dtype):
        return np.frombuffer(raw, dtype=typecode_or_dtype.newbyteorder("<")).astype(typecode_or_dtype)
    values = array(typecode_or_dtype, raw)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _signature(data):
    """The MinHash signature: None, a numpy array of hash values, or a datasketch LeanMinHash."""
    if data is None:
        return None
    if isinstance(data, dict) and "minhash" in data:
        from datasketch import LeanMinHash

        if type(data.get("seed")) is not int or not isinstance(data.get("scheme"), (str, type(None))):
            raise TypeError("bad MinHash")
        kwargs = {"scheme": data["scheme"]} if data["scheme"] else {}
        return LeanMinHash(seed=data["seed"], hashvalues=_hash_values(data["minhash"]), **kwargs)
    return _hash_values(data)


def _hash_values(data) -> np.ndarray:
    if not isinstance(data, dict) or data.get("dtype") not in SIGNATURE_DTYPES:
        raise TypeError("bad signature")
    return _from_le(data.get("data"), np.dtype(data["dtype"]))
