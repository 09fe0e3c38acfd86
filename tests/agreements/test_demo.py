import io

import pytest
from pypdf import PdfReader

from agreements import demo
from agreements.models import Agreement, BreachReport, SignatureRequest
from cases import demo as cases_demo
from power_campaign.accounts import demo as accounts_demo
from power_campaign.documents.signing import check_signature

pytestmark = pytest.mark.django_db


def test_demo_adds_agreements_at_each_stage_an_executed_pdf_and_breaches_once(
    django_capture_on_commit_callbacks,
):
    lines = []
    accounts_demo.seed(password="demo-password-1", log=lambda line: None)
    cases_demo.seed(password="demo-password-1", log=lambda line: None)

    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(password="demo-password-1", log=lines.append)
    demo.seed(password="demo-password-1", log=lines.append)

    assert lines == [
        "Demo agreements: one in review, one out for signature (the union has signed), one executed with "
        "its signed PDF, a breach raised with the employer and a possible breach to review.",
        "Demo agreements: already there.",
    ]
    assert sorted(Agreement.objects.values_list("worksite__employer_name", "status")) == [
        ("Lakeshore Fulfillment Partners LLC", "partially_signed"),
        ("Pacific Vista Hospitality LLC", "active"),
        ("Prairie Star Meat Processing Inc.", "in_review"),
    ]
    executed = Agreement.objects.get(status="active")
    pdf = executed.executed_document.file.read()
    check = check_signature(pdf)
    assert (check.signed, check.by_us, check.intact, check.whole_file) == (True, True, True, True)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Teresa Alvarado" in text and "Linda Cho" in text
    signed = SignatureRequest.objects.filter(signed_at__isnull=False)
    assert sorted(signed.values_list("signer_name", flat=True)) == [
        "Linda Cho",
        "Teresa Alvarado",
        "Teresa Alvarado",
    ]
    assert sorted(BreachReport.objects.values_list("status", "flagged_automatically")) == [
        ("possible", True),
        ("raised", False),
    ]
