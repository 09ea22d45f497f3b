"""storyline: news reports in, a sourced and structured account of what happened out."""
__version__ = "0.1.0"
