"""HTML pages: article text and metadata via trafilatura, headline first, nothing executed."""
from pathlib import Path

import pytest

from storyline.ingest.article import ArticleError, compose_text
from storyline.ingest import html as html_module
from storyline.ingest.html import declared_charset, read_html

FIXTURES = Path(__file__).parent / "fixtures"
PARAGRAPHS = (
    "<p>Workers at the Nordhafen shipyard in Bremen walked out on Wednesday morning over a pay offer "
    "that their union called far too low for the rising cost of living in the city.</p>"
    "<p>About six hundred people joined the strike, union organiser Lene Brandt said, and more were "
    "expected to stop work on Thursday if the management did not return to the table.</p>"
    "<p>The company said it regretted the action and remained open to further talks with the union.</p>"
)


def page(body: str, title: str = "Shipyard workers strike in Bremen", head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body><article>{body}</article></body></html>"


def test_page_yields_headline_body_and_metadata():
    article = read_html((FIXTURES / "bridge_vote.html").read_bytes(), "bridge_vote.html")
    assert article.title == "Council approves new footbridge over the Wend"
    assert article.outlet == "The Lowmoor Courier"
    assert article.published == "2024-03-05"
    assert article.headline_in_text
    assert article.text.startswith(article.title + "\n\n")
    assert "Eleven councillors voted in favour and four against" in article.text
    assert "\r" not in article.text


def test_scripts_styles_and_page_furniture_are_not_article_text():
    article = read_html((FIXTURES / "bridge_vote.html").read_text("utf-8"), "bridge_vote.html")
    for furniture in ("SCRIPT-RAN", "alert", "color: black", "Subscribe to our newsletter"):
        assert furniture not in article.text


def test_given_url_is_kept():
    article = read_html(page(PARAGRAPHS), "p.html", url="https://example.org/bremen-strike")
    assert article.url == "https://example.org/bremen-strike"


def test_headline_already_on_the_page_is_not_repeated():
    article = read_html(page("<h1>Shipyard workers strike in Bremen</h1>" + PARAGRAPHS), "p.html")
    assert article.text.count("Shipyard workers strike in Bremen") == 1
    assert article.text.startswith("Shipyard workers strike in Bremen\n")
    assert article.headline_in_text


def test_page_without_title_has_body_only():
    article = read_html(f"<html><body><article>{PARAGRAPHS}</article></body></html>", "p.html")
    assert article.title is None
    assert not article.headline_in_text
    assert article.text.startswith("Workers at the Nordhafen shipyard")


@pytest.mark.parametrize("html", [
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "<<<>>><div <p </html",
    "<html><body><script>var x = 1;</script></body></html>",
])
def test_page_without_article_text_is_an_error(html):
    with pytest.raises(ArticleError, match="no article text found in HTML"):
        read_html(html, "broken.html")


def test_declared_legacy_charset_is_honoured():
    html = page(PARAGRAPHS.replace("Bremen", "Göttingen"), head='<meta charset="windows-1252">')
    assert declared_charset(html.encode("cp1252")) == "windows-1252"
    article = read_html(html.encode("cp1252"), "p.html")
    assert "Göttingen" in article.text


def test_undeclared_non_utf8_bytes_are_an_error():
    with pytest.raises(ArticleError, match=r"not valid UTF-8 \(byte 0xf6"):
        read_html(page(PARAGRAPHS.replace("Bremen", "Göttingen")).encode("cp1252"), "p.html")


def test_title_with_site_suffix_matches_the_headline_line():
    text, headline_in_text = compose_text("Dam repairs begin - The Valley Post", "Dam repairs begin\nWork started.")
    assert text == "Dam repairs begin\nWork started."
    assert headline_in_text


def test_page_with_very_many_tags_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(html_module, "MAX_TAGS", 500)
    with pytest.raises(ArticleError, match=r"HTML too complex \(\d+ tags > 500 limit\)"):
        read_html(page("<span>x</span>" * 400 + PARAGRAPHS), "p.html")


def test_page_with_many_tags_is_still_extracted_without_the_fallback(monkeypatch):
    monkeypatch.setattr(html_module, "FULL_EXTRACTION_MAX_TAGS", 5)
    article = read_html(page(PARAGRAPHS), "p.html")
    assert "About six hundred people joined the strike" in article.text


def test_page_text_and_title_are_made_valid_text():
    html = page(PARAGRAPHS.replace("Bremen walked", "Bremen \ud800\x00walked"), title="Shipyard\n workers \x00strike \udc00")
    article = read_html(html, "p.html")
    assert "Bremen \ufffdwalked" in article.text
    assert article.title == "Shipyard workers strike \ufffd"
    assert article.text.startswith(article.title + "\n")
    article.text.encode("utf-8")


def test_given_url_is_one_valid_line():
    article = read_html(page(PARAGRAPHS), "p.html", url=" https://example.com/\ud800\n")
    assert article.url == "https://example.com/\ufffd"


@pytest.mark.parametrize("date", ["٢٠٢٤-٠٣-٠٥", "２０２４-０３-０５"])
def test_a_page_date_in_digits_other_than_ascii_is_not_a_date(monkeypatch, date):
    real = html_module.trafilatura.bare_extraction

    def with_date(*args, **kwargs):
        doc = real(*args, **kwargs)
        doc.date = date
        return doc

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", with_date)
    assert read_html(page(PARAGRAPHS), "p.html").published is None


def test_utf16_page_with_a_bom_is_read():
    data = ("\ufeff" + page(PARAGRAPHS)).encode("utf-16-le")
    article = read_html(data, "p.html")
    assert article.title == "Shipyard workers strike in Bremen"
    assert "About six hundred people" in article.text
