"""The per-article path through the Python API: one call, batches, order and failure isolation."""
import storyline
from storyline import pipeline
from storyline.ingest.article import Article, ArticleError

TEXT = ("Harbour Crane Collapses\n\n"
        "A crane collapsed at the port of Gdansk on Friday, injuring at least three workers, "
        "according to the port authority. \"We heard a crack and then it fell,\" said dock worker Jan Nowak.")


def test_analyze_one_text_marks_the_headline_and_traces_every_span():
    analysis = storyline.analyze(TEXT, published="2024-06-08", title="Harbour Crane Collapses")
    assert analysis.sections[0].kind == "headline"
    assert analysis.untraceable() == []
    kinds = {a.type for a in analysis.attributions}
    assert {"according_to", "direct"} <= kinds
    assert any(q.value == 3 and q.approx == "at_least" for q in analysis.quantities)
    assert any(t.value == "2024-06-07" for t in analysis.times)


def test_batch_keeps_input_order_and_a_failure_stays_alone(monkeypatch):
    real = pipeline.extract_notes

    def failing_on_second(doc, *args, **kwargs):
        if "second" in doc.text:
            raise ValueError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_notes", failing_on_second)
    articles = [Article(text=f"The {word} ship docked, officials said.", origin=f"item {i}")
                for i, word in enumerate(["first", "second", "third"])]
    articles.insert(1, ArticleError("unreadable.bin", "binary file, not text"))
    results = list(pipeline.analyze_articles(articles, batch_size=2))
    assert [type(r).__name__ for r in results] == ["Analysis", "ArticleError", "ArticleError", "Analysis"]
    assert "boom" in results[2].reason and results[2].origin == "item 1"
    assert "third" in results[3].document.text


def test_analyze_texts_uses_one_model_for_many():
    results = list(storyline.analyze_texts(["Police said the road was closed."] * 3, batch_size=2))
    assert len(results) == 3 and all(r.attributions for r in results)


def test_stage_times_are_recorded():
    pipeline.STAGE_TIMES.clear()
    storyline.analyze("The mayor said the bridge would reopen.")
    assert {"entities", "attribution", "events"} <= set(pipeline.STAGE_TIMES)


def test_a_page_whose_first_line_is_furniture_takes_its_title_from_the_real_headline():
    text = ("Skip to main content\n\nHarbour Board postpones plan to reopen pier\n\n"
            "The Kestrel Bay harbour board voted on Monday to delay reopening the old pier until spring.")
    result = pipeline.analyze(text, title="Skip to main content")

    assert result.document.title == "Harbour Board postpones plan to reopen pier"


def test_an_article_whose_text_cannot_be_encoded_fails_alone():
    articles = [Article(text="Police said \ud800 twelve people died.", origin="bad"),
                Article(text="Police said twelve people died.", origin="good"),
                Article(text="Die Polizei sagte, zwölf Menschen starben.", title="Brand \udc00", origin="bad title",
                        extra={"language": "de"})]
    results = list(pipeline.analyze_articles(articles))
    assert [type(r).__name__ for r in results] == ["ArticleError", "Analysis", "ArticleError"]
    assert results[0].reason == "text is not valid Unicode (surrogate code point U+D800 at offset 12)"
    assert results[2].reason == "title is not valid Unicode (surrogate code point U+DC00 at offset 6)"


class _FailingTokenizer:
    """The model, except that making the Doc of one text raises."""

    def __init__(self, nlp, bad_word):
        self.nlp, self.bad_word = nlp, bad_word

    def make_doc(self, text):
        if self.bad_word in text:
            raise RuntimeError("tokenizer broke\non two lines")
        return self.nlp.make_doc(text)

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def __call__(self, doc):
        return self.nlp(doc)


def test_a_failure_making_the_doc_fails_that_article_alone(monkeypatch):
    nlp = pipeline.load_nlp()
    monkeypatch.setattr(pipeline, "load_nlp", lambda: _FailingTokenizer(nlp, "second"))
    articles = [Article(text=f"The {word} ship docked, officials said.", origin=f"item {i}")
                for i, word in enumerate(["first", "second", "third"])]
    results = list(pipeline.analyze_articles(articles))
    assert [type(r).__name__ for r in results] == ["Analysis", "ArticleError", "Analysis"]
    assert (results[1].origin, results[1].reason) == ("item 1", "analysis failed: RuntimeError: tokenizer broke")


def test_a_failure_in_the_batch_parse_fails_only_the_article_that_raises(monkeypatch):
    nlp = pipeline.load_nlp()

    class FailingParser(_FailingTokenizer):
        def pipe(self, docs, **kwargs):
            for doc in self.nlp.pipe(docs, **kwargs):
                if self.bad_word in doc.text:
                    raise ValueError("parser broke")
                yield doc

        def __call__(self, doc):
            if self.bad_word in doc.text:
                raise ValueError("parser broke")
            return self.nlp(doc)

        def make_doc(self, text):
            return self.nlp.make_doc(text)

    monkeypatch.setattr(pipeline, "load_nlp", lambda: FailingParser(nlp, "second"))
    articles = [Article(text=f"The {word} ship docked, officials said.", origin=f"item {i}")
                for i, word in enumerate(["first", "second", "third"])]
    results = list(pipeline.analyze_articles(articles))
    assert [type(r).__name__ for r in results] == ["Analysis", "ArticleError", "Analysis"]
    assert results[1].reason == "analysis failed: ValueError: parser broke"


def test_a_failure_of_the_layout_only_analysis_fails_that_article_alone(monkeypatch):
    def broken(article):
        raise KeyError("section")

    monkeypatch.setattr(pipeline, "layout_only", broken)
    articles = [Article(text="Die Polizei sagte, zwölf Menschen starben.", origin="de", extra={"language": "de"}),
                Article(text="Police said twelve people died.", origin="en")]
    results = list(pipeline.analyze_articles(articles))
    assert [type(r).__name__ for r in results] == ["ArticleError", "Analysis"]
    assert results[0].reason == "analysis failed: KeyError: 'section'"
