"""The reference tables seeded by the data migration match the statute (shared/domain.md §1.2, §1.4)."""

import datetime

from django.urls import reverse

from tests.factories import UserFactory
from uvisa.models import ActivityModifier, CertifyingAgency, QualifyingActivity

# INA § 101(a)(15)(U)(iii), in the statute's order.
STATUTE = [
    "Rape",
    "Torture",
    "Trafficking",
    "Incest",
    "Domestic violence",
    "Sexual assault",
    "Abusive sexual contact",
    "Prostitution",
    "Sexual exploitation",
    "Stalking",
    "Female genital mutilation",
    "Being held hostage",
    "Peonage",
    "Involuntary servitude",
    "Slave trade",
    "Kidnapping",
    "Abduction",
    "Unlawful criminal restraint",
    "False imprisonment",
    "Blackmail",
    "Extortion",
    "Manslaughter",
    "Murder",
    "Felonious assault",
    "Witness tampering",
    "Obstruction of justice",
    "Perjury",
    "Fraud in foreign labor contracting (as defined in 18 U.S.C. §1351)",
]


def test_qualifying_activities_are_the_statutes_list_in_its_order(db):
    rows = list(
        QualifyingActivity.objects.order_by("statutory_order").values_list("statutory_order", "label_en")
    )
    assert rows == list(enumerate(STATUTE, start=1))
    assert QualifyingActivity.objects.count() == 28


def test_qualifying_activities_have_codes_spanish_labels_source_and_verification(db):
    assert sorted(QualifyingActivity.objects.values_list("code", flat=True)) == sorted(
        [
            "abduction", "abusive_sexual_contact", "blackmail", "domestic_violence", "extortion",
            "false_imprisonment", "fgm", "felonious_assault", "fraud_foreign_labor_contracting",
            "hostage", "incest", "involuntary_servitude", "kidnapping", "manslaughter", "murder",
            "obstruction_of_justice", "peonage", "perjury", "prostitution", "rape", "sexual_assault",
            "sexual_exploitation", "slave_trade", "stalking", "torture", "trafficking",
            "unlawful_criminal_restraint", "witness_tampering",
        ]
    )  # fmt: skip
    assert set(QualifyingActivity.objects.values_list("source", flat=True)) == {
        "INA § 101(a)(15)(U)(iii); 8 C.F.R. § 214.14(a)(9)"
    }
    assert set(QualifyingActivity.objects.values_list("last_verified", flat=True)) == {
        datetime.date(2026, 12, 3)
    }
    assert QualifyingActivity.objects.filter(label_es="").count() == 0
    assert QualifyingActivity.objects.get(code="stalking").added_by == (
        "Violence Against Women Reauthorization Act of 2013, P.L. 113-4"
    )


def test_modifiers_are_attempt_conspiracy_solicitation_and_similar_activity(db):
    assert list(ActivityModifier.objects.values_list("code", "label_en")) == [
        ("attempt_conspiracy_solicitation", "Attempt, conspiracy or solicitation"),
        ("similar_activity", "Any similar activity"),
    ]


def test_whd_certifies_its_eight_activities(db):
    whd = CertifyingAgency.objects.get(code="dol_whd")
    assert sorted(whd.activities.values_list("code", flat=True)) == [
        "extortion",
        "fraud_foreign_labor_contracting",
        "involuntary_servitude",
        "obstruction_of_justice",
        "peonage",
        "trafficking",
        "witness_tampering",
    ]
    assert whd.other_activities == "Forced labor"  # the eighth: not on the statute's list
    assert whd.any_activity is False
    assert (whd.level, whd.kind) == ("federal", "federal_labor")


def test_agencies_have_level_kind_conditions_source_and_verification(db):
    rows = list(CertifyingAgency.objects.values_list("code", "level", "kind", "state", "any_activity"))
    assert rows == [
        ("dol_whd", "federal", "federal_labor", "", False),
        ("dol_osha", "federal", "federal_labor", "", True),
        ("eeoc", "federal", "federal_labor", "", True),
        ("nlrb", "federal", "federal_labor", "", True),
        ("il_dol", "state", "state_labor", "IL", True),
        ("ca_crd", "state", "state_civil_rights", "CA", True),
        ("ny_dol", "state", "state_labor", "NY", True),
        ("police", "local", "police", "", True),
        ("prosecutor", "local", "prosecutor", "", True),
        ("court", "state", "court", "", True),
        ("child_protective", "state", "child_protective", "", True),
    ]
    assert CertifyingAgency.objects.filter(source="").count() == 0
    assert CertifyingAgency.objects.filter(conditions="").count() == 0
    assert set(CertifyingAgency.objects.values_list("last_verified", flat=True)) == {
        datetime.date(2026, 12, 3)
    }


def test_coalition_admin_edits_an_agency_in_the_django_admin(client, db):
    staff = UserFactory(is_staff=True, coalition_role="admin")
    client.force_login(staff)
    agency = CertifyingAgency.objects.get(code="nlrb")
    url = reverse("admin:uvisa_certifyingagency_change", args=[agency.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "nlrb",
            "name": agency.name,
            "level": "federal",
            "kind": "federal_labor",
            "state": "",
            "any_activity": "on",
            "other_activities": "",
            "conditions": "Nexus to an unfair labor practice or representation case.",
            "sort_order": "40",
            "active": "",
            "source": agency.source,
            "last_verified": "2027-01-15",
        },
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.active, agency.last_verified) == (False, datetime.date(2027, 1, 15))


def test_legal_staff_read_agencies_in_the_django_admin_but_cannot_change_them(client, organization):
    from tests.factories import member

    staff = member("legal", organization, is_staff=True)
    client.force_login(staff)
    agency = CertifyingAgency.objects.get(code="nlrb")
    url = reverse("admin:uvisa_certifyingagency_change", args=[agency.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="conditions"' not in response.content.decode()
    response = client.post(url, {"code": "nlrb", "name": "Changed", "level": "federal", "kind": "other"})
    assert response.status_code == 403
    assert CertifyingAgency.objects.get(code="nlrb").name == "National Labor Relations Board (NLRB)"
