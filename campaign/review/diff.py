"""Side-by-side comparison of two versions of an item."""

import difflib

from django.utils.html import escape
from django.utils.safestring import mark_safe


def side_by_side(old, new, old_label, new_label):
    """An HTML table; difflib escapes the lines, the labels are escaped here."""
    table = difflib.HtmlDiff(tabsize=4, wrapcolumn=60).make_table(
        old.splitlines(), new.splitlines(), escape(old_label), escape(new_label), context=False
    )
    return mark_safe(table.replace('class="diff"', 'class="diff table table-sm"'))
