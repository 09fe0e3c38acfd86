from django.utils.html import escape

from agreements import seed_text, services
from agreements.redline import MISSING, MODIFIED, PRESENT, checklist, redline
from tests.agreements.conftest import VALUES


def test_redline_rows_by_component(agreement):
    template = services.template_text(agreement)
    sections = [dict(s) for s in template]
    sections[0]["body_en"] += " Extra words."
    removed = sections.pop()

    rows = redline(template, sections)

    expected = [(template[0]["component"], "modified")]
    expected += [(s["component"], "unchanged") for s in template[1:-1]]
    expected += [(removed["component"], "removed")]
    assert [(r["component"], r["status"]) for r in rows] == expected
    assert rows[0]["body"] == escape(template[0]["body_en"]) + " <ins>Extra words.</ins>"
    assert rows[-1]["body"] == f"<del>{removed['body_en']}</del>"


def test_redline_spanish_compares_spanish_text():
    old = [{"component": "c", "heading_en": "H", "heading_es": "T", "body_en": "same", "body_es": "uno dos"}]
    new = [{"component": "c", "heading_en": "H", "heading_es": "T", "body_en": "same", "body_es": "uno tres"}]

    rows = redline(old, new, language="es")

    assert rows == [
        {"component": "c", "status": "modified", "heading": "T", "body": "uno <del>dos</del><ins>tres</ins>"}
    ]


def test_checklist_present_modified_missing(agreement):
    template = services.template_text(agreement)
    first, second = template[0]["component"], template[1]["component"]
    sections = [dict(s) for s in template if s["component"] != second]
    sections[0]["heading_es"] = "Otro título"

    result = {component.code: status for component, status in checklist(template, sections)}

    expected = {
        c["code"]: (PRESENT if any(s["component"] == c["code"] for s in sections) else MISSING)
        for c in seed_text.COMPONENTS
    }
    expected[first] = MODIFIED
    expected[second] = MISSING
    assert result == expected
    assert len(result) == len(seed_text.COMPONENTS)


def test_checklist_of_the_first_version_is_all_present_for_template_components(site, template, organizer):
    # As drafted from the model text, its note to the drafters still there.
    agreement = services.create_agreement(
        worksite=site, template=template, values=dict(VALUES), user=organizer
    )
    template = services.template_text(agreement)

    result = checklist(template, agreement.latest_version().sections)

    used = {s["component"] for s in seed_text.SECTIONS}
    assert [(c.code, status) for c, status in result] == [
        (c["code"], PRESENT if c["code"] in used else MISSING)
        for c in sorted(seed_text.COMPONENTS, key=lambda c: c["order"])
    ]
    assert services.fill(seed_text.SECTIONS, VALUES) == agreement.latest_version().sections
