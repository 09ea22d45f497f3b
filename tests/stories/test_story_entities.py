"""Entities across the reports of one story (stories/entities.py): one test per merge rule, and the
merges that must not happen. All names, outlets and places are invented for these tests.

(Named test_story_entities.py, not test_entities.py: tests/ has no __init__.py files, so two test
modules with one basename cannot be collected together with tests/extract/test_entities.py.)
"""
import itertools
import random
import time

from storyline.stories.digest import EntityDigest, GeoPoint
from storyline.stories.entities import descriptor_head, fold, link_entities, name_key


def ent(eid, name, kind="person", **kw):
    return EntityDigest(id=eid, name=name, kind=kind, **kw)


def linked(documents):
    entities, mapping = link_entities(documents)
    return entities, mapping


def together(mapping, *refs):
    return len({mapping[r] for r in refs}) == 1


def entity_of(entities, mapping, ref):
    return next(e for e in entities if e.id == mapping[ref])


def test_same_name_despite_case_titles_possessive_and_article():
    docs = [
        ("d1", [ent("e1", "Gen. Varga Istvan"), ent("e2", "the Tolmach Gazette", "media")]),
        ("d2", [ent("e1", "VARGA ISTVAN"), ent("e2", "Tolmach Gazette's", "media")]),
        ("d3", [ent("e1", "General Varga István")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"), ("d3", "e1"))
    assert together(mapping, ("d1", "e2"), ("d2", "e2"))
    assert len(entities) == 2
    assert name_key("Dr. Anya Petrova's", "person") == "anya petrova"
    assert name_key("the Tolmach Gazette", "media") == "tolmach gazette"


def test_surname_alone_joins_the_one_full_name_with_it():
    docs = [
        ("d1", [ent("e1", "Halvorsen Kari-lin"), ent("e2", "Osric Pembe")]),
        ("d2", [ent("e1", "Dr. Halvorsen")]),
        ("d3", [ent("e1", "Pembe")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))  # surname first: Halvorsen Kari-lin
    assert together(mapping, ("d1", "e2"), ("d3", "e1"))  # Western order: Osric Pembe
    halvorsen = entity_of(entities, mapping, ("d1", "e1"))
    assert halvorsen.name == "Halvorsen Kari-lin"
    assert "Dr. Halvorsen" in halvorsen.aliases
    assert any("surname of Halvorsen Kari-lin" in x for x in halvorsen.evidence)


def test_an_ambiguous_surname_stays_apart():
    docs = [
        ("d1", [ent("e1", "Mirela Dossou"), ent("e2", "Tobias Dossou")]),
        ("d2", [ent("e1", "Dossou")]),
    ]
    _, mapping = linked(docs)
    assert len({mapping[("d1", "e1")], mapping[("d1", "e2")], mapping[("d2", "e1")]}) == 3


def test_two_full_names_sharing_a_surname_stay_apart():
    docs = [
        ("d1", [ent("e1", "Seo Min-ji")]),
        ("d2", [ent("e1", "Seo Min-jae")]),
        ("d3", [ent("e1", "Christina Aalto")]),
        ("d4", [ent("e1", "Christine Aalto")]),
    ]
    entities, mapping = linked(docs)
    assert len(entities) == 4
    assert not together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert not together(mapping, ("d3", "e1"), ("d4", "e1"))


def test_romanisation_variants_join():
    docs = [
        ("d1", [ent("e1", "Ryu Cook-jong", mentions=5)]),
        ("d2", [ent("e1", "Ryu Guk-jong")]),
        ("d3", [ent("e1", "Ryu Kook Jong")]),
        ("d4", [ent("e1", "Tak Cheol-ho")]),
        ("d5", [ent("e1", "Tak Chol-ho")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"), ("d3", "e1"))
    assert together(mapping, ("d4", "e1"), ("d5", "e1"))
    ryu = entity_of(entities, mapping, ("d1", "e1"))
    assert ryu.name == "Ryu Cook-jong"  # the most mentioned form
    assert "Ryu Guk-jong: romanisation variant of Ryu Cook-jong" in ryu.evidence
    assert fold("cookjong") == fold("gukjong")


def test_a_long_given_name_one_vowel_apart_is_a_spelling_variant():
    docs = [("d1", [ent("e1", "Moon Chong-song")]), ("d2", [ent("e1", "Moon Chong-sung")])]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert any("spelling variant" in x for x in entities[0].evidence)


def test_reordered_name_with_an_extra_western_first_name():
    docs = [
        ("d1", [ent("e1", "Ryu Cook-jong")]),
        ("d2", [ent("e1", "Peter Cook-Jong Ryu")]),
        ("d3", [ent("e1", "Cook-jong Ryu")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"), ("d3", "e1"))
    evidence = entity_of(entities, mapping, ("d1", "e1")).evidence
    assert any("another order" in x for x in evidence)
    assert any("extra first name" in x for x in evidence)


def test_an_extra_first_name_that_fits_two_people_decides_nothing():
    docs = [
        ("d1", [ent("e1", "Peter Cook-Jong Ryu"), ent("e2", "Anna Cook-Jong Ryu")]),
        ("d2", [ent("e1", "Ryu Cook-jong")]),
    ]
    _, mapping = linked(docs)
    assert len({mapping[("d1", "e1")], mapping[("d1", "e2")], mapping[("d2", "e1")]}) == 3


def test_place_variants_by_spelling_gazetteer_and_distance():
    near = GeoPoint(41.2031, 22.5512, "XK", "S.BDG", "g-100")
    docs = [
        ("d1", [ent("e1", "Dolmeon Crossing", "place", geo=near, mentions=3),
                ent("e2", "Vrelo", "place", geo=GeoPoint(41.50, 22.90, "XK", "P.PPL", "g-7"))]),
        ("d2", [ent("e1", "Dolmon Crossing", "place"),
                ent("e2", "Vrelo Town", "place", geo=GeoPoint(41.51, 22.91, "XK", "P.PPL", "g-7"))]),
        ("d3", [ent("e1", "Dolmen Crosing", "place", geo=GeoPoint(41.2100, 22.5600, "XK", "S.BDG", "g-101"))]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))  # eo ~ o
    assert together(mapping, ("d1", "e1"), ("d3", "e1"))  # about 1 km apart, similar name
    assert together(mapping, ("d1", "e2"), ("d2", "e2"))  # one gazetteer entry
    crossing = entity_of(entities, mapping, ("d1", "e1"))
    assert crossing.geo is not None and crossing.geo.gazetteer_id == "g-100"
    assert any("km apart" in x for x in crossing.evidence)


def test_distant_places_with_similar_names_stay_apart():
    docs = [
        ("d1", [ent("e1", "Harlow Ridge", "place", geo=GeoPoint(10.0, 10.0, None, None, "a"))]),
        ("d2", [ent("e1", "Harlo Ridge", "place", geo=GeoPoint(12.0, 10.0, None, None, "b"))]),
    ]
    _, mapping = linked(docs)
    assert not together(mapping, ("d1", "e1"), ("d2", "e1"))


def test_abbreviation_joins_its_expansion():
    docs = [
        ("d1", [ent("e1", "Joint Frontier Command", "organization")]),
        ("d2", [ent("e1", "JFC", "organization")]),
        ("d3", [ent("e1", "Board of Harbour Pilots", "organization")]),
        ("d4", [ent("e1", "BHP", "organization")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert together(mapping, ("d3", "e1"), ("d4", "e1"))  # 'of' is skipped in the initials
    jfc = entity_of(entities, mapping, ("d1", "e1"))
    assert jfc.name == "Joint Frontier Command" and jfc.aliases == ["JFC"]
    assert "JFC: abbreviation of Joint Frontier Command" in jfc.evidence


def test_an_abbreviation_with_two_expansions_stays_apart():
    docs = [
        ("d1", [ent("e1", "Joint Frontier Command", "organization"), ent("e2", "Jarl Fisheries Consortium", "organization")]),
        ("d2", [ent("e1", "JFC", "organization")]),
    ]
    entities, _ = linked(docs)
    assert len(entities) == 3


def test_an_alias_found_within_a_report_links_across_reports():
    docs = [
        ("d1", [ent("e1", "Northern Salvage Cooperative", "organization", aliases=("Nosaco",))]),
        ("d2", [ent("e1", "Nosaco", "organization")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert entities[0].name == "Northern Salvage Cooperative"
    assert any("alias" in x for x in entities[0].evidence)


def test_unnamed_actor_later_named_through_a_shared_descriptor():
    docs = [
        ("wire-1", [ent("e1", "the ferryman", mentions=6), ent("e2", "Ilsa Korhonen", descriptors=("harbour master",))]),
        ("wire-2", [ent("e1", "Bram Oduya", descriptors=("a 31-year-old ferryman",)),
                    ent("e2", "Ilsa Korhonen")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("wire-1", "e1"), ("wire-2", "e1"))
    bram = entity_of(entities, mapping, ("wire-2", "e1"))
    assert bram.name == "Bram Oduya" and "the ferryman" in bram.aliases
    assert "the ferryman (wire-1) named as Bram Oduya in wire-2: descriptor 'ferryman' (a 31-year-old ferryman)" \
        in bram.evidence


def test_unnamed_actor_stays_apart_when_two_people_share_the_descriptor():
    docs = [
        ("d1", [ent("e1", "the soldier")]),
        ("d2", [ent("e1", "Anders Vik", descriptors=("soldier",)), ent("e2", "Paavo Lind", descriptors=("a soldier",))]),
    ]
    entities, _ = linked(docs)
    assert len(entities) == 3


def test_unnamed_actor_with_another_nationality_stays_apart():
    docs = [
        ("d1", [ent("e1", "Valorian soldier")]),
        ("d2", [ent("e1", "Anders Vik", descriptors=("a Durmish soldier",))]),
    ]
    entities, _ = linked(docs)
    assert len(entities) == 2
    assert descriptor_head("a Durmish soldier who fled") == ("soldier", "durmish")


def test_a_person_and_a_place_with_the_same_word_stay_apart():
    docs = [
        ("d1", [ent("e1", "Kestrel Moor", "place"), ent("e2", "Adaeze Kestrel")]),
        ("d2", [ent("e1", "Kestrel Moor"), ent("e2", "Kestrel", "place")]),
        ("d3", [ent("e1", "Kestrel")]),
    ]
    entities, mapping = linked(docs)
    assert not together(mapping, ("d1", "e1"), ("d2", "e1"))  # a place and a person, one name
    assert not together(mapping, ("d2", "e2"), ("d3", "e1"))  # a place and a surname
    assert mapping[("d2", "e2")] not in {mapping[("d1", "e2")], mapping[("d2", "e1")]}
    kinds = {e.id: e.kind for e in entities}
    assert kinds[mapping[("d2", "e2")]] == "place"


def test_every_input_entity_is_mapped_and_ids_are_numbered():
    docs = [
        ("d1", [ent("e1", "Osric Pembe"), ent("e2", "Lowmere", "place"), ent("e3", "the driver")]),
        ("d2", [ent("e1", "Pembe"), ent("e2", "Lowmere", "place")]),
    ]
    entities, mapping = linked(docs)
    assert set(mapping) == {(d, e.id) for d, es in docs for e in es}
    assert [e.id for e in entities] == [f"E{i}" for i in range(1, len(entities) + 1)]
    for e in entities:
        assert sorted((r.document, r.entity) for r in e.refs) == sorted(k for k, v in mapping.items() if v == e.id)


def _story():
    return [
        ("d3", [ent("e1", "Ryu Guk-jong"), ent("e2", "JFC", "organization"), ent("e3", "the ferryman"),
                ent("e4", "Dolmon Crossing", "place")]),
        ("d1", [ent("e1", "Ryu Cook-jong", descriptors=("surgeon",)), ent("e2", "Joint Frontier Command", "organization"),
                ent("e3", "Dolmeon Crossing", "place"), ent("e10", "Dr. Ryu")]),
        ("d2", [ent("e1", "Bram Oduya", descriptors=("ferryman",)), ent("e2", "Peter Cook-Jong Ryu"),
                ent("e3", "Mirela Dossou"), ent("e4", "Tobias Dossou"), ent("e5", "Dossou")]),
    ]


def test_the_result_does_not_depend_on_the_order_of_documents_or_entities():
    docs = _story()
    expected = linked(docs)
    rng = random.Random(7)
    for _ in range(10):
        shuffled = [(d, rng.sample(list(es), len(es))) for d, es in docs]
        rng.shuffle(shuffled)
        entities, mapping = linked(shuffled)
        assert mapping == expected[1]
        assert [e.model_dump() for e in entities] == [e.model_dump() for e in expected[0]]
    for perm in itertools.permutations(docs):
        assert linked(list(perm))[1] == expected[1]


def test_linking_grows_about_linearly_with_the_number_of_entities():
    rng = random.Random(3)
    syllables = "ka to ri ne mu sa lo vi de pa yun hae min so jin ar el os ta bor".split()

    def word():
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()

    def story(n_docs):
        pool = [f"{word()} {word()}" for _ in range(10 * n_docs)]
        places = [word() for _ in range(2 * n_docs)]
        docs = []
        for d in range(n_docs):
            es = [ent(f"e{i}", name) for i, name in enumerate(rng.sample(pool, 30))]
            es += [ent(f"e{100 + i}", name, "place") for i, name in enumerate(rng.sample(places, 5))]
            es += [ent("e200", "Ryu Cook-jong"), ent("e201", "Ryu")]
            docs.append((f"doc{d:04d}", es))
        return docs

    def timed(n):
        docs = story(n)
        start = time.perf_counter()
        entities, mapping = link_entities(docs)
        return time.perf_counter() - start, entities, mapping

    small, _, _ = timed(40)
    big, entities, mapping = timed(320)
    assert big < max(1.0, 20 * small)  # 8x the entities: far less than 64x the time
    # 'Ryu' alone joins the one full name with that surname in every report
    assert len({mapping[(f"doc{d:04d}", k)] for d in range(320) for k in ("e200", "e201")}) == 1


def test_a_first_name_joins_only_when_a_report_used_it_alone():
    docs = [
        ("d1", [ent("e1", "Odile Brancusi", mention_texts=("Odile", "Odile Brancusi")), ent("e2", "Ferro Lanz")]),
        ("d2", [ent("e1", "Odile"), ent("e2", "Ferro")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert not together(mapping, ("d1", "e2"), ("d2", "e2"))
    assert any("short name" in x for x in entity_of(entities, mapping, ("d1", "e1")).evidence)


def test_x_and_ks_spell_one_given_name():
    docs = [("d1", [ent("e1", "Aleksei Orlov")]), ("d2", [ent("e1", "Alexei Orlov")])]
    _, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))


def test_an_acronym_alias_joins_an_organisation_the_tagger_called_a_person():
    docs = [
        ("d1", [ent("e1", "Kustwacht Noord-Holland", "person", aliases=("KWNH",))]),
        ("d2", [ent("e1", "KWNH", "organization")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert "alias" in entity_of(entities, mapping, ("d2", "e1")).evidence[0]


def test_a_full_name_tagged_person_in_one_report_and_organisation_in_another_is_one_entity():
    docs = [("d1", [ent("e1", "Halden Brothers", "person")]), ("d2", [ent("e1", "Halden Brothers", "organization")])]
    _, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"))


def test_a_described_organisation_joins_the_only_one_named_so():
    docs = [
        ("d1", [ent("e1", "Harrowby General Hospital", "organization")]),
        ("d2", [ent("e1", "the hospital", "organization")]),
        ("d3", [ent("e1", "city's hospital", "organization"), ent("e2", "Hospital", "organization")]),
    ]
    entities, mapping = linked(docs)
    assert together(mapping, ("d1", "e1"), ("d2", "e1"), ("d3", "e1"), ("d3", "e2"))
    assert entity_of(entities, mapping, ("d1", "e1")).name == "Harrowby General Hospital"


def test_a_described_organisation_stays_apart_when_two_are_named_so():
    docs = [
        ("d1", [ent("e1", "Harrowby General Hospital", "organization"),
                ent("e2", "Kellerby Royal Hospital", "organization")]),
        ("d2", [ent("e1", "the hospital", "organization")]),
    ]
    _, mapping = linked(docs)
    assert not together(mapping, ("d1", "e1"), ("d2", "e1"))
    assert not together(mapping, ("d1", "e2"), ("d2", "e1"))
