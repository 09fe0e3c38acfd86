"""Redlines: word-level differences between two texts of an agreement, and the review checklist.

`diff_words(old, new)` gives escaped HTML where removed words are in <del> and added ones in <ins>.
Sections are matched by component (the n-th section of a component against the n-th of the same
component), so moving nothing but editing a clause shows only that clause's words.
"""

import difflib
import re
from collections import defaultdict

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import AgreementComponent

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


def _keyed(sections):
    """{(component, n): section} with n counting the sections of each component, and the keys in order."""
    seen = defaultdict(int)
    keyed, order = {}, []
    for section in sections:
        key = (section["component"], seen[section["component"]])
        seen[section["component"]] += 1
        keyed[key] = section
        order.append(key)
    return keyed, order


def redline(old_sections, new_sections, language="en"):
    """One row per section of either text, in the new text's order (removed sections after):
    {"component", "status" (unchanged, modified, added, removed), "heading", "body"} with HTML diffs."""
    old, old_order = _keyed(old_sections)
    new, new_order = _keyed(new_sections)
    heading, body = f"heading_{language}", f"body_{language}"
    rows = []
    for key in new_order + [k for k in old_order if k not in new]:
        before, after = old.get(key), new.get(key)
        if before is None:
            status = "added"
        elif after is None:
            status = "removed"
        else:
            same = all(before[k] == after[k] for k in (heading, body))
            status = "unchanged" if same else "modified"
        rows.append(
            {
                "component": key[0],
                "status": status,
                "heading": diff_words((before or {}).get(heading, ""), (after or {}).get(heading, "")),
                "body": diff_words((before or {}).get(body, ""), (after or {}).get(body, "")),
            }
        )
    return rows


PRESENT, MODIFIED, MISSING = "present", "modified", "missing"


def checklist(template_sections, sections):
    """[(component, status)] for every component of the reference list, in its order: `present` when the
    agreement has the template's text for it (both languages), `modified` when it has that component with
    other text (or one the template lacks), `missing` when it has no section for it."""
    text_keys = ("heading_en", "heading_es", "body_en", "body_es")

    def by_component(rows):
        grouped = defaultdict(list)
        for row in rows:
            grouped[row["component"]].append(tuple(row[k] for k in text_keys))
        return grouped

    expected, actual = by_component(template_sections), by_component(sections)
    result = []
    for component in AgreementComponent.objects.order_by("order", "code"):
        if not actual.get(component.code):
            status = MISSING
        elif actual[component.code] == expected.get(component.code):
            status = PRESENT
        else:
            status = MODIFIED
        result.append((component, status))
    return result
