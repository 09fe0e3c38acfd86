"""Demo worksites: organizing drives at different stages, incidents of every type, evidence files,
agency filings and a referral to legal, for each demo organization.

Run by `manage.py seed_demo` after the accounts demo (INSTALLED_APPS order). An organization that
already has worksites is left alone, so running it again changes nothing. Every employer, address and
person is fictional; phone numbers are in the 555-0100 to 0199 range reserved for fiction.
"""

import datetime
import io
import wave

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import ExifTags, Image, ImageDraw

from power_campaign.accounts.demo import ORGANIZATIONS
from power_campaign.accounts.models import Organization, User

from . import services
from .evidence import add_evidence
from .models import (
    AgencyFiling,
    Contact,
    IceDocument,
    Incident,
    IncidentType,
    Industry,
    ProtectedActivity,
    Referral,
    Stage,
    Worksite,
)

FICTIONAL = "Demo record: the employer, the address and every person here are fictional."

ES, EN, OTHER = Contact.Language.SPANISH, Contact.Language.ENGLISH, Contact.Language.OTHER
LEADER, COMMITTEE, WITNESS, SUPPORTER = (
    Contact.CommitteeRole.LEADER,
    Contact.CommitteeRole.COMMITTEE,
    Contact.CommitteeRole.WITNESS,
    Contact.CommitteeRole.SUPPORTER,
)
Kind = ProtectedActivity.Kind

# Days are counted back from today. Incidents: `key` names one for filings, `witnesses` are indexes into
# the worksite's contacts, `evidence` is (file kind, description), `hours_ago` pins a recent incident.

FIRST_ORGANIZATION = [
    {
        "employer_name": "Lakeshore Fulfillment Partners LLC",
        "dba": "LFP Logistics Chicago South",
        "street": "4820 S Damen Ave",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60609",
        "industry": Industry.WAREHOUSE,
        "headcount": 340,
        "languages": "Spanish, English, Polish",
        "notes": "Two shifts (6:00 and 14:30). Mandatory overtime in peak season, October to December. "
        "Dos turnos; tiempo extra obligatorio en temporada alta.",
        "stages": [
            (Stage.FIRST_CONTACT, 235, "House visit with two pickers from the night shift"),
            (Stage.COMMITTEE, 190, "Committee of 9 across both shifts / Comité de 9 en los dos turnos"),
            (Stage.MAJORITY, 130, "212 of 340 signed cards"),
            (Stage.DEMAND, 95, "RC petition filed with NLRB Region 13"),
            (Stage.ELECTION, 40, "Union won the election 187 to 121 / Ganamos la elección"),
        ],
        "contacts": [
            ("Guadalupe Mendoza", ES, "(312) 555-0101", LEADER, True),
            ("Marcus Bell", EN, "(312) 555-0102", COMMITTEE, True),
            ("Rosa Ibarra", ES, "(312) 555-0103", WITNESS, False),
            ("Tomasz Nowak", OTHER, "(312) 555-0104", SUPPORTER, True),
        ],
        "activities": [
            (Kind.PETITION, 128, "Majority petition delivered to the general manager / Petición"),
            (Kind.ORGANIZING, 96, "March on the boss: 40 workers delivered the demand for recognition"),
        ],
        "incidents": [
            {
                "key": "surveillance",
                "type": IncidentType.SURVEILLANCE,
                "days_ago": 95,
                "at": (14, 40),
                "place": "Break room door and the parking lot by the time clock",
                "description": "The day after the march on the boss, two supervisors stood by the break room "
                "photographing who took union flyers. / El día después de la marcha, dos supervisores "
                "tomaron fotos de quién recibía volantes del sindicato.",
                "workers": 40,
                "witnesses": [0, 1],
            },
            {
                "key": "firing",
                "type": IncidentType.RETALIATION,
                "days_ago": 84,
                "at": (15, 5),
                "place": "HR office",
                "description": "Four days after the NLRB charge was filed, HR fired Rosa Ibarra for "
                "'productivity'. Six years on the job, no write-ups; she had signed an affidavit for the "
                "charge. / Cuatro días después del cargo ante la NLRB despidieron a Rosa por "
                "'productividad'; seis años sin amonestaciones.",
                "workers": 1,
                "witnesses": [1, 2],
            },
            {
                "type": IncidentType.EVERIFY,
                "days_ago": 55,
                "at": (10, 0),
                "place": "All-staff meeting, main dock",
                "description": "Two weeks before the election HR announced that everyone hired before 2019 "
                "must 're-verify' in E-Verify by Friday. / Dos semanas antes de la elección, Recursos "
                "Humanos anunció que todos los contratados antes de 2019 debían 'reverificarse'.",
                "workers": 120,
                "witnesses": [0, 3],
            },
        ],
        "filings": [
            {
                "agency": AgencyFiling.Agency.NLRB,
                "case_number": "13-CA-345678",
                "days_ago": 88,
                "incidents": ["surveillance", "firing"],
                "notes": "ULP charge: surveillance of union activity; amended for Rosa Ibarra's discharge.",
            },
        ],
    },
    {
        "employer_name": "Prairie Star Meat Processing Inc.",
        "street": "1550 N 25th Ave",
        "city": "Melrose Park",
        "state": "IL",
        "postal_code": "60160",
        "industry": Industry.FOOD_PROCESSING,
        "headcount": 610,
        "languages": "Spanish, K'iche', English, Haitian Creole",
        "notes": "Beef and pork cut floor, packaging. Most of the committee works first shift. "
        "La mayoría del comité trabaja en el primer turno.",
        "stages": [
            (Stage.FIRST_CONTACT, 225, "Met workers at the parish food pantry"),
            (Stage.COMMITTEE, 172, "Committee formed: 7 workers from the cut floor and packaging"),
        ],
        "contacts": [
            ("Juana Xol", OTHER, "(708) 555-0111", LEADER, True),
            ("Pedro Alvarado", ES, "(708) 555-0112", COMMITTEE, True),
            ("Denise Carter", EN, "(708) 555-0113", WITNESS, False),
        ],
        "activities": [
            (Kind.ORGANIZING, 172, "First committee meeting: 7 workers / Primera reunión del comité"),
            (Kind.COMPLAINT, 150, "Delegation of 12 asked the supervisor for mesh gloves and line breaks"),
        ],
        "incidents": [
            {
                "key": "threat",
                "type": IncidentType.IMMIGRATION_THREAT,
                "days_ago": 170,
                "at": (6, 20),
                "place": "Cut floor, pre-shift meeting",
                "description": "Two days after the committee formed, the cut-floor supervisor told the "
                "pre-shift meeting: 'If I hear the word union again, I call immigration and you all go "
                "back.' / 'Si oigo la palabra sindicato otra vez, llamo a inmigración y todos se regresan.'",
                "workers": 45,
                "witnesses": [0, 1],
                "evidence": ("audio", "Voice memo a worker recorded during the meeting / Nota de voz"),
                "referral": "The supervisor threatened to report workers to immigration to stop them "
                "organizing. This may be extortion or obstruction; please assess it for a U-visa "
                "certification request.",
            },
            {
                "type": IncidentType.UNSAFE,
                "days_ago": 150,
                "at": (11, 15),
                "place": "Cut floor, line 3",
                "description": "Chain speed raised on line 3; two workers cut their hands the same week and "
                "there were no replacement mesh gloves. / Subieron la velocidad de la línea; dos "
                "compañeros se cortaron las manos.",
                "workers": 60,
                "witnesses": [1],
            },
            {
                "type": IncidentType.NO_MATCH,
                "days_ago": 120,
                "at": (9, 0),
                "place": "Letters handed out with paychecks",
                "description": "HR handed 23 workers letters saying their names 'do not match' Social "
                "Security records, with 10 days to 'fix it or be terminated'. / Cartas de 'no "
                "coincidencia' a 23 trabajadores, con 10 días de plazo.",
                "workers": 23,
                "witnesses": [0],
            },
            {
                "type": IncidentType.ASSAULT,
                "days_ago": 75,
                "at": (13, 30),
                "place": "Packaging, end of line 5",
                "description": "A line lead grabbed a packaging worker by the arm and made sexual comments. "
                "She reported it to HR and was moved to the night shift. / La jefa de línea la agarró "
                "del brazo; después de quejarse la pasaron al turno de noche.",
                "workers": 1,
                "witnesses": [2],
            },
        ],
    },
    {
        "employer_name": "Pacific Vista Hospitality LLC",
        "dba": "Harborview Suites LAX",
        "street": "5930 W Century Blvd",
        "city": "Los Angeles",
        "state": "CA",
        "postal_code": "90045",
        "industry": Industry.HOTEL,
        "headcount": 180,
        "languages": "Spanish, English, Tagalog",
        "notes": "Housekeeping, laundry, kitchen and banquets. Recognized after a card check; "
        "bargaining the first contract.",
        "stages": [
            (Stage.FIRST_CONTACT, 240, "Housekeepers called the hotline about room quotas"),
            (Stage.COMMITTEE, 200, "Committee of 11 from housekeeping and kitchen"),
            (Stage.MAJORITY, 160, "128 of 180 signed cards"),
            (Stage.DEMAND, 120, "Demand for recognition delivered to the general manager"),
            (Stage.ELECTION, 75, "Recognized after a card check by a neutral arbitrator"),
            (Stage.BARGAINING, 60, "First bargaining session / Primera sesión de negociación"),
        ],
        "contacts": [
            ("Maricela Gutiérrez", ES, "(213) 555-0121", LEADER, True),
            ("Jonathan Reyes", EN, "(213) 555-0122", COMMITTEE, True),
            ("Lorna Santos", OTHER, "(213) 555-0123", WITNESS, False),
        ],
        "activities": [
            (Kind.STRIKE, 110, "One-day strike by housekeepers over room quotas / Huelga de un día"),
            (Kind.PETITION, 65, "Petition to bargain in good faith signed by 140 workers"),
        ],
        "incidents": [
            {
                "key": "wages",
                "type": IncidentType.WAGE_THEFT,
                "days_ago": 140,
                "at": (16, 0),
                "place": "Housekeeping office",
                "description": "Housekeepers must clean 16 rooms a shift; whoever does not finish clocks "
                "out and keeps working, about 5 unpaid hours a week. / Quien no termina sus 16 cuartos "
                "marca salida y sigue trabajando sin pago.",
                "workers": 45,
                "witnesses": [0, 2],
            },
            {
                "type": IncidentType.OTHER,
                "days_ago": 30,
                "at": (12, 0),
                "place": "Bargaining session",
                "description": "Management announced it will subcontract the laundry, during bargaining and "
                "without notice to the union. / La gerencia anunció que subcontratará la lavandería.",
                "workers": 12,
                "witnesses": [1],
            },
            {
                "type": IncidentType.I9_NOTICE,
                "hours_ago": 26,
                "place": "Front desk / Recepción",
                "description": "HSI agents left a Notice of Inspection at the front desk. Nothing posted for "
                "workers yet: the hotel must notify them within 72 hours (California) and produce the I-9s "
                "in 3 business days. / Dejaron un Aviso de Inspección en la recepción; la empresa debe "
                "avisar a los trabajadores en 72 horas.",
                "workers": 180,
                "witnesses": [1],
                "notified_after_minutes": 40,
                "evidence": ("pdf", "Copy of the Notice of Inspection / Copia del aviso de inspección"),
            },
        ],
        "filings": [
            {
                "agency": AgencyFiling.Agency.WHD,
                "case_number": "Case ID 1998734",
                "days_ago": 130,
                "incidents": ["wages"],
                "notes": "Off-the-clock work by housekeepers; 45 workers, estimated back wages $96,000.",
            },
        ],
    },
    {
        "employer_name": "Brightwave Auto Spa LLC",
        "dba": "Brightwave Express Car Wash",
        "street": "7215 Indianapolis Blvd",
        "city": "Hammond",
        "state": "IN",
        "postal_code": "46324",
        "industry": Industry.CAR_WASH,
        "headcount": 28,
        "languages": "Spanish, English",
        "notes": "Tunnel wash and detail bays, open 7 days. Paid partly in cash.",
        "stages": [
            (Stage.FIRST_CONTACT, 160, "Washers came to the Saturday legal clinic"),
            (Stage.COMMITTEE, 120, "Committee of 5 / Comité de 5"),
            (Stage.MAJORITY, 70, "19 of 28 signed cards"),
        ],
        "contacts": [
            ("Alejandro Cruz", ES, "(219) 555-0131", LEADER, True),
            ("Darnell Price", EN, "(219) 555-0132", COMMITTEE, False),
        ],
        "activities": [
            (Kind.COMPLAINT, 115, "Group complaint about unpaid waiting time on slow days"),
        ],
        "incidents": [
            {
                "type": IncidentType.ICE_VISIT,
                "days_ago": 45,
                "at": (10, 5),
                "place": "Detail bays and back office",
                "description": "Four agents in vests marked ICE entered the detail bays and showed the "
                "manager a Form I-200 (administrative warrant, not signed by a judge). Workers did not "
                "consent to the search of the back office; the manager opened it. Two workers detained, "
                "released that night. / Mostraron un I-200, que no está firmado por un juez; no dimos "
                "consentimiento.",
                "workers": 14,
                "witnesses": [0, 1],
                "ice_document": IceDocument.I200,
                "consent_given": False,
                "notified_after_minutes": 25,
                "evidence": ("photo", "Photo of the agents' vehicles at the entrance, taken by a worker"),
                "gps": (41.6219, -87.4931),
            },
            {
                "type": IncidentType.WAGE_THEFT,
                "days_ago": 100,
                "at": (18, 0),
                "place": "Cash payroll, Saturday",
                "description": "Washers paid a flat $60 a day in cash for 10-hour shifts, below the minimum "
                "wage once the hours are counted. / Pagan $60 al día por 10 horas.",
                "workers": 20,
                "witnesses": [0],
            },
        ],
    },
    {
        "employer_name": "Keystone Ridge Builders LLC",
        "street": "2100 S 13th St",
        "city": "Milwaukee",
        "state": "WI",
        "postal_code": "53204",
        "industry": Industry.CONSTRUCTION,
        "headcount": 55,
        "languages": "Spanish, English",
        "notes": "Framing subcontractor on a mixed-use project; the crew moved to other sites.",
        "stages": [
            (Stage.FIRST_CONTACT, 210, "Met framers at the day-labor corner"),
            (Stage.COMMITTEE, 180, "Committee of 4 framers"),
            (Stage.DORMANT, 90, "Project finished; crew dispersed / Terminó la obra"),
        ],
        "contacts": [
            ("Ricardo Fuentes", ES, "(414) 555-0141", LEADER, True),
            ("Kevin O'Brien", EN, "(414) 555-0142", SUPPORTER, False),
        ],
        "activities": [],
        "incidents": [
            {
                "type": IncidentType.UNSAFE,
                "days_ago": 195,
                "at": (8, 45),
                "place": "Third-floor deck",
                "description": "No fall protection on the third-floor deck; a framer fell 12 feet and broke "
                "his wrist. The foreman told him to say it happened at home. / Sin protección contra "
                "caídas; el capataz le dijo que dijera que fue en su casa.",
                "workers": 22,
                "witnesses": [0, 1],
            },
        ],
    },
]

SECOND_ORGANIZATION = [
    {
        "employer_name": "Palm Coast Auto Spa LLC",
        "dba": "Palm Coast Hand Wash",
        "street": "1820 E 1st St",
        "city": "Santa Ana",
        "state": "CA",
        "postal_code": "92701",
        "industry": Industry.CAR_WASH,
        "headcount": 32,
        "languages": "Spanish, English",
        "notes": "Hand wash and detailing. Workers organize with the Centro's car wash campaign.",
        "stages": [
            (Stage.FIRST_CONTACT, 200, "Washers came to the Centro's wage clinic"),
            (Stage.COMMITTEE, 150, "Committee of 6 / Comité de 6"),
            (Stage.MAJORITY, 60, "Petition signed by 27 of 32 washers"),
        ],
        "contacts": [
            ("Carmen Villalobos", ES, "(714) 555-0151", LEADER, True),
            ("Héctor Domínguez", ES, "(714) 555-0152", COMMITTEE, True),
            ("Brian Tran", EN, "(714) 555-0153", WITNESS, False),
        ],
        "activities": [
            (Kind.ORGANIZING, 140, "March on the boss: 20 washers delivered the demand for unpaid wages"),
            (Kind.PETITION, 58, "Petition for shade, water and paid rest breaks / Petición de sombra y agua"),
        ],
        "incidents": [
            {
                "key": "wages",
                "type": IncidentType.WAGE_THEFT,
                "days_ago": 145,
                "at": (17, 30),
                "place": "Cash payroll, Friday",
                "description": "Washers paid $80 cash for 10-hour days, no overtime, and the manager keeps "
                "the tip jar. / Pagan $80 en efectivo por 10 horas y el gerente se queda con las propinas.",
                "workers": 30,
                "witnesses": [0, 1],
            },
            {
                "key": "camera",
                "type": IncidentType.SURVEILLANCE,
                "days_ago": 138,
                "at": (12, 10),
                "place": "Shade tent where workers eat lunch",
                "description": "Two days after the march the owner installed a camera pointed at the shade "
                "tent where the committee meets at lunch. / Dos días después de la marcha pusieron una "
                "cámara apuntando a donde comemos.",
                "workers": 32,
                "witnesses": [2],
            },
            {
                "key": "firing",
                "type": IncidentType.RETALIATION,
                "days_ago": 131,
                "at": (16, 45),
                "place": "Owner's office",
                "description": "Four days after the NLRB charge, the owner fired Héctor Domínguez and "
                "another washer for 'leaving early'; both had given affidavits. / Cuatro días después "
                "del cargo despidieron a Héctor y a otro compañero.",
                "workers": 2,
                "witnesses": [0, 2],
            },
            {
                "type": IncidentType.I9_NOTICE,
                "hours_ago": 30,
                "place": "Office desk / Oficina",
                "description": "The owner told workers 'immigration sent a letter'; it is a Notice of "
                "Inspection dated yesterday. No notice posted for workers: 72 hours to notify them "
                "(California), 3 business days to produce the I-9s. / Es un Aviso de Inspección; no han "
                "avisado a los trabajadores.",
                "workers": 32,
                "witnesses": [0],
                "notified_after_minutes": 90,
                "evidence": ("pdf", "Copy of the Notice of Inspection / Copia del aviso de inspección"),
            },
        ],
        "filings": [
            {
                "agency": AgencyFiling.Agency.NLRB,
                "case_number": "21-CA-351204",
                "days_ago": 135,
                "incidents": ["camera", "firing"],
                "notes": "ULP charge: surveillance of concerted activity; amended for the two discharges.",
            },
            {
                "agency": AgencyFiling.Agency.WHD,
                "case_number": "Case ID 2011457",
                "days_ago": 125,
                "closed_days_ago": 20,
                "incidents": ["wages"],
                "notes": "Minimum wage and overtime; settled for $84,300 in back wages for 30 workers.",
            },
        ],
    },
    {
        "employer_name": "Midway Cold Storage & Distribution LLC",
        "street": "5200 W 47th St",
        "city": "Cicero",
        "state": "IL",
        "postal_code": "60804",
        "industry": Industry.WAREHOUSE,
        "headcount": 220,
        "languages": "Spanish, English, Arabic",
        "notes": "Freezer and dock work; first contract ratified with immigration protections.",
        "stages": [
            (Stage.FIRST_CONTACT, 240, "Freezer workers came to a know-your-rights workshop"),
            (Stage.COMMITTEE, 215, "Committee of 10"),
            (Stage.MAJORITY, 185, "150 of 220 signed cards"),
            (Stage.DEMAND, 160, "Petition filed with the NLRB"),
            (Stage.ELECTION, 120, "Election won 141 to 62"),
            (Stage.BARGAINING, 100, "Bargaining opened"),
            (Stage.RATIFIED, 12, "First contract ratified 164 to 9 / Primer contrato ratificado"),
        ],
        "contacts": [
            ("Yesenia Morales", ES, "(708) 555-0161", LEADER, True),
            ("Omar Haddad", OTHER, "(708) 555-0162", COMMITTEE, True),
            ("Patricia Nguyen", EN, "(708) 555-0163", COMMITTEE, True),
        ],
        "activities": [
            (Kind.ORGANIZING, 160, "Rally at the gate the day the petition was filed"),
            (Kind.TESTIMONY, 150, "Three workers gave affidavits to the NLRB about the E-Verify demand"),
        ],
        "incidents": [
            {
                "type": IncidentType.UNSAFE,
                "days_ago": 200,
                "at": (7, 30),
                "place": "Freezer 2 (-10 °F)",
                "description": "Freezer workers given no insulated gear or warm-up breaks; two cases of "
                "frostnip in one week. / Sin ropa térmica ni descansos para calentarse.",
                "workers": 40,
                "witnesses": [0],
            },
            {
                "type": IncidentType.EVERIFY,
                "days_ago": 157,
                "at": (14, 0),
                "place": "HR office",
                "description": "Three days after the petition, HR told 60 workers to 're-verify' through "
                "E-Verify and bring new documents within a week. / Tres días después de la petición "
                "pidieron a 60 trabajadores 'reverificarse'.",
                "workers": 60,
                "witnesses": [0, 1],
            },
            {
                "type": IncidentType.OTHER,
                "days_ago": 50,
                "at": (10, 0),
                "place": "Bargaining",
                "description": "The employer canceled three bargaining sessions in a row. / La empresa "
                "canceló tres sesiones de negociación seguidas.",
                "workers": 220,
                "witnesses": [2],
            },
        ],
    },
    {
        "employer_name": "High Plains Beef Company",
        "street": "800 N 11th Ave",
        "city": "Greeley",
        "state": "CO",
        "postal_code": "80631",
        "industry": Industry.FOOD_PROCESSING,
        "headcount": 900,
        "languages": "Spanish, Somali, English, Karen",
        "notes": "Election lost after weeks of captive-audience meetings; the committee still meets.",
        "stages": [
            (Stage.FIRST_CONTACT, 230, "Home visits with Somali and Guatemalan workers"),
            (Stage.COMMITTEE, 190, "Committee of 12 across three languages"),
            (Stage.MAJORITY, 150, "Majority of cards signed"),
            (Stage.DEMAND, 110, "Petition filed with NLRB Region 27"),
            (Stage.LOST, 70, "Election lost 311 to 402 / Perdimos la elección"),
        ],
        "contacts": [
            ("Abdi Warsame", OTHER, "(970) 555-0171", LEADER, True),
            ("Lucía Pérez", ES, "(970) 555-0172", COMMITTEE, True),
            ("Tom Becker", EN, "(970) 555-0173", WITNESS, False),
        ],
        "activities": [
            (Kind.PETITION, 155, "Petition for prayer breaks and line-speed limits, 480 signatures"),
        ],
        "incidents": [
            {
                "key": "threat",
                "type": IncidentType.IMMIGRATION_THREAT,
                "days_ago": 188,
                "at": (15, 20),
                "place": "Locker room",
                "description": "Two days after the committee formed, a supervisor told Lucía Pérez: 'Keep "
                "going with that committee and I call ICE on you and your family.' / 'Sigue con ese "
                "comité y le llamo a ICE a ti y a tu familia.'",
                "workers": 1,
                "witnesses": [1, 2],
                "evidence": ("audio", "Voice memo Lucía recorded right after / Nota de voz de Lucía"),
                "referral": "A supervisor threatened to call immigration on a committee member and her "
                "family. Possible extortion; please review it for a U-visa certification request.",
            },
            {
                "type": IncidentType.NO_MATCH,
                "days_ago": 140,
                "at": (9, 30),
                "place": "Mailed to workers' homes",
                "description": "HR mailed Social Security no-match letters to 35 workers, most of them on "
                "the committee. / Cartas de no coincidencia a 35 trabajadores, casi todos del comité.",
                "workers": 35,
                "witnesses": [0],
            },
            {
                "type": IncidentType.ASSAULT,
                "days_ago": 100,
                "at": (22, 15),
                "place": "Trim line, second shift",
                "description": "A supervisor shoved a Somali worker on the trim line and mocked her hijab; "
                "HR took no action. / Un supervisor empujó a una compañera y se burló de su hiyab.",
                "workers": 1,
                "witnesses": [0],
            },
        ],
    },
    {
        "employer_name": "Riverside Grand Hotel Partners LP",
        "dba": "The Riverside Grand",
        "street": "415 E Commerce St",
        "city": "San Antonio",
        "state": "TX",
        "postal_code": "78205",
        "industry": Industry.HOTEL,
        "headcount": 240,
        "languages": "Spanish, English",
        "notes": "New contact through the housekeepers' Sunday soccer league.",
        "stages": [
            (Stage.FIRST_CONTACT, 40, "Two housekeepers asked the Centro for help after the ICE visit"),
        ],
        "contacts": [
            ("Ana María Salinas", ES, "(210) 555-0181", LEADER, True),
            ("Grace Okafor", EN, "(210) 555-0182", SUPPORTER, False),
        ],
        "activities": [],
        "incidents": [
            {
                "type": IncidentType.ICE_VISIT,
                "days_ago": 25,
                "at": (5, 50),
                "place": "Employee entrance and parking garage",
                "description": "Agents waited at the employee entrance at shift change and showed a Form "
                "I-200, not a judicial warrant. Workers did not consent to a search of the locker room; "
                "security let the agents in anyway. / Mostraron un I-200; no dimos consentimiento para "
                "entrar a los vestidores.",
                "workers": 30,
                "witnesses": [0, 1],
                "ice_document": IceDocument.I200,
                "consent_given": False,
                "notified_after_minutes": 15,
                "evidence": ("photo", "Photo of the unmarked vans at the employee entrance"),
                "gps": (29.4246, -98.4861),
            },
        ],
    },
    {
        "employer_name": "Cornerstone Concrete & Framing Inc.",
        "street": "1100 Huff Rd NW",
        "city": "Atlanta",
        "state": "GA",
        "postal_code": "30318",
        "industry": Industry.CONSTRUCTION,
        "headcount": 70,
        "languages": "Spanish, English, Portuguese",
        "notes": "Concrete and framing crews on several sites; workers paid as 'subcontractors'.",
        "stages": [
            (Stage.FIRST_CONTACT, 180, "Met concrete finishers at the Centro's safety training"),
            (Stage.COMMITTEE, 100, "Committee of 5"),
        ],
        "contacts": [
            ("Miguel Ángel Torres", ES, "(404) 555-0191", LEADER, True),
            ("Rogério Almeida", OTHER, "(404) 555-0192", COMMITTEE, True),
        ],
        "activities": [
            (Kind.COMPLAINT, 96, "Crew refused to enter the unshored trench and told the foreman why"),
        ],
        "incidents": [
            {
                "type": IncidentType.UNSAFE,
                "days_ago": 97,
                "at": (9, 10),
                "place": "Trench on the Marietta St job",
                "description": "Crew sent into an 8-foot trench with no shoring or trench box. / Nos "
                "mandaron a una zanja de 8 pies sin apuntalar.",
                "workers": 6,
                "witnesses": [0, 1],
            },
            {
                "type": IncidentType.WAGE_THEFT,
                "days_ago": 60,
                "at": (17, 0),
                "place": "Payday at the yard",
                "description": "Workers paid as 1099 'subcontractors' with no overtime for 55-hour weeks. / "
                "Nos pagan como 'subcontratistas', sin horas extra.",
                "workers": 50,
                "witnesses": [1],
            },
        ],
    },
]

DATA = {"": (FIRST_ORGANIZATION, Referral.Status.IN_REVIEW), "2": (SECOND_ORGANIZATION, Referral.Status.OPEN)}


def _photo(caption, gps):
    """A stand-in for a phone photo, with the location a phone writes into it (the shown copy drops it)."""
    image = Image.new("RGB", (960, 720), "#8fa3b8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 470, 960, 720), fill="#5b5b5b")
    for left in (90, 420):
        draw.rectangle((left, 330, left + 300, 500), fill="#1f2a36")
        draw.rectangle((left + 20, 350, left + 120, 410), fill="#9fb8cf")
    draw.text((30, 30), caption, fill="#ffffff")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Demo"
    exif[ExifTags.Base.Model] = "Phone camera"
    latitude, longitude = gps
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N" if latitude >= 0 else "S",
        ExifTags.GPS.GPSLatitude: _degrees(latitude),
        ExifTags.GPS.GPSLongitudeRef: "E" if longitude >= 0 else "W",
        ExifTags.GPS.GPSLongitude: _degrees(longitude),
    }
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif)
    return buffer.getvalue()


def _degrees(value):
    value = abs(value)
    degrees, minutes = int(value), (value - int(value)) * 60
    return (float(degrees), float(int(minutes)), round((minutes - int(minutes)) * 60, 2))


def _pdf(title, lines):
    """A one-page PDF (a scanned-looking copy of a paper the workers were handed)."""
    page = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(page)
    draw.text((70, 70), title, fill="black")
    for number, line in enumerate(lines):
        draw.text((70, 130 + 30 * number), line, fill="black")
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=100)
    return buffer.getvalue()


def _wav(seconds=1, rate=8000):
    """A short voice memo (silence: the demo has no real recording)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as memo:
        memo.setnchannels(1)
        memo.setsampwidth(2)
        memo.setframerate(rate)
        memo.writeframes(b"\x00\x00" * rate * seconds)
    return buffer.getvalue()


def _evidence_file(kind, worksite, incident, gps):
    when = timezone.localtime(incident.occurred_at)
    if kind == "photo":
        caption = f"{worksite.display_name}, {when:%Y-%m-%d %H:%M}"
        return f"IMG_{when:%Y%m%d_%H%M}.jpg", _photo(caption, gps)
    if kind == "pdf":
        lines = [
            "DEMO COPY: fictional document for the case desk demo.",
            f"Employer: {worksite.employer_name}",
            f"Address: {worksite.street}, {worksite.city}, {worksite.state} {worksite.postal_code}",
            f"Served: {when:%B %d, %Y}",
            "Produce Forms I-9 for all current employees within 3 business days.",
        ]
        return "notice-of-inspection.pdf", _pdf("NOTICE OF INSPECTION (demo copy)", lines)
    return f"voice-memo-{when:%Y%m%d}.wav", _wav()


def _seed_worksite(site, *, organization, organizer, admin, today, now, referral_status):
    def at(days_ago, hour_minute):
        day = today - datetime.timedelta(days=days_ago)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(*hour_minute)))

    fields = {
        name: site.get(name, "")
        for name in ["employer_name", "dba", "street", "city", "state", "postal_code", "languages"]
    }
    history = [(stage, today - datetime.timedelta(days=days), note) for stage, days, note in site["stages"]]
    worksite = services.create_worksite(
        organization=organization,
        user=admin,
        organizers=[organizer],
        history=history,
        industry=site["industry"],
        headcount=site["headcount"],
        notes=f"{site['notes']}\n\n{FICTIONAL}",
        **fields,
    )
    contacts = []
    for name, language, phone, role, consent in site["contacts"]:
        contact = services.create_child(
            model=Contact,
            worksite=worksite,
            user=organizer,
            name=name,
            preferred_language=language,
            phone=phone,
            committee_role=role,
            consent_to_contact=consent,
        )
        contacts.append(contact)
    for kind, days_ago, description in site["activities"]:
        services.create_child(
            model=ProtectedActivity,
            worksite=worksite,
            user=organizer,
            kind=kind,
            date=today - datetime.timedelta(days=days_ago),
            description=description,
        )
    incidents = {}
    for spec in site["incidents"]:
        if "hours_ago" in spec:
            occurred_at = now - datetime.timedelta(hours=spec["hours_ago"])
        else:
            occurred_at = at(spec["days_ago"], spec["at"])
        notified = spec.get("notified_after_minutes")
        incident = services.create_child(
            model=Incident,
            worksite=worksite,
            user=organizer,
            type=spec["type"],
            occurred_at=occurred_at,
            place=spec["place"],
            description=spec["description"],
            workers_affected=spec["workers"],
            ice_document=spec.get("ice_document", ""),
            consent_given=spec.get("consent_given"),
            union_notified_at=occurred_at + datetime.timedelta(minutes=notified) if notified else None,
            witnesses=[contacts[index] for index in spec["witnesses"]],
        )
        incidents[spec.get("key", incident.pk)] = incident
        if "evidence" in spec:
            kind, description = spec["evidence"]
            name, data = _evidence_file(kind, worksite, incident, spec.get("gps"))
            add_evidence(
                incident=incident,
                upload=SimpleUploadedFile(name, data),
                description=description,
                user=organizer,
            )
        if "referral" in spec:
            Referral.objects.create(
                incident=incident, reason=spec["referral"], status=referral_status, referred_by=organizer
            )
    for spec in site.get("filings", []):
        closed = spec.get("closed_days_ago")
        services.create_child(
            model=AgencyFiling,
            worksite=worksite,
            user=organizer,
            agency=spec["agency"],
            case_number=spec["case_number"],
            filed_on=today - datetime.timedelta(days=spec["days_ago"]),
            closed_on=today - datetime.timedelta(days=closed) if closed is not None else None,
            notes=spec["notes"],
            incidents=[incidents[key] for key in spec["incidents"]],
        )
    return worksite


def seed(*, password, log):
    today, now = timezone.localdate(), timezone.now().replace(second=0, microsecond=0)
    created = 0
    for name, _kind, suffix in ORGANIZATIONS:
        organization = Organization.objects.get(name=name)
        if Worksite.objects.filter(organization=organization).exists():
            continue
        sites, referral_status = DATA[suffix]
        organizer = User.objects.get(username=f"organizer{suffix}")
        admin = User.objects.get(username=f"admin{suffix}")
        for site in sites:
            _seed_worksite(
                site,
                organization=organization,
                organizer=organizer,
                admin=admin,
                today=today,
                now=now,
                referral_status=referral_status,
            )
            created += 1
    if created:
        log(f"Demo cases: {created} worksites with stages, contacts, incidents, evidence and filings.")
    else:
        log("Demo cases: already there.")
