"""Stories: reports about one incident grouped, their claims lined up, their events put in order.

    >>> from storyline.stories import build_stories, StoryIndex
    >>> stories = build_stories(analyses)          # a batch; input order does not matter
    >>> for story in iter_stories(analyses): ...   # the same, one story at a time (large batches)
    >>> index = StoryIndex(); index.add(analysis)  # or stream reports in, one at a time

Modules: digest (what is kept of each Analysis), terms (content terms and names),
cluster (blocking, similarity, the incremental index), blocking (a batch cut into blocks
whose stories can be built apart, as the Spark engine does), duplicates (MinHash copies),
entities (names across reports), claims and facts (values lined up with a status),
sources (root sources), timeline, build (one Story from its reports).
"""
from storyline.stories.cluster import StoryIndex, build_stories, iter_stories

__all__ = ["StoryIndex", "build_stories", "iter_stories"]
