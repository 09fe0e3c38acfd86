"""The agreement's text printed as signed PDF versions (page and admin action), and the audited downloads
of the executed PDF and its certificate (page links and admin change page)."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from agreements import services
from agreements.documents import AGREEMENT_TEXT
from agreements.models import Agreement
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Access, Document, reference_of, store_document
from power_campaign.documents.signing import check_signature
from tests.agreements.conftest import VALUES
from tests.cases.factories import WorksiteFactory
from tests.cases.support import messages_of
from tests.factories import OrganizationFactory, member, simple_pdf


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []  # the two-factor gate for staff is tested in accounts


def pdf_text(document):
    with document.file.open("rb") as handle:
        data = handle.read()
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def printed(agreement):
    return Document.objects.filter(kind=AGREEMENT_TEXT, subject=reference_of(agreement)).order_by("version")


def executed(agreement, user, access=Access.ORGANIZATION):
    """Stand-ins for the e-signature flow's executed PDF and certificate, set on the agreement."""
    documents = []
    for field, pages in (("executed_document", 2), ("certificate_document", 1)):
        document = store_document(
            organization=agreement.organization,
            kind=AGREEMENT_TEXT,
            title=f"Executed {field}",
            pdf=simple_pdf(pages),
            signed=False,
            language="en",
            user=user,
            subject=f"test:{field}:{agreement.uuid}",
            access=access,
        )
        setattr(agreement, field, document)
        documents.append(document)
    agreement.save(update_fields=["executed_document", "certificate_document"])
    return documents


# The service


def test_generate_agreement_pdf_prints_the_latest_version_signed(agreement, organizer):
    document = services.generate_agreement_pdf(agreement=agreement, user=organizer)

    text = pdf_text(document)
    assert (document.kind, document.version, document.subject, document.access, document.language) == (
        AGREEMENT_TEXT,
        1,
        f"agreements.agreement:{agreement.uuid}",
        "organization",
        "en",
    )
    assert document.title == "Neutrality agreement: Acme Poultry (version 1)"
    assert "Text of version 1, not approved yet: a draft." in text
    assert agreement.latest_version().sha256 in text.replace(" ", "")
    assert agreement.latest_version().sections[0]["heading_en"] in text
    with document.file.open("rb") as handle:
        assert check_signature(handle.read()).valid is True


def test_generate_agreement_pdf_prints_the_approved_version_in_the_signing_language(
    agreement, organizer, admin
):
    Agreement.objects.filter(pk=agreement.pk).update(language="es")
    agreement.refresh_from_db()
    services.submit_for_review(agreement=agreement, user=organizer)
    services.approve(agreement=agreement, user=admin)

    document = services.generate_agreement_pdf(agreement=agreement, user=admin)

    text = pdf_text(document)
    assert document.language == "es"
    assert document.title == "Acuerdo de neutralidad: Acme Poultry (versión 1)"
    assert "Texto de la versión 1, tal como se aprobó." in text
    assert agreement.latest_version().sections[0]["heading_es"] in text


def test_generate_agreement_pdf_refuses_another_organization(agreement, other_admin):
    with pytest.raises(PermissionDenied):
        services.generate_agreement_pdf(agreement=agreement, user=other_admin)
    assert printed(agreement).count() == 0


# The page


def url(agreement, name="agreements:agreement_pdf"):
    return reverse(name, args=[agreement.uuid])


def test_agreement_pdf_page_makes_a_new_version_each_time(client, agreement, organizer):
    client.force_login(organizer)

    first = client.post(url(agreement))
    second = client.post(url(agreement))

    versions = list(printed(agreement))
    assert (first.status_code, first["Location"]) == (302, agreement.get_absolute_url())
    assert second.status_code == 302
    assert [d.version for d in versions] == [1, 2]
    assert versions[0].sha256 != versions[1].sha256
    assert versions[0].file.name != versions[1].file.name
    assert messages_of(second)[-1] == (
        "Version 2 of the agreement&#x27;s PDF is signed and saved. "
        f'<a href="{versions[1].get_absolute_url()}">Download the PDF</a>'
    )
    events = AuditEvent.objects.for_object(agreement).filter(action="export").order_by("sequence")
    assert [e.summary for e in events] == [
        f"agreement text printed as PDF version {d.version} from agreement version 1 "
        f"({agreement.latest_version().sha256}); sha256 {d.sha256}"
        for d in versions
    ]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert f'href="{versions[1].get_absolute_url()}"' in page
    assert "Printed text, PDF version 2" in page


def test_agreement_pdf_page_refuses_anonymous_other_organization_and_get(client, agreement, other_admin):
    anonymous = client.post(url(agreement))
    assert (anonymous.status_code, anonymous["Location"]) == (302, f"/login/?next={url(agreement)}")
    client.force_login(other_admin)
    assert client.post(url(agreement)).status_code == 404
    client.force_login(member("organizer", agreement.organization))
    assert client.get(url(agreement)).status_code == 405
    assert printed(agreement).count() == 0


def test_agreement_pdf_page_without_signing_certificate_says_so_and_saves_nothing(
    client, agreement, organizer, settings
):
    settings.SIGNING_PKCS12_PATH = ""
    client.force_login(organizer)

    response = client.post(url(agreement))

    assert response.status_code == 302
    assert messages_of(response) == [
        "Documents cannot be signed yet: ask the administrator to configure the signing certificate."
    ]
    assert printed(agreement).count() == 0


# Downloads of the executed PDF and certificate


@pytest.mark.parametrize(
    ("name", "index", "filename"),
    [("agreements:executed_pdf", 0, "executed"), ("agreements:certificate_pdf", 1, "certificate")],
)
def test_executed_downloads_are_audited(client, agreement, organizer, name, index, filename):
    document = executed(agreement, organizer)[index]
    client.force_login(organizer)

    response = client.get(url(agreement, name))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="agreement-{str(agreement.uuid)[:8]}-{filename}.pdf"'
    )
    with document.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    event = AuditEvent.objects.for_object(document).get(action="download")
    assert (event.actor, event.summary) == (organizer, f"agreement-{str(agreement.uuid)[:8]}-{filename}.pdf")


@pytest.mark.parametrize("name", ["agreements:executed_pdf", "agreements:certificate_pdf"])
def test_executed_downloads_refuse_what_the_user_may_not_open(client, agreement, organizer, legal, name):
    assert client.get(url(agreement, name)).status_code == 302  # signed out: to the login page
    client.force_login(organizer)
    assert client.get(url(agreement, name)).status_code == 404  # not executed yet
    executed(agreement, legal, access=Access.LEGAL)
    assert client.get(url(agreement, name)).status_code == 403  # a legal-only document
    assert client.post(url(agreement, name)).status_code == 405
    client.force_login(member("legal", OrganizationFactory(name="Centro Unido")))
    assert client.get(url(agreement, name)).status_code == 404
    client.force_login(legal)
    assert client.get(url(agreement, name)).status_code == 200
    assert AuditEvent.objects.filter(action="download").count() == 1
    assert AuditEvent.objects.get(action="download").summary == "legal-only file (name not recorded)"


def test_agreement_page_links_the_executed_downloads(client, agreement, organizer):
    client.force_login(organizer)
    assert (
        url(agreement, "agreements:executed_pdf")
        not in client.get(agreement.get_absolute_url()).content.decode()
    )
    executed(agreement, organizer)

    page = client.get(agreement.get_absolute_url()).content.decode()

    executed_link = f'<a class="button" href="{url(agreement, "agreements:executed_pdf")}">'
    certificate_link = f'<a class="button" href="{url(agreement, "agreements:certificate_pdf")}">'
    assert f"{executed_link}Executed agreement (PDF)</a>" in page
    assert f"{certificate_link}Certificate of completion (PDF)</a>" in page


# The admin


CHANGELIST = "admin:agreements_agreement_changelist"


def staff(role, organization, **fields):
    return member(role, organization, is_staff=True, **fields)


def test_admin_action_prints_version_1_then_2_never_overwriting(client, agreement, organization):
    user = staff("admin", organization, username="orgadmin")
    client.force_login(user)
    data = {"action": "print_pdf", "_selected_action": [agreement.pk]}

    client.post(reverse(CHANGELIST), data)
    first = printed(agreement).get()
    first_bytes = first.file.open("rb").read()
    response = client.post(reverse(CHANGELIST), data)

    versions = list(printed(agreement))
    assert [d.version for d in versions] == [1, 2]
    assert versions[0].pk == first.pk
    assert versions[0].file.open("rb").read() == first_bytes
    assert versions[0].sha256 == first.sha256 != versions[1].sha256
    assert [d.created_by for d in versions] == [user, user]
    assert messages_of(response)[-1] == (
        f'Acme Poultry: PDF version 2 is signed and saved. <a href="{versions[1].get_absolute_url()}">'
        "Download the PDF</a>"
    )
    exports = AuditEvent.objects.for_object(agreement).filter(action="export", actor=user)
    assert exports.count() == 2
    assert AuditEvent.objects.filter(action="sign", actor=user, object_type="documents.document").count() == 2


def test_admin_action_skips_another_organizations_agreement(client, agreement, template):
    other = OrganizationFactory(name="Centro Unido")
    theirs = staff("admin", other, username="theiradmin")
    other_site = WorksiteFactory(organization=other, created_by=theirs, employer_name="Other Foods")
    their_agreement = services.create_agreement(
        worksite=other_site, template=template, values=dict(VALUES), user=theirs
    )
    client.force_login(theirs)

    client.post(
        reverse(CHANGELIST), {"action": "print_pdf", "_selected_action": [agreement.pk, their_agreement.pk]}
    )

    assert printed(agreement).count() == 0
    assert printed(their_agreement).count() == 1
    assert client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).status_code == 302
    assert AuditEvent.objects.for_object(agreement).filter(action="export").count() == 0


def test_admin_lists_only_the_users_organization(client, agreement, template):
    other = OrganizationFactory(name="Centro Unido")
    theirs = staff("organizer", other, username="theirorganizer")
    client.force_login(theirs)

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_admin_change_page_is_read_only_with_audited_download_links(client, agreement, organization):
    user = staff("organizer", organization, username="orgstaff")
    executed(agreement, user)
    client.force_login(user)

    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert f'<a href="{url(agreement, "agreements:executed_pdf")}">Download the PDF</a>' in html
    assert f'<a href="{url(agreement, "agreements:certificate_pdf")}">Download the PDF</a>' in html
    posted = client.post(
        reverse("admin:agreements_agreement_change", args=[agreement.pk]), {"status": "active"}
    )
    assert posted.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    response = client.get(url(agreement, "agreements:executed_pdf"))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="download", actor=user).count() == 1


def test_admin_change_page_without_executed_pdf_shows_a_dash(client, agreement, organization):
    client.force_login(staff("admin", organization, username="orgadmin"))

    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))

    assert url(agreement, "agreements:executed_pdf") not in page.content.decode()


def test_admin_is_refused_to_non_staff(client, agreement, organizer):
    client.force_login(organizer)
    response = client.get(reverse(CHANGELIST))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/admin/login/?next={reverse(CHANGELIST)}",
    )
