"""Word-level differences between two texts, as HTML: what the agreements' and the contracts' redlines
show. `diff_words(old, new)` gives escaped HTML where removed words are in <del> and added ones in <ins>."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

TOKEN = re.compile(r"^\s+|\S+\s*")  # a word with the spaces after it (and any leading spaces)


def diff_words(old, new):
    """HTML of `new` against `old`: unchanged words as text, removed ones in <del>, added ones in <ins>."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    words = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in words.get_opcodes():
        if op == "equal":  # the same words; the spaces shown are the new text's
            out.append(escape("".join(b[j1:j2])))
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        shared = ""
        if removed and added:  # a replacement: the spaces both end with stay outside the marks
            shared = re.search(r"\s*$", removed)[0]
            shared = shared if added.endswith(shared) else ""
            removed, added = removed[: len(removed) - len(shared)], added[: len(added) - len(shared)]
        if removed:
            out.append(f"<del>{escape(removed)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
        out.append(shared)
    return mark_safe("".join(out))  # noqa: S308 every piece of text is escaped above
