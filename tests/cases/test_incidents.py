"""Incidents, evidence files and referrals to legal: the quick form, details, uploads (content sniffed,
location data stripped from the shown copy), the chain of custody, and the organizer's limited view
of a referral."""

import hashlib
import io
import pathlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from cases.evidence import add_evidence
from cases.models import Evidence, Incident, IncidentType, Referral
from power_campaign.audit.models import AuditEvent
from power_campaign.immutable import ImmutableError
from tests.cases.factories import ContactFactory, IncidentFactory, ReferralFactory, WorksiteFactory
from tests.cases.support import NOW, audit_trail, local, messages_of
from tests.factories import jpeg, member, simple_pdf, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

GPS_IFD = 0x8825

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
EXECUTABLE += b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 400
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08free" + b"\x00" * 400


@pytest.fixture
def incident(site):
    return IncidentFactory(
        worksite=site,
        type=IncidentType.WAGE_THEFT,
        occurred_at=local(2026, 3, 19, 8, 15),
        place="Loading dock",
        description="Paid for 30 of 46 hours.",
    )


@pytest.fixture
def lawyer(organization):
    return member("legal", organization, username="lawyer")


def gps_jpeg():
    """A photo as a phone takes it: camera make, and where it was taken (GPS IFD)."""
    exif = Image.Exif()
    exif[0x010F] = "Acme Phone"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 40.0)})
    return jpeg(exif=exif.tobytes())


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def stored_files(settings):
    root = pathlib.Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


# Access for every view is checked by the permission matrix (tests/cases/permissions.py); here, what a
# refusal leaves behind.


@pytest.mark.parametrize("role", ["organizer", "admin"])
@pytest.mark.parametrize(
    ("name", "method"), [("cases:referral_list", "get"), ("cases:referral_status", "post")]
)
def test_referrals_are_forbidden_to_organizers_and_admins(client, organization, site, name, method, role):
    user = member(role, organization, username=f"the-{role}")
    client.force_login(user)
    referral = ReferralFactory(incident=IncidentFactory(worksite=site))
    url = reverse(name, args=[referral.uuid]) if method == "post" else reverse(name)

    response = getattr(client, method)(url, {"status": "closed"} if method == "post" else {})

    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "open"
    denied = AuditEvent.objects.get(action="permission_denied")
    assert (denied.actor, denied.summary) == (user, f"{method.upper()} {url}")


# The quick incident form


def quick_data(**changes):
    return {
        "type": "wage_theft",
        "occurred_at": "2026-03-19T08:15",
        "place": "Loading dock",
        "description": "Paid for 30 of 46 hours.",
        **changes,
    }


def test_quick_incident_without_a_photo(client, organizer, site, settings):
    client.force_login(organizer)
    form = client.get(reverse("cases:incident_create", args=[site.uuid])).context["form"]
    assert list(form.fields) == ["type", "occurred_at", "place", "description", "photo"]

    response = client.post(reverse("cases:incident_create", args=[site.uuid]), quick_data())

    incident = Incident.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert messages_of(response) == ["Incident logged. Add details or more evidence below."]
    assert (
        incident.worksite,
        incident.type,
        incident.occurred_at,
        incident.place,
        incident.description,
        incident.created_by,
    ) == (
        site,
        "wage_theft",
        local(2026, 3, 19, 8, 15),
        "Loading dock",
        "Paid for 30 of 46 hours.",
        organizer,
    )
    assert audit_trail() == [("create", str(incident.uuid), "incident created", "organizer")]
    assert (Evidence.objects.count(), stored_files(settings)) == (0, [])


def test_quick_incident_with_a_photo_keeps_the_original_and_shows_a_copy(client, organizer, site, settings):
    data = jpeg()
    client.force_login(organizer)

    response = client.post(
        reverse("cases:incident_create", args=[site.uuid]), quick_data(photo=upload("dock.jpg", data))
    )

    incident = Incident.objects.get()
    evidence = Evidence.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert (
        evidence.incident,
        evidence.kind,
        evidence.content_type,
        evidence.original_name,
        evidence.description,
        evidence.sha256,
        evidence.size,
        evidence.uploaded_by,
        evidence.uploaded_at,
    ) == (incident, "photo", "image/jpeg", "dock.jpg", "", sha256(data), len(data), organizer, NOW)
    assert evidence.file.read() == data
    assert Image.open(evidence.shown_file).size == (400, 300)
    assert stored_files(settings) == [
        f"evidence/2026/03/{evidence.uuid}",
        f"evidence/2026/03/{evidence.uuid}-shown",
    ]
    assert audit_trail() == [
        ("create", str(incident.uuid), "incident created", "organizer"),
        (
            "create",
            str(evidence.uuid),
            f"evidence uploaded to incident {incident.uuid}; sha256 {sha256(data)}",
            "organizer",
        ),
    ]
    html = client.get(incident.get_absolute_url()).content.decode()
    shown = reverse("cases:evidence_shown", args=[evidence.uuid])
    assert f'<img src="{shown}" alt="dock.jpg" class="thumb">' in html


@pytest.mark.parametrize(
    ("name", "data"),
    [("photo.jpg", EXECUTABLE), ("photo.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 64)],
    ids=["executable", "pdf"],
)
def test_the_quick_form_takes_only_a_photo_and_keeps_nothing(client, organizer, site, settings, name, data):
    client.force_login(organizer)
    url = reverse("cases:incident_create", args=[site.uuid])

    response = client.post(url, quick_data(photo=upload(name, data)))

    assert response.status_code == 200
    message = (
        "photo.jpg is not a photo (its content was checked, not its name). Add other files on the incident's "
        "page once it is logged."
    )
    assert response.context["form"].errors == {"photo": [message]}
    assert escape(message) in response.content.decode()
    assert (Incident.objects.count(), Evidence.objects.count()) == (0, 0)  # all or nothing
    assert audit_trail() == []
    assert stored_files(settings) == []


def test_a_photos_location_is_removed_from_the_shown_copy_only(client, organizer, site):
    data = gps_jpeg()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD) == {
        1: "N",
        2: (41.0, 52.0, 30.0),
        3: "W",
        4: (87.0, 37.0, 40.0),
    }
    client.force_login(organizer)

    client.post(reverse("cases:incident_create", args=[site.uuid]), quick_data(photo=upload("gps.jpg", data)))

    evidence = Evidence.objects.get()
    original = evidence.file.read()
    assert original == data
    assert sha256(original) == evidence.sha256 == sha256(data)
    shown = Image.open(evidence.shown_file)
    assert shown.getexif().get_ifd(GPS_IFD) == {}
    assert dict(shown.getexif()) == {}  # the camera's make and every other tag go too
    served = client.get(reverse("cases:evidence_shown", args=[evidence.uuid]))
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).getexif().get_ifd(GPS_IFD) == {}


def test_a_multi_picture_jpeg_from_a_phone_is_shown_as_a_jpeg_without_location(client, organizer, incident):
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 52.0, 30.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "navy").save(
        buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (200, 150), "red")], exif=exif.tobytes()
    )
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).format == "MPO"
    client.force_login(organizer)

    client.post(reverse("cases:evidence_add", args=[incident.uuid]), {"file": upload("IMG_0042.jpg", data)})

    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.content_type) == ("photo", "image/jpeg")
    served = client.get(reverse("cases:evidence_shown", args=[evidence.uuid]))
    assert served["Content-Type"] == "image/jpeg"
    shown = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert (shown.format, shown.size, shown.getexif().get_ifd(GPS_IFD)) == ("JPEG", (400, 300), {})
    assert evidence.file.read() == data


def test_an_incident_cannot_happen_in_the_future(client, organizer, site):
    client.force_login(organizer)
    url = reverse("cases:incident_create", args=[site.uuid])

    response = client.post(url, quick_data(occurred_at="2026-03-19T10:06", photo=upload("a.jpg", jpeg())))

    assert response.context["form"].errors == {"occurred_at": ["The date and time cannot be in the future."]}
    assert (Incident.objects.count(), Evidence.objects.count(), audit_trail()) == (0, 0, [])
    client.post(url, quick_data(occurred_at="2026-03-19T10:04"))  # a phone's clock may run a little fast
    assert Incident.objects.get().occurred_at == local(2026, 3, 19, 10, 4)


def test_quick_incident_requires_type_and_time(client, organizer, site):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:incident_create", args=[site.uuid]), quick_data(type="", occurred_at="soon")
    )
    assert response.context["form"].errors == {
        "type": ["This field is required."],
        "occurred_at": ["Enter a valid date/time."],
    }
    assert Incident.objects.count() == 0


# Incident details


def detail_data(**changes):
    return {
        "type": "ice_visit",
        "occurred_at": "2026-03-19T08:15",
        "place": "Loading dock",
        "description": "Paid for 30 of 46 hours.",
        "workers_affected": "12",
        "ice_document": "i200",
        "consent_given": "False",
        "union_notified_at": "2026-03-19T08:40",
        **changes,
    }


def test_incident_details_record_an_ice_visit(client, organizer, site, incident):
    witness = ContactFactory(worksite=site, name="Rosa Témoin")
    client.force_login(organizer)
    url = reverse("cases:incident_edit", args=[incident.uuid])
    assert list(client.get(url).context["form"].fields["witnesses"].queryset) == [witness]

    response = client.post(url, detail_data(witnesses=[witness.pk]))

    assert response["Location"] == incident.get_absolute_url()
    assert messages_of(response) == ["Incident saved."]
    incident.refresh_from_db()
    assert (
        incident.type,
        incident.workers_affected,
        incident.ice_document,
        incident.consent_given,
        incident.union_notified_at,
        list(incident.witnesses.all()),
    ) == ("ice_visit", 12, "i200", False, local(2026, 3, 19, 8, 40), [witness])
    assert audit_trail() == [
        (
            "update",
            str(incident.uuid),
            "incident changed: type, workers_affected, witnesses, ice_document, consent_given, "
            "union_notified_at",
            "organizer",
        )
    ]
    html = client.get(incident.get_absolute_url()).content.decode()
    assert "<dt>Document the agents showed</dt><dd>Administrative arrest warrant (Form I-200)</dd>" in html
    assert "<dt>Consent to enter</dt><dd>no</dd>" in html
    assert "<dt>Witnesses</dt><dd>Rosa Témoin</dd>" in html


def test_ice_details_apply_only_to_ice_visits(client, organizer, incident):
    client.force_login(organizer)
    url = reverse("cases:incident_edit", args=[incident.uuid])

    for changes in (
        {"ice_document": "i200", "consent_given": ""},
        {"ice_document": "", "consent_given": "True"},
    ):
        response = client.post(url, detail_data(type="wage_theft", **changes))
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "ice_document": ["The document shown and consent apply only to ICE visits."]
        }

    incident.refresh_from_db()
    assert (incident.type, incident.ice_document, incident.consent_given) == ("wage_theft", "", None)
    assert audit_trail() == []


def test_the_union_cannot_be_notified_before_the_incident(client, organizer, incident):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:incident_edit", args=[incident.uuid]),
        detail_data(union_notified_at="2026-03-19T08:00"),
    )
    assert response.context["form"].errors == {
        "union_notified_at": ["The union cannot be notified before the incident happened."]
    }
    assert "The union cannot be notified before the incident happened." in response.content.decode()
    incident.refresh_from_db()
    assert (incident.type, incident.union_notified_at) == ("wage_theft", None)


FUTURE = "The date and time cannot be in the future."
TOO_FAR_BACK = "The date is too far back: give one from 1950 on."
TOO_MANY = "Ensure this value is less than or equal to 100000."


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"union_notified_at": "2026-03-20T08:40"}, "union_notified_at", FUTURE),
        ({"occurred_at": "1850-01-01T10:00"}, "occurred_at", TOO_FAR_BACK),
        ({"workers_affected": "5000000"}, "workers_affected", TOO_MANY),
    ],
)
def test_incident_details_out_of_bounds_are_refused(client, organizer, incident, changes, field, message):
    client.force_login(organizer)
    response = client.post(reverse("cases:incident_edit", args=[incident.uuid]), detail_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    incident.refresh_from_db()
    assert (incident.union_notified_at, incident.workers_affected) == (None, None)
    assert audit_trail() == []


def test_witnesses_are_limited_to_the_worksites_contacts(client, organizer, organization, incident):
    elsewhere = ContactFactory(worksite=WorksiteFactory(organization=organization))
    client.force_login(organizer)
    response = client.post(
        reverse("cases:incident_edit", args=[incident.uuid]), detail_data(witnesses=[elsewhere.pk])
    )
    assert response.context["form"].errors == {
        "witnesses": [f"Select a valid choice. {elsewhere.pk} is not one of the available choices."]
    }
    incident.refresh_from_db()
    assert (incident.type, list(incident.witnesses.all())) == ("wage_theft", [])


# Evidence uploads on the incident page


@pytest.mark.parametrize(
    ("name", "data", "kind", "content_type"),
    [
        ("interview.mp3", MP3, "audio", "audio/mpeg"),
        ("raid.mp4", MP4, "video", "video/mp4"),
        ("paystub.pdf", simple_pdf(), "pdf", "application/pdf"),
        ("named-wrong.txt", MP3, "audio", "audio/mpeg"),  # the content decides, not the name
    ],
)
def test_evidence_upload_detects_the_type_from_the_content(
    client, organizer, incident, settings, name, data, kind, content_type
):
    client.force_login(organizer)

    response = client.post(
        reverse("cases:evidence_add", args=[incident.uuid]),
        {"file": upload(name, data), "description": "From the break room"},
    )

    evidence = Evidence.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert messages_of(response) == ["Evidence uploaded."]
    assert (
        evidence.incident,
        evidence.kind,
        evidence.content_type,
        evidence.original_name,
        evidence.description,
        evidence.sha256,
        evidence.size,
        evidence.uploaded_by,
    ) == (incident, kind, content_type, name, "From the break room", sha256(data), len(data), organizer)
    assert evidence.shown_file.name == ""
    assert evidence.file.read() == data
    assert stored_files(settings) == [f"evidence/2026/03/{evidence.uuid}"]
    assert audit_trail() == [
        (
            "create",
            str(evidence.uuid),
            f"evidence uploaded to incident {incident.uuid}; sha256 {sha256(data)}",
            "organizer",
        )
    ]


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            ("photo.jpg", EXECUTABLE),
            "photo.jpg is not a photo, PDF, audio or video file (its content was checked, not its name).",
        ),
        (
            ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100),
            "broken.jpg: the image is damaged or cannot be read.",
        ),
        (("empty.pdf", b""), "empty.pdf is empty."),
        (None, "Choose a file to upload."),
    ],
)
def test_bad_evidence_is_refused_with_a_message(client, organizer, incident, settings, file, message):
    client.force_login(organizer)
    data = {"description": "x", **({"file": upload(*file)} if file else {})}
    response = client.post(reverse("cases:evidence_add", args=[incident.uuid]), data)
    assert (response.status_code, response.templates[0].name) == (200, "cases/incident_detail.html")
    assert response.context["evidence_form"].errors == {"file": [message]}
    assert f'<p class="error" id="evidence-file_error">{escape(message)} </p>' in response.content.decode()
    assert (Evidence.objects.count(), audit_trail(), stored_files(settings)) == (0, [], [])


def test_the_same_file_twice_on_one_incident_is_refused(client, organizer, incident, settings, site):
    client.force_login(organizer)
    url = reverse("cases:evidence_add", args=[incident.uuid])
    client.post(url, {"file": upload("interview.mp3", MP3), "description": "First"})
    files = stored_files(settings)

    response = client.post(url, {"file": upload("again.mp3", MP3), "description": "Second"})

    assert response.context["evidence_form"].errors == {
        "file": ["again.mp3 is already among this incident's evidence, as interview.mp3."]
    }
    assert (Evidence.objects.count(), stored_files(settings)) == (1, files)
    other = IncidentFactory(worksite=site, created_by=organizer)
    client.post(reverse("cases:evidence_add", args=[other.uuid]), {"file": upload("again.mp3", MP3)})
    assert Evidence.objects.filter(incident=other).count() == 1  # another incident may hold it too


def test_evidence_over_the_size_limit_is_refused(client, organizer, incident, settings):
    settings.EVIDENCE_UPLOAD_MAX_MB = 1
    client.force_login(organizer)
    response = client.post(
        reverse("cases:evidence_add", args=[incident.uuid]),
        {"file": upload("long.mp3", MP3 + b"\0" * 1024 * 1024)},
    )
    assert response.context["evidence_form"].errors == {"file": ["long.mp3 is larger than 1 MB."]}
    assert (Evidence.objects.count(), stored_files(settings)) == (0, [])


def test_evidence_description_over_300_characters_is_refused_not_cut(client, organizer, incident, settings):
    client.force_login(organizer)
    response = client.post(
        reverse("cases:evidence_add", args=[incident.uuid]),
        {"file": upload("interview.mp3", MP3), "description": "x" * 301},
    )
    assert response.status_code == 200
    assert response.context["evidence_form"].errors == {
        "description": ["Ensure this value has at most 300 characters (it has 301)."]
    }
    assert (Evidence.objects.count(), audit_trail(), stored_files(settings)) == (0, [], [])


def test_evidence_description_of_300_characters_is_kept_whole(client, organizer, incident):
    client.force_login(organizer)
    client.post(
        reverse("cases:evidence_add", args=[incident.uuid]),
        {"file": upload("interview.mp3", MP3), "description": "x" * 300},
    )
    assert Evidence.objects.get().description == "x" * 300


# The evidence page, downloads and the chain of custody


def custody(html):
    """(when, who, action, details) of each row of the chain of custody, newest first."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("Chain of custody", 1)[1], re.S)
    cells = []
    for row in rows[1:]:
        when = re.search(r'data-label="When"><time[^>]*>([^<]+)</time>', row).group(1)
        who, action, details = (
            re.sub(r"<[^>]+>", "", re.search(rf'data-label="{label}">(.*?)</td>', row, re.S).group(1)).strip()
            for label in ("Who", "Action", "Details")
        )
        cells.append((when, who, action, details))
    return cells


def test_evidence_page_is_audited_and_shows_the_chain_of_custody(client, clock, organizer, lawyer, incident):
    data = jpeg()
    client.force_login(organizer)
    client.post(reverse("cases:evidence_add", args=[incident.uuid]), {"file": upload("dock.jpg", data)})
    evidence = Evidence.objects.get()
    client.force_login(lawyer)
    clock.now = local(2026, 3, 19, 10, 5)
    client.get(evidence.get_absolute_url())
    clock.now = local(2026, 3, 19, 10, 10)
    client.get(reverse("cases:evidence_original", args=[evidence.uuid]))
    clock.now = local(2026, 3, 19, 10, 15)
    client.force_login(organizer)

    response = client.get(evidence.get_absolute_url())

    assert audit_trail()[-1] == ("view_sensitive", str(evidence.uuid), "", "organizer")
    assert custody(response.content.decode()) == [
        ("March 19, 2026, 10:15 a.m. CDT", "organizer", "View sensitive record", "(127.0.0.1)"),
        ("March 19, 2026, 10:10 a.m. CDT", "lawyer", "Download of the original", "The original (127.0.0.1)"),
        ("March 19, 2026, 10:05 a.m. CDT", "lawyer", "View sensitive record", "(127.0.0.1)"),
        (
            "March 19, 2026, 10:00 a.m. CDT",
            "organizer",
            "Create",
            # The incident by its name, which its reader may see (the stored summary keeps its key).
            f"Evidence uploaded to incident “Wage theft, March 19, 2026”; SHA-256 {sha256(data)} (127.0.0.1)",
        ),
    ]
    marked = r'<tr class="original-download">.*?<strong class="badge">(.*?)</strong>'
    assert re.findall(marked, response.content.decode(), re.S) == ["Download of the original"]
    html = response.content.decode()
    assert (
        f'<img src="{reverse("cases:evidence_shown", args=[evidence.uuid])}" alt="dock.jpg" class="photo">'
        in html
    )
    assert f'<code class="hash">{sha256(data)}</code>' in html


def test_original_download_is_an_audited_attachment(client, organizer, incident):
    data = gps_jpeg()
    evidence = add_evidence(
        incident=incident, upload=upload("dock.jpg", data), description="", user=organizer
    )
    client.force_login(organizer)

    response = client.get(reverse("cases:evidence_original", args=[evidence.uuid]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dock.jpg"'
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == data
    assert audit_trail()[-1] == ("download_original", str(evidence.uuid), "original", "organizer")


def test_shown_copy_is_inline_and_audited(client, organizer, incident):
    evidence = add_evidence(
        incident=incident, upload=upload("dock.jpg", gps_jpeg()), description="", user=organizer
    )
    client.force_login(organizer)

    response = client.get(reverse("cases:evidence_shown", args=[evidence.uuid]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="dock.jpg"'
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == evidence.shown_file.read()
    assert audit_trail()[-1] == ("view", str(evidence.uuid), "shown copy (no location data)", "organizer")


def test_a_pdf_has_no_shown_copy(client, organizer, incident):
    data = simple_pdf()
    evidence = add_evidence(
        incident=incident, upload=upload("stub.pdf", data), description="", user=organizer
    )
    client.force_login(organizer)

    assert client.get(reverse("cases:evidence_shown", args=[evidence.uuid])).status_code == 404
    assert AuditEvent.objects.filter(action="download").count() == 0
    page = client.get(evidence.get_absolute_url()).content.decode()
    assert "<img" not in page
    original = client.get(reverse("cases:evidence_original", args=[evidence.uuid]))
    assert (original["Content-Type"], original["Content-Disposition"]) == (
        "application/pdf",
        'attachment; filename="stub.pdf"',
    )
    assert b"".join(original.streaming_content) == data


# Referrals to legal


def test_organizer_refers_an_incident_to_legal(client, organizer, incident):
    client.force_login(organizer)
    url = reverse("cases:referral_create", args=[incident.uuid])
    assert client.get(url).status_code == 200

    response = client.post(url, {"reason": "The manager threatened to call ICE after the petition."})

    referral = Referral.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert messages_of(response) == ["Referred to legal. You will see the status of the referral here."]
    assert (
        referral.incident,
        referral.reason,
        referral.status,
        referral.referred_by,
        referral.referred_at,
    ) == (
        incident,
        "The manager threatened to call ICE after the petition.",
        "open",
        organizer,
        NOW,
    )
    assert audit_trail() == [("create", str(referral.uuid), "referred to legal", "organizer")]


def test_an_incident_is_referred_only_once(client, organizer, incident):
    ReferralFactory(incident=incident, reason="First reason")
    client.force_login(organizer)
    url = reverse("cases:referral_create", args=[incident.uuid])

    for send in (lambda: client.get(url), lambda: client.post(url, {"reason": "Second reason"})):
        response = send()
        assert response["Location"] == incident.get_absolute_url()
        assert messages_of(response) == ["This incident is already referred to legal."]
        client.get(response["Location"])  # the incident page shows the message, which clears it

    assert list(Referral.objects.values_list("reason", flat=True)) == ["First reason"]
    assert audit_trail() == []


def test_a_referral_needs_a_reason(client, organizer, incident):
    client.force_login(organizer)
    response = client.post(reverse("cases:referral_create", args=[incident.uuid]), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert (Referral.objects.count(), audit_trail()) == (0, [])


def test_organizer_sees_the_referrals_status_but_not_its_reason(client, organizer, lawyer, incident):
    ReferralFactory(
        incident=incident,
        reason="Threats after the walkout; possible extortion.",
        status="in_review",
        referred_by=member("organizer", incident.worksite.organization, username="referrer"),
    )
    badge = '<span class="badge">Legal is reviewing</span>'
    reason = "<p>Threats after the walkout; possible extortion.</p>"

    client.force_login(organizer)
    html = client.get(incident.get_absolute_url()).content.decode()
    assert badge in html
    assert "extortion" not in html
    assert "Refer to legal as a possible crime" not in html

    client.force_login(lawyer)
    html = client.get(incident.get_absolute_url()).content.decode()
    assert badge in html
    assert reason in html


def test_legal_changes_a_referrals_status_on_the_referral_list(client, clock, lawyer, incident):
    referral = ReferralFactory(incident=incident, reason="Threats after the walkout.")
    ReferralFactory(incident=IncidentFactory(worksite=WorksiteFactory(employer_name="Elsewhere")))
    client.force_login(lawyer)
    listed = client.get(reverse("cases:referral_list"))
    assert list(listed.context["page"].object_list) == [referral]
    assert "Threats after the walkout." in listed.content.decode()
    clock.now = local(2026, 3, 19, 11, 30)

    response = client.post(reverse("cases:referral_status", args=[referral.uuid]), {"status": "in_review"})

    assert response["Location"] == reverse("cases:referral_list")
    assert messages_of(response) == ["Referral status changed."]
    referral.refresh_from_db()
    assert (referral.status, referral.status_changed_at) == ("in_review", local(2026, 3, 19, 11, 30))
    assert audit_trail() == [("update", str(referral.uuid), "status: open → in_review", "lawyer")]


def test_referral_list_puts_referrals_waiting_for_review_first(client, clock, lawyer, site):
    for status, hour in [("closed", 9), ("open", 10), ("accepted", 11), ("in_review", 12), ("open", 13)]:
        clock.now = local(2026, 3, 18, hour)
        ReferralFactory(incident=IncidentFactory(worksite=site), status=status)
    client.force_login(lawyer)

    page = client.get(reverse("cases:referral_list")).context["page"]

    assert [(referral.status, timezone.localtime(referral.referred_at).hour) for referral in page] == [
        ("open", 13),
        ("open", 10),
        ("in_review", 12),
        ("accepted", 11),
        ("closed", 9),
    ]


def test_an_unknown_referral_status_changes_nothing(client, lawyer, incident):
    referral = ReferralFactory(incident=incident)
    client.force_login(lawyer)
    response = client.post(reverse("cases:referral_status", args=[referral.uuid]), {"status": "won"})
    assert response["Location"] == reverse("cases:referral_list")
    assert messages_of(response) == ["Choose a valid status."]
    referral.refresh_from_db()
    assert (referral.status, audit_trail()) == ("open", [])


def test_referral_list_offers_only_the_statuses_a_referral_may_change_to(client, clock, lawyer, site):
    clock.now = local(2026, 3, 18, 9)
    closed = ReferralFactory(incident=IncidentFactory(worksite=site), status="closed")
    clock.now = local(2026, 3, 18, 10)
    in_review = ReferralFactory(incident=IncidentFactory(worksite=site), status="in_review")
    client.force_login(lawyer)

    html = client.get(reverse("cases:referral_list")).content.decode()

    def options(referral):
        select = re.search(rf'<select name="status" id="status-{referral.uuid}">(.*?)</select>', html, re.S)
        return re.findall(r'<option value="(\w+)">', select.group(1))

    assert options(in_review) == ["accepted", "closed", "open"]
    assert options(closed) == ["in_review"]
    assert '<span class="badge">Closed by legal</span>' in html


def test_a_forbidden_referral_status_change_is_refused_with_a_message(client, lawyer, incident):
    referral = ReferralFactory(incident=incident, status="closed")
    client.force_login(lawyer)

    response = client.post(reverse("cases:referral_status", args=[referral.uuid]), {"status": "accepted"})

    assert response["Location"] == reverse("cases:referral_list")
    assert messages_of(response) == [
        "Referral to legal: cannot go from “Closed by legal” to “Legal has taken the case”."
    ]
    referral.refresh_from_db()
    assert (referral.status, audit_trail()) == ("closed", [])


def test_a_forbidden_referral_status_change_is_refused_in_spanish(client, lawyer, incident):
    referral = ReferralFactory(incident=incident, status="open")
    lawyer.language = "es"
    lawyer.save()
    client.force_login(lawyer)

    response = client.post(reverse("cases:referral_status", args=[referral.uuid]), {"status": "accepted"})

    assert messages_of(response) == [
        "Remisión al equipo legal: no puede pasar de «En espera de revisión legal» "
        "a «El equipo legal tomó el caso»."
    ]


def test_legal_of_another_organization_cannot_change_the_status(client, other_organization, incident):
    referral = ReferralFactory(incident=incident)
    client.force_login(member("legal", other_organization))
    response = client.post(reverse("cases:referral_status", args=[referral.uuid]), {"status": "closed"})
    assert response.status_code == 404
    assert list(client.get(reverse("cases:referral_list")).context["page"].object_list) == []
    referral.refresh_from_db()
    assert (referral.status, audit_trail()) == ("open", [])


def test_referral_list_query_count_is_the_same_for_1_and_10_referrals(client, lawyer, site):
    client.force_login(lawyer)
    url = reverse("cases:referral_list")
    ReferralFactory(incident=IncidentFactory(worksite=site))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    ReferralFactory.create_batch(9, incident__worksite=site)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 10
    assert len(many) == len(one)


def test_heic_photo_is_refused_with_advice(client, organization):
    from cases.evidence import EvidenceError, add_evidence
    from tests.cases.factories import IncidentFactory
    from tests.factories import member, upload

    user = member("organizer", organization)
    incident = IncidentFactory(worksite__organization=organization)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    with pytest.raises(EvidenceError) as error:
        add_evidence(incident=incident, upload=upload("IMG_0001.HEIC", heic), description="", user=user)
    assert str(error.value).startswith("IMG_0001.HEIC is an HEIC photo")
    assert incident.evidence.count() == 0


def test_evidence_refuses_to_be_saved_again_or_deleted(organizer, incident):
    evidence = add_evidence(
        incident=incident, upload=upload("photo.jpg", jpeg(40, 30)), description="Gate", user=organizer
    )
    evidence.description = "Changed afterwards"

    with pytest.raises(ImmutableError) as saving:
        evidence.save()
    with pytest.raises(ImmutableError) as deleting:
        evidence.delete()

    assert str(saving.value) == "Evidence records are immutable: upload the file again as new evidence."
    assert str(deleting.value) == "Evidence records are never deleted by the application."

    stored = Evidence.objects.get()
    assert (stored.description, stored.file.read()) == ("Gate", jpeg(40, 30))


def test_incident_page_shows_the_deadlines_of_that_incident_only(client, organizer, organization):
    california = WorksiteFactory(organization=organization, state="CA")
    notice = IncidentFactory(
        worksite=california, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 18, 9)
    )  # Wednesday: Thursday, Friday, Monday
    IncidentFactory(worksite=california, type=IncidentType.I9_NOTICE, occurred_at=local(2026, 3, 17, 9))
    client.force_login(organizer)

    response = client.get(notice.get_absolute_url())

    assert [(d.rule, d.due, d.url) for d in response.context["deadlines"]] == [
        ("ca-ab450-72-hour-notice", local(2026, 3, 21, 9), notice.get_absolute_url()),
        ("i9-production-3-business-days", local(2026, 3, 23, 9), notice.get_absolute_url()),
    ]
    html = response.content.decode()
    assert "<strong>March 21, 2026, 9:00 a.m. CDT</strong>: California: employer must notify workers" in html
