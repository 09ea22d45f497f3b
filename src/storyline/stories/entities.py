"""Entities across the reports of one story: which names in which reports denote the same thing.

Each report's entities (already merged within the report) are joined by general
rules, each merge keeping a human-readable reason:

1. the same name once case, accents, punctuation, a leading article, a possessive
   and person titles ("Dr.", "Gen.") are set aside;
2. an alias a report already tied to its entity ("JSA" for "Joint Security Area");
3. an abbreviation equal to the initials of another entity's name ("UNC");
4. spelling and romanisation variants: for people, the same family name with given
   names equal once folded (names.tsv: oo~u, c~g~k, eo~o, ...) or one vowel apart,
   in either order and ignoring an extra Western first name; for places, the same
   gazetteer entry, or folded names that agree, or similar names a few km apart;
5. a surname alone ("Lee", "Dr. Lee") joins the one full name in the story with it;
6. an unnamed actor ("the soldier") joins the one named person that a report
   describes with the same head noun;
7. a described organisation ("the hospital", "the city's hospital") joins the one
   organisation of the story whose name ends in that noun ("Tilburg General Hospital").

Kinds that clash (a person and a place) never join, and two different full names
never join because they share a surname. The result does not depend on the order
of the input: documents and entities are sorted first and every rule walks them in
that order. Every rule looks candidates up in an index (by name key, initials,
family name, folded given name, map cell), so the work grows with the number of
entities, not with its square.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Optional, Sequence

from storyline.gazetteer import distance_km
from storyline.model import EntityRef, Geo, StoryEntity
from storyline.stories.digest import EntityDigest
from storyline.stories.tables import table_rows


# Kinds that may join on the very same name: NER calls one referent an organisation in one report and
# a place or an outlet in another. A person joins only a person, except for a full (multi-word) name
# that NER took for an organisation or 'other'.
_SAME_NAME_KINDS = frozenset({
    ("organization", "media"), ("organization", "group"), ("organization", "other"), ("organization", "place"),
    ("media", "other"), ("group", "other"), ("place", "other"),
})
_FULL_NAME_KINDS = frozenset({("organization", "person"), ("other", "person")})  # sorted pairs, as joinable makes them
_KIND_ORDER = ("person", "organization", "media", "place", "group", "document", "other")

VARIANT_MIN_LENGTH = 7  # folded given names this long may differ by one vowel ("chongsong" ~ "chongsung")
PLACE_NEAR_KM = 5.0  # two similarly named places this close are one place
PLACE_SIMILARITY = 0.85  # Jaro-Winkler of folded place names for the rule above
_CELL_DEG = 0.1  # map cell for finding nearby places (about 11 km of latitude)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1)
def _lists() -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cols in table_rows("names.tsv"):
        table[cols[0]].append((cols[1], cols[2] if len(cols) > 2 else ""))
    return dict(table)


@lru_cache(maxsize=None)
def _words(kind: str) -> frozenset[str]:
    return frozenset(v for v, _ in _lists().get(kind, ()))


@lru_cache(maxsize=1)
def _fold_rules() -> tuple[tuple[str, str], ...]:
    return tuple(_lists().get("fold", ()))


# ---------------------------------------------------------------------------------------------- names


@lru_cache(maxsize=200_000)  # names repeat across reports and stories
def _ascii_words(text: str) -> tuple[str, ...]:
    """Lowercase ASCII words of a name: accents dropped, possessive and punctuation gone, hyphens split."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b|'$", "", text)
    return tuple(re.findall(r"[a-z0-9]+", text.replace(".", "")))


def _strip_article(words):
    while len(words) > 1 and words[0] in _words("article"):
        words = words[1:]
    return words


def _strip_titles(words: list[str]) -> list[str]:
    """A person's name without the honorifics and ranks that open it, keeping at least one word."""
    titles = _words("title")
    i = 0
    while i < len(words) - 1 and words[i] in titles:
        i += 1
    return words[i:]


@lru_cache(maxsize=200_000)
def name_key(name: str, kind: str) -> str:
    """The name as compared for 'the same name': 'Gen. Suh Wook' and 'SUH WOOK' both give 'suh wook'."""
    words = _strip_article(_ascii_words(name))
    if kind == "person":
        words = _strip_titles(words)
    return " ".join(words)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Letters reduced by the folding rules of names.tsv, doubled letters collapsed."""
    for old, new in _fold_rules():
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def _glued_words(name: str) -> list[str]:
    """A person's name as words with hyphenated parts glued: 'Gen. Lee Cook-jong' -> ['lee', 'cookjong']."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b|'$", "", text).replace(".", " ")
    text = re.sub(r"\s*-\s*", "", text)
    return _strip_titles(_strip_article(re.findall(r"[a-z0-9]+", text)))


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name.replace("'s", "")) if w.lower() not in _words("initials")]
    return "".join(w[0].lower() for w in words) if len(words) >= 2 else ""


def _abbreviation(name: str) -> str:
    """'UNC', 'U.N.C.' -> 'unc'; anything else -> ''."""
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).replace(".", "")
    return bare.lower() if re.fullmatch(r"[A-Z]{2,6}", bare) else ""


def _edit_distance_one_vowel(a: str, b: str) -> bool:
    """True when a and b differ by one vowel substituted, inserted or dropped, not as the last letter
    ('chongsong' ~ 'chongsung'; but 'kristina' and 'kristine' are two names)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return (len(diff) == 1 and diff[0] < len(a) - 1 and a[diff[0]] in _VOWELS and b[diff[0]] in _VOWELS)
    short, long_ = sorted((a, b), key=len)
    for i in range(len(long_) - 1):
        if long_[:i] + long_[i + 1:] == short:
            return long_[i] in _VOWELS
    return False


def _deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1:] for i in range(len(text))}


@lru_cache(maxsize=200_000)
def jaro_winkler(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    reach = max(0, max(len(a), len(b)) // 2 - 1)
    used = [False] * len(b)
    matches_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - reach), min(len(b), i + reach + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                matches_a.append(ch)
                break
    if not matches_a:
        return 0.0
    matches_b = [b[j] for j in range(len(b)) if used[j]]
    m = len(matches_a)
    transpositions = sum(x != y for x, y in zip(matches_a, matches_b)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def descriptor_head(text: str) -> tuple[str, str]:
    """The head noun of a descriptor and its capitalised modifiers.

    'a North Korean soldier who crossed' -> ('soldier', 'north korean'); 'spokesman for X' -> ('spokesman', '')."""
    words = []
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]*|,", text):
        if w == "," or w.lower() in _words("cut"):
            break
        words.append(w)
    while words and words[0].lower() in _words("article"):
        words = words[1:]
    if not words:
        return "", ""
    head = words[-1].lower()
    mods = " ".join(w.lower() for w in words[:-1] if w[:1].isupper())
    return head, mods


def _is_unnamed(e: EntityDigest) -> bool:
    """A person known only by a description: 'the soldier', 'American soldier' (the head is a lowercase noun)."""
    if e.kind != "person":
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", e.name)
    return bool(words) and words[-1].islower()


# ------------------------------------------------------------------------------------ union-find


class _Node:
    __slots__ = ("index", "document", "entity", "key", "unnamed", "words")

    def __init__(self, index: int, document: str, entity: EntityDigest):
        self.index = index
        self.document = document
        self.entity = entity
        self.unnamed = _is_unnamed(entity)
        self.key = name_key(entity.name, entity.kind)
        self.words = _glued_words(entity.name) if entity.kind == "person" and not self.unnamed else []

    @property
    def label(self) -> str:
        return self.entity.name


class _Groups:
    """Union-find over the nodes, keeping for each group its kinds and why its members were joined."""

    def __init__(self, nodes: list[_Node]):
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.kinds = [{n.entity.kind} for n in nodes]
        self.evidence: dict[int, list[str]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def joinable(self, a: int, b: int, allowed: frozenset, full_name: bool = False) -> bool:
        ka, kb = self.kinds[self.find(a)], self.kinds[self.find(b)]
        for x in ka:
            for y in kb:
                if x == y:
                    continue
                pair = tuple(sorted((x, y)))
                if pair in allowed or (full_name and pair in _FULL_NAME_KINDS):
                    continue
                return False
        return True

    def union(self, a: int, b: int, reason: str | None) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.kinds[keep] |= self.kinds[gone]
        self.evidence[keep].extend(self.evidence.pop(gone, []))
        if reason and reason not in self.evidence[keep]:
            self.evidence[keep].append(reason)
        return True


# ----------------------------------------------------------------------------------------- rules


def _same_name(groups: _Groups, nodes: list[_Node]) -> None:
    by_key: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes:
        if n.key:
            by_key[n.key].append(n)
    for key, members in by_key.items():
        full_name = len(key.split()) >= 2
        heads: list[_Node] = []  # the first node of each group formed so far under this name
        for n in members:
            head = next((h for h in heads if groups.joinable(h.index, n.index, _SAME_NAME_KINDS, full_name)), None)
            if head is None:
                heads.append(n)  # a person and a place called the same stay apart
                continue
            same = n.label.lower() == head.label.lower()  # 'NARVA' in a dateline needs no explaining
            groups.union(head.index, n.index, None if same else f"{n.label}: same name as {head.label}")


def _alias_links(groups: _Groups, nodes: list[_Node]) -> None:
    """An alias a report tied to its entity ('JSA') joins an entity called by that alias elsewhere."""
    by_key: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes:
        if n.key and not n.unnamed:
            by_key[n.key].append(n)
    for n in nodes:
        if n.unnamed:
            continue
        for alias in n.entity.aliases:
            key = name_key(alias, n.entity.kind)
            if not key or key == n.key:
                continue
            acronym = _abbreviation(alias)  # 'VRMB' as an alias says the named thing is an organisation
            if n.entity.kind == "person" and len(key.split()) < 2 and not acronym:
                continue  # a surname alias is rule 5's business, where ambiguity is checked
            targets = {groups.find(m.index) for m in by_key.get(key, ()) if groups.find(m.index) != groups.find(n.index)}
            if len(targets) != 1:
                continue
            other = next(m for m in by_key[key] if groups.find(m.index) in targets)
            if groups.joinable(n.index, other.index, _SAME_NAME_KINDS, len(key.split()) >= 2 or acronym):
                groups.union(n.index, other.index, f"{other.label}: alias of {n.label} in {n.document}")


def _abbreviations(groups: _Groups, nodes: list[_Node]) -> None:
    by_initials: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes:
        if n.entity.kind != "person" and not _abbreviation(n.label):
            initials = _initials(n.label)
            if len(initials) >= 2:
                by_initials[initials].append(n)
    for n in nodes:
        short = _abbreviation(n.label) if n.entity.kind != "person" else ""
        if not short:
            continue
        candidates = by_initials.get(short, [])
        targets = {groups.find(m.index) for m in candidates}
        if len(targets) != 1:
            continue  # no expansion, or two different ones: leave it
        full = candidates[0]
        if groups.joinable(n.index, full.index, _SAME_NAME_KINDS):
            groups.union(full.index, n.index, f"{n.label}: abbreviation of {full.label}")


def _name_parts(n: _Node) -> list[tuple[str, str, str]]:
    """(folded family name, folded given names, how) readings of a full person name, in both orders.

    'John Cook-Jong Lee' reads as family 'li' with given 'jonkukjonk' and, without the Western first
    name, 'kukjonk'; 'Lee Cook-jong' as family 'li' with given 'kukjonk' (and the reverse reading)."""
    words = n.words
    if len(words) < 2:
        return []
    out = [(fold(words[-1]), fold("".join(words[:-1])), "order"),
           (fold(words[0]), fold("".join(words[1:])), "order")]
    if len(words) >= 3:
        out.append((fold(words[-1]), fold("".join(words[1:-1])), "first name"))
    return out


def _person_variants(groups: _Groups, nodes: list[_Node]) -> None:
    """Romanisation and spelling variants of full person names, and the same name in another order.

    First the sure readings: every word of both names agrees once folded, in either order. Then the
    looser ones (an extra first name dropped, given names one vowel apart), taken only when they point
    to one person: 'Lee Cook-jong' is not joined to two different 'X Cook-jong Lee'."""
    # one node per distinct spelling: the same name in many reports was joined by rule 1 already
    distinct: dict[tuple[str, ...], _Node] = {}
    for n in nodes:
        if n.entity.kind == "person" and len(n.words) >= 2:
            distinct.setdefault(tuple(n.words), n)
    people = list(distinct.values())
    parts = {n.index: [p for p in _name_parts(n) if p[0] and p[1]] for n in people}
    index: dict[tuple[str, str], list[tuple[_Node, str, str]]] = defaultdict(list)
    for n in people:
        for family, given, how in parts[n.index]:
            keys = {given} if len(given) < VARIANT_MIN_LENGTH else _deletions(given)
            for k in keys:
                index[(family, k)].append((n, given, how))

    def candidates(n: _Node):
        for family, given, how in parts[n.index]:
            keys = {given} if len(given) < VARIANT_MIN_LENGTH else _deletions(given)
            for k in keys:
                for m, other_given, other_how in index.get((family, k), ()):
                    if m is not n:
                        yield m, given, how, other_given, other_how

    for n in people:  # sure: the same words, folded
        for m, given, how, other_given, other_how in candidates(n):
            if m.index < n.index and given == other_given and how == other_how == "order":
                if groups.find(m.index) != groups.find(n.index) and groups.joinable(n.index, m.index, frozenset()):
                    groups.union(m.index, n.index, f"{n.label}: {_variant_reason(n, m)} {m.label}")
    for n in people:  # loose: one person only
        found: dict[int, tuple[_Node, str]] = {}
        for m, given, how, other_given, other_how in candidates(n):
            if groups.find(m.index) == groups.find(n.index):
                continue
            if given == other_given:
                reason = "same name with an extra first name as"
            elif min(len(given), len(other_given)) >= VARIANT_MIN_LENGTH and _edit_distance_one_vowel(given, other_given):
                reason = "spelling variant of"
            else:
                continue
            root = groups.find(m.index)
            if root not in found or m.index < found[root][0].index:
                found[root] = (m, reason)
        if len(found) == 1:
            m, reason = next(iter(found.values()))
            if groups.joinable(n.index, m.index, frozenset()):
                first, second = sorted((n, m), key=lambda x: x.index)
                groups.union(first.index, second.index, f"{second.label}: {reason} {first.label}")


def _variant_reason(a: _Node, b: _Node) -> str:
    """How two names whose words agree once folded differ, as a phrase put before the other name."""
    if a.words == b.words:
        return "spelling variant of"
    if sorted(a.words) == sorted(b.words):
        return "same name in another order as"
    if [fold(w) for w in a.words] == [fold(w) for w in b.words]:
        return "romanisation variant of"
    return "romanisation variant, in another order, of"


def _place_variants(groups: _Groups, nodes: list[_Node]) -> None:
    """Places: one gazetteer entry, folded names that agree, or similar names a few km apart."""
    places = [n for n in nodes if n.entity.kind == "place" and n.key]
    by_gid: dict[str, list[_Node]] = defaultdict(list)
    by_fold: dict[str, list[_Node]] = defaultdict(list)
    cells: dict[tuple[int, int], list[_Node]] = defaultdict(list)
    for n in places:
        geo = n.entity.geo
        if geo is not None and geo.gazetteer_id:
            by_gid[geo.gazetteer_id].append(n)
        by_fold[fold(n.key.replace(" ", ""))].append(n)
        if geo is not None:
            cells[(int(math.floor(geo.lat / _CELL_DEG)), int(math.floor(geo.lon / _CELL_DEG)))].append(n)
    for gid, members in by_gid.items():
        for m in members[1:]:
            if groups.joinable(members[0].index, m.index, _SAME_NAME_KINDS):
                groups.union(members[0].index, m.index,
                             f"{m.label}: same gazetteer entry ({gid}) as {members[0].label}"
                             if m.key != members[0].key else None)
    for folded, members in by_fold.items():
        if len(folded) < 4:
            continue
        for m in members[1:]:
            if groups.joinable(members[0].index, m.index, _SAME_NAME_KINDS):
                groups.union(members[0].index, m.index, f"{m.label}: spelling variant of {members[0].label}"
                             if m.key != members[0].key else None)
    for n in places:
        geo = n.entity.geo
        if geo is None:
            continue
        cy, cx = int(math.floor(geo.lat / _CELL_DEG)), int(math.floor(geo.lon / _CELL_DEG))
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for m in cells.get((cy + dy, cx + dx), ()):
                    if m.index <= n.index or groups.find(m.index) == groups.find(n.index):
                        continue
                    if distance_km(geo.lat, geo.lon, m.entity.geo.lat, m.entity.geo.lon) > PLACE_NEAR_KM:
                        continue
                    a, b = fold(n.key.replace(" ", "")), fold(m.key.replace(" ", ""))
                    if jaro_winkler(a, b) >= PLACE_SIMILARITY and groups.joinable(n.index, m.index, _SAME_NAME_KINDS):
                        km = distance_km(geo.lat, geo.lon, m.entity.geo.lat, m.entity.geo.lon)
                        groups.union(n.index, m.index,
                                     f"{m.label}: spelling variant of {n.label}, {km:.1f} km apart")


def _surnames(groups: _Groups, nodes: list[_Node]) -> None:
    """'Lee' or 'Dr. Lee' joins the one full name in the story with that family name."""
    full: dict[str, set[int]] = defaultdict(set)
    example: dict[tuple[str, int], tuple[_Node, str]] = {}
    for n in nodes:
        if n.entity.kind != "person" or len(n.words) < 2:
            continue
        for family, how in _family_names(n).items():
            root = groups.find(n.index)
            full[family].add(root)
            example.setdefault((family, root), (n, how))
    for n in nodes:
        if n.entity.kind != "person" or len(n.words) != 1:
            continue
        family = fold(n.words[0])
        roots = full.get(family, set())
        if len(roots) != 1:
            continue  # no one, or two different people, carry that surname
        root = next(iter(roots))
        target, how = example[(family, root)]
        if groups.find(n.index) != groups.find(target.index) and groups.joinable(n.index, target.index, frozenset()):
            groups.union(target.index, n.index, f"{n.label} ({n.document}): {how} of {target.label}")


def _family_names(n: _Node) -> dict[str, str]:
    """Folded words of a full name that can stand for it alone, with what they are: the last word (a
    surname), and the first when the name is written surname first (a hyphenated given name follows:
    'Lee Cook-jong') or when the report itself used it alone ('Hillary' for 'Hillary Rodham')."""
    words = n.words
    out = {fold(words[-1]): "surname"}
    first = fold(words[0])
    if first not in out:
        if re.fullmatch(r"\S+\s+[A-Za-z]+-[A-Za-z]+", _strip_display_titles(n.entity.name)):
            out[first] = "surname"
        else:
            forms = {name_key(t, "person") for t in (*n.entity.mention_texts, *n.entity.aliases)}
            if words[0] in forms:
                out[first] = f"short name, as {n.document} calls it,"
    return out


def _strip_display_titles(name: str) -> str:
    words = name.split()
    titles = _words("title") | _words("article")
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


def _unnamed_actors(groups: _Groups, nodes: list[_Node]) -> None:
    """'the soldier' joins the one named person another report describes as a soldier.

    A capitalised modifier of the description ('the American soldier') must be among the words
    used for that person (names and descriptors)."""
    by_head: dict[str, dict[int, list[tuple[_Node, str]]]] = defaultdict(lambda: defaultdict(list))
    described: dict[int, set[str]] = defaultdict(set)  # group -> words of its names and descriptors
    for n in nodes:
        if n.entity.kind != "person" or n.unnamed or not n.words:
            continue
        root = groups.find(n.index)
        for text in (n.entity.name, *n.entity.descriptors):
            described[root].update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
        for d in n.entity.descriptors:
            head, _ = descriptor_head(d)
            if head:
                by_head[head][root].append((n, d))  # head -> group -> (node, descriptor)
    named_groups = {groups.find(n.index) for n in nodes if n.entity.kind == "person" and len(n.words) >= 2}
    for n in nodes:
        if not n.unnamed:
            continue
        # only the name: a report's chain of descriptions ('the lawyer' ... 'his commander') is too loose
        head, mods = descriptor_head(n.entity.name)
        named = by_head.get(head, {})
        if len(named) != 1:
            continue  # no named person, or several, described so
        root, described_so = next(iter(named.items()))
        # a report that names the person and still keeps 'the pilot' apart knows better: another report's word
        elsewhere = [(m, d) for m, d in described_so if m.document != n.document]
        if not elsewhere:
            continue
        target, descriptor = elsewhere[0]
        if mods and not set(mods.split()) <= described[root]:
            continue  # 'the American soldier' is not the person described as a North Korean soldier
        if groups.find(n.index) in named_groups or groups.find(n.index) == groups.find(target.index):
            continue  # already one with a named person: never chain two named people through a description
        if not groups.joinable(n.index, target.index, frozenset()):
            continue
        groups.union(target.index, n.index,
                     f"{n.label} ({n.document}) named as {target.label} in {target.document}: "
                     f"descriptor '{head}'" + (f" ({descriptor})" if descriptor.lower() != head else ""))
        named_groups.add(groups.find(n.index))


# ---------------------------------------------------------------------------------------- output


def _natural(entity_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", entity_id))


def _story_entity(members: list[_Node], evidence: list[str]) -> StoryEntity:
    kinds = Counter()
    for n in members:
        kinds[n.entity.kind] += 1 if n.unnamed else 2
    kind = min(kinds, key=lambda k: (-kinds[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else 99))
    # the name: a full one (not a bare surname, an abbreviation or a description), then the one most
    # reports use, then the most mentioned, then the fullest
    documents: dict[str, set[str]] = defaultdict(set)
    mentions: Counter = Counter()
    described: set[str] = set()
    for n in members:
        documents[n.label].add(n.document)
        mentions[n.label] += n.entity.mentions
        if n.unnamed:
            described.add(n.label)

    def score(x: str) -> tuple:
        words = len(name_key(x, kind).split())
        full = (kind != "person" or words >= 2) and not _abbreviation(x) and x not in described
        return (not full, -len(documents[x]), -mentions[x], -words, -len(x), x)

    name = min(documents, key=score)
    aliases = set(documents)
    for n in members:
        if not n.unnamed:
            aliases.update(a for a in n.entity.aliases if a)
    aliases.discard(name)
    descriptors: list[str] = []
    seen = set()
    for n in members:
        for d in n.entity.descriptors:
            if d.lower() not in seen:
                seen.add(d.lower())
                descriptors.append(d)
    refs = [EntityRef(document=n.document, entity=n.entity.id, name=n.label) for n in members]
    return StoryEntity(id="", name=name, kind=kind, aliases=sorted(aliases), descriptors=descriptors,
                       refs=refs, evidence=list(evidence), geo=_representative_geo(members))


def _representative_geo(members: list[_Node]) -> Optional[Geo]:
    """The point most reports give (by gazetteer entry, weighted by mentions); the first such node's."""
    located = [n for n in members if n.entity.geo is not None]
    if not located:
        return None
    weight: Counter = Counter()
    for n in located:
        g = n.entity.geo
        weight[g.gazetteer_id or f"{g.lat:.3f},{g.lon:.3f}"] += n.entity.mentions
    best = min(weight, key=lambda k: (-weight[k], k))
    g = next(n.entity.geo for n in located if (n.entity.geo.gazetteer_id or
                                                f"{n.entity.geo.lat:.3f},{n.entity.geo.lon:.3f}") == best)
    return Geo(lat=g.lat, lon=g.lon, country=g.country, feature=g.feature, gazetteer_id=g.gazetteer_id)


_DESCRIBED_KINDS = ("organization", "other", "group")


def _described_organisations(groups: _Groups, nodes: list[_Node]) -> None:
    """'the hospital', "the city's hospital" join the one organisation of the story named '... Hospital'.

    Without this, three reports citing one hospital, each in its own words, would count as three
    independent sources."""
    named: dict[str, set[int]] = defaultdict(set)
    for n in nodes:
        words = n.entity.name.split()
        if n.entity.kind == "organization" and len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper():
            named[words[-1].lower()].add(groups.find(n.index))
    for n in nodes:
        words = re.sub(r"^(?:the|a|an)\s+", "", n.entity.name, flags=re.IGNORECASE).split()
        if n.entity.kind not in _DESCRIBED_KINDS or not words or len(words) > 3:
            continue
        common = [w for w in words if "'" not in w]  # "city's" in "the city's hospital" says whose, not which
        if len(words) > 1 and not all(w[:1].islower() for w in common):
            continue  # a proper name, not a description
        head = words[-1].lower()
        targets = {groups.find(i) for i in named.get(head, ())} - {groups.find(n.index)}
        if len(targets) != 1:
            continue
        target = next(m for m in nodes if groups.find(m.index) in targets and m.entity.kind == "organization")
        if groups.joinable(n.index, target.index, _SAME_NAME_KINDS):
            groups.union(target.index, n.index,
                         f"{n.entity.name} ({n.document}): the only {head} named in the story, {target.entity.name}")


def link_entities(
    documents: Sequence[tuple[str, Sequence[EntityDigest]]],
) -> tuple[list[StoryEntity], dict[tuple[str, str], str]]:
    """The story's entities across its documents, and (document id, document entity id) -> story entity id.

    Story entities are numbered E1.. by how many documents name them, then mentions, then name."""
    nodes: list[_Node] = []
    for document, entities in sorted(documents, key=lambda d: d[0]):
        for e in sorted(entities, key=lambda e: (_natural(e.id), e.name)):
            nodes.append(_Node(len(nodes), document, e))
    groups = _Groups(nodes)
    for rule in (_same_name, _alias_links, _abbreviations, _person_variants, _place_variants,
                 _surnames, _unnamed_actors, _described_organisations):
        rule(groups, nodes)
    members: dict[int, list[_Node]] = defaultdict(list)
    for n in nodes:
        members[groups.find(n.index)].append(n)
    built = [(_story_entity(ms, groups.evidence.get(root, [])), ms) for root, ms in members.items()]
    built.sort(key=lambda x: (-len({n.document for n in x[1]}), -sum(n.entity.mentions for n in x[1]),
                              _KIND_ORDER.index(x[0].kind), x[0].name, x[1][0].document, _natural(x[1][0].entity.id)))
    entities, mapping = [], {}
    for i, (entity, ms) in enumerate(built, 1):
        entity.id = f"E{i}"
        entities.append(entity)
        for n in ms:
            mapping[(n.document, n.entity.id)] = entity.id
    return entities, mapping


__all__ = ["link_entities", "name_key", "fold", "descriptor_head", "jaro_winkler"]
