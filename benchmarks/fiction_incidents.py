"""Fictional multi-outlet incident reports, written for the load and scale benchmarks.

`generate_articles(count)` writes `count` reports of invented incidents (fires,
floods, clashes, raids, explosions, collapses) in invented districts of real
cities, each told by 2-5 invented outlets over 0-3 days. Casualty counts rise in
later reports and sometimes differ between outlets on the same day, so the
stories built from them carry conflicting and updated facts; the reports quote
officials and witnesses with "said" and name invented people and companies.
Same count and seed, same records: cached databases built from them rely on it,
and GENERATOR_VERSION names them. `write_jsonl` writes the records in the form
`storyline ingest` reads.

Everything here is invented: outlets, people, districts, incidents. Datelines name
generic real cities (from CITIES) so that places resolve as they would in real
reports.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1  # bump whenever the generated articles change: it names the cached database
SEED = 20261205

CITIES = [  # (dateline name, region/country as written after it, country name)
    ("Leeds", "England", "Britain"), ("Lyon", "France", "France"), ("Porto", "Portugal", "Portugal"),
    ("Valencia", "Spain", "Spain"), ("Hamburg", "Germany", "Germany"), ("Rotterdam", "Netherlands", "the Netherlands"),
    ("Turin", "Italy", "Italy"), ("Krakow", "Poland", "Poland"), ("Gothenburg", "Sweden", "Sweden"),
    ("Brno", "Czech Republic", "the Czech Republic"), ("Graz", "Austria", "Austria"), ("Antwerp", "Belgium", "Belgium"),
    ("Bergen", "Norway", "Norway"), ("Aarhus", "Denmark", "Denmark"), ("Tampere", "Finland", "Finland"),
    ("Cork", "Ireland", "Ireland"), ("Thessaloniki", "Greece", "Greece"), ("Plovdiv", "Bulgaria", "Bulgaria"),
    ("Split", "Croatia", "Croatia"), ("Denver", "Colorado", "the United States"),
    ("Sacramento", "California", "the United States"), ("Omaha", "Nebraska", "the United States"),
    ("Tucson", "Arizona", "the United States"), ("Calgary", "Alberta", "Canada"), ("Winnipeg", "Manitoba", "Canada"),
    ("Adelaide", "Australia", "Australia"), ("Brisbane", "Australia", "Australia"),
    ("Christchurch", "New Zealand", "New Zealand"), ("Durban", "South Africa", "South Africa"),
    ("Mombasa", "Kenya", "Kenya"), ("Accra", "Ghana", "Ghana"), ("Recife", "Brazil", "Brazil"),
    ("Cordoba", "Argentina", "Argentina"), ("Valparaiso", "Chile", "Chile"), ("Medellin", "Colombia", "Colombia"),
    ("Guadalajara", "Mexico", "Mexico"), ("Pune", "India", "India"), ("Surabaya", "Indonesia", "Indonesia"),
    ("Cebu", "Philippines", "the Philippines"), ("Busan", "South Korea", "South Korea"), ("Osaka", "Japan", "Japan"),
    ("Izmir", "Turkey", "Turkey"),
]
OUTLETS = [
    "The Evening Lantern", "Northline News", "Coastal Dispatch", "Riverbend Herald", "Granite Wire",
    "The Daily Compass", "Morningside Post", "Weatherby Tribune", "Saltmarsh Gazette", "Keystone Bulletin",
    "The Open Ledger", "Bluefield Times", "Cinder Press", "Harrow Courier", "Quayside Report", "Pinecrest Observer",
    "Tideway News Agency", "Westmark Journal", "The Lamplighter", "Copperline", "Fairhaven Record",
    "Ridgeway Monitor", "Sable Wire", "The Junction Star",
]
FIRST_NAMES = [
    "Ada", "Bram", "Celia", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaia", "Lorcan", "Mireille",
    "Nils", "Odile", "Pavel", "Quinn", "Rosalind", "Soren", "Tamsin", "Ulla", "Viktor", "Wren", "Yusuf", "Zelda",
    "Anouk", "Bastian", "Corin", "Delphine", "Emeric", "Fenna", "Gideon", "Hester", "Ivo", "Jessamy", "Kasimir",
    "Leonie", "Matthias", "Nadia", "Oskar", "Petra", "Rafael", "Sabine", "Thaddeus", "Vesna", "Wilhelmina",
]
SURNAMES = [
    "Adebayo-Lind", "Brackenridge", "Castellane", "Dunmore", "Eskildsen", "Fairweather", "Galbraithe", "Holloway",
    "Ingersby", "Jaskolski", "Kettering", "Lindqvist", "Marchbanks", "Nettleford", "Okonedo", "Pemberton",
    "Quarrington", "Rasmundsen", "Stavropoulou", "Thistlewood", "Umberleigh", "Vasquez-Hale", "Whitcombe",
    "Yardley", "Zabrowski", "Ashcombe", "Belvedere", "Corvalan", "Drummondy", "Ellesmere", "Fontaneau", "Grimsdale",
    "Hartigan", "Ilyasova", "Jardine-Rhys", "Kowalczuk", "Loxley", "Montravers", "Nightingale-Ode", "Oyelaran",
    "Penhaligon", "Rookwood", "Sallowmere", "Tremaine", "Underhay", "Valcourt", "Wetherall", "Ystrad",
]
DISTRICT_HEADS = ["Ash", "Bel", "Crow", "Dun", "Fen", "Gal", "Hol", "Kel", "Lor", "Mar", "Nor", "Ost", "Pel", "Quin",
                  "Rav", "Sel", "Tor", "Vel", "Wick", "Yar", "Brem", "Cal", "Drey", "Elm"]
DISTRICT_TAILS = ["brook", "ford", "mere", "wick", "stead", "haven", "field", "ton", "by", "moor", "dale", "gate",
                  "holm", "ridge"]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve"]
STREET_KINDS = ["Road", "Street", "Avenue", "Lane", "Way", "Boulevard"]
COMPANY_KINDS = ["Holdings", "Logistics", "Industries", "Group", "Services", "Construction"]
HOURS = ["shortly after midnight", "just before dawn", "at around 3 a.m.", "in the early afternoon",
         "during the evening rush hour", "late at night", "shortly before noon"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DAY = dt.date(2019, 1, 1)
SPAN_DAYS = 6 * 365  # incidents are spread over six years, so those of one kind in one city are months apart
REPORT_DELAYS = [0, 0, 1, 1, 2, 3]  # days after the incident a report may come out


def _count(n: int, rng: random.Random) -> str:
    """A count as reports write it: small numbers often in words."""
    return NUMBER_WORDS[n] if 0 < n < len(NUMBER_WORDS) and rng.random() < 0.6 else str(n)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _district(rng: random.Random) -> str:
    return rng.choice(DISTRICT_HEADS) + rng.choice(DISTRICT_TAILS)


@dataclass
class Incident:
    number: int
    kind: str
    city: tuple[str, str, str]
    district: str
    day: dt.date
    dead: int
    injured: int
    other: int  # arrests, people evacuated or missing, depending on the kind
    site: str
    official: str
    official_role: str
    witness: str
    extra_names: list[str]
    street: str
    company: str
    hour: str


KINDS = {  # kind -> (sites, the official's role, what `other` counts)
    "fire": (["warehouse", "apartment block", "textile factory", "market hall", "hotel", "recycling plant"],
             "a spokesperson for the {city} fire service", "evacuated"),
    "flood": (["riverside quarter", "low-lying neighbourhood", "village", "housing estate"],
              "the head of the regional emergency agency", "missing"),
    "clash": (["central square", "stadium", "university campus", "town hall"],
              "the {city} police chief", "arrested"),
    "arrest": (["port", "industrial estate", "airport cargo terminal", "border crossing"],
               "a prosecutor in {city}", "arrested"),
    "explosion": (["chemical plant", "gas station", "apartment building", "fireworks depot"],
                  "the deputy mayor of {city}", "evacuated"),
    "collapse": (["parking garage", "footbridge", "school gymnasium", "shopping centre"],
                 "a city engineer in {city}", "trapped"),
}


def make_incident(number: int, rng: random.Random) -> Incident:
    kind = rng.choice(list(KINDS))
    sites, role, _ = KINDS[kind]
    city = rng.choice(CITIES)
    dead = 0 if kind == "arrest" else rng.choice([2, 3, 4, 5, 6, 8, 11, 14, 19, 27, 36])
    injured = rng.randint(2, 60)
    other = {"arrest": rng.randint(3, 40), "clash": rng.randint(5, 90)}.get(kind, rng.randint(10, 400))
    return Incident(number=number, kind=kind, city=city, district=_district(rng),
                    day=FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS)), dead=dead, injured=injured,
                    other=other, site=rng.choice(sites), official=_person(rng), official_role=role.format(city=city[0]),
                    witness=_person(rng), extra_names=[_person(rng) for _ in range(2)],
                    street=f"{_district(rng)} {rng.choice(STREET_KINDS)}",
                    company=f"{_district(rng)} {rng.choice(COMPANY_KINDS)}", hour=rng.choice(HOURS))


def _figures(incident: Incident, stage: int, stages: int, rng: random.Random) -> tuple[int, int, int]:
    """The counts one report gives: rising with later reports, and sometimes off by a little on the same day."""
    share = (stage + 1) / stages
    dead = round(incident.dead * (0.5 + 0.5 * share)) if incident.dead else 0
    injured = round(incident.injured * (0.6 + 0.4 * share))
    other = round(incident.other * (0.7 + 0.3 * share))
    dead = max(2, dead) if dead else 0  # "people" needs two
    if rng.random() < 0.35:  # a conflicting figure
        dead = max(2, dead + rng.choice([-1, 1, 2])) if dead else 0
    if rng.random() < 0.25:
        injured = max(1, injured + rng.choice([-3, -1, 2, 4]))
    return dead, injured, other


def _title(incident: Incident, dead: int, injured: int, other: int, rng: random.Random) -> str:
    city = incident.city[0]
    n = _count(dead, rng)
    options = {
        "fire": [f"{n.capitalize()} dead as fire tears through {incident.site} in {city}",
                 f"Fire at {city} {incident.site} kills {n}, injures {injured}",
                 f"Blaze in {incident.district} district of {city} leaves {n} dead"],
        "flood": [f"Floods in {city} kill {n}, {other} missing",
                  f"Flash flooding hits {incident.district} near {city}; {n} dead",
                  f"Heavy rain floods {city} {incident.site}, {n} killed"],
        "clash": [f"{other} arrested after clashes in {city}",
                  f"Police and protesters clash in {city}; {injured} hurt",
                  f"Night of clashes at {city} {incident.site} leaves {injured} injured"],
        "arrest": [f"Police in {city} arrest {other} in raids on smuggling ring",
                   f"{other} held in {city} {incident.site} raids",
                   f"Raids at {incident.district} {incident.site}: {other} arrested"],
        "explosion": [f"Explosion at {city} {incident.site} kills {n}",
                      f"Blast rocks {incident.district} in {city}, {n} dead",
                      f"{n.capitalize()} killed in {incident.site} explosion near {city}"],
        "collapse": [f"{incident.site.capitalize()} collapses in {city}, {n} dead",
                     f"Rescuers search rubble after {city} {incident.site} collapse",
                     f"Collapse of {incident.site} in {incident.district} kills {n}"],
    }[incident.kind]
    return rng.choice(options)


def _lead(incident: Incident, dead: int, injured: int, other: int, weekday: str, rng: random.Random) -> str:
    city, _, _ = incident.city
    d, i, o = _count(dead, rng), _count(injured, rng), _count(other, rng)
    where = f"the {incident.district} district of {city}"
    lead = {
        "fire": [f"At least {d} people were killed and {i} injured on {weekday} when a fire swept through a "
                 f"{incident.site} in {where}, officials said.",
                 f"A fire at a {incident.site} in {where} killed {d} people on {weekday} and injured {i} others, "
                 f"according to the fire service."],
        "flood": [f"Flash floods killed {d} people in {where} on {weekday} and {o} others were missing after a "
                  f"river burst its banks, emergency officials said.",
                  f"At least {d} people died when floodwater swept through a {incident.site} in {where} on "
                  f"{weekday}; {o} people were reported missing."],
        "clash": [f"Police arrested {o} people and {i} were injured on {weekday} night when protesters and riot "
                  f"officers clashed near the {incident.site} in {where}, police said.",
                  f"Clashes between protesters and police near the {incident.site} in {where} left {i} people "
                  f"injured on {weekday}; {o} were arrested."],
        "arrest": [f"Police arrested {o} people in dawn raids at the {incident.site} in {where} on {weekday}, "
                   f"prosecutors said, in an investigation into a cigarette smuggling ring.",
                   f"{o.capitalize()} people were detained on {weekday} in raids on warehouses at the "
                   f"{incident.site} in {where}, the prosecutor's office said."],
        "explosion": [f"An explosion at a {incident.site} in {where} killed {d} people and injured {i} on "
                      f"{weekday}, local officials said.",
                      f"A blast tore through a {incident.site} in {where} on {weekday}, killing {d} people and "
                      f"wounding {i}, according to the authorities."],
        "collapse": [f"A {incident.site} collapsed in {where} on {weekday}, killing {d} people and injuring {i}, "
                     f"officials said.",
                     f"At least {d} people died and {i} were hurt when a {incident.site} gave way in {where} on "
                     f"{weekday}."],
    }[incident.kind]
    return rng.choice(lead)


def _body(incident: Incident, dead: int, injured: int, other: int, stage: int, rng: random.Random) -> list[str]:
    """The paragraphs after the lead: a quote from the official, then a few of the kind's details, picked per report."""
    city, _, country = incident.city
    official, role, witness = incident.official, incident.official_role, incident.witness
    named, second = incident.extra_names
    street, company, hour = incident.street, incident.company, incident.hour
    paragraphs = []
    if stage > 0 and dead > 2:
        earlier = rng.randint(1, dead - 1)
        paragraphs.append(f"Earlier in the day the authorities had put the death toll at {_count(earlier, rng)}. "
                          f"More bodies were found later, {official}, {role}, told reporters.")
    quotes = {
        "fire": [f'"The fire spread very fast through the upper floors and our crews could not reach everyone," '
                 f'{official}, {role}, said.',
                 f'{official}, {role}, said the first crews reached {street} {hour} and found the building '
                 f'"fully in flames".'],
        "flood": [f'"The water rose by almost two metres in less than an hour," {official}, {role}, said.',
                  f'{official}, {role}, said rescuers in boats had pulled dozens of people from roofs along '
                  f'{street}. "We are still searching," {official.split()[-1]} said.'],
        "clash": [f'"Officers were attacked with stones and bottles and responded to restore order," {official}, '
                  f'{role}, said.',
                  f'{official}, {role}, said the trouble started {hour} when a group tried to force its way '
                  f'into {street}.'],
        "arrest": [f'"This network moved goods through the {incident.site} for at least two years," {official}, '
                   f'{role}, said.',
                   f'{official}, {role}, said the suspects had used a transport firm, {company}, as a front.'],
        "explosion": [f'"We heard a huge bang and then the windows came in," said {witness}, who lives on {street}.',
                      f'{official}, {role}, said the blast happened {hour} and could be heard across the city.'],
        "collapse": [f'"Rescue teams are still working through the rubble," {official}, {role}, said.',
                     f'{official}, {role}, said the structure, built by {company}, gave way {hour} without warning.'],
    }
    paragraphs.append(rng.choice(quotes[incident.kind]))
    details = {
        "fire": [f"The cause of the fire was not yet known. {named}, the owner of the {incident.site}, said the "
                 f"building had passed a safety inspection last year.",
                 f"About {other} residents of {street} and nearby streets were evacuated overnight.",
                 f"{company}, which runs the {incident.site}, said in a statement that it was cooperating with "
                 f"investigators.",
                 f"Thick black smoke could be seen from across {city}, and the authorities told people to keep "
                 f"their windows shut.",
                 f"{named} said a smoke alarm had gone off {hour} but that many people had ignored it."],
        "flood": [f"About {other * 10} homes were without power. The national weather service of {country} warned "
                  f"that more rain was expected.",
                  f"{named}, a local councillor, said schools in {incident.district} would stay closed for the rest "
                  f"of the week.",
                  f"The river rose after three days of heavy rain, the weather service said, the most it has "
                  f"recorded in {incident.day.strftime('%B')} in decades.",
                  f"Soldiers were sent to help fill sandbags along {street}, the defence ministry said.",
                  f"{company}, the regional water utility, said drinking water was safe."],
        "clash": [f"The protest had been called against plans to close a hospital in {incident.district}. "
                  f"{named}, one of the organisers, said police had charged a peaceful crowd.",
                  f"Police said {_count(max(1, injured // 3), rng)} officers were among the injured.",
                  f"Shop windows were smashed along {street} and several cars were set on fire.",
                  f"{named} told the {city} council that the march had been authorised and that the police "
                  f"\"had no reason to intervene\".",
                  "The interior ministry said it would review the use of tear gas."],
        "arrest": [f"Investigators seized about {other * 1000} cartons of cigarettes and {other * 3} vehicles, the "
                   f"prosecutor said.",
                   f"Lawyers for two of the suspects, {named} and {second}, said their clients denied wrongdoing.",
                   f"The raids followed an 18-month investigation by customs officers and police in {country}.",
                   f"Officers searched warehouses on {street} and a house in {incident.district}, the prosecutor's "
                   f"office said.",
                   f"{company} said it had suspended two managers and was helping investigators."],
        "explosion": [f"Firefighters said {other} people living nearby had been evacuated.",
                      f"{named}, a manager at {company}, said a gas leak had been reported the day before.",
                      f"Windows were blown out along {street}, and debris was found hundreds of metres away.",
                      f"The prosecutor's office in {city} said it had opened an investigation into involuntary "
                      f"manslaughter.",
                      f"{second}, who runs a bakery nearby, said the ground shook \"like an earthquake\"."],
        "collapse": [f"Officials said {other} people had been trapped at first.",
                     f"{named}, a structural engineer, said the building had shown cracks for months.",
                     f"Sniffer dogs and heavy cranes were brought to {street} overnight.",
                     f"{company} said it was shocked and would cooperate fully with the inquiry.",
                     f"Residents said they had complained to the {city} council about the state of the "
                     f"{incident.site} since last year."],
    }
    paragraphs += rng.sample(details[incident.kind], rng.randint(3, 5))
    witness_lines = [
        f'{witness}, a shopkeeper in {incident.district}, said people had been running in every direction. '
        f'"Nobody knew what was happening," {witness.split()[-1]} said.',
        f"A resident, {witness}, said the emergency services arrived within minutes.",
        f"{witness}, who was nearby at the time, said she heard sirens and people shouting.",
    ]
    if rng.random() < 0.7:
        paragraphs.append(rng.choice(witness_lines))
    background = [
        f"{incident.district} is a mostly residential district of about {other * 150 + 9000:,} people on the edge "
        f"of {city}, crossed by {street} and a railway line.",
        f"It was the worst incident of its kind in {city} since 2015, when a similar case led to new rules that "
        f"critics said were never properly enforced.",
        f"Opposition politicians in {country} called for an independent inquiry, and {second}, a member of the "
        f"regional assembly, said the authorities had been warned.",
    ]
    if rng.random() < 0.6:
        paragraphs.append(rng.choice(background))
    closing = [
        f"The mayor of {city} declared a day of mourning.",
        "An investigation has been opened, the regional government said.",
        f"Hospitals in {city} said they had called in extra staff.",
        f"The government of {country} said it would send help.",
    ]
    paragraphs.append(rng.choice(closing))
    return paragraphs


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


def generate_articles(count: int, seed: int = SEED) -> list[dict]:
    """`count` fictional reports as JSONL records, 2-5 per incident from different outlets, in publication order."""
    rng = random.Random(seed)
    records: list[dict] = []
    number = 0
    while len(records) < count:
        incident = make_incident(number, rng)
        reports = min(rng.randint(2, 5), count - len(records))
        outlets = rng.sample(OUTLETS, reports)
        delays = sorted(rng.choice(REPORT_DELAYS) for _ in range(reports))
        for stage, (outlet, delay) in enumerate(zip(outlets, delays)):
            day = incident.day + dt.timedelta(days=delay)
            dead, injured, other = _figures(incident, stage, reports, rng)
            weekday = WEEKDAYS[incident.day.weekday()]
            title = _title(incident, dead, injured, other, rng)
            city, region, _ = incident.city
            dateline = f"{city.upper()}, {region}, {MONTHS[day.month - 1]} {day.day} ({outlet}) - "
            paragraphs = [dateline + _lead(incident, dead, injured, other, weekday, rng),
                          *_body(incident, dead, injured, other, stage, rng),
                          f"(Reporting by {_person(rng)}; editing by {_person(rng)})"]
            records.append({
                "id": f"sl{GENERATOR_VERSION}-{number:05d}-{stage}",
                "url": f"https://{_slug(outlet)}.example/{day.isoformat()}/{_slug(title)}",
                "title": title, "outlet": outlet, "published": day.isoformat(), "text": "\n\n".join(paragraphs),
            })
        number += 1
    records.sort(key=lambda r: (r["published"], r["id"]))
    return records


def write_jsonl(records: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
