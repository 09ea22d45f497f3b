"""The HTML story page: self-contained, conflicts side by side, updates before -> after, and inert article text."""
import re
from html.parser import HTMLParser

from storyline.model import Stories, StoryDocument
from storyline.report.story_html import render_stories_html, safe_url
from test_story_markdown import ferry_story  # the same fictional incident, built by hand

HOSTILE_QUOTE = "<script>alert(1)</script> and <img src=x onerror=alert(1)> said \"he\" & 'she'"
HOSTILE_TITLE = 'Ramp "collapse" <b>at</b> pier'


class Tags(HTMLParser):
    """Every start tag and its attributes, as a browser would parse them, and whether each element is closed."""

    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.misnested: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.misnested.append(tag)


def parse(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    assert parser.open == [] and parser.misnested == []
    return parser.tags


def test_one_self_contained_page_with_a_story_list():
    page = render_stories_html(Stories(stories=[ferry_story(), ferry_story(title="Second incident")]))
    tags = parse(page)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert not any(t in ("script", "link", "img", "iframe", "object") for t, _ in tags)
    assert '<a href="#story-1">Ferry ramp gives way at Kell Point</a>' in page
    assert '<a href="#story-2">Second incident</a>' in page
    assert 'id="story-2"' in page
    assert "4 reports · 5 independent sources" in page


def test_no_remote_references_except_links_to_the_articles():
    page = render_stories_html([ferry_story()])
    assert re.findall(r"https?://[^\s\"'<]+", page) == ["https://tribune.example/ferry-ramp"]
    links = [a["href"] for t, a in parse(page) if t == "a" and not a["href"].startswith("#")]
    assert links == ["https://tribune.example/ferry-ramp"]
    assert "@import" not in page and "url(" not in page


def test_conflict_values_stand_side_by_side_with_sources_and_quotes():
    page = render_stories_html([ferry_story()])
    conflict = page.split("<h3>Conflicts</h3>")[1].split("<h3>Updates</h3>")[0]
    sides = conflict.split('<div class="side">')[1:]
    assert len(sides) == 2
    assert '<div class="value">12</div>' in sides[0] and "fire chief Odile Brann" in sides[0]
    assert "Kell Point Tribune, 2023-08-14" in sides[0] and "Crews pulled 12 people from the water." in sides[0]
    assert '<div class="value">19</div>' in sides[1] and "the coastguard" in sides[1]
    assert "Coastline Wire, 2023-08-14" in sides[1] and "Moorland Gazette, 2023-08-15" in sides[1]


def test_update_before_after_agreed_count_timeline_and_copies():
    page = render_stories_html([ferry_story()])
    text = re.sub(r"<[^>]+>", "", page)
    assert "1 (Kell Point Tribune, 2023-08-14) → 3 (Estuary Evening Post, 2023-08-15)" in text
    assert "correction cue “revised up” (Estuary Evening Post, 2023-08-15)" in text
    assert "cited as an earlier report" in text
    assert '<td>vehicles damaged</td><td>4</td><td class="count">2</td>' in page
    timeline = page.split('<ol class="timeline">')[1].split("</ol>")[0]
    times = re.findall(r"<time>([^<]+)</time>", timeline)
    assert times == ["2023-08-13T21:40", "2023-08-14", "2023-08-15"]
    assert "2 reports, 2 independent" in timeline
    assert "copy of Coastline Wire, 2023-08-14" in page and "date from the URL" in page
    assert "Chief Brann; O. Brann" in page and "initial and surname match &#x27;O. Brann&#x27;" in page


def test_article_text_is_inert():
    story = ferry_story(hostile_quote=HOSTILE_QUOTE, title=HOSTILE_TITLE)
    story.documents.append(StoryDocument(id="d5", outlet="<i>Pier</i> Post", title="x",
                                         url="javascript:alert(1)//https://a.example"))
    story.documents.append(StoryDocument(id="d6", outlet="Quay Times", title="y",
                                         url='https://q.example/a"onmouseover="alert(1)'))
    page = render_stories_html([story])
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>at" not in page
    assert not any(name.startswith("on") for _, attrs in parse(page) for name in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Ramp &quot;collapse&quot; &lt;b&gt;at&lt;/b&gt; pier" in page and "&lt;i&gt;Pier&lt;/i&gt; Post" in page
    hrefs = [a.get("href", "") for t, a in parse(page) if t == "a"]
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    assert 'href="https://q.example/a&quot;onmouseover=&quot;alert(1)"' in page  # one attribute: its quote escaped


def test_only_plain_web_addresses_become_links():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:x", "data:text/html,x", "//evil.example",
                "/relative", "https://", "http://a.example/\nb", None, ""):
        assert safe_url(bad) is None, bad
