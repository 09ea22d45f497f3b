"""Word lists for the quantity extractor, kept as data: number words, approximators, units, casualty statuses.

All keys are lowercase token texts. Multi-word phrases are tuples of tokens.
"""

# Cardinal number words and their values; "and" joins them only after a scale ("one hundred and fifty").
SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
TENS = frozenset(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales glued to digits ("3bn", "$20m"); "m"/"k" only count as scales after a currency sign,
# elsewhere "20m" is twenty metres.
SCALE_SUFFIXES = {"bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3}
CURRENCY_ONLY_SUFFIXES = frozenset(("m", "b", "k"))

# Vague plurals: "dozens" means at least two dozen, so each reads as at_least 2 x its base;
# "tens of thousands" / "hundreds of thousands" multiply (at_least 20,000 / 200,000).
VAGUE_PLURALS = {
    "dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
    "billions": 1_000_000_000,
}
# Vague determiners before a scale: "several hundred", "a few thousand" read like "hundreds" (at_least 2 x).
VAGUE_DETERMINERS = (("several",), ("a", "few"), ("a", "couple", "of"), ("a", "couple"))

# Words before a number that say how exact it is; longest phrases are tried first.
APPROXIMATORS_BEFORE = {
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least", ("not", "fewer", "than"): "at_least", ("a", "minimum", "of"): "at_least",
    ("as", "few", "as"): "at_least", ("as", "little", "as"): "at_least", ("at", "most"): "at_most", ("up", "to"): "at_most",
    ("no", "more", "than"): "at_most", ("not", "more", "than"): "at_most", ("a", "maximum", "of"): "at_most",
    ("as", "many", "as"): "at_most", ("as", "much", "as"): "at_most",
    ("more", "than"): "more_than", ("over",): "more_than", ("upwards", "of"): "more_than",
    ("in", "excess", "of"): "more_than", ("above",): "more_than", ("just", "over"): "more_than",
    ("well", "over"): "more_than", ("well", "above"): "more_than", ("just", "above"): "more_than",
    ("fewer", "than"): "less_than", ("less", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than", ("just", "under"): "less_than", ("just", "below"): "less_than",
    # "nearly 100" is a value approached from below: a strict upper bound, not a point estimate.
    ("nearly",): "less_than", ("almost",): "less_than", ("not", "quite"): "less_than",
    ("about",): "about", ("around",): "about", ("some",): "about", ("roughly",): "about",
    ("approximately",): "about", ("approx",): "about", ("approx.",): "about", ("an", "estimated"): "about",
    ("estimated",): "about", ("circa",): "about", ("close", "to"): "about", ("ca.",): "about",
    ("more", "or", "less"): "about", ("or", "so"): "about",
}
APPROXIMATORS_AFTER = {("or", "more"): "at_least", ("or", "so"): "about", ("+",): "at_least", ("plus",): "at_least",
                       ("or", "fewer"): "at_most", ("or", "less"): "at_most"}
MAX_APPROXIMATOR_LEN = max(len(k) for k in APPROXIMATORS_BEFORE)

# Currency signs and codes written before an amount, and currency words written after it.
CURRENCY_BEFORE = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "jpy": "JPY", "₩": "KRW", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "c$": "CAD", "ca$": "CAD",
    "cad": "CAD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "hk$": "HKD", "nz$": "NZD", "chf": "CHF",
    "cny": "CNY", "rmb": "CNY", "₽": "RUB", "₪": "ILS", "₺": "TRY",
}
CURRENCY_AFTER = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB",
    "roubles": "RUB", "shekel": "ILS", "shekels": "ILS", "francs": "CHF", "pesos": "peso", "dinars": "dinar",
    "riyals": "riyal", "rand": "ZAR", "lira": "TRY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}
# Only read as a currency when the word is tagged a noun ("5 million won", not "they won 5").
CURRENCY_NOUN_ONLY = {"won": "KRW"}

# Units written before the number ("magnitude 6.4").
UNITS_BEFORE = {"magnitude": "magnitude", "mag": "magnitude"}

# Measurement units after a number, as canonical symbols; the longest phrase wins.
UNITS = {
    ("%",): "%", ("percent",): "%", ("pct",): "%", ("per", "cent"): "%",
    ("percentage", "point"): "percentage point", ("percentage", "points"): "percentage point",
    ("ppt",): "percentage point", ("ppts",): "percentage point", ("pp",): "percentage point",
    ("yard",): "yd", ("yards",): "yd", ("yd",): "yd", ("yds",): "yd",
    ("mile",): "mi", ("miles",): "mi", ("mi",): "mi",
    ("km",): "km", ("kms",): "km", ("kilometre",): "km", ("kilometres",): "km", ("kilometer",): "km",
    ("kilometers",): "km", ("metre",): "m", ("metres",): "m", ("meter",): "m", ("meters",): "m", ("m",): "m",
    ("cm",): "cm", ("centimetres",): "cm", ("centimeters",): "cm", ("mm",): "mm", ("millimetres",): "mm",
    ("millimeters",): "mm", ("foot",): "ft", ("feet",): "ft", ("ft",): "ft", ("inches",): "in",
    ("kg",): "kg", ("kilogram",): "kg", ("kilograms",): "kg", ("kilo",): "kg", ("kilos",): "kg",
    ("gram",): "g", ("grams",): "g", ("g",): "g", ("pound",): "lb", ("pounds",): "lb", ("lb",): "lb",
    ("lbs",): "lb", ("ounce",): "oz", ("ounces",): "oz", ("oz",): "oz",
    ("ton",): "t", ("tons",): "t", ("tonne",): "t", ("tonnes",): "t",
    ("litre",): "l", ("litres",): "l", ("liter",): "l", ("liters",): "l", ("gallon",): "gal",
    ("gallons",): "gal", ("barrel",): "bbl", ("barrels",): "bbl", ("acre",): "acre", ("acres",): "acre",
    ("hectare",): "ha", ("hectares",): "ha",
    ("square", "kilometres"): "km2", ("square", "kilometers"): "km2", ("square", "km"): "km2",
    ("square", "kilometre"): "km2", ("square", "kilometer"): "km2", ("square", "metre"): "m2",
    ("square", "meter"): "m2", ("square", "foot"): "ft2",
    ("sq", "km"): "km2", ("km2",): "km2", ("square", "miles"): "mi2", ("square", "mile"): "mi2",
    ("square", "metres"): "m2", ("square", "meters"): "m2", ("square", "feet"): "ft2",
    ("mph",): "mph", ("km/h",): "km/h", ("kph",): "km/h", ("knots",): "kn",
    ("degree",): "°", ("degrees",): "°", ("°",): "°", ("°c",): "°C", ("°f",): "°F",
    ("mw",): "MW", ("megawatts",): "MW", ("gw",): "GW", ("gigawatts",): "GW", ("kw",): "kW",
    ("kwh",): "kWh", ("megatons",): "Mt", ("kilotons",): "kt",
    ("pounds", "sterling"): "GBP",
}
MAX_UNIT_LEN = max(len(k) for k in UNITS)

# Words that make the number a time expression (duration, age, clock time): the time extractor's job.
TIME_UNITS = frozenset("""
second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks fortnight fortnights
month months year years yr yrs decade decades century centuries millennium millennia night nights
weekend weekends a.m. p.m. am pm o'clock gmt utc bst est edt pst pdt cet
""".split())
# Words that mark a date/time entity as really temporal (spaCy also tags some plain counts DATE).
DATE_WORDS = TIME_UNITS | frozenset("""
january february march april may june july august september october november december jan jan. feb feb.
mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec.
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow ago morning evening
afternoon noon midnight tonight spring summer autumn fall winter
""".split())

# Month names as written (case matters: "May", not "may"), next to which a number is a day of the month.
MONTH_NAMES = frozenset("""
January February March April May June July August September October November December Jan Jan. Feb Feb.
Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. Oct Oct. Nov Nov. Dec Dec.
""".split())

# Fractions and ordinals after a hyphen ("two-thirds", "one-fifth"): not counts.
FRACTION_WORDS = frozenset("""
half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths seventh sevenths
eighth eighths ninth ninths tenth tenths hundredth hundredths
""".split())

# Common nouns that, right before a number, make it a label ("page 5", "Flight 370"), not an amount.
LABEL_NOUNS = frozenset("""
no no. nos number page pages room flight route highway interstate gate platform article section chapter
clause paragraph item line level phase stage grade category channel version model exit bus road unit
age aged ages ward district precinct lot building block floor track episode season volume vol vol. proposition
resolution amendment rule act bill figure table tier division squad team code zone sector area camp terminal hall
""".split())

# What "fire N times" counts: the verb's natural object.
TIMES_OBJECTS = {"fire": "shots", "shoot": "shots", "stab": "stab wounds", "strike": "strikes", "hit": "hits",
                 "ram": "rams", "punch": "punches", "kick": "kicks"}
# Words after "N times" that make it a ratio ("three times as many"), not a count of occurrences.
RATIO_MARKERS = frozenset("as more less higher lower larger smaller bigger greater faster the".split())

# Casualty and detention statuses: lemma of a verb or adjective -> status word put after the counted noun.
STATUS_VERBS = {
    "kill": "killed", "wound": "wounded", "injure": "injured", "hurt": "injured", "arrest": "arrested",
    "detain": "detained", "abduct": "abducted", "kidnap": "abducted", "displace": "displaced",
    "evacuate": "evacuated", "hospitalize": "hospitalized", "hospitalise": "hospitalized", "execute": "killed",
    "massacre": "killed", "slay": "killed", "murder": "killed", "behead": "killed", "capture": "captured",
    "jail": "arrested", "imprison": "arrested", "free": "released", "release": "released",
}
# Verbs whose *subject* has the status ("12 people died").
STATUS_INTRANSITIVE = {"die": "dead", "perish": "dead", "drown": "dead"}
STATUS_ADJECTIVES = {"dead": "dead", "killed": "killed", "wounded": "wounded", "injured": "injured",
                     "missing": "missing", "arrested": "arrested", "detained": "detained", "hurt": "injured",
                     "displaced": "displaced", "homeless": "homeless", "unaccounted": "missing"}

# Street types: "207 South Main St." is an address, not an amount.
STREET_WORDS = frozenset("""
street st avenue ave road rd boulevard blvd lane ln drive dr way place pl square sq court ct parkway pkwy
highway hwy terrace crescent strasse
""".split())

# Imperial and US units -> (metric unit, factor), so reports in either can be compared.
TO_METRIC = {
    "yd": ("m", 0.9144), "mi": ("km", 1.609344), "ft": ("m", 0.3048), "in": ("cm", 2.54), "lb": ("kg", 0.45359237),
    "oz": ("g", 28.349523125), "gal": ("l", 3.785411784), "acre": ("ha", 0.40468564224), "mi2": ("km2", 2.589988110336),
    "ft2": ("m2", 0.09290304), "mph": ("km/h", 1.609344), "kn": ("km/h", 1.852),
}
