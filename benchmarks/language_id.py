"""Language identification: storyline's guess_language against the hand-written guess it replaced, py3langid and lingua.

ingest.read tags every item with `guess_language(text)`, and only items tagged "en" get the full
analysis; everything else keeps its layout only. So a plain English text taken for another
language loses its analysis. The old hand-written guess (a function-word count, kept below as
`handwritten_guess`, the baseline) did that to repetitive English: one sentence repeated, or
thousands of short quotes each with "said" (issue 11, item 5).

The corpus is the project's own (benchmarks/language_texts/LANG.jsonl, {"lang", "text"}): short
paragraphs of fictional everyday news (weather, council meetings, sports, accidents, markets)
written for this benchmark in en, de, fr, es, it, nl, pt, pl, sv, tr and ru, 16 per language.
For each paragraph the script joins it with the following ones of its language (wrapping
around) until the text reaches 1,000 characters, and cuts that text at a word boundary to at
most 20, 50, 100, 200 and 500 characters; the whole text is the 1000+ bucket. English hard
cases are generated in code (`hard_cases`): each English paragraph's first sentence repeated
50 and 500 times; 2,000 short quotes each with "said" (one literally '"Yes," he said. ' x 2000);
results tables (names, clubs, times, points) with a few English words; single headlines and
lists of headlines; English full of foreign names and places; English with an embedded quote
in another language.

Detectors, side by side, on the same texts:
    handwritten  the function-word count guess_language used before (baseline);
    py3langid    py3langid's bundled model, all its languages, its raw top answer;
    lingua       lingua-language-detector restricted to the corpus languages and a few
                 neighbours (LINGUA_LANGUAGES), models preloaded; skipped when not installed;
    storyline    storyline.ingest.language.guess_language as it is now (the detector judged).
A Russian (Cyrillic) text counts as right when answered "ru" or "und": storyline names only
Latin-script languages and says "und" for other scripts, which still keeps it out of the
English analysis; any other answer, "en" above all, is wrong.

Printed: accuracy by language (texts of >= 200 characters) and by length bucket (English and
the other languages apart), English recall (share answered "en") on each kind of hard case,
and time per text, load time and the resident memory its load added, for each detector.

PASS needs, for the storyline detector, all of:
    - accuracy >= 0.98 on English texts of >= 200 characters;
    - English recall >= 0.98 on the repetitive hard cases (repeated sentences, "said" quotes);
    - accuracy >= 0.95 on non-English texts of >= 200 characters.

    .venv/bin/python benchmarks/language_id.py [--limit N] [--show-errors K] [--json FILE] [--check]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

TEXTS_DIR = Path(__file__).resolve().parent / "language_texts"
BUCKETS = (20, 50, 100, 200, 500)  # characters, cut at a word boundary; plus LONG_BUCKET
LONG_BUCKET = "1000+"
LONG_CHARS = 1000
MIN_LONG_CUT = 200  # the pass bar's texts: buckets of at least this many characters
MIN_EN_ACCURACY = 0.98  # English texts of >= 200 characters
MIN_REPETITIVE_RECALL = 0.98  # repeated sentences and "said" quotes answered "en"
MIN_OTHER_ACCURACY = 0.95  # non-English texts of >= 200 characters
REPETITIVE_KINDS = ("repeat x50", "repeat x500", "said quotes")
OTHER_SCRIPT_LANGUAGES = {"ru"}  # right when answered with their code or "und"
# lingua: the corpus languages and a handful of neighbours they can be mistaken for
LINGUA_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "tr", "ru",
                    "da", "nb", "ca", "ro", "id", "af", "uk")
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2


# --- baseline: storyline.ingest.language.guess_language before issue 11 item 5, copied verbatim ---

SAMPLE_CHARS = 2000
SHORT_TEXT_WORDS = 20
SHORT_MIN_SCORE = 1.5
MIN_SHARE = 0.10
MIN_LEAD = 1.5
MIN_CLEAR_SCORE, CLEAR_LEAD = 5, 3
MIN_DISTINCT = 5
FUNCTION_WORDS = {
    "en": "the a and of to in is that it was for on are with as his her they be at by this had from but "
          "not have were which their has said been will would who an its after he she we or you your "
          "can more about there if what when out up into than them could also over",
    "de": "der die und das ist nicht ein eine zu den mit sich auf dem des von für auch es im wurde sind "
          "werden bei nach wie noch aus einer hat dass oder aber vor über sie er wir",
    "fr": "le la les et des est une un du que qui dans pour pas sur au avec ce il elle sont par plus ont "
          "mais été aux cette ses son nous leur de en",
    "es": "el la los las y que en del se por un una con para es su al lo como más pero sus fue ha este "
          "esta ya han también entre desde de",
    "it": "il di che la e per un una del della non sono con è le si gli da dei nel alla anche più ha come "
          "ma questo delle lo degli",
    "pt": "o a os as de que e do da em um uma para com não no na por dos das se mais foi ao como mas ele "
          "ela são também pelo pela",
    "nl": "de het een en van in is dat op te met voor zijn niet aan er die ook als bij om maar dan wordt "
          "door naar heeft nog was werd uit",
}
_LISTS = {language: frozenset(words.split()) for language, words in FUNCTION_WORDS.items()}
_SHARED_BY = Counter(word for words in _LISTS.values() for word in words)
_WEIGHTS = {language: {word: 1 / _SHARED_BY[word] for word in words} for language, words in _LISTS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER_MAX = 0x024F


def handwritten_guess(text: str) -> str:
    """The old guess_language: ISO 639-1 code from function-word counts, or "und" when unsure."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return "en"
    letters = "".join(words)
    if sum(1 for char in letters if ord(char) > _LATIN_LETTER_MAX) > len(letters) / 2:
        return "und"
    counts = Counter(words)
    scores, distinct = {}, {}
    for language, weights in _WEIGHTS.items():
        found = [word for word in weights if word in counts]
        scores[language] = sum(weights[word] * counts[word] for word in found)
        distinct[language] = len(found)
    best, runner_up = sorted(scores, key=scores.get, reverse=True)[:2]
    if len(words) < SHORT_TEXT_WORDS:
        plainly_other = (best != "en" and distinct[best] >= 2 and scores[best] >= SHORT_MIN_SCORE
                         and scores[best] >= 2 * scores["en"] and scores[best] >= MIN_LEAD * scores[runner_up])
        return best if plainly_other else "en"
    if distinct[best] < min(MIN_DISTINCT, 1 + len(words) // 10):
        return "und"
    if scores[best] >= MIN_SHARE * len(words) and scores[best] >= MIN_LEAD * scores[runner_up]:
        return best
    if scores[best] >= MIN_CLEAR_SCORE and scores[best] >= CLEAR_LEAD * scores[runner_up]:
        return best
    return "und"


# --- the texts ---

@dataclass(frozen=True)
class Sample:
    lang: str  # the right answer
    bucket: str  # "20" ... "500", "1000+", or "hard"
    kind: str  # "corpus", or the hard case's kind
    text: str


def cut_at_words(text: str, limit: int) -> str:
    """The longest start of TEXT of at most LIMIT characters that ends at a word boundary (at least one word)."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    end = max(cut.rfind(" "), cut.rfind("\n"))
    if end <= 0:  # one word longer than the limit: keep it whole
        match = re.match(r"\S+", text)
        return match.group(0) if match else text[:limit]
    return text[:end].rstrip()


def load_paragraphs(texts_dir: Path, limit: int | None) -> dict[str, list[str]]:
    """LANG -> its paragraphs, from TEXTS_DIR/LANG.jsonl, in file order (the first LIMIT of each)."""
    paragraphs: dict[str, list[str]] = {}
    for path in sorted(texts_dir.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for row in rows:
            paragraphs.setdefault(row["lang"], []).append(row["text"])
    return {lang: texts[:limit] if limit else texts for lang, texts in paragraphs.items()}


def corpus_samples(paragraphs: dict[str, list[str]]) -> list[Sample]:
    """Each paragraph, joined with the next ones of its language up to 1,000+ characters, in every length bucket."""
    samples = []
    for lang, texts in sorted(paragraphs.items()):
        for start in range(len(texts)):
            parts, k = [], start
            while sum(len(p) + 2 for p in parts) < LONG_CHARS:
                parts.append(texts[k % len(texts)])
                k += 1
                if k - start > 4 * len(texts):  # too little text in all to reach the length
                    break
            long_text = "\n\n".join(parts)
            for limit in BUCKETS:
                samples.append(Sample(lang, str(limit), "corpus", cut_at_words(long_text, limit)))
            samples.append(Sample(lang, LONG_BUCKET, "corpus", long_text))
    return samples


QUOTES = ("Yes", "No", "Maybe", "Not yet", "Thank you", "Of course", "Never", "Right", "Fine", "Go on",
          "Too late", "Good", "Why not", "Later", "Not me")
SPEAKERS = ("he said", "she said", "they said", "the mayor said", "said Mr Hale", "said the coach",
            "a neighbour said", "said Ms Okafor", "the driver said", "said Tom")
RUNNERS = ("Tom Harlow", "Priya Nair", "Jan Kowalski", "Sofia Rossi", "Liam O'Neill", "Chen Wei", "Ana García",
           "Lars Eriksson", "Fatima Yilmaz", "Pierre Lambert", "Grace Mensah", "Hans Becker", "Emma Clarke",
           "Diego Santos", "Aoife Byrne", "Mehmet Demir", "Ingrid Holm", "Luca Bianchi", "Sarah Jones",
           "Tomasz Nowak", "Kwame Asante", "Marie Dubois", "Olga Petrova", "Jack Wilson")
CLUBS = ("Ashford AC", "Kelby Harriers", "Millbrook RC", "Eastwick Striders", "Porthby Tri", "unattached",
         "Westbury Joggers", "Lindon College")
TEAMS = ("Ashford Rovers", "Kelby Town", "Millbrook United", "Eastwick Athletic", "Porthby FC", "Dunmore Celtic",
         "Westbury Wanderers", "Carlton City", "Brookfield Albion", "Marston Rangers")
HEADLINES = (
    "Council votes to close old swimming pool",
    "Storm warning for the valley tonight",
    "Rovers snatch late win at Kelby",
    "Bus and van collide on ring road",
    "Petrol prices rise for fifth week",
    "Parents raise cash for new playground",
    "Barn fire destroys sixty bales of hay",
    "Trains replaced by buses in October",
    "Man rescued after boat loses power",
    "Homes plan rejected over traffic fears",
    "Tour de France winner named",
    "Die Hard star visits Madrid",
    "La Liga club sacks its manager",
    "Obama in Berlin",
    "Snow shuts schools across the north",
    "Library to open on Sundays",
    "Cyclist hurt at broken traffic lights",
    "Shares slide as shoppers cut back",
    "Hockey girls win first regional cup",
    "Festival needs more volunteers",
    "BREAKING: FLOOD ALERT FOR HARROW VALLEY",
    "Man, 60, saved off Porthby",
)
FOREIGN_NAMES = (
    "Mayor Jean-Pierre Lefèvre of Saint-Étienne-du-Bois met Klaus-Dieter Müller from Düsseldorf and "
    "Ana María Fernández of Villanueva de la Serena on Tuesday to sign a twinning agreement at the "
    "Palazzo dei Priori in Montefalco. Giulia Ferraro, the host, said the towns would swap school groups.",
    "The convoy left Wrocław at dawn, passed through Zielona Góra and Frankfurt an der Oder, and reached "
    "Gdańsk by nightfall, where Małgorzata Wiśniewska and Jürgen Schäfer handed the aid to volunteers from "
    "Kraków, Łódź and Bydgoszcz. The drivers said the roads had been clear all the way.",
    "Hakan Çalışkan scored twice as Beşiktaş Gençlik beat Fenerbahçe Köyü in Üsküdar, and Søren Kjærgaard "
    "Nielsen added a third for the visitors from Århus. The coach, José Luis Martínez, said it was the best "
    "game of the season.",
    "Passengers from Zürich, Genève and Lyon Part-Dieu were stuck at Strasbourg for six hours after a "
    "signal failure near Mulhouse-Ville. François Gauthier, who was travelling to São Paulo via Lisboa, "
    "said nobody had told them what was going on.",
    "The festival in Santiago de Compostela drew bands from Reykjavík, Trondheim and Jyväskylä as well as "
    "the fiddler Sigríður Jónsdóttir, who played with Los Hermanos Quintana and "
    "Orquesta Típica Los Cardales on the last night.",
    "Police in Sint-Niklaas are looking for Pieter van den Berg, 34, who was last seen near the "
    "Vrijdagmarkt in Gent on Friday. His sister, Anneliese Vandenbroucke, said he had driven towards "
    "Knokke-Heist and Brugge and had not answered his phone since.",
    "Prices at the market in Thessaloniki rose again, traders said, as Nikolaos Papadopoulos and Dimitra "
    "Konstantinou warned that olive oil from Kalamata would cost more than last year because of the "
    "drought in Peloponnese and Kriti.",
    "The new ferry from Puerto de la Cruz to Santa Cruz de la Palma will stop at San Sebastián de la Gomera, "
    "the operator, Naviera Atlántica Hernández, said. Captain Iñaki Etxeberria said crossings would take an hour.",
)
EMBEDDED_QUOTES = (
    'The mayor of Saint-Aubin told the visitors: "Nous ferons tout pour reconstruire le pont avant l\'hiver," '
    "before adding in English that work would begin in May and that the town had already set aside the money "
    "for the first stage. Residents said they had heard such promises before.",
    'The coach, who grew up in Munich, shouted "Das war das beste Spiel der Saison!" as the players left the '
    "pitch. Speaking later to reporters, he said the team had worked hard all winter and deserved the win, "
    "but warned that the next three games would be much harder.",
    'A sign outside the restaurant reads "Aquí se come como en casa de la abuela", and the owner said most of '
    "her customers were tourists who liked the idea of a home-cooked meal. She said prices would stay the "
    "same this summer despite the rising cost of food.",
    'The singer ended the concert with "Nel blu dipinto di blu" and the crowd sang along with her. The '
    "organisers said more than four thousand people had come to the square, the largest audience the "
    "festival had seen in its twenty years.",
    'The banner hung by fans read "Wij geven nooit op, nooit!" and the club said it would not ask for it to '
    "be taken down. The chairman said the team had been through a difficult season but that the support "
    "of the town had never wavered.",
    'The minister opened her speech in Portuguese, "É uma honra estar aqui convosco hoje," then switched '
    "to English to thank the workers who had built the new hospital wing. It will treat its first patients "
    "next month, the health board said.",
    'One protester held up a placard reading "Nie chcemy nowej drogi przez las" as councillors arrived for '
    "the meeting. The council later delayed its decision on the bypass until the spring, saying it needed "
    "more time to study the effect on wildlife.",
    'The guide told the group "Det här är den äldsta bron i hela landet" and then explained in English that '
    "the bridge had been rebuilt three times since the flood of 1822. The tour ended at the harbour, where "
    "the visitors were given coffee.",
)


def first_sentence(paragraph: str) -> str:
    match = re.match(r".+?[.!?](?=\s|$)", paragraph)
    return match.group(0) if match else paragraph


def said_quotes(rng: random.Random, count: int) -> str:
    return " ".join(f'"{rng.choice(QUOTES)}," {rng.choice(SPEAKERS)}.' for _ in range(count))


def race_results(rng: random.Random) -> str:
    lines = [f"Results of the {rng.choice(('Harrow Valley', 'Millbrook', 'Eastwick'))} 10k on Sunday:"]
    seconds = rng.randint(1900, 2100)
    for place, name in enumerate(rng.sample(RUNNERS, 18), start=1):
        seconds += rng.randint(3, 60)
        lines.append(f"{place}. {name} ({rng.choice(CLUBS)}) {seconds // 60}:{seconds % 60:02d}")
    lines.append("Full results will be posted on the club website.")
    return "\n".join(lines)


def league_table(rng: random.Random) -> str:
    lines = ["League table after Saturday's games", "Pos Team P W D L GD Pts"]
    rows = []
    for team in TEAMS:
        won, drawn, lost = rng.randint(2, 14), rng.randint(0, 8), rng.randint(1, 12)
        rows.append((3 * won + drawn, team, won + drawn + lost, won, drawn, lost, rng.randint(-20, 25)))
    for pos, (points, team, played, won, drawn, lost, gd) in enumerate(sorted(rows, reverse=True), start=1):
        lines.append(f"{pos} {team} {played} {won} {drawn} {lost} {gd:+d} {points}")
    return "\n".join(lines)


def hard_cases(english: list[str], limit: int | None) -> list[Sample]:
    """English texts that fooled or might fool a detector, by kind (the first LIMIT of each kind)."""
    rng = random.Random(11)
    kinds: dict[str, list[str]] = {
        "repeat x50": [" ".join([first_sentence(p)] * 50) for p in english],
        "repeat x500": [" ".join([first_sentence(p)] * 500) for p in english],
        "said quotes": ['"Yes," he said. ' * 2000] + [said_quotes(rng, 2000) for _ in range(9)],
        "results table": [race_results(rng) for _ in range(5)] + [league_table(rng) for _ in range(5)],
        "headline": list(HEADLINES),
        "headline list": ["\n".join(rng.sample(HEADLINES, 8)) for _ in range(6)],
        "foreign names": list(FOREIGN_NAMES),
        "foreign quote": list(EMBEDDED_QUOTES),
    }
    return [Sample("en", "hard", kind, text)
            for kind, texts in kinds.items() for text in (texts[:limit] if limit else texts)]


# --- the detectors ---

def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux), or 0.0 where /proc is absent."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Detector:
    name: str
    describe: str
    guess: Callable[[str], str]
    load_s: float
    rss_added_mb: float  # resident memory the load added to the process


def load_detectors() -> tuple[list[Detector], list[str]]:
    """The detectors that can run here, in a fixed order, each loaded and warmed once; and notes on skipped ones."""
    detectors, notes = [Detector("handwritten", "old function-word guess (copied here)", handwritten_guess,
                                 0.0, 0.0)], []
    start, rss = time.perf_counter(), rss_mb()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    import py3langid
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.classify("warm up")
    detectors.append(Detector("py3langid", f"py3langid {py3langid.__version__}, all {len(identifier.labels)} "
                              "languages, raw top answer", lambda text: identifier.classify(text)[0],
                              time.perf_counter() - start, rss_mb() - rss))
    try:
        start, rss = time.perf_counter(), rss_mb()
        from importlib.metadata import version

        from lingua import IsoCode639_1, LanguageDetectorBuilder
        codes = [getattr(IsoCode639_1, code.upper()) for code in LINGUA_LANGUAGES]
        lingua = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()

        def lingua_guess(text: str) -> str:
            found = lingua.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found is not None else "und"

        lingua_guess("warm up")
        detectors.append(Detector("lingua", f"lingua-language-detector {version('lingua-language-detector')}, "
                                  f"{len(codes)} languages, preloaded", lingua_guess,
                                  time.perf_counter() - start, rss_mb() - rss))
    except ImportError:
        notes.append("lingua: skipped, not installed (pip install lingua-language-detector==2.1.1 to compare)")
    start, rss = time.perf_counter(), rss_mb()
    from storyline.ingest.language import guess_language
    guess_language("warm up")
    detectors.append(Detector("storyline", "storyline.ingest.language.guess_language (judged)", guess_language,
                              time.perf_counter() - start, rss_mb() - rss))
    return detectors, notes


def is_right(sample: Sample, answer: str) -> bool:
    return answer == sample.lang or (sample.lang in OTHER_SCRIPT_LANGUAGES and answer == "und")


def share(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def fmt(value: float | None, width: int = 12) -> str:
    return f"{'-' if value is None else f'{value:.3f}':>{width}}"


# --- the run ---

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=TEXTS_DIR, help=f"corpus folder (default: {TEXTS_DIR})")
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first N paragraphs of each language and N hard cases of each kind")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K",
                        help="print up to K wrong answers of the storyline detector")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    paragraphs = load_paragraphs(args.texts, args.limit)
    if "en" not in paragraphs or len(paragraphs) < 2:
        print(f"error: no English and other-language texts in {args.texts}", file=sys.stderr)
        return EXIT_SETUP_ERROR
    try:
        detectors, notes = load_detectors()
    except ImportError as error:
        print(f"error: {error} (pip install -e . installs py3langid)", file=sys.stderr)
        return EXIT_SETUP_ERROR
    corpus = corpus_samples(paragraphs)
    hard = hard_cases(paragraphs["en"], args.limit)
    samples = corpus + hard

    answers: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    for detector in detectors:
        start = time.perf_counter()
        answers[detector.name] = [detector.guess(sample.text) for sample in samples]
        seconds[detector.name] = time.perf_counter() - start
    names = [d.name for d in detectors]

    def right(name: str, keep: Callable[[Sample], bool]) -> float | None:
        return share([is_right(s, a) for s, a in zip(samples, answers[name]) if keep(s)])

    def long_enough(sample: Sample) -> bool:
        return sample.kind == "corpus" and (sample.bucket == LONG_BUCKET or int(sample.bucket) >= MIN_LONG_CUT)

    languages = sorted(paragraphs, key=lambda lang: (lang != "en", lang))
    figures: dict = {"detectors": {d.name: {"describe": d.describe, "load_s": round(d.load_s, 3),
                                            "rss_added_by_load_mb": round(d.rss_added_mb, 1)} for d in detectors},
                     "by_language": {}, "by_bucket": {}, "hard": {}, "summary": {}}
    print(f"corpus: {len(languages)} languages ({', '.join(languages)}), "
          f"{sum(len(t) for t in paragraphs.values())} paragraphs -> {len(corpus)} texts "
          f"in {len(BUCKETS) + 1} length buckets; {len(hard)} English hard cases")
    for detector in detectors:
        print(f"  {detector.name:<11} {detector.describe}")
    for note in notes:
        print(f"  {note}")
    header = "".join(f"{name:>12}" for name in names)

    print(f"\naccuracy by language, texts of >= {MIN_LONG_CUT} characters (ru: 'ru' or 'und' is right)")
    print(f"{'lang':<6}{'n':>5}{header}")
    for lang in languages:
        keep = lambda s, lang=lang: s.lang == lang and long_enough(s)  # noqa: E731
        n = sum(1 for s in samples if keep(s))
        row = {name: right(name, keep) for name in names}
        figures["by_language"][lang] = {"n": n, **row}
        print(f"{lang:<6}{n:>5}" + "".join(fmt(row[name]) for name in names))

    print("\naccuracy by length bucket (characters, cut at a word boundary)")
    print(f"{'bucket':<8}{'texts':<7}{'n':>5}{header}")
    for bucket in [str(b) for b in BUCKETS] + [LONG_BUCKET]:
        for group, in_group in (("en", lambda s: s.lang == "en"), ("other", lambda s: s.lang != "en")):
            keep = lambda s, b=bucket, g=in_group: s.kind == "corpus" and s.bucket == b and g(s)  # noqa: E731
            n = sum(1 for s in samples if keep(s))
            row = {name: right(name, keep) for name in names}
            figures["by_bucket"][f"{bucket} {group}"] = {"n": n, **row}
            print(f"{bucket:<8}{group:<7}{n:>5}" + "".join(fmt(row[name]) for name in names))

    print("\nEnglish hard cases: share answered 'en'")
    print(f"{'kind':<15}{'n':>5}{header}")
    kinds = list(dict.fromkeys(s.kind for s in hard))
    for kind in kinds + ["repetitive", "all hard"]:
        members = {"repetitive": set(REPETITIVE_KINDS), "all hard": set(kinds)}.get(kind, {kind})
        keep = lambda s, m=members: s.bucket == "hard" and s.kind in m  # noqa: E731
        n = sum(1 for s in samples if keep(s))
        row = {name: right(name, keep) for name in names}
        figures["hard"][kind] = {"n": n, **row}
        print(f"{kind:<15}{n:>5}" + "".join(fmt(row[name]) for name in names))

    print(f"\ntime per text, ms (mean over all {len(samples)} texts; load once per process)")
    print(f"{'':<20}{header}")
    print(f"{'ms per text':<20}" + "".join(fmt(1000 * seconds[name] / len(samples)) for name in names))
    print(f"{'load s':<20}" + "".join(fmt(d.load_s) for d in detectors))
    print(f"{'load adds RSS MB':<20}" + "".join(f"{d.rss_added_mb:>12.0f}" for d in detectors))
    for name in names:
        figures["detectors"][name]["ms_per_text"] = round(1000 * seconds[name] / len(samples), 4)

    judged = "storyline"
    en_long = right(judged, lambda s: s.lang == "en" and long_enough(s))
    other_long = right(judged, lambda s: s.lang != "en" and long_enough(s))
    repetitive = figures["hard"]["repetitive"][judged]
    figures["summary"] = {"en_accuracy_200plus": en_long, "other_accuracy_200plus": other_long,
                          "repetitive_en_recall": repetitive}
    print(f"\n{judged}: English >= {MIN_LONG_CUT} chars {en_long:.3f} (>= {MIN_EN_ACCURACY}), repetitive English "
          f"{repetitive:.3f} (>= {MIN_REPETITIVE_RECALL}), other languages >= {MIN_LONG_CUT} chars "
          f"{other_long:.3f} (>= {MIN_OTHER_ACCURACY})")

    if args.show_errors:
        wrong = [(s, a) for s, a in zip(samples, answers[judged]) if not is_right(s, a)]
        print(f"\n{judged} wrong answers: {len(wrong)} (first {min(args.show_errors, len(wrong))})")
        for sample, answer in wrong[:args.show_errors]:
            text = " ".join(sample.text.split())
            print(f"  {sample.lang} {sample.bucket:<5} {sample.kind:<14} -> {answer:<4} {text[:90]!r}")

    failures = []
    if en_long < MIN_EN_ACCURACY:
        failures.append(f"English >= {MIN_LONG_CUT} chars {en_long:.3f} < {MIN_EN_ACCURACY}")
    if repetitive < MIN_REPETITIVE_RECALL:
        failures.append(f"repetitive English {repetitive:.3f} < {MIN_REPETITIVE_RECALL}")
    if other_long < MIN_OTHER_ACCURACY:
        failures.append(f"other languages >= {MIN_LONG_CUT} chars {other_long:.3f} < {MIN_OTHER_ACCURACY}")
    result = "PASS" if not failures else f"FAIL ({'; '.join(failures)})"
    figures["result"] = result
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"result: {result}")
    return EXIT_FAIL if failures and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
