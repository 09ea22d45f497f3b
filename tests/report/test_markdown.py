import storyline
from storyline.report.markdown import md_escape, render_markdown


def test_report_reads_as_who_said_what():
    analysis = storyline.analyze(
        '"The river is falling," said Mayor Ana Ruiz of Zaragoza on Sunday, quoted by the Ebro Herald.',
        published="2024-04-15")
    report = render_markdown(analysis)
    assert "## Who said what" in report
    assert "**Ana Ruiz** (Mayor) via Ebro Herald" in report
    assert "Zaragoza" in report and "## Places" in report


def test_escaping_neutralises_markup_and_markdown():
    assert md_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md_escape("[link](http://x)") == "\\[link\\](http://x)"
    assert md_escape("a\nb") == "a b"
    assert md_escape("x" * 500, limit=10).endswith("…")
