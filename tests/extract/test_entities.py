import pytest

from storyline.extract.entities import extract_entities, normalise_name


@pytest.fixture
def entities_of(nlp):
    def run(text):
        return extract_entities(nlp(text))
    return run


def by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert found, f"{name} not in {[e.name for e in entities]}"
    return found[0]


def test_full_name_and_surname_are_one_entity(entities_of):
    text = ("Finance Minister Maria Lindqvist said the budget was ready. "
            "Later that day Lindqvist met the unions.")
    maria = by_name(entities_of(text), "Maria Lindqvist")
    assert [m.text for m in maria.mentions][:2] == ["Maria Lindqvist", "Lindqvist"]
    assert "Finance Minister" in maria.descriptors


def test_apposition_becomes_a_descriptor(entities_of):
    text = "Jonas Kask, head of surgery at Tartu University Hospital, said the patient was stable."
    jonas = by_name(entities_of(text), "Jonas Kask")
    assert any("head of surgery" in d for d in jonas.descriptors)


def test_news_outlets_are_media(entities_of):
    text = "The minister spoke to Reuters and to the Harbour Herald, news agency Baltica reported."
    ents = entities_of(text)
    assert by_name(ents, "Reuters").kind == "media"
    assert by_name(ents, "Harbour Herald").kind == "media"


def test_acronym_in_parentheses_is_an_alias(entities_of):
    text = "The World Health Organization (WHO) met on Monday. The WHO said little."
    who = by_name(entities_of(text), "World Health Organization")
    assert "WHO" in who.aliases
    assert len(who.mentions) == 3


def test_unnamed_actor_and_pronouns_are_linked(entities_of):
    text = ("The suspect was arrested near the station. He was taken to a police van. "
            "Officers said the man had a knife.")
    ents = entities_of(text)
    suspect = [e for e in ents if "suspect" in e.name.lower()]
    assert suspect, [e.name for e in ents]
    texts = [m.text for m in suspect[0].mentions]
    assert "He" in texts and "the man" in texts


def test_speaker_is_not_he_in_his_own_quote(entities_of):
    text = ('The driver fled on foot. "We saw him run," Anna Berg said, adding that he was limping.')
    ents = entities_of(text)
    anna = by_name(ents, "Anna Berg")
    assert "him" not in [m.text for m in anna.mentions]


def test_offsets_index_into_the_text(entities_of):
    text = "Mayor Ines Duarte of Porto said the port would reopen. Duarte did not say when."
    for e in entities_of(text):
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_normalise_name():
    assert normalise_name("the Korea Herald's") == "korea herald"
    assert normalise_name("Mr. Smith") == "smith"


def test_national_bodies_are_organisations(entities_of):
    ents = entities_of("The Estonian police closed the bridge after the Russian army moved in.")
    assert by_name(ents, "Estonian police").kind == "organization"
    assert by_name(ents, "Russian army").kind == "organization"


def test_apposition_says_what_kind_of_thing_a_name_is(entities_of):
    ents = entities_of("Kaja Roosmaa, a spokeswoman for the police, spoke in Narva, a town of 50,000 people.")
    assert by_name(ents, "Kaja Roosmaa").kind == "person"
    assert by_name(ents, "Narva").kind == "place"


def test_dateline_city_is_a_place(nlp):
    from storyline.extract.sections import find_sections

    text = "Dam Holds\n\nTARNOW, Poland, May 3 (Baltica Wire) - The dam held, engineers said."
    ents = extract_entities(nlp(text), find_sections(text))
    assert by_name(ents, "TARNOW").kind == "place"


def test_she_does_not_continue_a_chain_of_he(entities_of):
    text = ('The driver was taken to hospital. He was bleeding. Officer Mari Tamm arrived later. '
            '"We will know more soon," she said.')
    ents = entities_of(text)
    assert "she" in [m.text for m in by_name(ents, "Mari Tamm").mentions]


def test_company_and_broadcaster_names(entities_of):
    ents = entities_of("Regional broadcaster Radio Brabant Nu reported that the plant was run by Van Keulen Coatings.")
    assert by_name(ents, "Radio Brabant Nu").kind == "media"
    assert by_name(ents, "Van Keulen Coatings").kind == "organization"


def test_name_in_apposition_to_a_title_is_a_person(entities_of):
    ents = entities_of('"We held the line," the regional police chief, Laurent Girard, told reporters.')
    girard = by_name(ents, "Laurent Girard")
    assert girard.kind == "person" and "regional police chief" in girard.descriptors


def test_a_name_seen_as_a_person_stays_one_entity(nlp):
    from storyline.extract.sections import find_sections

    text = "Storm Hits Port\n\nShips stayed in port. Photo: Hugo Ferrand/Baltica Wire\n\n(Reporting by Hugo Ferrand)"
    ents = extract_entities(nlp(text), find_sections(text))
    assert len([e for e in ents if e.name == "Hugo Ferrand"]) == 1


def test_dateline_city_unseen_by_ner_is_still_a_place(nlp):
    from storyline.extract.sections import find_sections

    text = "Mill Closes\n\nKNOXHOLM - The paper mill closed on Friday, its owners said."
    ents = extract_entities(nlp(text), find_sections(text))
    assert by_name(ents, "KNOXHOLM").kind == "place"


def test_people_named_by_nationality_are_groups(entities_of):
    ents = entities_of("Two Estonian guards and one Latvian medic carried the man to safety.")
    assert by_name(ents, "Estonian guards").kind == "group"
    assert by_name(ents, "Latvian medic").kind == "person"


def test_surname_first_name_and_later_surname_are_one_entity(entities_of):
    text = ("Yoon Hae-rim, a trauma surgeon at Coastline University Hospital, treated the ferry captain. "
            "Dr. Yoon said the captain had lost blood. Yoon said he would need more surgery.")
    ents = entities_of(text)
    yoon = by_name(ents, "Yoon Hae-rim")
    assert [m.text for m in yoon.mentions][:3] == ["Yoon Hae-rim", "Yoon", "Yoon"]
    assert not [e for e in ents if e.name == "Yoon"]


def test_surname_first_without_a_hyphen_and_with_a_title(entities_of):
    text = ("Wang Lifen, the harbour master, said the tanker was towed overnight. "
            "Wang said no oil had leaked. Ms. Wang added that divers would inspect the hull.")
    ents = entities_of(text)
    wang = by_name(ents, "Wang Lifen")
    assert len(wang.mentions) == 3
    assert [e.name for e in ents if "Wang" in e.name] == ["Wang Lifen"]


def test_western_order_and_hyphenated_given_name(entities_of):
    text = ("The pilot, Jean-Paul Moreau, landed the plane safely. Moreau said the engine had failed. "
            "Chen Wei-lun, a spokesman for the coast guard, said two boats were involved. Mr. Chen gave no detail.")
    ents = entities_of(text)
    assert [m.text for m in by_name(ents, "Jean-Paul Moreau").mentions][:2] == ["Jean-Paul Moreau", "Moreau"]
    assert [m.text for m in by_name(ents, "Chen Wei-lun").mentions] == ["Chen Wei-lun", "Chen"]


def test_bare_surname_goes_to_the_person_named_last_before_it(entities_of):
    text = ("Lt. Col. Oh Dae-sung led the patrol. Oh told reporters the fog was thick. "
            "Officer Lena Oh was not involved.")
    ents = entities_of(text)
    assert [m.text for m in by_name(ents, "Oh Dae-sung").mentions] == ["Oh Dae-sung", "Oh"]
    assert [m.text for m in by_name(ents, "Lena Oh").mentions] == ["Lena Oh"]


def test_a_first_name_matching_a_country_stays_a_place(entities_of):
    ents = entities_of("Jordan Reyes visited Jordan last week. Reyes said the visit went well.")
    assert by_name(ents, "Jordan").kind == "place"
    assert [m.text for m in by_name(ents, "Jordan Reyes").mentions] == ["Jordan Reyes", "Reyes"]


def test_title_surname_first_name_then_title_and_surname(entities_of):
    text = ("Surgeon Park Min-jae operated on the sailor for six hours. Dr. Park said the sailor was awake. "
            "Park said the worst was over.")
    ents = entities_of(text)
    park = by_name(ents, "Park Min-jae")
    assert [m.text for m in park.mentions if m.text.startswith("Park")] == ["Park Min-jae", "Park", "Park"]
    assert "Surgeon" in park.descriptors


def test_hyphenated_title_is_one_descriptor(entities_of):
    ents = entities_of("The ferry was steered onto the rocks by co-pilot Henrik Saalfeld, investigators said.")
    assert by_name(ents, "Henrik Saalfeld").descriptors == ["co-pilot"]


def test_an_unnamed_actor_the_text_names_joins_the_named_person(nlp):
    from storyline.extract.entities import extract_entities

    doc = nlp("The sailor who fell from the ferry on Monday, identified only by his surname, Marsh, "
              "is recovering. Marsh thanked the crew.")
    people = [e for e in extract_entities(doc) if e.kind == "person"]
    marsh = next(e for e in people if e.name == "Marsh")
    assert "The sailor" in [m.text for m in marsh.mentions]
    assert marsh.descriptors == ["sailor"]
    assert not any(e.name.lower() == "the sailor" for e in people)


def test_a_possessive_noun_is_someone_else(nlp):
    from storyline.extract.entities import extract_entities

    doc = nlp("A man was pulled from the canal on Monday. The man is recovering. His lawyer said he would sue the city.")
    entities = extract_entities(doc)
    man = next(e for e in entities if e.name.lower() in ("a man", "the man"))
    assert "His lawyer" not in [m.text for m in man.mentions]


def test_a_hyphenated_given_name_cut_by_ner_is_made_whole(entities_of):
    text = "President Han Seo-jin visited the flooded port. Han said the town would be rebuilt."
    han = by_name(entities_of(text), "Han Seo-jin")
    assert [m.text for m in han.mentions] == ["Han Seo-jin", "Han"]


@pytest.mark.parametrize("name", ["Choi Yu-na", "Lee Min-ho", "Jean-Luc Barre"])
def test_hyphenated_names_stay_whole(entities_of, name):
    ents = entities_of(f"The ferry company thanked {name} for the donation on Monday.")
    assert by_name(ents, name).kind == "person"


def test_a_hyphened_modifier_is_no_part_of_the_name(entities_of):
    ents = entities_of("Joe Biden-era rules were cut, and Ana Ruiz-led talks stalled, said Tom Vella.")
    assert "Joe Biden" in [e.name for e in ents]
    assert not any(e.name.endswith(("-era", "-led", "-")) for e in ents)


def test_two_names_joined_to_modify_a_noun_stay_apart(entities_of):
    ents = entities_of("Voters watched the Ruiz-Ortega debate, and Ortega said he had won.")
    assert not any(e.name == "Ruiz-Ortega" for e in ents)


def test_a_latin_binomial_is_no_person(entities_of):
    ents = entities_of("Dr. Piet Oyelowo treated the fisherman. Tests found Toxocara canis in the samples.")
    worm = by_name(ents, "Toxocara canis")
    assert worm.kind == "other"


def test_a_genus_named_again_alone_is_the_same_organism(entities_of):
    text = ("An infection with Giardia lamblia sickened 40 hikers, said ranger Tom Oyelaran. "
            "He said the Giardia strain was new.")
    giardia = by_name(entities_of(text), "Giardia lamblia")
    assert giardia.kind == "other" and len(giardia.mentions) == 2


def test_a_name_beside_virus_is_no_person_and_no_speaker(nlp):
    from storyline.extract.attribution import extract_attributions

    doc = nlp('Ranger Tom Baptiste closed the trail after hikers fell ill. Samples showed the Hendra virus. '
              '"It spreads fast," he said.')
    ents = extract_entities(doc)
    assert by_name(ents, "Hendra").kind == "other"
    said = [a for a in extract_attributions(doc, ents, []) if a.source_text == "he"]
    assert [next(e.name for e in ents if e.id == a.source) for a in said] == ["Ranger Tom Baptiste"]


def test_a_common_word_after_a_name_makes_no_binomial(entities_of):
    ents = entities_of("Senator Rubio opposes the bill, and Mayor Ines Vidal postpones her visit.")
    assert by_name(ents, "Rubio").kind == "person"
    assert by_name(ents, "Ines Vidal").kind == "person"


def test_a_name_after_virus_that_starts_a_clause_is_a_person(entities_of):
    ents = entities_of("The virus Chen studied for years was found in bats, Chen said.")
    assert by_name(ents, "Chen").kind == "person"
