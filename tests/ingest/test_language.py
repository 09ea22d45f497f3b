"""Language guesses from function words: English by default, a handful of others when plain."""
import pytest

from storyline.ingest.language import guess_language

LONGER = {
    "en": "The council said on Monday that the new bridge would be finished by the spring, and that "
          "the cost had risen because of the floods which hit the valley in the winter.",
    "de": "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke bis zum Frühjahr fertig sein soll, "
          "und die Kosten sind wegen der Überschwemmungen im Winter gestiegen, die das Tal getroffen haben.",
    "fr": "Le conseil municipal a indiqué lundi que le nouveau pont sera terminé au printemps, et que le "
          "coût a augmenté à cause des inondations qui ont frappé la vallée pendant l'hiver.",
    "es": "El ayuntamiento dijo el lunes que el nuevo puente estará terminado en la primavera, y que el "
          "coste ha subido por las inundaciones que afectaron al valle durante el invierno.",
    "it": "Il consiglio comunale ha detto lunedì che il nuovo ponte sarà finito in primavera, e che il "
          "costo è aumentato per le alluvioni che hanno colpito la valle durante l'inverno.",
    "pt": "A câmara municipal disse na segunda-feira que a nova ponte ficará pronta na primavera, e que o "
          "custo subiu por causa das cheias que atingiram o vale durante o inverno.",
    "nl": "De gemeenteraad heeft maandag gezegd dat de nieuwe brug in het voorjaar klaar is, en dat de "
          "kosten zijn gestegen door de overstromingen die de vallei in de winter hebben getroffen.",
}


@pytest.mark.parametrize("language", sorted(LONGER))
def test_running_text_is_recognised(language):
    assert guess_language(LONGER[language]) == language


@pytest.mark.parametrize("headline", [
    "Tour de France winner named",
    "Die Hard star visits Madrid",
    "La Liga club sacks its manager",
    "Obama in Berlin",
    "",
    "2024",
])
def test_short_text_counts_as_english(headline):
    assert guess_language(headline) == "en"


def test_short_text_plainly_in_another_language_is_recognised():
    assert guess_language("La police a arrêté deux hommes dans la ville.") == "fr"
    assert guess_language("Die Polizei hat zwei Männer in der Stadt festgenommen.") == "de"


def test_other_scripts_are_undetermined():
    assert guess_language("Городской совет утвердил строительство нового моста через реку.") == "und"
    assert guess_language("市議会は新しい橋の建設を承認した。工事は春に終わる予定だ。") == "und"


def test_one_homograph_does_not_make_a_language():
    # Indonesian-like text: "dan" is also Dutch, but nothing else here is.
    text = " ".join(["pemerintah kota dan warga desa membangun jembatan baru dan jalan raya"] * 4)
    assert guess_language(text) == "und"


def test_only_the_opening_is_read():
    assert guess_language(LONGER["de"] * 12 + LONGER["en"] * 40) == "de"


# --- issue 11, item 5: repetitive English is English (py3langid's model, not function words) ---

def test_one_sentence_repeated_is_english():
    sentence = "The match was called off because the pitch was frozen."
    assert guess_language(" ".join([sentence] * 50)) == "en"
    assert guess_language(" ".join([sentence] * 500)) == "en"


def test_twenty_thousand_said_quotes_are_english_and_quick():
    import time

    text = '"Yes," he said. ' * 20_000
    guess_language("warm up")  # the model loads once per process; that is not what is timed
    start = time.perf_counter()
    assert guess_language(text) == "en"
    assert time.perf_counter() - start < 1.0


def test_a_results_table_with_a_few_english_words_is_english():
    rows = [f"{place}. {name} ({club}) {minutes}:{seconds:02d}" for place, (name, club, minutes, seconds) in
            enumerate([("Jan Kowalski", "Kelby Harriers", 33, 5), ("Sofia Rossi", "Ashford AC", 33, 41),
                       ("Lars Eriksson", "unattached", 34, 2), ("Fatima Yilmaz", "Millbrook RC", 34, 30),
                       ("Pierre Lambert", "Ashford AC", 35, 12), ("Hans Becker", "Porthby Tri", 36, 0)], start=1)]
    text = "Results of the Millbrook 10k on Sunday:\n" + "\n".join(rows) + "\nFull results are on the club website."
    assert guess_language(text) == "en"


def test_english_full_of_foreign_names_is_english():
    text = ("The convoy left Wrocław at dawn, passed through Zielona Góra and Frankfurt an der Oder, and reached "
            "Gdańsk by nightfall, where Małgorzata Wiśniewska and Jürgen Schäfer handed the aid to volunteers.")
    assert guess_language(text) == "en"


@pytest.mark.parametrize("text, language", [
    ("Die Feuerwehr musste am Sonntag dreimal ausrücken, weil der Sturm Bäume auf die Landstraße geworfen hatte. "
     "Verletzt wurde niemand, aber die Strecke blieb bis zum Abend gesperrt.", "de"),
    ("Le marché du samedi déménage sur la place de l'église pendant les travaux de la halle. Les commerçants "
     "craignent de perdre des clients, mais la mairie promet des places de stationnement gratuites.", "fr"),
    ("El equipo juvenil perdió la final por un gol en el último minuto, pero el entrenador dijo que estaba "
     "orgulloso de sus jugadores y que el año que viene volverán a intentarlo.", "es"),
    ("Burmistrz zapowiedział, że nowy most na rzece zostanie otwarty jeszcze przed zimą, choć prace "
     "opóźniły się z powodu deszczowego lata i braku materiałów.", "pl"),
    ("Kommunen har beslutat att bygga en ny förskola i centrum, och arbetet ska börja redan i vår. "
     "Föräldrarna har länge klagat på de långa köerna till barnomsorgen.", "sv"),
    ("Belediye, şehir merkezindeki eski pazar yerinin yeniden düzenlenmesi için çalışmalara başladı. "
     "Esnaf, inşaat sürerken müşterilerin azalacağından endişe ediyor.", "tr"),
])
def test_paragraphs_in_other_languages_are_recognised(text, language):
    assert guess_language(text) == language


@pytest.mark.parametrize("headline", [
    "Rovers snatch late win at Kelby",
    "Storm warning for the valley tonight",
    "BREAKING: FLOOD ALERT FOR HARROW VALLEY",
    "Bayern Munich 2 Borussia Dortmund 1",
    "Hamburg",
])
def test_short_english_headlines_stay_english(headline):
    assert guess_language(headline) == "en"


@pytest.mark.parametrize("text", ["", "   ", "2024", "12 345 678 — 3.5%", "***"])
def test_empty_or_number_only_text_is_english(text):
    assert guess_language(text) == "en"


def test_a_cyrillic_paragraph_is_not_english():
    text = ("Вчера вечером в центре города прошёл сильный ливень, и несколько улиц затопило. Коммунальные "
            "службы работали всю ночь, а утром движение по главному проспекту восстановили.")
    assert guess_language(text) != "en"


def test_the_model_is_loaded_once():
    from storyline.ingest import language

    guess_language("The council met on Monday.")
    assert language._model() is language._model()
