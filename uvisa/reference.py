# ruff: noqa: E501  (reference texts and their sources are kept on one line each)
"""The reference data the law defines, as first seeded (migration 0002). Facts from shared/domain.md
§ 1.2 (qualifying criminal activity and its modifiers) and § 1.4 (certifying agencies); administrators keep
them current in the Django admin, each row with its source and the day it was last verified.

The agencies' generic names and their conditions are marked with `gettext_noop`: the table keeps this English
text (the migration stores plain strings, whatever the language at migration time), makemessages puts it in the
catalogue, and the model shows it in the reader's language (`CertifyingAgency.label`, `.description`). An
agency's own proper name (U.S. Department of Labor, ...) is not translated: it is how the agency is addressed,
and it is what the English packet prints."""

from django.utils.translation import gettext_noop

VERIFIED = "2026-12-03"

STATUTE = "INA § 101(a)(15)(U)(iii); 8 C.F.R. § 214.14(a)(9)"
VAWA_2013 = "Violence Against Women Reauthorization Act of 2013, P.L. 113-4"

# (code, English label in the statute's wording, Spanish label, added by), in the statute's order.
ACTIVITIES = [
    ("rape", "Rape", "Violación", ""),
    ("torture", "Torture", "Tortura", ""),
    ("trafficking", "Trafficking", "Trata de personas", ""),
    ("incest", "Incest", "Incesto", ""),
    ("domestic_violence", "Domestic violence", "Violencia doméstica", ""),
    ("sexual_assault", "Sexual assault", "Agresión sexual", ""),
    ("abusive_sexual_contact", "Abusive sexual contact", "Contacto sexual abusivo", ""),
    ("prostitution", "Prostitution", "Prostitución", ""),
    ("sexual_exploitation", "Sexual exploitation", "Explotación sexual", ""),
    ("stalking", "Stalking", "Acecho", VAWA_2013),
    ("fgm", "Female genital mutilation", "Mutilación genital femenina", ""),
    ("hostage", "Being held hostage", "Ser tomado como rehén", ""),
    ("peonage", "Peonage", "Peonaje", ""),
    ("involuntary_servitude", "Involuntary servitude", "Servidumbre involuntaria", ""),
    ("slave_trade", "Slave trade", "Trata de esclavos", ""),
    ("kidnapping", "Kidnapping", "Secuestro", ""),
    ("abduction", "Abduction", "Rapto", ""),
    ("unlawful_criminal_restraint", "Unlawful criminal restraint", "Restricción criminal ilegal", ""),
    ("false_imprisonment", "False imprisonment", "Encarcelamiento ilegal", ""),
    ("blackmail", "Blackmail", "Chantaje", ""),
    ("extortion", "Extortion", "Extorsión", ""),
    ("manslaughter", "Manslaughter", "Homicidio involuntario", ""),
    ("murder", "Murder", "Asesinato", ""),
    ("felonious_assault", "Felonious assault", "Agresión grave", ""),
    ("witness_tampering", "Witness tampering", "Manipulación de testigos", ""),
    ("obstruction_of_justice", "Obstruction of justice", "Obstrucción de la justicia", ""),
    ("perjury", "Perjury", "Perjurio", ""),
    (
        "fraud_foreign_labor_contracting",
        "Fraud in foreign labor contracting (as defined in 18 U.S.C. §1351)",
        "Fraude en la contratación laboral en el extranjero (según 18 U.S.C. §1351)",
        "",
    ),
]

MODIFIERS = [
    {
        "code": "attempt_conspiracy_solicitation",
        "label_en": "Attempt, conspiracy or solicitation",
        "label_es": "Tentativa, conspiración o incitación",
        "definition": "An attempt, conspiracy or solicitation to commit any of the listed activities also qualifies.",
        "source": STATUTE,
    },
    {
        "code": "similar_activity",
        "label_en": "Any similar activity",
        "label_es": "Cualquier actividad similar",
        "definition": (
            "Any similar activity in violation of Federal, State or local criminal law: offenses in which the "
            "nature and elements of the offenses are substantially similar to the statutorily enumerated "
            "list. Similarity is element-based."
        ),
        "source": "8 C.F.R. § 214.14(a)(9), as quoted in USCIS AAO Matter of J-S-V-A- (Apr 1 2019)",
    },
]

WHD = [
    "involuntary_servitude",
    "peonage",
    "trafficking",
    "obstruction_of_justice",
    "witness_tampering",
    "extortion",
    "fraud_foreign_labor_contracting",
]

AGENCIES = [
    {
        "code": "dol_whd",
        "name": "U.S. Department of Labor, Wage and Hour Division (WHD)",
        "level": "federal",
        "kind": "federal_labor",
        "activities": WHD,
        "other_activities": "Forced labor",
        "conditions": gettext_noop(
            "The activity arises in the context of an employment relationship or work environment and there "
            "is a credible allegation of a violation of a law WHD enforces related to it; WHD detected the "
            "activity; the victim has been, is or is likely to be helpful. Requests go to the WHD Regional "
            "Administrator, working with the Regional Solicitor's office."
        ),
        "source": "dol.gov/WHD/immigration/UTCert.htm; WHD Field Assistance Bulletin 2011-1; DOL fact sheets (2015)",
        "sort_order": 10,
    },
    {
        "code": "dol_osha",
        "name": "U.S. Department of Labor, Occupational Safety and Health Administration (OSHA)",
        "level": "federal",
        "kind": "federal_labor",
        "any_activity": True,
        "conditions": gettext_noop(
            "OSHA detected the qualifying activity (or a substantially similar crime, or an attempt, "
            "conspiracy or solicitation); it arises in the work environment or employment relationship; there "
            "is a credible allegation of a violation of a law OSHA enforces; the victim is helpful to OSHA or "
            "other law enforcement."
        ),
        "source": "whistleblowers.gov/ut_visa; DOL readout of Feb 13 2023",
        "sort_order": 20,
    },
    {
        "code": "eeoc",
        "name": "U.S. Equal Employment Opportunity Commission (EEOC)",
        "level": "federal",
        "kind": "federal_labor",
        "any_activity": True,
        "conditions": gettext_noop(
            "The activity must be related to the unlawful employment discrimination alleged in the charge or "
            "otherwise covered by the statutes the EEOC enforces. The request goes to the Regional Attorney, "
            "who must interview the candidate; the General Counsel is the certifying official."
        ),
        "source": "eeoc.gov/eeoc/foia/u_visa.cfm",
        "sort_order": 30,
    },
    {
        "code": "nlrb",
        "name": "National Labor Relations Board (NLRB)",
        "level": "federal",
        "kind": "federal_labor",
        "any_activity": True,
        "conditions": gettext_noop(
            "The crime must have a nexus to an unfair labor practice or representation case; the NLRB "
            "General Counsel certifies for people helpful to an NLRB investigation or litigation (GC 22-01). "
            "Whether GC 22-01 survives GC 25-05 is not confirmed."
        ),
        "source": "GC Memo 22-01 (Nov 8 2021) as summarized by afslaw.com and shawe.com; nlrb.gov GC 25-05",
        "sort_order": 40,
    },
    {
        "code": "il_dol",
        "name": "Illinois Department of Labor",
        "level": "state",
        "kind": "state_labor",
        "state": "IL",
        "any_activity": True,
        "conditions": gettext_noop(
            "A certifying agency under the Illinois VOICES Act: considers crimes related to an open or closed "
            "IDOL case, labor trafficking, or a work relationship."
        ),
        "source": "labor.illinois.gov/immigrationrelief.html",
        "sort_order": 50,
    },
    {
        "code": "ca_crd",
        "name": "California Civil Rights Department",
        "level": "state",
        "kind": "state_civil_rights",
        "state": "CA",
        "any_activity": True,
        "conditions": gettext_noop("Certifies U and T visa requests tied to its cases; also issues statements of interest."),
        "source": "calcivilrights.ca.gov/humantrafficking/u-visa/",
        "sort_order": 60,
    },
    {
        "code": "ny_dol",
        "name": "New York State Department of Labor",
        "level": "state",
        "kind": "state_labor",
        "state": "NY",
        "any_activity": True,
        "conditions": gettext_noop("Certifies under its Memorandum and Order regarding certification of U visa petitions."),
        "source": "NYSDOL Memorandum and Order (docslib.org/doc/6797597)",
        "sort_order": 70,
    },
    {
        "code": "police",
        "name": gettext_noop("Local police department"),
        "level": "local",
        "kind": "police",
        "any_activity": True,
        "conditions": gettext_noop("Law enforcement agency responsible for investigating the qualifying activity."),
        "source": "8 C.F.R. § 214.14(a)(2)",
        "sort_order": 80,
    },
    {
        "code": "prosecutor",
        "name": gettext_noop("Prosecutor's office"),
        "level": "local",
        "kind": "prosecutor",
        "any_activity": True,
        "conditions": gettext_noop("Prosecutor responsible for the prosecution of the qualifying activity."),
        "source": "8 C.F.R. § 214.14(a)(2)",
        "sort_order": 90,
    },
    {
        "code": "court",
        "name": gettext_noop("Judge (court that heard the case)"),
        "level": "state",
        "kind": "court",
        "any_activity": True,
        "conditions": gettext_noop("A Federal, State or local judge may sign as certifying official."),
        "source": "8 C.F.R. § 214.14(a)(2)–(3)",
        "sort_order": 100,
    },
    {
        "code": "child_protective",
        "name": gettext_noop("Child protective services"),
        "level": "state",
        "kind": "child_protective",
        "any_activity": True,
        "conditions": gettext_noop("An agency with criminal investigative jurisdiction in its area of expertise."),
        "source": "8 C.F.R. § 214.14(a)(2) (the regulation's examples)",
        "sort_order": 110,
    },
]
