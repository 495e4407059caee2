"""Imported once by the parser's forkserver, so that every worker forked from it starts with the
parser imported and the credit grammar (resources/credits.toml) already compiled, instead of
each worker compiling it again on its first caption."""

from desktop.core.captions.credits import load_grammar
from desktop.core.captions.parallel import scan_chunk

load_grammar()

__all__ = ["scan_chunk"]
