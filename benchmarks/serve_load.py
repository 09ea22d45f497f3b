"""Serving under load: latency of the story page at a fixed request rate, against a trivial endpoint.

A reader-facing server must keep story pages fast while many people read at once.
This script builds (once, cached) a database of fictional reports written by its
own templates, ingested with the real pipeline (`storyline ingest`), starts
`storyline serve` on it, and drives GET /stories/{id} with an open-loop load:
request i is sent at t0 + i/rate whatever happened to the earlier ones, and its
latency counts from that scheduled time, so a stalled server shows as latency
instead of as fewer requests (no coordinated omission). Story ids are drawn
uniformly (fixed seed) from every story in the database. In the same run, on the
same server and data, the same rate against GET /api/health (two count queries
and a small JSON body) gives the baseline: machines here are shared, so read the
story figures beside it. Three health and 20 story requests, one at a time, warm
the server up first and are not counted.

The database: `--articles N` (default 10,000) reports of about 2,900 invented
incidents (fires, floods, clashes, raids, explosions, collapses) in invented
districts of real cities, each told by 2-5 invented outlets over 0-3 days with
counts that rise or disagree, quotes with "said", and invented people. It is
cached in benchmarks/.cache/serve_load/ under the generator version, the article
count and the store's schema version; the build (about 8.5 minutes for 10,000 on
the 2-core machine, nearly all of it the analysis) is timed and its figures kept
beside the file.

Printed per phase: requests planned, sent, completed, errors (non-200 answers,
exceptions, timeouts), achieved rate, p50/p95/p99/max latency in ms, how late the
load generator itself started requests, the server's CPU% (utime + stime of its
process tree from /proc over the phase; 100% is one core) and RSS, and the load
generator's own CPU%. The client is raw asyncio streams with keep-alive by default
(`--client httpx` for httpx.AsyncClient: same latencies, three to four times
the client CPU: 11% against 3% of a core at 100 req/s). `--profile N` renders N
story pages in-process under cProfile and prints where the time goes; it runs
with N = 20 by itself when p95 misses.

PASS needs: the story phase at the target rate for the full duration (every
planned request sent, the last within a second of its scheduled time) with 0
errors (every request answered 200 within `--timeout`) and p95 < 250 ms. FAIL exits 1;
exit 2 when the run cannot happen (the database cannot be built, the server does
not start).

    .venv/bin/python benchmarks/serve_load.py                        # 10,000 articles, 100 req/s, 30 s
    .venv/bin/python benchmarks/serve_load.py --rate 250 --duration 15 --workers 2 --profile 200
    .venv/bin/python benchmarks/serve_load.py --smoke                # 40 articles, 20 req/s, 3 s (baseline 2 s)
    .venv/bin/python benchmarks/serve_load.py --db some.db           # an existing database instead
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO_ROOT / "benchmarks" / ".cache" / "serve_load"
STORYLINE = Path(sys.executable).with_name("storyline")

GENERATOR_VERSION = 1  # bump whenever the generated articles change: it names the cached database
MAX_P95_MS = 250.0
SEED = 20261205
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2


# ---------------------------------------------------------------------------------------------------------------
# Fictional articles. Everything below is invented for this benchmark: outlets, people, districts, incidents.
# Datelines name generic real cities (from the list below) so that places resolve as they would in real reports.

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


# ---------------------------------------------------------------------------------------------------------------
# The database: generated articles ingested with the real pipeline, cached by generator version and size.

def schema_version() -> int:
    from storyline.store.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def database_path(cache_dir: Path, articles: int) -> Path:
    """The cached database for this generator version, article count and store schema."""
    return cache_dir / f"gen{GENERATOR_VERSION}-n{articles}-schema{schema_version()}.db"


def build_database(path: Path, articles: int, batch_size: int) -> dict:
    """Generate the articles, ingest them with `storyline ingest` into a fresh file, and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    jsonl = path.with_suffix(".jsonl")
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    write_jsonl(generate_articles(articles), jsonl)
    generate_seconds = time.perf_counter() - started
    print(f"building {path.name}: {articles:,} generated articles in {generate_seconds:.1f} s; "
          f"`storyline ingest` running ...", flush=True)
    started = time.perf_counter()
    completed = subprocess.run([str(STORYLINE), "ingest", str(jsonl), "--db", str(partial),
                                "--batch-size", str(batch_size)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    ingest_seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SetupError(f"storyline ingest exited {completed.returncode}: {completed.stderr.strip()[-2000:]}")
    conn = sqlite3.connect(partial)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file before it is renamed
        counts = {"articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                  "stories": conn.execute("SELECT count(*) FROM stories").fetchone()[0]}
    finally:
        conn.close()
    if counts["articles"] != articles:
        raise SetupError(f"ingest stored {counts['articles']:,} of {articles:,} articles: "
                         f"{completed.stderr.strip()[-2000:]}")
    meta = {"generator_version": GENERATOR_VERSION, "articles": articles, "stories": counts["stories"],
            "generate_seconds": round(generate_seconds, 1), "ingest_seconds": round(ingest_seconds, 1),
            "ingest_summary": (completed.stderr.strip().splitlines() or [""])[-1].replace(str(partial), path.name),
            "built": dt.datetime.now().isoformat(timespec="seconds")}
    for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):  # an old file's journal must not meet the new file
        stale.unlink(missing_ok=True)
    partial.rename(path)
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def cached_database(cache_dir: Path, articles: int, batch_size: int, rebuild: bool) -> tuple[Path, dict, bool]:
    """The database path, its build record, and whether it was built by this run."""
    path = database_path(cache_dir, articles)
    meta_path = path.with_suffix(".json")
    if path.is_file() and meta_path.is_file() and not rebuild:
        return path, json.loads(meta_path.read_text(encoding="utf-8")), False
    return path, build_database(path, articles, batch_size), True


def story_ids(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM stories ORDER BY id")]
    finally:
        conn.close()


def db_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT count(*) FROM articles"), "stories": one("SELECT count(*) FROM stories"),
                "conflicting": one("SELECT count(*) FROM stories WHERE conflicts > 0"),
                "updated": one("SELECT count(*) FROM stories WHERE updates > 0"),
                "max_reports": one("SELECT max(documents) FROM stories"),
                "story_json_kb": round((one("SELECT avg(length(story)) FROM stories") or 0) / 1024, 1)}
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------------------------
# The server and its resource use, read from /proc (psutil is not a dependency).

class SetupError(Exception):
    """The run cannot happen (exit 2)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _proc_stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            data = handle.read()
    except OSError:
        return None
    return data[data.rindex(")") + 2:].split()  # fields from 3 (state) on; the name may hold spaces


def process_tree(root: int) -> list[int]:
    """The root and all its descendants (uvicorn's worker processes under --workers N)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _proc_stat(int(entry))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(root: int) -> float:
    """utime + stime of the process tree, in seconds."""
    total = 0
    for pid in process_tree(root):
        fields = _proc_stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def memory_mb(root: int) -> tuple[float, float]:
    """Resident memory now and the peak (VmHWM) of the process tree, in MB (summed over processes)."""
    rss = peak = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        peak += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, peak / 1024


class Server:
    """`storyline serve` on a free port, its output in a log file, stopped (by its own pid) on exit."""

    def __init__(self, db: Path, workers: int, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        command = [str(STORYLINE), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(self.port)]
        if workers != 1:
            command += ["--workers", str(workers)]
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 90.0) -> dict:
        """Poll GET /api/health until it answers 200; its JSON body."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"storyline serve exited {self.process.returncode}: {self.log_tail()}")
            try:
                status, body = http_get_once("127.0.0.1", self.port, "/api/health", timeout=2.0)
                if status == 200:
                    return json.loads(body)
            except OSError:
                pass
            time.sleep(0.2)
        raise SetupError(f"storyline serve did not answer /api/health within {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace").strip()[-2000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # uvicorn shuts its workers down on SIGTERM
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def http_get_once(host: str, port: int, path: str, timeout: float) -> tuple[int, bytes]:
    """One blocking GET on a fresh connection (readiness checks and warm-up)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = _dechunk(body)
    return status, body


def _dechunk(data: bytes) -> bytes:
    out, position = [], 0
    while True:
        end = data.index(b"\r\n", position)
        size = int(data[position:end].split(b";")[0], 16)
        if size == 0:
            return b"".join(out)
        out.append(data[end + 2:end + 2 + size])
        position = end + 2 + size + 2


# ---------------------------------------------------------------------------------------------------------------
# The load: open loop, latency from the scheduled send time.

class RawClient:
    """HTTP/1.1 GETs over a pool of keep-alive asyncio stream connections (opened as the load needs them)."""

    def __init__(self, host: str, port: int, max_connections: int):
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.slots = asyncio.Semaphore(max_connections)
        self.opened = 0

    async def get(self, path: str) -> tuple[int, int]:
        """Status and body size of one GET."""
        async with self.slots:
            while self.idle:
                reader, writer = self.idle.pop()
                if not reader.at_eof() and not writer.is_closing():
                    break
                writer.close()  # the server closed it while idle (uvicorn's keep-alive timeout is 5 s)
            else:
                reader, writer = await self._open()
                return await self._exchange(reader, writer, path)
            try:
                return await self._exchange(reader, writer, path)
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                # A reused connection the server closed just as we wrote to it: retry once on a new one, as HTTP
                # clients do; a partial response (bytes already read) is an error, not a retry.
                if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                    raise
                return await self._exchange(*await self._open(), path)

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        self.opened += 1
        return await asyncio.open_connection(self.host, self.port)

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, int]:
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length, chunked, close = None, False, False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
                elif name == b"connection" and b"close" in value.lower():
                    close = True
            if chunked:
                size = 0
                while True:
                    chunk_size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    await reader.readexactly(chunk_size + 2)
                    size += chunk_size
                    if chunk_size == 0:
                        break
            elif length is not None:
                size = len(await reader.readexactly(length))
            else:
                size, close = len(await reader.read()), True
        except BaseException:
            writer.close()
            raise
        if close:
            writer.close()
        else:
            self.idle.append((reader, writer))
        return status, size

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


class HttpxClient:
    """The same GETs through httpx.AsyncClient's connection pool."""

    def __init__(self, host: str, port: int, max_connections: int):
        import httpx

        self.client = httpx.AsyncClient(base_url=f"http://{host}:{port}", timeout=None,
                                        limits=httpx.Limits(max_connections=max_connections,
                                                            max_keepalive_connections=max_connections))
        self.opened = 0  # not tracked by httpx

    async def get(self, path: str) -> tuple[int, int]:
        response = await self.client.get(path)
        return response.status_code, len(response.content)

    async def close(self) -> None:
        await self.client.aclose()


CLIENTS = {"raw": RawClient, "httpx": HttpxClient}


@dataclass
class PhaseResult:
    name: str
    path: str
    rate: float
    duration: float
    planned: int
    sent: int
    completed: int  # answered 200
    errors: int  # non-200 answers, exceptions, timeouts
    error_kinds: dict
    latencies_ms: list  # of the 200 answers, from the scheduled send time
    send_lag_ms: list  # how late the client started each request (its own lag; included in the latency)
    wall_seconds: float  # t0 to the last answer
    send_seconds: float  # t0 to the last send
    server_cpu_percent: float
    server_cpu_seconds: float
    server_rss_mb: float
    server_peak_mb: float
    client_cpu_percent: float
    mean_bytes: float
    connections: int

    def percentile(self, q: float) -> float:
        return percentile(self.latencies_ms, q)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


async def run_phase(name: str, paths: list[str], rate: float, duration: float, port: int, server_pid: int,
                    client_kind: str, timeout: float, max_connections: int) -> PhaseResult:
    """Send paths[i] at t0 + i/rate for `duration` seconds; wait for the stragglers up to `timeout`."""
    loop = asyncio.get_running_loop()
    client = CLIENTS[client_kind]("127.0.0.1", port, max_connections)
    planned = int(round(rate * duration))
    latencies, lags, sizes = [], [], []
    error_kinds: dict[str, int] = {}
    last_done = [0.0]

    async def one(i: int, scheduled: float) -> None:
        lags.append((loop.time() - scheduled) * 1000)
        try:
            status, size = await asyncio.wait_for(client.get(paths[i % len(paths)]), timeout)
        except asyncio.TimeoutError:
            error_kinds["timeout"] = error_kinds.get("timeout", 0) + 1
            return
        except Exception as exc:  # noqa: BLE001 - every failure is counted, by kind
            kind = type(exc).__name__
            error_kinds[kind] = error_kinds.get(kind, 0) + 1
            return
        finally:
            last_done[0] = loop.time()
        if status != 200:
            error_kinds[f"HTTP {status}"] = error_kinds.get(f"HTTP {status}", 0) + 1
            return
        latencies.append((loop.time() - scheduled) * 1000)
        sizes.append(size)

    cpu_before, usage_before = cpu_seconds(server_pid), resource.getrusage(resource.RUSAGE_SELF)
    t0 = loop.time() + 0.05
    tasks = []
    for i in range(planned):
        scheduled = t0 + i / rate
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
    send_end = loop.time()
    await asyncio.gather(*tasks)
    wall = max(last_done[0], send_end) - t0
    cpu_after, usage_after = cpu_seconds(server_pid), resource.getrusage(resource.RUSAGE_SELF)
    rss, peak = memory_mb(server_pid)
    await client.close()
    client_cpu = (usage_after.ru_utime + usage_after.ru_stime - usage_before.ru_utime - usage_before.ru_stime)
    errors = sum(error_kinds.values())
    return PhaseResult(
        name=name, path=paths[0] if len(set(paths)) == 1 else "/stories/{id}", rate=rate, duration=duration,
        planned=planned, sent=len(tasks), completed=len(latencies), errors=errors, error_kinds=error_kinds,
        latencies_ms=latencies, send_lag_ms=lags, wall_seconds=wall, send_seconds=send_end - t0,
        server_cpu_percent=100 * (cpu_after - cpu_before) / max(wall, 1e-9), server_cpu_seconds=cpu_after - cpu_before,
        server_rss_mb=rss, server_peak_mb=peak,
        client_cpu_percent=100 * client_cpu / max(wall, 1e-9),
        mean_bytes=sum(sizes) / len(sizes) if sizes else 0.0, connections=client.opened)


def warm_up(port: int, paths: list[str]) -> None:
    """A few requests, one at a time, before anything is measured (templates compile, connections open)."""
    for path in paths:
        http_get_once("127.0.0.1", port, path, timeout=30.0)


def print_phases(results: list[PhaseResult]) -> None:
    rows = [
        ("endpoint", lambda r: r.path),
        ("target rate (req/s) x s", lambda r: f"{r.rate:g} x {r.duration:g}"),
        ("requests planned", lambda r: f"{r.planned:,}"),
        ("requests sent", lambda r: f"{r.sent:,}"),
        ("completed (200)", lambda r: f"{r.completed:,}"),
        ("errors", lambda r: f"{r.errors:,}" + (f" {r.error_kinds}" if r.error_kinds else "")),
        ("achieved rate (req/s)", lambda r: f"{r.completed / max(r.wall_seconds, 1e-9):.1f}"),
        ("latency p50 (ms)", lambda r: f"{r.percentile(50):.1f}"),
        ("latency p95 (ms)", lambda r: f"{r.percentile(95):.1f}"),
        ("latency p99 (ms)", lambda r: f"{r.percentile(99):.1f}"),
        ("latency max (ms)", lambda r: f"{max(r.latencies_ms, default=float('nan')):.1f}"),
        ("client send lag p99 / max (ms)",
         lambda r: f"{percentile(r.send_lag_ms, 99):.1f} / {max(r.send_lag_ms, default=float('nan')):.1f}"),
        ("mean response (KB)", lambda r: f"{r.mean_bytes / 1024:.1f}"),
        ("connections opened", lambda r: f"{r.connections:,}" if r.connections else "-"),
        ("server CPU % (100 = one core)", lambda r: f"{r.server_cpu_percent:.0f}"),
        ("server RSS / peak (MB)", lambda r: f"{r.server_rss_mb:.0f} / {r.server_peak_mb:.0f}"),
        ("load generator CPU %", lambda r: f"{r.client_cpu_percent:.0f}"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'':{width}}  " + "  ".join(f"{r.name:>24}" for r in results))
    for label, value in rows:
        print(f"{label:{width}}  " + "  ".join(f"{value(r):>24}" for r in results))


# ---------------------------------------------------------------------------------------------------------------
# Where a story page's time goes, in this process (the page handler called directly, under cProfile).

PROFILE_PARTS = [  # (label, module file suffix, function name): cumulative time of each, per page
    ("get_story (SQLite read + json.loads)", "store/queries.py", "get_story"),
    ("  json.loads", "json/__init__.py", "loads"),
    ("charts.map_points", "web/charts.py", "map_points"),
    ("charts.render_map_svg", "web/charts.py", "render_map_svg"),
    ("charts.render_timeline_svg", "web/charts.py", "render_timeline_svg"),
    ("Jinja template render", "jinja2/environment.py", "render"),
]


def profile_story_pages(db: Path, ids: list[str], pages: int, seed: int) -> None:
    """Render `pages` random story pages in-process under cProfile and print where the time goes."""
    import cProfile
    import pstats
    from types import SimpleNamespace

    from storyline.web import pages as web_pages
    from storyline.web.app import Site

    site = Site(db)
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(site=site)), headers={})
    chosen = random.Random(seed + 1).choices(ids, k=pages)
    web_pages.story_page(request, chosen[0])  # compile the template, open the connection
    started = time.perf_counter()
    for story_id in chosen:
        web_pages.story_page(request, story_id)
    plain = time.perf_counter() - started
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    sizes = [len(web_pages.story_page(request, story_id)) for story_id in chosen]
    profiler.disable()
    elapsed = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    print(f"profile: {pages} story pages rendered in-process (the handler only, no HTTP): {1000 * plain / pages:.2f} "
          f"ms per page, {1000 * elapsed / pages:.2f} ms under cProfile; mean {sum(sizes) / len(sizes) / 1024:.1f} KB")
    total = max(stats.total_tt, 1e-9)
    for label, suffix, name in PROFILE_PARTS:
        cumulative = sum(value[3] for (file, _, func), value in stats.stats.items()
                         if func == name and file.replace("\\", "/").endswith(suffix))
        print(f"  {label:40} {1000 * cumulative / pages:8.2f} ms/page  {100 * cumulative / total:5.1f}%")
    print("  top functions by own time:")
    own = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:12]
    for (file, line, func), (_, calls, tottime, cumtime, _) in own:
        where = "/".join(Path(file).parts[-2:]) if file != "~" else "builtin"
        print(f"    {1000 * tottime / pages:7.2f} ms/page own, {1000 * cumtime / pages:7.2f} cumulative, "
              f"{calls / pages:8.0f} calls/page  {func} ({where}:{line})")
    site.conn.close()


# ---------------------------------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="generated articles in the database (default 10000)")
    parser.add_argument("--rate", type=float, default=None, help="requests per second (default 100)")
    parser.add_argument("--duration", type=float, default=None, help="seconds of story-page load (default 30)")
    parser.add_argument("--baseline-duration", type=float, default=None,
                        help="seconds of the same rate against /api/health (default 10)")
    parser.add_argument("--workers", type=int, default=1, help="passed to `storyline serve --workers` (default 1)")
    parser.add_argument("--client", choices=sorted(CLIENTS), default="raw",
                        help="raw: asyncio streams with keep-alive (default, cheaper); httpx: httpx.AsyncClient")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as an error")
    parser.add_argument("--max-connections", type=int, default=256, help="client connection pool bound")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the story id draw")
    parser.add_argument("--db", type=Path, default=None, help="serve this existing database instead of building one")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"database cache (default: {CACHE_DIR})")
    parser.add_argument("--rebuild", action="store_true", help="build the database even when it is cached")
    parser.add_argument("--batch-size", type=int, default=32, help="`storyline ingest --batch-size` (default 32)")
    parser.add_argument("--profile", type=int, default=None, metavar="N",
                        help="profile N story pages in-process after the load (default: 20 when p95 misses, else 0)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny run for the test: 40 articles, 20 req/s for 3 s, baseline 2 s")
    args = parser.parse_args(argv)
    defaults = ({"articles": 40, "rate": 20.0, "duration": 3.0, "baseline_duration": 2.0} if args.smoke else
                {"articles": 10_000, "rate": 100.0, "duration": 30.0, "baseline_duration": 10.0})
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def setup_error(message: str) -> int:
    print(f"serve_load benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not STORYLINE.is_file():
        return setup_error(f"no `storyline` command next to {sys.executable}")
    try:
        if args.db:
            if not args.db.is_file():
                return setup_error(f"{args.db}: no such database")
            db, meta, built = args.db, {}, False
        else:
            started = time.perf_counter()
            db, meta, built = cached_database(args.cache_dir, args.articles, args.batch_size, args.rebuild)
            if built:
                meta["build_seconds"] = round(time.perf_counter() - started, 1)
    except SetupError as exc:
        return setup_error(str(exc))
    counts = db_counts(db)
    if meta:
        build = (f"generate {meta['generate_seconds']} s + ingest {meta['ingest_seconds']} s "
                 f"({counts['articles'] / max(meta['ingest_seconds'], 1e-9):.1f} articles/s)")
        print(f"database: {db} ({'built by this run' if built else 'cached, built ' + meta.get('built', '?')}); "
              f"build: {build}")
    else:
        print(f"database: {db} (given)")
    print(f"  {counts['articles']:,} articles in {counts['stories']:,} stories ({counts['conflicting']:,} with "
          f"conflicting facts, {counts['updated']:,} with updated facts, largest {counts['max_reports']} reports, "
          f"story JSON {counts['story_json_kb']} KB on average)")
    ids = story_ids(db)
    if not ids:
        return setup_error(f"{db}: no stories to request")

    rng = random.Random(args.seed)
    story_paths = [f"/stories/{quote(rng.choice(ids), safe='')}" for _ in range(int(round(args.rate * args.duration)))]
    log_dir = tempfile.TemporaryDirectory(prefix="serve_load-")  # the server's output; its tail goes in errors
    server = Server(db, args.workers, Path(log_dir.name) / "serve.log")
    results: list[PhaseResult] = []
    try:
        health = server.wait_ready()
        print(f"server: `storyline serve --workers {args.workers}` pid {server.pid} on port {server.port}; "
              f"/api/health: {health.get('articles', '?')} articles, {health.get('stories', '?')} stories; "
              f"client: {args.client}; {os.cpu_count()} cores shared by server and load generator")
        warm_up(server.port, ["/api/health"] * 3 + story_paths[:20])
        for name, paths, duration in (("baseline /api/health", ["/api/health"], args.baseline_duration),
                                      ("story page", story_paths, args.duration)):
            if duration <= 0:
                continue
            results.append(asyncio.run(run_phase(name, paths, args.rate, duration, server.port, server.pid,
                                                 args.client, args.timeout, args.max_connections)))
            if server.process.poll() is not None:
                raise SetupError(f"the server exited during the '{name}' phase: {server.log_tail()}")
    except SetupError as exc:
        return setup_error(str(exc))
    finally:
        server.stop()
        log_dir.cleanup()
    print()
    print_phases(results)
    story = results[-1]
    baseline = results[0] if len(results) > 1 else None
    if baseline and baseline.latencies_ms and story.latencies_ms:
        cpu_ms = lambda r: 1000 * r.server_cpu_seconds / max(r.completed, 1)  # noqa: E731 - per 200 answer
        print(f"story page / baseline: p50 x{story.percentile(50) / baseline.percentile(50):.1f}, "
              f"p95 x{story.percentile(95) / baseline.percentile(95):.1f}, server CPU per request "
              f"{cpu_ms(story):.1f} ms vs {cpu_ms(baseline):.1f} ms")

    p95 = story.percentile(95)
    checks = [
        (f"all {story.planned:,} requests sent at {args.rate:g} req/s over {args.duration:g} s "
         f"(last sent at {story.send_seconds:.2f} s)",
         story.sent == story.planned and story.send_seconds <= args.duration + 1.0),
        (f"errors = 0 ({story.errors:,})", story.errors == 0),
        (f"p95 < {MAX_P95_MS:.0f} ms ({p95:.1f} ms)", p95 < MAX_P95_MS),
    ]
    for label, passed in checks:
        print(f"target {label}: {'PASS' if passed else 'FAIL'}")
    failed = [label for label, passed in checks if not passed]
    profile_pages = args.profile if args.profile is not None else (20 if not p95 < MAX_P95_MS else 0)
    if profile_pages > 0:
        profile_story_pages(db, ids, profile_pages, args.seed)
    if args.json:
        figures = {"database": str(db), "build": meta, "counts": counts, "workers": args.workers,
                   "client": args.client, "phases": []}
        for r in results:
            figures["phases"].append({
                "name": r.name, "path": r.path, "rate": r.rate, "duration": r.duration, "planned": r.planned,
                "sent": r.sent, "completed": r.completed, "errors": r.errors, "error_kinds": r.error_kinds,
                "achieved_rate": r.completed / max(r.wall_seconds, 1e-9),
                **{f"p{q}_ms": r.percentile(q) for q in (50, 95, 99)},
                "max_ms": max(r.latencies_ms, default=None), "server_cpu_percent": r.server_cpu_percent,
                "server_cpu_ms_per_request": 1000 * r.server_cpu_seconds / max(r.completed, 1),
                "server_rss_mb": r.server_rss_mb, "client_cpu_percent": r.client_cpu_percent,
                "mean_bytes": r.mean_bytes})
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("result: PASS" if not failed else f"result: FAIL ({'; '.join(failed)})")
    return EXIT_FAIL if failed else 0


if __name__ == "__main__":
    sys.exit(main())
