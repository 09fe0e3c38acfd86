import pytest

from agreements import seed_text, services
from agreements.models import AgreementComponent, AgreementTemplate, TemplateSection
from power_campaign.audit.models import AuditEvent
from power_campaign.immutable import ImmutableError
from tests.agreements.conftest import VALUES


def test_seed_components_match_seed_text(db):
    assert list(AgreementComponent.objects.values_list("code", flat=True)) == [
        c["code"] for c in sorted(seed_text.COMPONENTS, key=lambda c: c["order"])
    ]


def test_seed_template_version_one_is_published_with_every_section(template):
    assert template.status == AgreementTemplate.Status.PUBLISHED
    assert template.published_at is not None
    assert template.section_dicts() == seed_text.SECTIONS


def test_published_template_section_refuses_save_and_delete(template):
    section = template.sections.first()
    section.body_en = "Changed."

    with pytest.raises(ImmutableError):
        section.save()
    with pytest.raises(ImmutableError):
        section.delete()
    with pytest.raises(ImmutableError):
        TemplateSection.objects.create(
            template=template,
            component=section.component,
            order=99,
            heading_en="x",
            heading_es="x",
            body_en="x",
            body_es="x",
        )

    assert TemplateSection.objects.get(pk=section.pk).body_en == seed_text.SECTIONS[0]["body_en"]


def test_published_template_refuses_save_and_delete(template):
    template.name = "Renamed"

    with pytest.raises(ImmutableError):
        template.save()
    with pytest.raises(ImmutableError):
        template.delete()


def test_new_template_version_copies_sections_into_a_draft(template, admin):
    copy = services.new_template_version(template=template, user=admin)

    assert (copy.name, copy.version, copy.status) == (template.name, 2, AgreementTemplate.Status.DRAFT)
    assert copy.section_dicts() == template.section_dicts()
    assert (
        AuditEvent.objects.filter(summary="agreement template version 2 drafted from version 1").count() == 1
    )


def test_new_template_version_is_editable_then_published_without_changing_old_agreements(
    template, admin, site, organizer
):
    # As drafted from the model text, its note to the drafters still there.
    agreement = services.create_agreement(
        worksite=site, template=template, values=dict(VALUES), user=organizer
    )
    copy = services.new_template_version(template=template, user=admin)
    section = copy.sections.order_by("order").first()
    section.body_en = "New wording for {employer}."
    section.save()

    services.publish_template(template=copy, user=admin)

    copy.refresh_from_db()
    assert copy.status == AgreementTemplate.Status.PUBLISHED
    assert copy.section_dicts()[0]["body_en"] == "New wording for {employer}."
    agreement.refresh_from_db()
    assert agreement.template == template
    assert (
        agreement.latest_version().sections[0]["body_en"]
        == services.fill(seed_text.SECTIONS, agreement.values)[0]["body_en"]
    )
    assert template.section_dicts() == seed_text.SECTIONS


def test_publish_template_refuses_a_published_version(template, admin):
    with pytest.raises(services.AgreementError) as error:
        services.publish_template(template=template, user=admin)

    assert error.value.messages == ["This template version is already published."]
