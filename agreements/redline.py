"""Redlines: word-level differences between two texts of an agreement (the platform's `diff_words`), and
the review checklist.

Sections are matched by component (the n-th section of a component against the n-th of the same
component), so moving nothing but editing a clause shows only that clause's words.
"""

from collections import defaultdict

from power_campaign.redline import diff_words

from .models import AgreementComponent


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
