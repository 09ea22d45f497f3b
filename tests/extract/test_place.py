"""Place resolution: toponyms get coordinates chosen by context; missed toponyms become places."""
import pytest

from storyline.extract.place import resolve_places
from storyline.gazetteer import default_gazetteer, distance_km
from storyline.model import Entity, Mention

# spaCy labels -> entity kinds, as the entity extractor maps them
KINDS = {"GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organization", "PERSON": "person",
         "NORP": "group"}


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def entities_from(doc):
    """One entity per distinct (text, kind) among spaCy's entities, with exact mention offsets."""
    grouped = {}
    for ent in doc.ents:
        if ent.label_ in KINDS:
            key = (ent.text, KINDS[ent.label_])
            grouped.setdefault(key, []).append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text))
    return [Entity(id=f"e{i}", name=name, kind=kind, mentions=mentions)
            for i, ((name, kind), mentions) in enumerate(grouped.items())]


def entity(text, name, kind, id="e1"):
    start = text.index(name)
    return Entity(id=id, name=name, kind=kind, mentions=[Mention(start=start, end=start + len(name), text=name)])


def resolve(nlp, gaz, text, entities=None, **kw):
    doc = nlp(text)
    return resolve_places(doc, entities_from(doc) if entities is None else entities, gaz, **kw)


def place(entities, name):
    found = [e for e in entities if e.kind == "place" and e.name == name]
    assert found, f"no place named {name!r} among {[(e.name, e.kind) for e in entities]}"
    return found[0]


def near(e, lat, lon, km=25):
    return e.geo is not None and distance_km(e.geo.lat, e.geo.lon, lat, lon) <= km


def test_landmark_with_country_qualifier(nlp, gaz):
    text = "Troops gathered near Panmunjom, South Korea."
    out = resolve(nlp, gaz, text, [entity(text, "Panmunjom", "place", "e1"),
                                   entity(text, "South Korea", "place", "e2")])
    assert near(place(out, "Panmunjom"), 37.956, 126.677)
    korea = place(out, "South Korea").geo
    assert (korea.country, korea.feature) == ("KR", "A.PCLI")


def test_state_qualifier_chooses_between_namesakes(nlp, gaz):
    illinois = place(resolve(nlp, gaz, "The fair opened in Springfield, Illinois, on Monday."), "Springfield")
    massachusetts = place(resolve(nlp, gaz, "The fair opened in Springfield, Massachusetts, on Monday."),
                          "Springfield")
    assert near(illinois, 39.80, -89.64) and near(massachusetts, 42.10, -72.59)


def test_state_abbreviation_qualifies_too(nlp, gaz):
    text = "The fair opened in Springfield, Ill., on Monday."
    assert near(place(resolve(nlp, gaz, text, [entity(text, "Springfield", "place")]), "Springfield"),
                39.80, -89.64)


def test_bare_name_goes_to_the_prominent_place(nlp, gaz):
    paris = place(resolve(nlp, gaz, "She flew to Paris last week."), "Paris").geo
    assert paris.country == "FR"


def test_qualified_namesake_wins(nlp, gaz):
    paris = place(resolve(nlp, gaz, "She grew up in Paris, Texas, before moving away."), "Paris").geo
    assert (paris.country, paris.feature) == ("US", "P.PPL")


def test_context_can_be_switched_off_for_comparison(nlp, gaz):
    text = "The fair opened in Springfield, Illinois, on Monday."
    without = place(resolve(nlp, gaz, text, use_context=False), "Springfield")
    assert not near(without, 39.80, -89.64)  # the most populous Springfield is in Missouri


def test_qualifier_disambiguates_the_qualifier_itself(nlp, gaz):
    text = "Protesters gathered in Atlanta, Georgia, on Sunday."
    georgia = place(resolve(nlp, gaz, text, [entity(text, "Atlanta", "place", "e1"),
                                             entity(text, "Georgia", "place", "e2")]), "Georgia").geo
    assert (georgia.country, georgia.feature) == ("US", "A.ADM1")
    text = "Tanks rolled toward Georgia, and officials in Tbilisi appealed for calm."
    georgia = place(resolve(nlp, gaz, text, [entity(text, "Georgia", "place", "e1"),
                                             entity(text, "Tbilisi", "place", "e2")]), "Georgia").geo
    assert georgia.country == "GE"


def test_other_places_in_the_article_pull_towards_their_region(nlp, gaz):
    text = "Officials in Springfield met the mayor of Chicago and the governor of Illinois."
    out = resolve(nlp, gaz, text, [entity(text, "Springfield", "place", "e1"),
                                   entity(text, "Chicago", "place", "e2"),
                                   entity(text, "Illinois", "place", "e3")])
    assert near(place(out, "Springfield"), 39.80, -89.64)


def test_possessive_is_stripped(nlp, gaz):
    text = "South Korea's army raised its alert level."
    out = resolve(nlp, gaz, text, [entity(text, "South Korea's", "place")])
    assert place(out, "South Korea's").geo.country == "KR"


def test_country_name_resolves_to_the_country(nlp, gaz):
    text = "Many defectors travel through China first."
    china = place(resolve(nlp, gaz, text, [entity(text, "China", "place")]), "China").geo
    assert (china.country, china.feature) == ("CN", "A.PCLI")


def test_place_mislabelled_as_person_becomes_a_place(nlp, gaz):
    text = "The jeep sped through the village of Panmunjom before dawn."
    out = resolve(nlp, gaz, text, [entity(text, "Panmunjom", "person")])
    assert near(place(out, "Panmunjom"), 37.956, 126.677)


def test_area_mislabelled_as_organization_becomes_a_place(nlp, gaz):
    text = "He ran across the Joint Security Area under fire."
    out = resolve(nlp, gaz, text, [entity(text, "the Joint Security Area", "organization")])
    assert near(place(out, "the Joint Security Area"), 37.956, 126.677)


def test_people_and_speaking_institutions_keep_their_kind(nlp, gaz):
    text = "General Jordan said the drills would go ahead."
    assert resolve(nlp, gaz, text, [entity(text, "Jordan", "person")])[0].kind == "person"
    text = "The Kremlin denied the report on Monday."
    assert resolve(nlp, gaz, text, [entity(text, "Kremlin", "organization")])[0].kind == "organization"
    text = "Protesters gathered near the Kremlin on Monday."
    assert resolve(nlp, gaz, text, [entity(text, "Kremlin", "organization")])[0].kind == "place"


def test_unlabelled_landmark_phrase_becomes_a_new_place(nlp, gaz):
    text = "Guards patrol the demilitarized zone day and night."
    out = resolve(nlp, gaz, text, [])
    assert [e.id for e in out] == ["p1"]
    zone = out[0]
    assert zone.kind == "place" and zone.geo.feature == "A.ZNB"
    m = zone.mentions[0]
    assert text[m.start:m.end] == m.text == "demilitarized zone"


def test_new_landmark_mention_joins_the_entity_resolved_to_the_same_place(nlp, gaz):
    text = "Shots rang out in the demilitarized zone. The DMZ has been quiet for years."
    out = resolve(nlp, gaz, text, [entity(text, "DMZ", "organization")])
    assert len(out) == 1
    assert [m.text for m in out[0].mentions] == ["demilitarized zone", "DMZ"]


def test_lowercase_text_does_not_match_a_capitalised_landmark(nlp, gaz):
    out = resolve(nlp, gaz, "They camped on the west bank of the river.", [])
    assert out == []


def test_directions_are_not_resolved(nlp, gaz):
    text = "Soldiers from the North crossed into the South."
    out = resolve(nlp, gaz, text, [entity(text, "North", "place", "e1"), entity(text, "South", "place", "e2")])
    assert all(e.geo is None for e in out)


def test_demonyms_set_the_country_context(nlp, gaz):
    text = "American students rallied in Cambridge on Friday."
    cambridge = place(resolve(nlp, gaz, text), "Cambridge").geo
    assert cambridge.country == "US"
    text = "British students rallied in Cambridge on Friday."
    assert place(resolve(nlp, gaz, text), "Cambridge").geo.country == "GB"


def test_input_entities_are_not_modified(nlp, gaz):
    text = "The jeep sped through the village of Panmunjom before dawn."
    original = entity(text, "Panmunjom", "person")
    resolve(nlp, gaz, text, [original])
    assert original.kind == "person" and original.geo is None


def test_mention_offsets_stay_exact(nlp, gaz):
    text = ("Troops gathered near Panmunjom, South Korea, close to the Korean peninsula's "
            "demilitarized zone, while Seoul and Suwon stayed calm.")
    for e in resolve(nlp, gaz, text):
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_unnamed_person_chains_never_become_places(nlp):
    from storyline.extract.entities import extract_entities
    from storyline.gazetteer import default_gazetteer

    doc = nlp("The North Korean defector was unarmed. He was taken to Seoul. The man is recovering.")
    entities = resolve_places(doc, extract_entities(doc), default_gazetteer())
    actor = next(e for e in entities if "defector" in e.name)
    assert actor.kind == "person" and actor.geo is None


def test_country_adjectives_are_mentions_of_the_country(nlp):
    from storyline.extract.entities import extract_entities

    doc = nlp("Turkish troops crossed into Syria on Monday, and the Turks later left.")
    entities = resolve_places(doc, extract_entities(doc), default_gazetteer())
    turkey = next(e for e in entities if "Turkish" in [m.text for m in e.mentions])
    assert turkey.kind == "place" and turkey.geo.country == "TR"
    assert all(m.text != "Turks" for m in turkey.mentions)  # a people, not a place


def test_country_name_typed_as_organisation_is_a_place(nlp, gaz):
    text = "Youth unemployment is high in countries such as Cyprus."
    out = resolve(nlp, gaz, text, [entity(text, "Cyprus", "organization")])
    assert out[0].kind == "place" and out[0].geo.country == "CY"


# ---------------------------------------------------------------- local news: the state stated once

def test_a_state_named_in_an_agency_name_brings_the_bare_town_home(nlp, gaz):
    text = ("Firefighters in Lebanon put out a barn fire early Sunday. The Tennessee Department of "
            "Agriculture said the hay had not been stored properly.")
    assert near(place(resolve(nlp, gaz, text), "Lebanon"), 36.21, -86.29)


def test_the_country_reading_holds_without_local_evidence(nlp, gaz):
    lebanon = place(resolve(nlp, gaz, "Firefighters in Lebanon put out a forest fire early Sunday."), "Lebanon")
    assert (lebanon.geo.country, lebanon.geo.feature) == ("LB", "A.PCLI")


def test_a_country_stays_a_country_in_a_local_article(nlp, gaz):
    text = "Prices of avocados from Mexico rose sharply this winter, grocers in Portland, Maine, said."
    assert place(resolve(nlp, gaz, text), "Mexico").geo.country == "MX"


def test_a_dateline_with_a_spaced_state_abbreviation_qualifies_the_town(nlp, gaz):
    text = "PRINCETON, W. Va. — A water main broke under the courthouse square on Tuesday."
    out = resolve(nlp, gaz, text, [entity(text, "PRINCETON", "place")])
    assert near(place(out, "PRINCETON"), 37.37, -81.10)


def test_spaced_and_unspaced_abbreviations_read_alike():
    from storyline.extract.place import us_state_code

    assert us_state_code("W. Va.") == us_state_code("W.Va.") == "WV"
    assert us_state_code("N. C.") == "NC" and us_state_code("Tenn.") == "TN"
    assert us_state_code("Tennis") is None


def test_a_national_story_keeps_the_capital(nlp, gaz):
    text = ("Officials in Washington said new tariffs on steel would take effect on Friday. Governors in "
            "Ohio and Florida said the tariffs would hurt their states.")
    assert place(resolve(nlp, gaz, text), "Washington").geo.country == "US"
    assert near(place(resolve(nlp, gaz, text), "Washington"), 38.90, -77.04)


def test_names_opening_with_a_division_state_it_and_teams_named_after_cities_do_not(gaz):
    from storyline.extract.place import _opening_divisions

    assert {(c.country, c.admin1) for c in _opening_divisions("Ohio Department of Health", gaz)} == {("US", "OH")}
    meigs = {(c.country, c.admin1) for c in _opening_divisions("Meigs County Sheriff's Office", gaz)}
    assert meigs == {("US", "OH"), ("US", "TN")}
    assert _opening_divisions("Houston Rockets", gaz) == []
    assert _opening_divisions("Tennessee", gaz) == []  # a whole name is resolved as a place, not read here


def test_a_town_in_the_county_the_article_names_wins(nlp, gaz):
    text = "Deputies from the Henry County Sheriff's Office arrested a man after a chase that ended in Paris."
    assert near(place(resolve(nlp, gaz, text), "Paris"), 36.30, -88.33)


def test_a_township_missing_from_the_gazetteer_falls_back_to_its_town(nlp, gaz):
    text = "Volunteers rebuilt a covered bridge in Hanover Township, Pennsylvania, over the summer."
    out = resolve(nlp, gaz, text, [entity(text, "Hanover Township", "place", "e1"),
                                   entity(text, "Pennsylvania", "place", "e2")])
    assert near(place(out, "Hanover Township"), 39.80, -76.98, km=60)


def test_a_small_town_after_in_counts_as_a_place_when_the_article_is_set_in_its_state(nlp, gaz):
    text = ("The Georgia Department of Transportation closed a bridge on Tuesday. A truck had "
            "overturned in Hamilton on Monday night.")
    hamilton = Entity(id="e2", name="Hamilton", kind="person",
                      mentions=[Mention(start=text.index("Hamilton"), end=text.index("Hamilton") + 8, text="Hamilton")])
    agency = entity(text, "The Georgia Department of Transportation", "organization", "e1")
    out = resolve(nlp, gaz, text, [agency, hamilton])
    assert near(place(out, "Hamilton"), 32.76, -84.87)


def test_a_state_named_in_another_sentence_brings_the_bare_town_home(nlp, gaz):
    text = ("Firefighters in Lebanon put out a barn fire early Sunday. Tennessee lawmakers have debated "
            "new rules for storing hay since last spring.")
    assert near(place(resolve(nlp, gaz, text), "Lebanon"), 36.21, -86.29)


def test_korea_alone_is_a_korean_country_not_a_village_of_that_name(nlp, gaz):
    text = "Soldiers on both sides of the border in Korea were put on alert after the shooting."
    korea = place(resolve(nlp, gaz, text, [entity(text, "Korea", "place")]), "Korea").geo
    assert (korea.country, korea.feature) in {("KR", "A.PCLI"), ("KP", "A.PCLI")}
