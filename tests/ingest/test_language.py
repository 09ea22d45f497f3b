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
