"""Events: typing from trigger and arguments, roles, place/time/quantity, certainty, codes."""
import pytest

from storyline.extract import event_ontology as O
from storyline.extract.events import background_notes, extract_events
from storyline.model import Attribution, Certainty, Entity, Mention, Quantity, Span, Time
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def find(text, surface, nth=0):
    """Offsets of the nth occurrence of `surface` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


class Scene:
    """A sentence with hand-made entities, times, quantities and attributions."""

    def __init__(self, nlp, text):
        self.text, self.doc = text, nlp(text)
        self.entities, self.times, self.quantities, self.attributions = [], [], [], []

    def entity(self, eid, kind, *surfaces):
        mentions = []
        for surface in surfaces:
            surface, nth = surface if isinstance(surface, tuple) else (surface, 0)
            start, end = find(self.text, surface, nth)
            mentions.append(Mention(start=start, end=end, text=surface))
        self.entities.append(Entity(id=eid, name=surfaces[0] if isinstance(surfaces[0], str) else surfaces[0][0],
                                    kind=kind, mentions=mentions))
        return self

    def time(self, tid, surface, type_="date"):
        start, end = find(self.text, surface)
        self.times.append(Time(id=tid, text=surface, start=start, end=end, type=type_, anchor="unresolved"))
        return self

    def quantity(self, qid, surface, value):
        start, end = find(self.text, surface)
        self.quantities.append(Quantity(id=qid, text=surface, start=start, end=end, value=value))
        return self

    def attribution(self, aid, cue, content, certainty=Certainty()):
        (cs, ce), (ts, te) = find(self.text, cue), find(self.text, content)
        self.attributions.append(Attribution(id=aid, type="indirect", cue=Span(text=cue, start=cs, end=ce),
                                             content=Span(text=content, start=ts, end=te), certainty=certainty))
        return self

    def events(self, **kwargs):
        return extract_events(self.doc, self.entities, self.times, self.quantities, self.attributions, **kwargs)

    def event(self, trigger):
        found = [e for e in self.events() if e.trigger.text == trigger]
        assert found, f"no event at {trigger!r}: {[(e.type, e.trigger.text) for e in self.events()]}"
        return found[0]


def roles(event):
    return {(p.entity, p.role) for p in event.participants}


# ---- typing from the trigger and its arguments
def test_fired_times_at_guards_is_an_attack(nlp):
    s = (Scene(nlp, "The soldiers fired 40 times at the guards.")
         .entity("e1", "group", "The soldiers").entity("e2", "group", "the guards")
         .quantity("q1", "40 times", 40))
    ev = s.event("fired")
    assert ev.type == "ATTACK" and roles(ev) == {("e1", "agent"), ("e2", "target")}
    assert ev.quantities == ["q1"]
    assert ev.plover == "FIGHT" and ev.acled == "Battles: Armed clash"


def test_firing_a_coach_is_no_event(nlp):
    s = Scene(nlp, "The club fired the coach on Monday.").entity("e1", "person", "the coach")
    assert s.events() == []


def test_hitting_a_wall_is_a_crash(nlp):
    assert Scene(nlp, "The driver lost control and hit a wall.").event("hit").type == "CRASH"


def test_hit_by_a_bullet_is_an_attack(nlp):
    assert Scene(nlp, "The guard was hit by a bullet.").event("hit").type == "ATTACK"


def test_workers_strike_is_a_protest_air_strike_an_attack(nlp):
    assert Scene(nlp, "Dock workers went on strike over pay.").event("strike").type == "PROTEST"
    assert Scene(nlp, "An air strike destroyed the depot.").event("strike").type == "ATTACK"
    assert Scene(nlp, "The unions struck a deal with the port.").event("struck").type == "AGREE"


def test_capture_of_a_town_or_a_person(nlp):
    assert Scene(nlp, "Rebels captured the town.").event("captured").type == "SEIZE"
    assert Scene(nlp, "Police captured the gunman.").event("captured").type == "ARREST"


def test_crossing_the_border_is_a_move(nlp):
    s = (Scene(nlp, "Ilya Brandt crossed the border into Estonia.")
         .entity("e1", "person", "Ilya Brandt").entity("e2", "place", "Estonia"))
    ev = s.event("crossed")
    assert ev.type == "MOVE" and roles(ev) == {("e1", "agent"), ("e2", "destination")}


def test_running_a_company_is_no_move(nlp):
    assert Scene(nlp, "She ran the company for ten years.").events() == []


# ---- roles
def test_passive_with_by_agent(nlp):
    s = (Scene(nlp, "The courier was shot by two gunmen.")
         .entity("e1", "person", "The courier").entity("e2", "group", "two gunmen"))
    assert roles(s.event("shot")) == {("e2", "agent"), ("e1", "target")}


def test_relative_clause_subject(nlp):
    s = (Scene(nlp, "Police arrested the man who fled the checkpoint.")
         .entity("e1", "organization", "Police").entity("e2", "person", "the man"))
    assert roles(s.event("fled")) == {("e2", "agent")}
    assert roles(s.event("arrested")) == {("e1", "agent"), ("e2", "target")}


def test_coordinated_agents_are_all_kept(nlp):
    s = (Scene(nlp, "He was rescued by two local guards and one medic.")
         .entity("e1", "person", "He").entity("e2", "group", "two local guards").entity("e3", "person", "one medic"))
    assert roles(s.event("rescued")) == {("e1", "target"), ("e2", "agent"), ("e3", "agent")}


def test_later_conjuncts_share_the_subject(nlp):
    s = (Scene(nlp, "Two medics crawled toward the driver and dragged him to safety.")
         .entity("e1", "group", "Two medics").entity("e2", "person", "the driver", "him"))
    ev = s.event("dragged")
    assert ev.type == "RESCUE" and roles(ev) == {("e1", "agent"), ("e2", "target")}


def test_light_verb_lends_its_subject(nlp):
    s = (Scene(nlp, "The militia launched an attack on the convoy.")
         .entity("e1", "group", "The militia").entity("e2", "other", "the convoy"))
    events = s.events()
    assert [e.trigger.text for e in events] == ["attack"]
    assert roles(events[0]) == {("e1", "agent"), ("e2", "target")}


def test_instrument_and_destination(nlp):
    s = (Scene(nlp, "The patient was airlifted to Harlow General Hospital with a military helicopter.")
         .entity("e1", "person", "The patient").entity("e2", "organization", "Harlow General Hospital")
         .entity("e3", "other", "a military helicopter"))
    ev = s.event("airlifted")
    assert ev.type == "EVACUATE"
    assert roles(ev) == {("e1", "target"), ("e2", "destination"), ("e3", "instrument")}


def test_partitive_argument_refers_to_its_of_phrase(nlp):
    s = Scene(nlp, "Guards shot one of the smugglers.").entity("e1", "group", "the smugglers")
    assert roles(s.event("shot")) == {("e1", "target")}


def test_possessor_is_not_the_argument(nlp):
    s = Scene(nlp, "Police questioned the mayor's driver.").entity("e1", "person", "the mayor")
    assert s.event("questioned").participants == []


def test_suffering_wounds_makes_the_subject_the_target(nlp):
    s = Scene(nlp, "The courier suffered serious wounds.").entity("e1", "person", "The courier")
    ev = s.event("wounds")
    assert ev.type == "INJURE" and roles(ev) == {("e1", "target")}


def test_opened_fire_is_one_attack(nlp):
    s = Scene(nlp, "Border guards opened fire on the boat.").entity("e1", "group", "Border guards")
    events = s.events()
    assert [(e.type, e.trigger.text) for e in events] == [("ATTACK", "fire")]
    assert roles(events[0]) == {("e1", "agent")}


def test_arguments_without_entities_are_skipped(nlp):
    assert Scene(nlp, "Somebody fired at the house.").event("fired").participants == []


# ---- place, time, quantities
def test_place_from_a_preposition(nlp):
    s = (Scene(nlp, "Gunmen ambushed a bus near Kandahar on Friday.")
         .entity("e1", "place", "Kandahar").time("t1", "Friday"))
    ev = s.event("ambushed")
    assert ev.place == "e1" and ev.time == "t1"


def test_place_of_a_crossing(nlp):
    s = (Scene(nlp, "A soldier was caught crossing the demilitarized zone.")
         .entity("e1", "person", "A soldier").entity("e2", "place", "the demilitarized zone"))
    ev = s.event("crossing")
    assert ev.place == "e2" and roles(ev) == {("e1", "agent"), ("e2", "location")}


def test_destination_is_not_the_place(nlp):
    s = Scene(nlp, "The family fled to Chad.").entity("e1", "place", "Chad")
    ev = s.event("fled")
    assert ev.place is None and roles(ev) == {("e1", "destination")}


def test_time_of_speaking_is_not_the_event_time(nlp):
    s = (Scene(nlp, "The army said on Tuesday that rebels shelled the port.")
         .time("t1", "Tuesday").attribution("a1", "said", "rebels shelled the port"))
    s.attributions[0] = s.attributions[0].model_copy(update={"time": "t1"})
    assert s.event("shelled").time is None


def test_a_date_in_another_clause_is_not_the_event_time(nlp):
    s = (Scene(nlp, "The rebels violated the truce signed in 1994.")
         .time("t1", "1994"))
    assert s.event("violated").time is None
    assert s.event("signed").time == "t1"


def test_injury_counts_its_wounds(nlp):
    s = (Scene(nlp, "The guard had at least five gunshot wounds.")
         .quantity("q1", "at least five", 5))
    ev = s.event("wounds")
    assert ev.type == "INJURE" and ev.quantities == ["q1"]


# ---- certainty, attribution
def test_negated_attack(nlp):
    c = Scene(nlp, "The rebels did not attack the convoy.").event("attack").certainty
    assert c.value == "negated"


def test_conditional_events(nlp):
    s = Scene(nlp, "If the army fired shots inside the zone, they would have violated the truce.")
    fired, violated = s.event("fired"), s.event("violated")
    assert fired.type == "ATTACK" and fired.certainty.conditional
    assert violated.type == "VIOLATE" and violated.certainty.conditional and violated.certainty.value == "possible"


def test_hedged_crossing(nlp):
    c = Scene(nlp, "The driver reportedly crossed the border.").event("crossed").certainty
    assert c.value == "possible" and c.hedges == ["reportedly"]


def test_attribution_certainty_is_combined(nlp):
    s = Scene(nlp, "Officials believe the convoy was ambushed.").attribution(
        "a1", "believe", "the convoy was ambushed", Certainty(value="probable", hedges=["believe"]))
    ev = s.event("ambushed")
    assert ev.attribution == "a1" and ev.certainty.value == "probable"


def test_events_in_skipped_ranges_are_dropped(nlp):
    text = "Troops shelled the village.\nA photo shows soldiers firing shots."
    s = Scene(nlp, text)
    caption = [text.index("A photo"), len(text)]
    assert [e.trigger.text for e in s.events(skip_ranges=[caption])] == ["shelled"]


# ---- contract
def test_ids_and_offsets(nlp):
    text = "Rebels shelled the port, and the navy evacuated the crew."
    s = Scene(nlp, text)
    events = s.events()
    assert [e.id for e in events] == ["v1", "v2"]
    assert all(text[e.trigger.start:e.trigger.end] == e.trigger.text for e in events)


def test_plover_codes_intentions(nlp):
    assert Scene(nlp, "The government will withdraw its troops.").event("withdraw").plover == "RETREAT"
    assert Scene(nlp, "The government agreed to lift the curfew.").event("lift").plover == "AGREE"
    assert Scene(nlp, "The militia vowed to attack the capital.").event("vowed").plover == "THREATEN"
    assert Scene(nlp, "The talks failed to reach an agreement.").event("agreement").plover == "REJECT"


def test_plover_weapons_decide_fight_or_assault(nlp):
    assert Scene(nlp, "Tanks shelled the suburbs.").event("shelled").plover == "FIGHT"
    assert Scene(nlp, "A car bomb killed four people.").event("killed").plover == "ASSAULT"


def test_background_notes_for_habitual_events(nlp):
    text = "Hundreds have fled to the coast every year since 2001. The clerk fled on Monday. Gunmen shot every guard."
    s = Scene(nlp, text).time("t1", "every year", "set")
    events = s.events()
    notes = background_notes(s.doc, events, s.times)
    assert [n.target for n in notes] == [events[0].id] and notes[0].type == "background"


def test_background_note_for_an_ordinal_first_of_its_kind(nlp):
    s = Scene(nlp, "He is the third pilot to defect this decade.")
    events = s.events()
    assert [n.target for n in background_notes(s.doc, events, [])] == [e.id for e in events if e.type == "DEFECT"]


def test_ontology_is_consistent():
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "DISAPPROVE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE"}
    acled = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Protests", "Riots",
             "Strategic developments"}
    for lexicon in (O.V, O.N):
        for word, senses in lexicon.items():
            for sense in senses:
                assert sense.type is None or sense.type in O.TYPES, word
                assert sense.plover is None or sense.plover in plover, word
                assert sense.acled is None or sense.acled.split(": ")[0] in acled, word
    for t in O.TYPES.values():
        assert t.plover is None or t.plover in plover
        assert t.acled is None or t.acled.split(": ")[0] in acled
