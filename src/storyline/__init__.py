"""storyline: news reports in, a sourced and structured account of what happened out.

    >>> import storyline
    >>> analysis = storyline.analyze(text, published="2024-03-05")

`analyze` handles one report; `analyze_articles` and `analyze_texts` batch many
through spaCy's `nlp.pipe`; `build_stories` groups analyses into stories. See `storyline.model` for the output contract.
"""
__version__ = "0.1.0"

_LAZY = {"analyze", "analyze_texts", "analyze_articles", "analyze_doc"}
_STORIES = {"build_stories", "StoryIndex"}


def __getattr__(name):
    # importing spaCy takes a second; `import storyline` stays cheap until analysis is asked for
    if name in _LAZY:
        from storyline import pipeline

        return getattr(pipeline, name)
    if name in _STORIES:
        from storyline import stories

        return getattr(stories, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
