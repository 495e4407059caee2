"""Caption-markup parsing for dumps: WordPress shortcodes and HTML, Gutenberg blocks, flattened text.

Qt-free and database-free; the import-dump service, the CLI and the GUI all call these.
"""

from __future__ import annotations

from desktop.core.captions.cleaning import clean_text
from desktop.core.captions.credits import CreditSplit, split_credit
from desktop.core.captions.parse import iter_parse_file, parse_bytes, parse_file, parse_text
from desktop.core.captions.render import render_shortcode

__all__ = [
    "CreditSplit",
    "clean_text",
    "iter_parse_file",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render_shortcode",
    "split_credit",
]
