"""CSV import (upload, preview with per-row errors, duplicates, all-or-nothing import) and CSV export."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Contact, ImportBatch, StageChange, Worksite
from power_campaign.audit.models import AuditEvent
from tests.factories import member

pytestmark = pytest.mark.django_db

UPLOAD = reverse("cases:import_upload")
EXPORT = reverse("cases:export_csv")
WORKSITES = (
    "employer_name,dba,street,city,state,postal_code,industry,headcount,languages,notes\n"
    "Acme Foods Inc.,Acme,12 Main St,Fresno,CA,93721,food_processing,120,Spanish; Mixteco,Night shift\n"
    'Brite Cleaning LLC,,,Houston,tx,,Limpieza,"1,200",,\n'
)


def post_file(client, organization, data, kind="worksites", name="sheet.csv"):
    if isinstance(data, str):
        data = data.encode()
    return client.post(
        UPLOAD, {"organization": organization.pk, "kind": kind, "file": SimpleUploadedFile(name, data)}
    )


def row_errors(response):
    return [(error.row, error.column, error.message) for error in response.context["errors"]]


def file_errors(response):
    return response.context["form"].errors["file"]


def worksite(organization, user, employer_name="Acme Foods Inc.", city="Fresno", state="CA", **fields):
    created = Worksite.objects.create(
        organization=organization,
        employer_name=employer_name,
        city=city,
        state=state,
        created_by=user,
        **fields,
    )
    created.update_search_vector()
    return created


def preview(client, response):
    assert response.status_code == 302
    return ImportBatch.objects.get(uuid=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def events():
    """Audit events other than the sign-ins of force_login."""
    return AuditEvent.objects.exclude(action="login").order_by("sequence")


def stored_rows(batch):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rows FROM cases_importbatch WHERE id = %s", [batch.pk])
        return cursor.fetchone()[0]


# Import: the happy path


def test_worksite_import_previews_then_creates_every_row_with_no_stage_dated_on_the_import_day(
    client, organizer, organization
):
    client.force_login(organizer)
    batch = preview(client, post_file(client, organization, WORKSITES))
    assert (batch.kind, batch.file_name, batch.row_count, batch.status) == (
        "worksites",
        "sheet.csv",
        2,
        "previewed",
    )
    assert "Acme" not in stored_rows(batch)  # the waiting rows are encrypted
    assert Worksite.objects.count() == 0

    page = client.get(batch.get_absolute_url())
    assert [
        (number, w.display_name, w.get_industry_display()) for number, _values, w in page.context["rows"]
    ] == [
        (2, "Acme Foods Inc. d/b/a Acme", "Food processing and meatpacking"),
        (3, "Brite Cleaning LLC", "Cleaning and janitorial"),
    ]
    assert "These 2 worksites will be added to Local 12, with the stages listed." in page.content.decode()

    response = client.post(batch.get_absolute_url(), {"action": "import"})

    assert response["Location"] == reverse("cases:worksite_list")
    assert list(
        Worksite.objects.order_by("employer_name").values_list(
            "organization__name",
            "employer_name",
            "dba",
            "street",
            "city",
            "state",
            "postal_code",
            "industry",
            "headcount",
            "languages",
            "notes",
            "current_stage",
            "current_stage_on",
            "created_by__username",
        )
    ) == [
        (
            "Local 12",
            "Acme Foods Inc.",
            "Acme",
            "12 Main St",
            "Fresno",
            "CA",
            "93721",
            "food_processing",
            120,
            "Spanish; Mixteco",
            "Night shift",
            "first_contact",
            None,
            "organizer",
        ),
        (
            "Local 12",
            "Brite Cleaning LLC",
            "",
            "",
            "Houston",
            "TX",
            "",
            "cleaning",
            1200,
            "",
            "",
            "first_contact",
            None,
            "organizer",
        ),
    ]
    assert list(
        StageChange.objects.order_by("worksite__employer_name").values_list(
            "worksite__employer_name", "stage", "date", "recorded_by__username"
        )
    ) == []  # the file gives no first-contact date: none is made up from the day of the import
    event = events().get()
    assert (
        event.action,
        event.object_type,
        event.object_id,
        event.organization,
        event.actor,
        event.summary,
    ) == (
        "create",
        "cases.importbatch",
        str(batch.uuid),
        organization,
        organizer,
        "imported 2 worksites from CSV",
    )
    batch.refresh_from_db()
    assert (batch.status, batch.rows, batch.imported_at is not None) == ("imported", "", True)
    assert list(Worksite.objects.search("Brite").values_list("employer_name", flat=True)) == [
        "Brite Cleaning LLC"
    ]


def test_contact_import_accepts_spanish_labels_and_attaches_contacts_to_existing_worksites(
    client, organizer, organization
):
    acme = worksite(organization, organizer)
    brite = worksite(organization, organizer, employer_name="Brite Cleaning LLC", city="Houston", state="TX")
    client.force_login(organizer)
    data = (
        "Empleador;Ciudad;Estado;Nombre;Idioma;Teléfono;Rol;Consentimiento\n"
        "acme foods inc;FRESNO;ca;María López;Español;+1 559 555 0101;Líder;sí\n"
        "Brite Cleaning LLC;Houston;TX;John Smith;English;;witness;no\n"
        "Brite Cleaning LLC;Houston;TX;Rosa Díaz;;(713) 555-0102;Committee member;\n"
    )
    batch = preview(client, post_file(client, organization, data, kind="contacts"))
    assert "555" not in stored_rows(batch)

    client.post(batch.get_absolute_url(), {"action": "import"})

    assert [
        (c.worksite, c.name, c.preferred_language, c.phone, c.committee_role, c.consent_to_contact)
        for c in Contact.objects.order_by("name")
    ] == [
        (brite, "John Smith", "en", "", "witness", False),
        (acme, "María López", "es", "+15595550101", "leader", True),
        (brite, "Rosa Díaz", "es", "+17135550102", "committee", False),
    ]
    assert list(events().values_list("object_type", "summary")) == [
        ("cases.importbatch", "imported 3 contacts from CSV")
    ]


# Import: rows with errors


def test_file_with_bad_rows_imports_nothing_and_lists_each_error_by_row_and_column(
    client, organizer, organization
):
    client.force_login(organizer)
    data = (
        "Employer,City,State,Industry,Workers\n"
        "Acme Foods,Fresno,CA,warehouse,40\n"
        ",Reno,Nevada,mining,about 50\n"
        "\n"
        "Brite,,TX,,-3\n"
        "Casa Verde,Austin,TX,,12,extra\n"
    )

    response = post_file(client, organization, data)

    assert response.status_code == 200
    assert row_errors(response) == [
        (3, "Employer", "This field is required."),
        (3, "State", "Use the two-letter code of a US state or territory, for example CA."),
        (
            3,
            "Industry",
            "“mining” is not a known value. Use one of: warehouse, food_processing, restaurant, hotel, "
            "construction, agriculture, cleaning, manufacturing, care, retail, car_wash, other.",
        ),
        (3, "Workers", "Enter a whole number."),
        (5, "City", "This field is required."),
        (5, "Workers", "Ensure this value is greater than or equal to 0."),
        (6, "", "This row has more cells than the first row has column names."),
    ]
    assert [error.letter for error in response.context["errors"]] == ["A", "C", "D", "E", "B", "E", ""]
    assert "Nothing was imported: 7 problems found." in response.content.decode()
    assert (ImportBatch.objects.count(), Worksite.objects.count(), events().count()) == (0, 0, 0)


def test_duplicate_worksites_in_the_file_and_among_existing_ones_are_errors(
    client, organizer, organization, other_organization
):
    worksite(organization, organizer, employer_name="Acme Foods, Inc.")
    worksite(other_organization, member("organizer", other_organization), employer_name="Brite")
    client.force_login(organizer)
    data = (
        "employer_name,city,state\n"
        "ACME FOODS INC,Fresno,CA\n"  # already in Local 12 (case and punctuation do not count)
        "Brite,Houston,TX\n"  # only another organization has it: not a duplicate
        "Panadería Sol,San José,CA\n"
        "Panaderia Sol,San Jose,ca\n"  # the same as row 4 (accents do not count)
    )

    response = post_file(client, organization, data)

    assert row_errors(response) == [
        (
            2,
            "employer_name",
            "Duplicate of an existing worksite of Local 12 (same employer, city and state).",
        ),
        (5, "employer_name", "Duplicate of row 4 (same employer, city and state)."),
    ]
    assert Worksite.objects.filter(organization=organization).count() == 1


def test_contact_rows_need_one_known_worksite_and_must_not_repeat_a_contact(client, organizer, organization):
    acme = worksite(organization, organizer)
    Contact.objects.create(
        worksite=acme,
        name="María López",
        phone="+1 559 555 0101",
        committee_role="leader",
        created_by=organizer,
    )
    worksite(organization, organizer, employer_name="Twin", city="Reno", state="NV")
    worksite(organization, organizer, employer_name="Twin", city="Reno", state="NV", dba="Twin 2")
    client.force_login(organizer)
    data = (
        "employer_name,city,state,name,phone,committee_role,consent_to_contact,preferred_language\n"
        "Acme Foods Inc.,Fresno,CA,Maria Lopez,15595550101,leader,yes,es\n"
        "Nowhere Inc,Fresno,CA,Ana,,leader,yes,es\n"
        "Twin,Reno,NV,Ana,,leader,yes,es\n"
        "Acme Foods Inc.,Fresno,CA,Ana,,boss,maybe,fr\n"
        "Acme Foods Inc.,Fresno,CA,José,,witness,,\n"
        "Acme Foods Inc.,Fresno,CA,Jose,,supporter,,\n"
    )

    response = post_file(client, organization, data, kind="contacts")

    assert row_errors(response) == [
        (2, "name", "Duplicate of an existing contact at this worksite (same name and phone)."),
        (
            3,
            "employer_name",
            "No worksite of Local 12 has this employer, city and state. "
            "Add the worksite first, or correct the name.",
        ),
        (
            4,
            "employer_name",
            "More than one worksite of Local 12 has this employer, city and state: add this contact from the "
            "worksite's page.",
        ),
        (
            5,
            "committee_role",
            "“boss” is not a known value. Use one of: leader, committee, witness, supporter, other.",
        ),
        (5, "consent_to_contact", "Write yes or no."),
        (5, "preferred_language", "“fr” is not a known value. Use one of: es, en, other."),
        (7, "name", "Duplicate of row 6 (same worksite, name and phone)."),
    ]
    assert Contact.objects.count() == 1


def test_more_than_5000_rows_are_refused(client, organizer, organization):
    client.force_login(organizer)
    data = "employer_name,city,state\n" + "".join(f"Employer {n},Fresno,CA\n" for n in range(5001))

    response = post_file(client, organization, data)

    assert file_errors(response) == ["The file has more than 5,000 rows. Split it into smaller files."]


# Import: files that cannot be read


def test_utf16_file_gets_the_encoding_message(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, WORKSITES.encode("utf-16"))

    assert file_errors(response) == [
        "The file is not a CSV in UTF-8 or Windows-1252 encoding. "
        "In Excel, choose File, Save As, and the type “CSV UTF-8 (Comma delimited)”."
    ]
    assert ImportBatch.objects.count() == 0


def test_bytes_that_are_no_text_get_the_encoding_message(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, bytes(range(1, 256)) * 40)

    assert file_errors(response) == [
        "The file is not a CSV in UTF-8 or Windows-1252 encoding. "
        "In Excel, choose File, Save As, and the type “CSV UTF-8 (Comma delimited)”."
    ]


def test_excel_workbook_is_recognised_and_refused_with_how_to_save_as_csv(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, b"PK\x03\x04" + b"\x00" * 100, name="sheet.xlsx")

    assert file_errors(response) == [
        "This is a spreadsheet workbook, not a CSV file. In Excel, choose File, Save As, and the type "
        "“CSV UTF-8 (Comma delimited)”; in Google Sheets, File, Download, CSV."
    ]


def test_file_without_a_header_row_gets_a_message_naming_the_missing_columns(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, "Acme Foods,Fresno,CA\nBrite,Houston,TX\n")

    assert file_errors(response) == [
        "The first row must name the columns. Missing: employer_name, city, state."
    ]


def test_header_missing_one_required_column_names_only_that_one(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, "Employer,City,Notes\nAcme,Fresno,x\n")

    assert file_errors(response) == ["The first row must name the columns. Missing: state."]


def test_ten_megabytes_of_junk_are_refused_before_reading(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, b"\x89junk" * (2 * 1024 * 1024))

    assert file_errors(response) == ["The file is larger than 2 MB. Split it into smaller files."]
    kept = response.wsgi_request.FILES["file"]
    assert (type(kept), kept.size) == (InMemoryUploadedFile, 10 * 1024 * 1024)
    assert ImportBatch.objects.count() == 0


def test_an_upload_is_kept_in_memory_never_in_a_temporary_file(client, organizer, organization, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django itself would write anything larger to a temporary file
    client.force_login(organizer)

    response = post_file(client, organization, WORKSITES)

    assert type(response.wsgi_request.FILES["file"]) is InMemoryUploadedFile
    assert ImportBatch.objects.get().row_count == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n  \r\n", "The file is empty."),
        (b"employer_name,city,state\r\n,,\r\n", "The file has no rows below the column names."),
    ],
    ids=["no bytes", "only a BOM and blank lines", "only the header"],
)
def test_empty_file_gets_a_message(client, organizer, organization, data, message):
    client.force_login(organizer)

    assert file_errors(post_file(client, organization, data)) == [message]


def test_two_columns_for_the_same_field_are_refused(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, "Employer,Empleador,City,State\nA,B,Fresno,CA\n")

    assert file_errors(response) == [
        "Two columns are the same field (employer_name): “Employer” and “Empleador”. Keep one."
    ]


# Import: the formats organizers' spreadsheets come in


def test_semicolon_separated_file_with_bom_is_read(client, organizer, organization):
    client.force_login(organizer)
    data = "\ufeffEmployer;City;State;Notes\nAcme Foods;Fresno;CA;Night shift, 40 workers\n"

    batch = preview(client, post_file(client, organization, data))
    client.post(batch.get_absolute_url(), {"action": "import"})

    assert list(Worksite.objects.values_list("employer_name", "city", "state", "notes")) == [
        ("Acme Foods", "Fresno", "CA", "Night shift, 40 workers")
    ]


def test_excel_sep_line_sets_the_delimiter(client, organizer, organization):
    client.force_login(organizer)
    data = "sep=;\r\nemployer_name;city;state\r\nAcme, Inc.;Fresno;CA\r\n"

    batch = preview(client, post_file(client, organization, data))
    client.post(batch.get_absolute_url(), {"action": "import"})

    assert list(Worksite.objects.values_list("employer_name", flat=True)) == ["Acme, Inc."]


@pytest.mark.parametrize(
    ("encoding", "notes"),
    [("cp1252", "Señora Muñoz – turno de noche"), ("latin-1", "Señora Muñoz, turno de noche")],
)
def test_windows_1252_or_latin_1_file_with_accents_is_read(client, organizer, organization, encoding, notes):
    client.force_login(organizer)
    data = f"Empleador;Ciudad;Estado;Notas\r\nPanadería Año Nuevo;San José;CA;{notes}\r\n"

    batch = preview(client, post_file(client, organization, data.encode(encoding)))
    client.post(batch.get_absolute_url(), {"action": "import"})

    assert list(Worksite.objects.values_list("employer_name", "city", "notes")) == [
        ("Panadería Año Nuevo", "San José", notes)
    ]


def test_windows_1252_bytes_without_a_known_column_get_the_encoding_message(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, "Año;Mes\r\n2024;3\r\n".encode("cp1252"))

    assert file_errors(response)[0].startswith("The file is not a CSV in UTF-8 or Windows-1252 encoding.")


def test_unknown_columns_are_named_and_left_out(client, organizer, organization):
    client.force_login(organizer)

    response = post_file(client, organization, "Employer,City,State,Shop steward,\nAcme,Fresno,CA,Luz,\n")
    page = client.get(response["Location"])

    assert [str(m) for m in page.context["messages"]] == ["These columns are not imported: Shop steward."]


# Import: all or nothing


def test_import_stops_and_creates_nothing_when_records_changed_since_the_preview(
    client, organizer, organization
):
    client.force_login(organizer)
    batch = preview(client, post_file(client, organization, WORKSITES))
    worksite(organization, organizer, employer_name="Brite Cleaning LLC", city="Houston", state="TX")

    response = client.post(batch.get_absolute_url(), {"action": "import"})

    assert response.status_code == 200
    assert row_errors(response) == [
        (3, "employer_name", "Duplicate of an existing worksite of Local 12 (same employer, city and state).")
    ]
    assert response.context["changed"] is True
    assert list(Worksite.objects.values_list("employer_name", flat=True)) == ["Brite Cleaning LLC"]
    batch.refresh_from_db()
    assert (batch.status, batch.rows) == ("discarded", "")


def test_preview_shows_errors_that_appeared_since_the_upload_and_offers_only_discard(
    client, organizer, organization
):
    client.force_login(organizer)
    batch = preview(client, post_file(client, organization, WORKSITES))
    worksite(organization, organizer)

    page = client.get(batch.get_absolute_url())

    assert row_errors(page) == [
        (2, "employer_name", "Duplicate of an existing worksite of Local 12 (same employer, city and state).")
    ]
    assert 'value="import"' not in page.content.decode()


def test_a_batch_is_imported_only_once(client, organizer, organization):
    client.force_login(organizer)
    batch = preview(client, post_file(client, organization, WORKSITES))
    client.post(batch.get_absolute_url(), {"action": "import"}, follow=True)

    response = client.post(batch.get_absolute_url(), {"action": "import"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["This import was already done or discarded."]
    assert Worksite.objects.count() == 2


def test_discarding_a_batch_erases_its_rows_and_imports_nothing(client, organizer, organization):
    client.force_login(organizer)
    batch = preview(client, post_file(client, organization, WORKSITES))

    response = client.post(batch.get_absolute_url(), {"action": "discard"})

    assert response["Location"] == UPLOAD
    batch.refresh_from_db()
    assert (batch.status, batch.rows, Worksite.objects.count()) == ("discarded", "", 0)
    event = events().get()
    assert (event.action, event.object_id, event.summary) == (
        "update",
        str(batch.uuid),
        "CSV import discarded",
    )


# Access


def test_another_organizations_batch_is_not_found(client, organizer, other_organization):
    other_user = member("organizer", other_organization)
    client.force_login(other_user)
    batch = preview(client, post_file(client, other_organization, WORKSITES))
    client.force_login(organizer)

    assert client.get(batch.get_absolute_url()).status_code == 404
    assert client.post(batch.get_absolute_url(), {"action": "import"}).status_code == 404
    assert Worksite.objects.count() == 0


def test_any_member_of_the_organization_may_see_and_import_its_batch(client, organizer, organization):
    client.force_login(organizer)
    batch = preview(client, post_file(client, organization, WORKSITES))
    client.force_login(member("legal", organization))

    assert client.post(batch.get_absolute_url(), {"action": "import"}).status_code == 302
    assert Worksite.objects.count() == 2


def test_cannot_import_into_an_organization_the_user_is_not_in(client, organizer, other_organization):
    client.force_login(organizer)

    response = post_file(client, other_organization, WORKSITES)

    assert response.context["form"].errors["organization"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert ImportBatch.objects.count() == 0


def test_upload_without_the_csrf_token_is_refused(organizer, organization):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)

    response = post_file(client, organization, WORKSITES)

    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_upload_page_documents_the_columns_and_the_list_links_to_import_and_export(client, organizer):
    client.force_login(organizer)

    upload_page = client.get(UPLOAD).content.decode()
    list_page = client.get(reverse("cases:worksite_list")).content.decode()

    assert (
        "<code>employer_name,dba,street,city,state,postal_code,industry,headcount,languages,"
        "time_zone,first_contact_on,current_stage,current_stage_on,notes</code>"
        in (upload_page)
    )
    assert (
        "<code>employer_name,city,state,name,preferred_language,phone,committee_role,consent_to_contact</code>"
        in (upload_page)
    )
    assert f'href="{UPLOAD}"' in list_page
    assert f'href="{EXPORT}"' in list_page
    assert f'href="{EXPORT}?kind=contacts"' in list_page


@pytest.mark.parametrize(
    ("language", "kind", "name", "header"),
    [
        (
            "en",
            "worksites",
            "worksites-template.csv",
            "Employer's legal name,Doing business as,Street address,City,State,ZIP code,Industry,"
            "Approximate number of workers,Languages spoken,Time zone,Date of first contact,Stage,"
            "Date of the stage,Notes",
        ),
        (
            "es",
            "contacts",
            "contactos-plantilla.csv",
            "Nombre legal del empleador,Ciudad,Estado,Nombre,Idioma preferido,Teléfono,Rol en el comité,"
            "Acepta que se le contacte",
        ),
    ],
)
def test_the_template_is_an_empty_file_with_the_columns_in_the_readers_language(
    client, organizer, language, kind, name, header
):
    client.force_login(organizer)

    page = client.get(UPLOAD, headers={"accept-language": language}).content.decode()
    url = reverse("cases:import_template", args=[kind])
    response = client.get(url, headers={"accept-language": language})

    assert f'href="{url}" download' in page
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.content.decode() == f"\ufeff{header}\r\n"


def test_the_spanish_template_filled_in_is_imported(client, organizer, organization):
    client.force_login(organizer)
    template = client.get(
        reverse("cases:import_template", args=["worksites"]), headers={"accept-language": "es"}
    ).content.decode()
    data = template + "Acme Foods Inc.,,,Fresno,CA,,,,,,,,,\r\n"

    batch = preview(client, post_file(client, organization, data.encode("utf-8")))
    client.post(batch.get_absolute_url(), {"action": "import"})

    assert list(Worksite.objects.values_list("employer_name", "city", "state")) == [
        ("Acme Foods Inc.", "Fresno", "CA")
    ]


def test_the_template_of_an_unknown_kind_is_not_found(client, organizer):
    client.force_login(organizer)

    assert client.get(reverse("cases:import_template", args=["incidents"])).status_code == 404


# Export


def test_export_lists_exactly_the_worksites_the_user_may_see(
    client, organizer, organization, other_organization
):
    acme = worksite(organization, organizer, industry="warehouse", headcount=40, notes="Line 1\nLine 2")
    worksite(organization, organizer, employer_name="Brite", city="Houston", state="TX")
    worksite(other_organization, member("organizer", other_organization), employer_name="Hidden Co")
    client.force_login(organizer)

    response = client.get(EXPORT)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="worksites-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    assert response.content.decode("utf-8") == (
        "\ufefforganization,employer_name,dba,street,city,state,postal_code,industry,headcount,languages,"
        "time_zone,first_contact_on,current_stage,current_stage_on,notes\r\n"
        "Local 12,Acme Foods Inc.,,,Fresno,CA,,warehouse,40,,America/Chicago,,first_contact,,"
        '"Line 1\nLine 2"\r\n'
        "Local 12,Brite,,,Houston,TX,,other,,,America/Chicago,,first_contact,,\r\n"
    )
    assert acme.current_stage_on is None
    event = events().get()
    assert (event.action, event.organization, event.actor, event.summary) == (
        "export",
        organization,
        organizer,
        "exported 2 worksites as CSV",
    )


def test_export_follows_the_list_filters(client, organizer, organization):
    worksite(organization, organizer)
    worksite(organization, organizer, employer_name="Brite", city="Houston", state="TX")
    client.force_login(organizer)

    response = client.get(EXPORT, {"q": "Brite"})

    assert response.content.decode().splitlines()[1:] == [
        "Local 12,Brite,,,Houston,TX,,other,,,America/Chicago,,first_contact,,"
    ]


def test_contact_export_leaves_out_the_phone_of_anyone_who_did_not_agree_to_be_contacted(
    client, organizer, organization, other_organization
):
    acme = worksite(organization, organizer)
    for name, consent in [("María López", True), ("John Smith", False)]:
        Contact.objects.create(
            worksite=acme,
            name=name,
            phone="+1 559 555 0101",
            committee_role="leader",
            consent_to_contact=consent,
            created_by=organizer,
        )
    hidden = worksite(other_organization, member("organizer", other_organization))
    Contact.objects.create(worksite=hidden, name="Hidden", committee_role="leader", created_by=organizer)
    client.force_login(organizer)

    response = client.get(EXPORT, {"kind": "contacts"})

    assert (
        response["Content-Disposition"]
        == f'attachment; filename="contacts-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    assert response.content.decode() == (
        "\ufefforganization,employer_name,city,state,name,preferred_language,phone,committee_role,"
        "consent_to_contact\r\n"
        "Local 12,Acme Foods Inc.,Fresno,CA,John Smith,es,,leader,no\r\n"
        "Local 12,Acme Foods Inc.,Fresno,CA,María López,es,(559) 555-0101,leader,yes\r\n"
    )
    assert events().get().summary == "exported 2 contacts as CSV"


def test_export_audits_once_per_organization_for_coalition_staff(client, organization, other_organization):
    staff = member("organizer", organization)
    staff.coalition_role = "admin"
    staff.save()
    worksite(organization, staff)
    worksite(other_organization, staff, employer_name="Otra")
    client.force_login(staff)

    client.get(EXPORT)

    assert list(events().values_list("organization__name", "summary")) == [
        ("Local 12", "exported 1 worksites as CSV"),
        ("Centro Unido", "exported 1 worksites as CSV"),
    ]


def test_export_of_nothing_is_still_audited(client, organizer):
    client.force_login(organizer)

    response = client.get(EXPORT)

    assert response.content.decode().count("\r\n") == 1
    event = events().get()
    assert (event.organization, event.summary) == (None, "exported 0 worksites as CSV")


def test_export_defuses_spreadsheet_formulas_and_the_import_reads_them_back(client, organizer, organization):
    worksite(
        organization, organizer, notes='=HYPERLINK("http://example.com","x")', dba="-Acme", languages="+1"
    )
    client.force_login(organizer)

    header, exported = client.get(EXPORT).content.decode().lstrip("\ufeff").splitlines()

    assert exported == (
        "Local 12,Acme Foods Inc.,'-Acme,,Fresno,CA,,other,,+1,America/Chicago,,first_contact,,"
        '"\'=HYPERLINK(""http://example.com"",""x"")"'
    )
    Worksite.objects.all().delete()
    batch = preview(client, post_file(client, organization, f"{header}\n{exported}\n"))
    client.post(batch.get_absolute_url(), {"action": "import"})
    assert list(Worksite.objects.values_list("dba", "languages", "notes")) == [
        ("-Acme", "+1", '=HYPERLINK("http://example.com","x")')
    ]


def test_export_uses_the_same_number_of_queries_for_one_or_many_worksites(client, organizer, organization):
    client.force_login(organizer)
    worksite(organization, organizer)
    with CaptureQueriesContext(connection) as one:
        client.get(EXPORT, {"kind": "contacts"})
        client.get(EXPORT)
    for n in range(5):
        acme = worksite(organization, organizer, employer_name=f"Employer {n}")
        Contact.objects.create(worksite=acme, name="Ana", committee_role="leader", created_by=organizer)
    with CaptureQueriesContext(connection) as many:
        client.get(EXPORT, {"kind": "contacts"})
        client.get(EXPORT)
    assert len(many) == len(one)


def test_export_of_an_unknown_kind_is_not_found(client, organizer):
    client.force_login(organizer)

    assert client.get(EXPORT, {"kind": "incidents"}).status_code == 404


# Round trip: an export imports back unchanged


def drives(organization, user):
    """Worksites whose stage histories the export's three columns must carry: none, first contact only, a
    stage after it, two stages of one day, a drive that started again; and contacts with US, foreign and
    hidden phone numbers."""
    create = services.create_worksite
    acme = create(
        organization=organization,
        user=user,
        employer_name="Acme Foods Inc.",
        dba="-Acme",
        street="12 Main St",
        city="Fresno",
        state="CA",
        postal_code="93721",
        industry="food_processing",
        headcount=1200,
        languages="Spanish; Mixteco",
        notes='Night shift\n=HYPERLINK("http://example.com","x")',
        first_contact_on=datetime.date(2025, 6, 1),
        history=[("committee", datetime.date(2025, 9, 1), "")],
    )
    create(organization=organization, user=user, employer_name="Brite", city="Houston", state="TX")
    create(
        organization=organization,
        user=user,
        employer_name="Casa",
        city="Chicago",
        state="IL",
        first_contact_on=datetime.date(2026, 1, 5),
    )
    create(
        organization=organization,
        user=user,
        employer_name="Same Day",
        city="Chicago",
        state="IL",
        first_contact_on=datetime.date(2026, 2, 1),
        history=[("committee", datetime.date(2026, 2, 1), "")],
    )
    create(
        organization=organization,
        user=user,
        employer_name="Started Again",
        city="Chicago",
        state="IL",
        history=[
            ("first_contact", datetime.date(2024, 1, 10), ""),
            ("dormant", datetime.date(2024, 6, 1), ""),
            ("first_contact", datetime.date(2025, 2, 1), ""),
        ],
    )
    for name, phone, consent in [
        ("María López", "(559) 555-0101", True),
        ("John Smith", "(559) 555-0102", False),
        ("Rosa Díaz", "+52 55 1234 5678", True),
    ]:
        services.create_child(
            model=Contact,
            worksite=acme,
            user=user,
            name=name,
            phone=phone,
            committee_role="leader",
            consent_to_contact=consent,
        )


def exported(client, kind):
    return client.get(EXPORT, {"kind": kind}).content.decode().lstrip("\ufeff")


def without_organization(text):
    """The rows of a CSV export, without the first column (the organization's name)."""
    return [row[1:] for row in csv.reader(io.StringIO(text))]


def test_export_imports_back_unchanged_into_another_organization(
    client, organizer, organization, other_organization, other_admin
):
    drives(organization, organizer)
    client.force_login(organizer)
    worksites, contacts = exported(client, "worksites"), exported(client, "contacts")
    client.force_login(other_admin)

    for kind, text in [("worksites", worksites), ("contacts", contacts)]:
        batch = preview(client, post_file(client, other_organization, text, kind=kind))
        client.post(batch.get_absolute_url(), {"action": "import"})

    assert without_organization(exported(client, "worksites")) == without_organization(worksites)
    assert without_organization(exported(client, "contacts")) == without_organization(contacts)
    assert [",".join(row) for row in without_organization(worksites)[1:]] == [
        "Acme Foods Inc.,'-Acme,12 Main St,Fresno,CA,93721,food_processing,1200,Spanish; Mixteco,"
        'America/Los_Angeles,2025-06-01,committee,2025-09-01,Night shift\n=HYPERLINK("http://example.com","x")',
        "Brite,,,Houston,TX,,other,,,America/Chicago,,first_contact,,",
        "Casa,,,Chicago,IL,,other,,,America/Chicago,2026-01-05,first_contact,2026-01-05,",
        "Same Day,,,Chicago,IL,,other,,,America/Chicago,2026-02-01,committee,2026-02-01,",
        "Started Again,,,Chicago,IL,,other,,,America/Chicago,2024-01-10,first_contact,2025-02-01,",
    ]
    assert [",".join(row) for row in without_organization(contacts)[1:]] == [
        "Acme Foods Inc.,Fresno,CA,John Smith,es,,leader,no",
        "Acme Foods Inc.,Fresno,CA,María López,es,(559) 555-0101,leader,yes",
        "Acme Foods Inc.,Fresno,CA,Rosa Díaz,es,+52 55 1234 5678,leader,yes",
    ]
    copy = Worksite.objects.get(organization=other_organization, employer_name="Started Again")
    assert list(copy.stage_changes.order_by("date").values_list("stage", "date")) == [
        ("first_contact", datetime.date(2024, 1, 10)),
        ("first_contact", datetime.date(2025, 2, 1)),
    ]


def test_export_imports_back_unchanged_after_the_worksites_were_deleted(client, organizer, organization):
    for name in ["Acme", "Brite"]:
        services.create_worksite(
            organization=organization,
            user=organizer,
            employer_name=name,
            city="Fresno",
            state="CA",
            first_contact_on=datetime.date(2025, 6, 1),
            history=[("majority", datetime.date(2025, 10, 2), "")],
        )
    client.force_login(organizer)
    before = exported(client, "worksites")
    Worksite.objects.all().delete()

    batch = preview(client, post_file(client, organization, before))
    client.post(batch.get_absolute_url(), {"action": "import"})

    assert exported(client, "worksites") == before


# The stage columns


def test_worksite_import_accepts_the_stage_columns_by_their_spanish_names(client, organizer, organization):
    client.force_login(organizer)
    data = (
        "Empleador;Ciudad;Estado;Fecha de primer contacto;Etapa;Fecha de etapa\n"
        "Acme;Fresno;CA;2025-06-01;Comité formado;2025-09-01\n"
    )

    batch = preview(client, post_file(client, organization, data))
    client.post(batch.get_absolute_url(), {"action": "import"})

    acme = Worksite.objects.get()
    assert (acme.current_stage, acme.current_stage_on, acme.first_contact_on) == (
        "committee",
        datetime.date(2025, 9, 1),
        datetime.date(2025, 6, 1),
    )


def test_worksite_import_reports_every_problem_with_the_stage_columns(client, organizer, organization):
    client.force_login(organizer)
    data = (
        "employer_name,city,state,first_contact_on,current_stage,current_stage_on\n"
        "A,Fresno,CA,,committee,\n"
        "B,Fresno,CA,,,2025-01-01\n"
        "C,Fresno,CA,2025-06-01,majority,2025-05-01\n"
        "D,Fresno,CA,06/01/2025,won,2099-03-20\n"
        "E,Fresno,CA,2025-06-01,first_contact,\n"
    )

    response = post_file(client, organization, data)

    assert row_errors(response) == [
        (2, "current_stage_on", "Give the date the worksite reached this stage."),
        (3, "current_stage", "Name the stage reached on this date."),
        (4, "current_stage_on", "The stage cannot be reached before the date of first contact."),
        (5, "first_contact_on", "Write the date as year-month-day, for example 2026-03-15."),
        (
            5,
            "current_stage",
            "“won” is not a known value. Use one of: first_contact, committee, majority, demand, election, "
            "bargaining, ratified, lost, dormant.",
        ),
        (5, "current_stage_on", "The date cannot be in the future."),
    ]
    assert (ImportBatch.objects.count(), Worksite.objects.count()) == (0, 0)


def test_import_error_page_shows_the_rows_that_are_ready_marked(client, organizer, organization):
    client.force_login(organizer)
    data = "employer_name,city,state,current_stage\nAcme,Fresno,CA,\nBrite,Houston,XX,\nCasa,Chicago,IL,\n"

    response = post_file(client, organization, data)

    assert row_errors(response) == [
        (3, "state", "Use the two-letter code of a US state or territory, for example CA.")
    ]
    assert [(number, w.employer_name) for number, _values, w in response.context["rows"]] == [
        (2, "Acme"),
        (4, "Casa"),
    ]
    html = " ".join(response.content.decode().split())
    assert "2 rows have no problem" in html
    assert html.count('<span class="badge">Ready</span>') == 2
    assert Worksite.objects.count() == 0


# Phone numbers


def test_contact_import_checks_each_phone_number_in_the_users_language(client, organization):
    worksite(organization, member("organizer", organization, username="owner"))
    client.force_login(member("organizer", organization, language="es"))
    data = (
        "employer_name,city,state,name,phone,committee_role\n"
        "Acme Foods Inc.,Fresno,CA,Ana,555-12,leader\n"
        "Acme Foods Inc.,Fresno,CA,Beto,(559) 555-0103,leader\n"
        "Acme Foods Inc.,Fresno,CA,Carla,+52 55 1234 5678,leader\n"
    )

    response = post_file(client, organization, data, kind="contacts")

    assert row_errors(response) == [
        (
            2,
            "phone",
            "Escriba un número de teléfono que exista, por ejemplo (312) 555-0100, o +52 55 1234 5678 "
            "para otro país.",
        )
    ]
    assert [values["phone"] for _number, values, _contact in response.context["rows"]] == [
        "+15595550103",
        "+525512345678",
    ]
