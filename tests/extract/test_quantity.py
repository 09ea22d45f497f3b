"""Quantities: how many of what, how exact, and which numbers are not amounts at all."""
import pytest

from storyline.extract.quantity import extract_quantities
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture
def quantities(nlp):
    def run(text):
        doc = nlp(text)
        found = extract_quantities(doc)
        for q in found:
            assert doc.text[q.start:q.end] == q.text
        return found
    return run


def only(found, text):
    """The one quantity whose span is exactly `text`."""
    hits = [q for q in found if q.text == text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# --- approximators ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, approx", [
    ("The man had at least five stab wounds.", "at least five", "at_least"),
    ("More than 1,000 residents left the valley.", "More than 1,000", "more_than"),
    ("Over 200 houses flooded.", "Over 200", "more_than"),
    ("Nearly 100 soldiers crossed the river.", "Nearly 100", "less_than"),
    ("Almost 2,000 troops were deployed.", "almost 2,000".capitalize(), "less_than"),
    ("About 30 people gathered outside.", "About 30", "about"),
    ("Some 300 pilgrims walked to Lourdes.", "Some 300", "about"),
    ("An estimated 4,000 fans attended.", "An estimated 4,000", "about"),
    ("The ferry can carry up to 50 cars.", "up to 50", "at_most"),
    ("Fewer than 20 voters turned up.", "Fewer than 20", "less_than"),
    ("They found 40 or more shell casings.", "40 or more", "at_least"),
])
def test_approximators_are_part_of_the_span(quantities, sentence, span, approx):
    q = only(quantities(sentence), span)
    assert q.approx == approx


# --- ranges -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, low, high", [
    ("Between 20 and 30 people were hurt.", "Between 20 and 30", 20, 30),
    ("Police detained 20-30 protesters.", "20-30", 20, 30),
    ("Two or three cars were burned.", "Two or three", 2, 3),
    ("Support for the plan rose to 23% to 27% in polls.", "23% to 27%", 23, 27),
    ("The deal is worth $20 to $30 million.", "$20 to $30 million", 20e6, 30e6),
])
def test_ranges_have_low_and_high(quantities, sentence, span, low, high):
    q = only(quantities(sentence), span)
    assert (q.approx, q.value, q.high) == ("range", low, high)


def test_a_score_is_not_a_range(quantities):
    assert quantities("The council voted 52-48 to close the bridge.") == []


def test_from_to_is_a_change_not_a_range(quantities):
    found = quantities("Turnout rose from 20 to 30 percent.")
    assert [(q.text, q.approx) for q in found] == [("20", "exact"), ("30 percent", "exact")]


# --- numbers in words and digits -------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value", [
    ("Twenty-three miners were trapped.", "Twenty-three", 23),
    ("One hundred and fifty nurses signed the letter.", "One hundred and fifty", 150),
    ("Forty six percent disagreed.", "Forty six percent", 46),
    ("A dozen boats left the harbour.", "A dozen", 12),
    ("The river displaced 1.5 million people.", "1.5 million", 1.5e6),
    ("The agency hired 3,400 workers.", "3,400", 3400),
    ("A hundred families lost their homes.", "A hundred", 100),
    ("Half a million refugees crossed the border.", "Half a million", 5e5),
])
def test_number_values(quantities, sentence, span, value):
    assert only(quantities(sentence), span).value == value


@pytest.mark.parametrize("sentence, span, value", [
    ("Dozens of protesters were arrested.", "Dozens", 24),
    ("Hundreds of residents fled.", "Hundreds", 200),
    ("Tens of thousands marched in Lyon.", "Tens of thousands", 20_000),
    ("Several hundred people waited in line.", "Several hundred", 200),
])
def test_vague_amounts_are_lower_bounds(quantities, sentence, span, value):
    q = only(quantities(sentence), span)
    assert (q.value, q.approx) == (value, "at_least")


def test_one_in_five_is_a_percentage(quantities):
    q = only(quantities("One in five residents lacks clean water."), "One in five")
    assert (q.value, q.unit, q.counts) == (20, "%", "residents")


# --- units ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("He collapsed 150 yards past the fence.", "150 yards", 150, "yd"),
    ("The convoy drove 10km north.", "10km", 10, "km"),
    ("Prices rose 5 percent in March.", "5 percent", 5, "%"),
    ("Unemployment fell two percentage points.", "two percentage points", 2, "percentage point"),
    ("The city spent $1.5 billion on roads.", "$1.5 billion", 1.5e9, "USD"),
    ("The club paid £20m for him.", "£20m", 20e6, "GBP"),
    ("He was fined a 300-euro penalty.", "300-euro", 300, "EUR"),
    ("Rescuers walked a 12-mile trail.", "12-mile", 12, "mi"),
    ("The quake measured magnitude 6.1 near the coast.", "magnitude 6.1", 6.1, "magnitude"),
])
def test_units(quantities, sentence, span, value, unit):
    q = only(quantities(sentence), span)
    assert (q.value, q.unit) == (value, unit)


def test_what_a_measure_is_of(quantities):
    assert only(quantities("The ship carried 50 tons of rice."), "50 tons").counts == "rice"
    assert only(quantities("Some 56 percent of voters agreed."), "Some 56 percent").counts == "voters"


# --- what is counted --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, counts", [
    ("The guard had five gunshot wounds.", "five", "gunshot wounds"),
    ("More than 1,000 Syrian refugees arrived.", "More than 1,000", "Syrian refugees"),
    ("Four officials chased the driver.", "Four", "officials"),
    ("The town has 41 registered voters.", "41", "registered voters"),
    ("Three of the hostages spoke to reporters.", "Three", "hostages"),
    ("The panel includes 15 co-chairs.", "15", "co-chairs"),
    ("A 15-member delegation arrived.", "15", "member"),
])
def test_counted_noun(quantities, sentence, span, counts):
    assert only(quantities(sentence), span).counts == counts


def test_fired_n_times_counts_shots(quantities):
    assert only(quantities("The patrol fired 40 times at the truck."), "40").counts == "shots"
    assert only(quantities("She was arrested three times."), "three").counts == "times"


def test_ratios_and_frequencies_are_not_counts(quantities):
    assert quantities("Sales were three times higher in Oslo.") == []
    assert quantities("The drug is 50 times more potent than morphine.") == []
    assert quantities("He takes the pill three times a day.") == []


def test_coordinated_numbers_count_their_own_nouns(quantities):
    found = quantities("He was rescued by two Danish soldiers and one French soldier.")
    assert [(q.text, q.value, q.counts) for q in found] == [
        ("two", 2, "Danish soldiers"), ("one", 1, "French soldier")]


def test_another_adds_one_more_of_the_same(quantities):
    found = quantities("Three border guards and another from the depot chased him.")
    assert [(q.text, q.value, q.counts) for q in found] == [
        ("Three", 3, "border guards"), ("another", 1, "border guards")]


# --- casualty statuses ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, counts", [
    ("At least 12 people were killed in the blast.", "At least 12", "people killed"),
    ("The militia attacked Tarvik, killing 12 villagers.", "12", "villagers killed"),
    ("Floods left 4 hikers dead.", "4", "hikers dead"),
    ("Four were wounded.", "Four", "wounded"),
    ("Seven miners died on Friday.", "Seven", "miners dead"),
    ("More than 2,500 are still missing.", "More than 2,500", "missing"),
    ("Three of the guards were arrested.", "Three", "guards arrested"),
    ("Two soldiers and one civilian were killed.", "one", "civilian killed"),
])
def test_casualty_status_is_appended_to_counts(quantities, sentence, span, counts):
    assert only(quantities(sentence), span).counts == counts


def test_missing_a_race_is_not_a_missing_person(quantities):
    assert only(quantities("He missed the last five races."), "five").counts == "races"


def test_killers_are_not_victims(quantities):
    found = quantities("Five gunmen killed 3 guards.")
    assert [(q.text, q.counts) for q in found] == [("Five", "gunmen"), ("3", "guards killed")]


# --- numbers that are not amounts -------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The treaty was signed in 1998.",
    "The photo was taken on November 13.",
    "She finished third, and he was the first to arrive.",
    "The 21st round of talks failed.",
    "Doctors will watch him over the next 10 days.",
    "They began a three-week strike.",
    "A 25-year-old man was charged.",
    "Jo Marsh, 45, was charged.",
    "Rebels carried AK-47 rifles.",
    "He flew a Boeing 737 from Route 66 to the G7 summit.",
    "Call 555-1234 for details.",
    "It is his No. 1 priority.",
    "It was one of the terms of the deal.",
    "The neighbours helped one another.",
    "Flight MH-17 left on time.",
    "The 2016-17 season was long.",
    "A man in his 60's was hurt.",
    "The hearing is set for 31 May.",
    "Protesters met at 207 North Elm St. at dawn.",
    "No-one was injured.",
    "Teenagers aged 15 and 17 were released.",
    "Voters between the ages of 18 and 29 were polled.",
])
def test_not_amounts(quantities, sentence):
    assert quantities(sentence) == []


# --- offsets and ids --------------------------------------------------------------------------------

def test_exact_offsets_and_ids_in_text_order(nlp):
    text = "Headline about Tarvik\n\nAt least 12 people died and about 30 were hurt 150 yards away."
    found = extract_quantities(nlp(text))
    assert [q.id for q in found] == ["q1", "q2", "q3"]
    assert [(q.text, q.start) for q in found] == [
        ("At least 12", text.index("At least")), ("about 30", text.index("about 30")),
        ("150 yards", text.index("150 yards"))]
    assert all(text[q.start:q.end] == q.text for q in found)


def test_imperial_units_carry_a_metric_value(nlp):
    from storyline.extract.quantity import extract_quantities

    [q] = extract_quantities(nlp("He collapsed 150 yards past the gate."))
    assert (q.unit, q.metric_unit, q.metric_value) == ("yd", "m", 137.16)
