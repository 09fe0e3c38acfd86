"""The seeded reference text: the checklist's components and the model agreement's sections (version 1).

Data migrations read this module; a later edit here changes nothing already seeded (admins publish a new
template version instead). Placeholders in the bodies: {employer}, {union}, {sites}, {term_months},
{effective_date}.
"""

SOURCE = "POWER Campaign case desk synthesis (domain notes, section 4); not a quote of any published template"

COMPONENTS = [
    {
        "code": "parties_sites",
        "order": 1,
        "label_en": "Parties, sites and term",
        "label_es": "Partes, centros de trabajo y vigencia",
        "description": (
            "Parties, sites covered, term, relationship to any CBA or card-check neutrality agreement."
        ),
        "source": SOURCE,
        "last_verified": "2026-12-03",
    },
    {
        "code": "no_voluntary_cooperation",
        "order": 2,
        "label_en": "No voluntary cooperation with immigration agents",
        "label_es": "Ninguna cooperación voluntaria con agentes de inmigración",
        "description": "The employer will not contact, invite or cooperate voluntarily with ICE, CBP or DHS.",
        "source": SOURCE,
        "last_verified": "2026-12-03",
    },
]

PLACEHOLDERS = {
    "employer": ("Employer", "Empleador"),
    "union": ("Union", "Sindicato"),
    "sites": ("Sites covered", "Centros de trabajo cubiertos"),
    "term_months": ("Term in months", "Vigencia en meses"),
    "effective_date": ("Effective date", "Fecha de entrada en vigor"),
}

SECTIONS = [
    {
        "component": "parties_sites",
        "heading_en": "Parties and sites",
        "heading_es": "Partes y centros de trabajo",
        "body_en": (
            "This agreement is between {employer} and {union}. It covers {sites} for {term_months} months "
            "from {effective_date}."
        ),
        "body_es": (
            "Este acuerdo es entre {employer} y {union}. Cubre {sites} durante {term_months} meses a partir "
            "del {effective_date}."
        ),
    },
    {
        "component": "no_voluntary_cooperation",
        "heading_en": "No voluntary cooperation",
        "heading_es": "Ninguna cooperación voluntaria",
        "body_en": "{employer} will not invite or help immigration agents at {sites}.",
        "body_es": "{employer} no invitará ni ayudará a agentes de inmigración en {sites}.",
    },
]
