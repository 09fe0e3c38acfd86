"""Seed data of the clause library: the 19 clause topics and version 1 of each model clause, in English and
Spanish. Written for the project in plain language (not copied from any contract); legal staff review it
before use. Loaded by the app's data migrations (0002; 0004 adds the Spanish commentary of the clauses
already seeded); edited afterwards in the admin (a new clause version).

Topics, gists and sources come only from shared/domain.md (section 3). Placeholders are written
`{name}`; PLACEHOLDERS lists every name a clause may use, with its labels.
"""

# MODEL TEXT, NOT LEGAL ADVICE: legal staff must review every clause, and its fit with the law of each
# worksite's state, before it is proposed at the table.

LAST_VERIFIED = "2026-12-03"

PLACEHOLDERS = {
    "employer": ("Employer", "Empleador"),
    "union": ("Union", "Sindicato"),
    "notice_hours": ("Hours to notify the union", "Horas para avisar al sindicato"),
    "notice_days": ("Days to give written notice", "Días para dar aviso por escrito"),
    "cure_days": ("Days to correct documents", "Días para corregir documentos"),
    "leave_days": ("Days of leave for immigration matters", "Días de permiso para asuntos migratorios"),
    "rehire_months": ("Months to return with seniority", "Meses para regresar con antigüedad"),
    "training_hours": ("Paid training hours a year", "Horas pagadas de capacitación al año"),
    "fund_cents": ("Cents per hour worked to the legal fund", "Centavos por hora trabajada al fondo legal"),
    "languages": ("Languages of the workforce", "Idiomas del personal"),
}
# The placeholders that are a number (of hours, days, months, cents), each with its maximum: a value is a
# whole number from 1 to it. The maximums leave room above the samples of shared/domain.md (72 hours'
# notice, 90 days of leave and 90 more, a cure period of 120 days or more, 12 months to return); the
# other placeholders are text.
NUMBERS = {
    "notice_hours": 168,  # a week
    "notice_days": 90,
    "cure_days": 365,
    "leave_days": 365,
    "rehire_months": 60,
    "training_hours": 80,
    "fund_cents": 100,  # a dollar an hour
}

TOPICS = [
    {
        "code": "ice_access",
        "label_en": "ICE access to the worksite: judicial warrant only",
        "label_es": "Acceso de ICE al lugar de trabajo: solo con orden judicial",
        "gist_en": (
            "Agents enter non-public areas or see personnel records only with a warrant signed by a judge, "
            "not an administrative warrant (I-200, I-205), detainer or other civil immigration paper; "
            "lawful I-9 production is still honored."
        ),
        "gist_es": (
            "Los agentes entran a áreas no públicas o ven los expedientes del personal solo con una orden "
            "firmada por un juez, no con una orden administrativa (I-200, I-205), una retención u otro "
            "documento migratorio civil; se sigue cumpliendo con la entrega legal de los I-9."
        ),
        "source": "Labor Notes compilation (Jan 16 2025); UNITE HERE; UE Local 1103 sample",
    },
    {
        "code": "union_notice",
        "label_en": "Immediate notice to the union of ICE contact or investigation",
        "label_es": "Aviso inmediato al sindicato de contacto o investigación de ICE",
        "gist_en": (
            "The employer phones the union at once when agents demand entry or seek to question workers, "
            "notifies it in writing of any investigation or records request, and shares documents served."
        ),
        "gist_es": (
            "El empleador llama de inmediato al sindicato cuando los agentes exigen entrar o quieren "
            "interrogar al personal, le avisa por escrito de toda investigación o solicitud de "
            "expedientes y le da copia de los documentos entregados."
        ),
        "source": "Labor Notes 2025; UNITE HERE; SHRM 2017",
    },
    {
        "code": "enforcement_conduct",
        "label_en": "Conduct during an enforcement action",
        "label_es": "Conducta durante una acción de control migratorio",
        "gist_en": (
            "Questioning in private, workers told of any request, compliance only as far as the law "
            "requires, a union representative present, no discipline for stopping work out of fear."
        ),
        "gist_es": (
            "Interrogatorios en privado, aviso al personal de cualquier solicitud, cumplimiento solo en "
            "lo que exige la ley, un representante sindical presente y ninguna sanción por dejar de "
            "trabajar por miedo."
        ),
        "source": "Labor Notes 2025",
    },
    {
        "code": "privacy",
        "label_en": "Confidentiality of immigration status and employee privacy",
        "label_es": "Confidencialidad del estatus migratorio y privacidad del personal",
        "gist_en": (
            "No collecting or disclosing status, addresses or other employee information to immigration "
            "authorities unless legally compelled, and the union and worker are told first."
        ),
        "gist_es": (
            "No recopilar ni revelar a las autoridades migratorias el estatus, las direcciones u otra "
            "información del personal salvo obligación legal, y avisar primero al sindicato y a la "
            "persona."
        ),
        "source": "Labor Notes 2025; UE Local 1103 sample",
    },
    {
        "code": "no_match",
        "label_en": "Social Security no-match letters",
        "label_es": "Cartas de discrepancia del Seguro Social",
        "gist_en": (
            "A no-match letter is not proof of lack of work authorization; the union is told, the worker "
            "gets time and help to correct records, and there is no adverse action because of the letter."
        ),
        "gist_es": (
            "Una carta de discrepancia no prueba la falta de autorización de trabajo; se avisa al "
            "sindicato, la persona recibe tiempo y ayuda para corregir sus registros y no hay medidas en "
            "su contra por la carta."
        ),
        "source": "Labor Notes 2007 and 2019; AFL-CIO “We Will Defend and Resist”; LCLAA",
    },
    {
        "code": "reverification",
        "label_en": "Limits on I-9 re-verification",
        "label_es": "Límites a la reverificación del I-9",
        "gist_en": (
            "No proof of status beyond what the law and the I-9 require, no re-verification of current "
            "workers without actual knowledge that creates liability, and notice and a long cure period "
            "first."
        ),
        "gist_es": (
            "No pedir pruebas de estatus más allá de lo que exigen la ley y el I-9, no reverificar al "
            "personal actual sin un conocimiento real que genere responsabilidad, y primero dar aviso y "
            "un plazo largo para corregir."
        ),
        "source": "texaslaborcitizenship.org sample contract language; Labor Notes 2025",
    },
    {
        "code": "i9_audit",
        "label_en": "I-9 audits and Notices of Inspection",
        "label_es": "Auditorías del I-9 y Avisos de Inspección",
        "gist_en": (
            "The union gets prompt notice and a copy of any Notice of Inspection and of its results; workers "
            "get notice, time and help, and no one is discharged before the federal cure period runs."
        ),
        "gist_es": (
            "El sindicato recibe aviso inmediato y copia de todo Aviso de Inspección y de sus resultados; "
            "el personal recibe aviso, tiempo y ayuda, y nadie es despedido antes de que venza el plazo "
            "federal para corregir."
        ),
        "source": "Labor Notes 2025; California Labor Code §90.2 (AB 450) summaries",
    },
    {
        "code": "e_verify",
        "label_en": "E-Verify",
        "label_es": "E-Verify",
        "gist_en": (
            "No voluntary enrollment in E-Verify or other electronic status checks unless the law requires "
            "it; any change is first bargained with the union."
        ),
        "gist_es": (
            "Sin inscripción voluntaria en E-Verify ni en otras revisiones electrónicas del estatus salvo "
            "que la ley lo exija; todo cambio se negocia antes con el sindicato."
        ),
        "source": "UNITE HERE; Labor Notes 2025; The Ruprecht Co. (ALJ 2016); Pacific Steel Casting (2012)",
    },
    {
        "code": "identity_change",
        "label_en": "Name, Social Security number and document changes",
        "label_es": "Cambios de nombre, número de Seguro Social y documentos",
        "gist_en": (
            "A worker who lawfully gets new papers and presents a new name, number or work permit is "
            "updated without discipline or loss of seniority, pay or benefits."
        ),
        "gist_es": (
            "Quien obtiene legalmente papeles nuevos y presenta un nombre, número o permiso de trabajo "
            "nuevo queda registrado sin sanción ni pérdida de antigüedad, salario o beneficios."
        ),
        "source": "California Labor Code §1024.6 (statutory analog); UNITE HERE; AFL-CIO toolkit",
    },
    {
        "code": "immigration_leave",
        "label_en": "Leave for immigration proceedings",
        "label_es": "Permiso para trámites migratorios",
        "gist_en": (
            "Unpaid leave to attend hearings and interviews or resolve status, extendable on request, with "
            "return to the same or a comparable job."
        ),
        "gist_es": (
            "Permiso sin goce de sueldo para asistir a audiencias y entrevistas o resolver el estatus, "
            "prorrogable a petición, con regreso al mismo puesto o a uno equivalente."
        ),
        "source": "Law Insider “Absence for Immigration Proceedings”; Labor Notes 2025",
    },
    {
        "code": "rehire_seniority",
        "label_en": "Reinstatement and seniority after work-authorization problems",
        "label_es": "Reincorporación y antigüedad tras problemas de autorización de trabajo",
        "gist_en": (
            "A worker separated over work authorization may come back within a set window with valid "
            "papers, rehired at once with no loss of seniority."
        ),
        "gist_es": (
            "Quien pierde el empleo por un problema de autorización de trabajo puede volver dentro de un "
            "plazo fijo con papeles válidos, recontratado de inmediato sin perder antigüedad."
        ),
        "source": "UNITE HERE workplace protections",
    },
    {
        "code": "non_discrimination",
        "label_en": "Non-discrimination: national origin, citizenship, immigration status",
        "label_es": "No discriminación: origen nacional, ciudadanía, estatus migratorio",
        "gist_en": (
            "No discrimination because of national origin, citizenship or immigration status, accent, or "
            "a change in work authorization."
        ),
        "gist_es": (
            "Ninguna discriminación por origen nacional, ciudadanía o estatus migratorio, acento o un "
            "cambio en la autorización de trabajo."
        ),
        "source": "UNITE HERE; Labor Notes 2025",
    },
    {
        "code": "non_retaliation",
        "label_en": "No immigration-related retaliation or threats",
        "label_es": "Sin represalias ni amenazas relacionadas con la inmigración",
        "gist_en": (
            "No threats to call immigration, no document demands, no use of status as leverage against "
            "complaints, organizing or grievances."
        ),
        "gist_es": (
            "Sin amenazas de llamar a inmigración, sin exigir documentos y sin usar el estatus como "
            "presión contra quejas, organización o reclamos."
        ),
        "source": "Labor Notes 2025; NLRB GC 22-01 (2021)",
    },
    {
        "code": "language_access",
        "label_en": "Language access",
        "label_es": "Acceso lingüístico",
        "gist_en": (
            "The contract, notices, trainings and any immigration notices in the languages the workforce "
            "uses; interpreters at meetings and investigations."
        ),
        "gist_es": (
            "El contrato, los avisos, las capacitaciones y todo aviso migratorio en los idiomas que usa "
            "el personal; intérpretes en reuniones e investigaciones."
        ),
        "source": "California AB 450 notice rule; NLRB GC 22-01",
    },
    {
        "code": "training",
        "label_en": "Know-your-rights training, supervisor training, immigration liaison",
        "label_es": "Capacitación sobre derechos, capacitación de supervisores, enlace migratorio",
        "gist_en": (
            "Paid time for union-led know-your-rights sessions, supervisors trained on the response "
            "protocol, a designated immigration liaison."
        ),
        "gist_es": (
            "Tiempo pagado para sesiones sindicales sobre derechos, supervisores capacitados en el "
            "protocolo de respuesta y un enlace designado para asuntos migratorios."
        ),
        "source": "Labor Notes 2025; UNITE HERE workshops (SHRM 2017)",
    },
    {
        "code": "tps_daca",
        "label_en": "TPS, DACA and work-permit expirations",
        "label_es": "Vencimientos de TPS, DACA y permisos de trabajo",
        "gist_en": (
            "No action because DHS announces a TPS or DACA termination; automatic extensions accepted; "
            "re-verification only at actual expiration; time off to file renewals and rehire on approval."
        ),
        "gist_es": (
            "Ninguna medida porque el DHS anuncie el fin del TPS o de DACA; se aceptan las extensiones "
            "automáticas; reverificación solo al vencimiento real; tiempo para tramitar renovaciones y "
            "recontratación al ser aprobadas."
        ),
        "source": "AFL-CIO DACA page; UFCW TPS materials; DOJ IER; NILC DACA workplace FAQ (2024)",
    },
    {
        "code": "citizenship_support",
        "label_en": "Citizenship and legal-assistance benefits",
        "label_es": "Apoyo para la ciudadanía y asistencia legal",
        "gist_en": (
            "A paid day off for the naturalization ceremony and employer contributions to a joint "
            "immigration legal-services fund."
        ),
        "gist_es": (
            "Un día libre pagado para la ceremonia de naturalización y aportes del empleador a un fondo "
            "conjunto de asesoría legal migratoria."
        ),
        "source": "UNITE HERE",
    },
    {
        "code": "successorship",
        "label_en": "Successorship and transfer of I-9s",
        "label_es": "Sucesión patronal y traspaso de los I-9",
        "gist_en": (
            "On a sale or reorganization the new owner takes over existing I-9s and treats workers as "
            "continuing employees, so no new verification is triggered."
        ),
        "gist_es": (
            "En una venta o reorganización, el nuevo dueño asume los I-9 existentes y trata al personal "
            "como empleo continuo, sin una nueva verificación."
        ),
        "source": "texaslaborcitizenship.org sample contract language",
    },
    {
        "code": "sponsorship",
        "label_en": "Visa-holder sponsorship support",
        "label_es": "Apoyo a trabajadores con visa",
        "gist_en": (
            "For workers on H, J or F status: the employer supports extensions and changes of status, pays "
            "the fees, and agrees an individual plan."
        ),
        "gist_es": (
            "Para personal con estatus H, J o F: el empleador apoya las extensiones y cambios de estatus, "
            "paga las tarifas y acuerda un plan individual."
        ),
        "source": "Labor Notes 2025; UE Local 1103 sample",
    },
]

MODEL, FALLBACK, MINIMUM = "model", "fallback", "minimum"


def _clause(
    code, topic, strength, tags, title_en, title_es, body_en, body_es, commentary, commentary_es, sources=""
):
    return {
        "code": code,
        "topic": topic,
        "strength": strength,
        "tags": tags,
        "title_en": title_en,
        "title_es": title_es,
        "body_en": body_en,
        "body_es": body_es,
        "commentary": commentary,
        "commentary_es": commentary_es,
        "sources": sources or next(t["source"] for t in TOPICS if t["code"] == topic),
    }


CLAUSES = [
    _clause(
        "ice-access-judicial-warrant",
        "ice_access",
        MODEL,
        "ice, warrant, access",
        "Immigration agents at the workplace",
        "Agentes de inmigración en el lugar de trabajo",
        "{employer} will not let immigration agents into any non-public area of the workplace, and will "
        "not show them personnel records, unless they present a warrant signed by a judge that covers that "
        "area or those records. An administrative warrant (such as Form I-200 or I-205), a detainer or a "
        "letter is not enough. A trained manager checks the paper, asks the agents to wait in a public "
        "area, and calls {employer}'s lawyer and {union} before anyone goes further. Nothing here stops "
        "{employer} from producing I-9 forms when the law requires it.",
        "{employer} no dejará entrar a agentes de inmigración a ninguna área no pública del lugar de "
        "trabajo, ni les mostrará expedientes del personal, a menos que presenten una orden firmada por un "
        "juez que cubra esa área o esos expedientes. Una orden administrativa (como el formulario I-200 o "
        "I-205), una retención o una carta no bastan. Un gerente capacitado revisa el documento, pide a los "
        "agentes que esperen en un área pública y llama al abogado de {employer} y a {union} antes de "
        "seguir. Nada de esto impide que {employer} entregue los formularios I-9 cuando la ley lo exija.",
        "Open here: it is the clause members ask about first. Employers often say they cannot refuse "
        "agents; the answer is that the clause only asks them not to volunteer access the law does not "
        "require. Keep the I-9 carve-out: it takes away their main objection.",
        "Empiece por aquí: es la cláusula por la que los afiliados preguntan primero. Los empleadores "
        "suelen decir que no pueden negarles la entrada a los agentes; la respuesta es que la cláusula solo "
        "les pide que no ofrezcan por su cuenta un acceso que la ley no exige. Conserve la excepción del "
        "I-9: les quita su principal objeción.",
    ),
    _clause(
        "ice-access-verify-and-call",
        "ice_access",
        FALLBACK,
        "ice, warrant, access",
        "Checking agents' papers",
        "Revisión de los documentos de los agentes",
        "When immigration agents come to the workplace, {employer} will ask for their identification and "
        "any warrant, make a copy, and call {union} before letting them into non-public areas, unless a "
        "judge's warrant orders immediate entry.",
        "Cuando lleguen agentes de inmigración al lugar de trabajo, {employer} pedirá su identificación y "
        "cualquier orden, sacará una copia y llamará a {union} antes de dejarlos entrar a áreas no públicas, "
        "salvo que una orden judicial exija la entrada inmediata.",
        "Use if the employer refuses the warrant-only rule outright. It still buys time for the union to "
        "arrive and gets the paper copied.",
        "Úsela si el empleador rechaza de plano la regla de entrada solo con orden judicial. Aun así, da "
        "tiempo para que llegue el sindicato y asegura que se saque copia del documento.",
    ),
    _clause(
        "union-notice-immediate",
        "union_notice",
        MODEL,
        "ice, notice, union",
        "Notice to the union",
        "Aviso al sindicato",
        "{employer} will phone {union} right away when immigration agents ask to enter the workplace or to "
        "question or arrest any worker. {employer} will tell {union} in writing within {notice_hours} hours "
        "of learning of any immigration investigation, any question about a worker's status, or any request "
        "for records, and will give {union} a copy of every document served.",
        "{employer} llamará de inmediato a {union} cuando agentes de inmigración pidan entrar al lugar de "
        "trabajo o interrogar o detener a cualquier trabajador. {employer} avisará a {union} por escrito "
        "dentro de las {notice_hours} horas siguientes a enterarse de cualquier investigación migratoria, "
        "pregunta sobre el estatus de un trabajador o solicitud de expedientes, y le dará copia de todo "
        "documento entregado.",
        "Forty-eight hours is common; push for 24. Make sure the contract names who at the union gets the "
        "call, with a number that answers at night.",
        "Lo habitual son cuarenta y ocho horas; insista en 24. Asegúrese de que el contrato indique quién "
        "recibe la llamada en el sindicato, con un número que conteste de noche.",
    ),
    _clause(
        "enforcement-conduct",
        "enforcement_conduct",
        MODEL,
        "ice, raid, steward",
        "If agents come with a valid warrant",
        "Si los agentes llegan con una orden válida",
        "If agents carry out a valid judicial warrant, {employer} will make sure any questioning happens "
        "as privately as possible, tell affected workers what the government asked for, and give only what "
        "the law requires. A union steward may be present. No worker will be disciplined for stopping work "
        "or leaving the area out of fear of arrest.",
        "Si los agentes ejecutan una orden judicial válida, {employer} procurará que todo interrogatorio "
        "sea lo más privado posible, informará a los trabajadores afectados de lo que pidió el gobierno y "
        "entregará solo lo que la ley exija. Un delegado sindical podrá estar presente. Ningún trabajador "
        "será sancionado por dejar de trabajar o salir del área por temor a ser detenido.",
        "The no-discipline sentence matters most to members; do not trade it away for the steward language.",
        "La frase que prohíbe sancionar es la que más importa a los afiliados; no la ceda a cambio del texto "
        "sobre el delegado sindical.",
    ),
    _clause(
        "privacy-status",
        "privacy",
        MODEL,
        "privacy, records",
        "Workers' private information",
        "Información privada del personal",
        "{employer} will not ask about, record or share any worker's immigration status, home address, "
        "phone number or other personal information with immigration authorities unless a court order or "
        "a law requires it. Before sharing anything it is legally forced to share, {employer} will tell the "
        "worker and {union}, unless the order forbids it.",
        "{employer} no preguntará, registrará ni compartirá con las autoridades migratorias el estatus "
        "migratorio, la dirección, el teléfono ni otra información personal de ningún trabajador, a menos "
        "que lo exija una orden judicial o una ley. Antes de compartir algo que la ley le obligue a "
        "compartir, {employer} avisará al trabajador y a {union}, salvo que la orden lo prohíba.",
        "Ask which systems hold home addresses: scheduling and payroll vendors count too.",
        "Pregunte qué sistemas guardan las direcciones de domicilio: los proveedores de horarios y de nómina "
        "también cuentan.",
    ),
    _clause(
        "no-match-letters",
        "no_match",
        MODEL,
        "ssa, no-match",
        "Social Security no-match letters",
        "Cartas de discrepancia del Seguro Social",
        "A letter saying a worker's name and Social Security number do not match is not proof that the "
        "worker cannot work legally. {employer} will give {union} a copy within {notice_days} days, give "
        "the worker at least {cure_days} days and help to sort out the records, and will not fire, "
        "discipline, re-verify or threaten anyone because of the letter.",
        "Una carta que diga que el nombre y el número de Seguro Social de un trabajador no coinciden no "
        "prueba que no pueda trabajar legalmente. {employer} dará copia a {union} dentro de {notice_days} "
        "días, dará al trabajador al menos {cure_days} días y ayuda para corregir los registros, y no "
        "despedirá, sancionará, reverificará ni amenazará a nadie por la carta.",
        "When contracts are silent, arbitrators have gone both ways on no-match firings. Spell it out.",
        "Cuando los contratos no dicen nada, los árbitros han resuelto en ambos sentidos sobre los despidos "
        "por cartas de discrepancia. Déjelo explícito en el contrato.",
    ),
    _clause(
        "reverification-limits",
        "reverification",
        MODEL,
        "i-9, re-verification",
        "No re-checking of papers",
        "No volver a revisar documentos",
        "{employer} will not ask current workers for proof of work authorization beyond what federal law "
        "and Form I-9 require, and will not re-verify anyone, after a sale or merger included, unless it has "
        "real knowledge that would make it liable under the law. If {employer} believes it must re-verify, "
        "it will first tell {union} the facts in writing and give the worker {cure_days} days to present "
        "documents before taking any action.",
        "{employer} no pedirá a los trabajadores actuales pruebas de autorización de trabajo más allá de lo "
        "que exigen la ley federal y el formulario I-9, y no reverificará a nadie, incluso después de una "
        "venta o fusión, salvo que tenga conocimiento real que la haga responsable ante la ley. Si "
        "{employer} cree que debe reverificar, primero explicará los hechos a {union} por escrito y dará al "
        "trabajador {cure_days} días para presentar documentos antes de tomar cualquier medida.",
        "The sample language found sets the cure period at 120 days or more.",
        "El texto de ejemplo que se encontró fija el plazo para corregir los documentos en 120 días o más.",
    ),
    _clause(
        "reverification-notice-only",
        "reverification",
        MINIMUM,
        "i-9, re-verification",
        "Notice before re-checking papers",
        "Aviso antes de volver a revisar documentos",
        "Before asking any current worker to show work-authorization documents again, {employer} will tell "
        "{union} in writing and give the worker {cure_days} days to present them.",
        "Antes de pedir a un trabajador actual que vuelva a mostrar documentos de autorización de trabajo, "
        "{employer} avisará a {union} por escrito y dará al trabajador {cure_days} días para presentarlos.",
        "The least to accept: notice and time. Without them re-verification becomes a purge.",
        "Lo mínimo que se puede aceptar: aviso y tiempo. Sin ellos, la reverificación se convierte en una "
        "purga.",
    ),
    _clause(
        "i9-audit-notice",
        "i9_audit",
        MODEL,
        "i-9, audit, noi",
        "I-9 audits",
        "Auditorías del I-9",
        "If {employer} receives a Notice of Inspection of its I-9 forms, it will give {union} a copy within "
        "{notice_hours} hours and share the results when they arrive. Each affected worker gets written "
        "notice, time off and help to present valid documents, and may bring a union representative. No "
        "one will be fired before the time federal rules allow to correct the documents has run out.",
        "Si {employer} recibe un Aviso de Inspección de sus formularios I-9, dará copia a {union} dentro de "
        "{notice_hours} horas y compartirá los resultados cuando lleguen. Cada trabajador afectado recibirá "
        "aviso por escrito, tiempo libre y ayuda para presentar documentos válidos, y podrá ir acompañado de "
        "un representante sindical. Nadie será despedido antes de que venza el plazo que las normas "
        "federales dan para corregir los documentos.",
        "In California, Labor Code §90.2 already requires notice within 72 hours: the clause can go further.",
        "En California, la sección 90.2 del Código Laboral (Labor Code) ya exige dar aviso dentro de 72 "
        "horas: la cláusula puede ir más allá.",
    ),
    _clause(
        "e-verify-no-enrollment",
        "e_verify",
        MODEL,
        "e-verify",
        "No E-Verify unless the law requires it",
        "Sin E-Verify salvo que la ley lo exija",
        "{employer} will not sign up for E-Verify or any other electronic check of immigration status "
        "unless a law requires it. Before any change in how it checks work authorization, {employer} will "
        "notify {union} and bargain over it.",
        "{employer} no se inscribirá en E-Verify ni en ningún otro sistema electrónico de revisión del "
        "estatus migratorio, salvo que una ley lo exija. Antes de cualquier cambio en la forma de revisar la "
        "autorización de trabajo, {employer} avisará a {union} y lo negociará.",
        "Unilateral enrollment has been found to violate the duty to bargain (The Ruprecht Co., ALJ 2016).",
        "Se ha resuelto que inscribirse de forma unilateral viola la obligación de negociar (The Ruprecht "
        "Co., juez de derecho administrativo, 2016).",
    ),
    _clause(
        "identity-change",
        "identity_change",
        MODEL,
        "name change, ssn, documents",
        "New name, number or work permit",
        "Nuevo nombre, número o permiso de trabajo",
        "A worker who lawfully obtains new work authorization and gives {employer} a new name, Social "
        "Security number or work permit will have the records updated, and will keep the same job, "
        "seniority, pay and benefits. The earlier information will not be treated as misconduct.",
        "El trabajador que obtenga legalmente una nueva autorización de trabajo y entregue a {employer} un "
        "nuevo nombre, número de Seguro Social o permiso de trabajo tendrá sus registros actualizados, y "
        "conservará su puesto, antigüedad, salario y beneficios. La información anterior no se considerará "
        "una falta.",
        "This protects the members who fix their status: they should not lose years of seniority for it.",
        "Esto protege a los afiliados que regularizan su estatus: no deben perder años de antigüedad por "
        "ello.",
    ),
    _clause(
        "immigration-leave",
        "immigration_leave",
        MODEL,
        "leave, hearing",
        "Leave for immigration matters",
        "Permiso para asuntos migratorios",
        "A worker may take up to {leave_days} days of unpaid leave to attend immigration hearings or "
        "interviews or to resolve their status, and the leave will be extended on a written request by the "
        "worker or {union}. On return the worker gets the same or a comparable job. {employer} may ask for "
        "proof of the appointment or of updated work authorization.",
        "El trabajador podrá tomar hasta {leave_days} días de permiso sin goce de sueldo para asistir a "
        "audiencias o entrevistas migratorias o para resolver su estatus, y el permiso se extenderá a "
        "petición escrita del trabajador o de {union}. Al regresar, el trabajador recupera el mismo puesto o "
        "uno equivalente. {employer} podrá pedir constancia de la cita o de la autorización actualizada.",
        "Ninety days, extendable by another ninety, appears in several contracts.",
        "Varios contratos fijan noventa días, prorrogables por otros noventa.",
    ),
    _clause(
        "rehire-seniority",
        "rehire_seniority",
        MODEL,
        "rehire, seniority",
        "Coming back with seniority",
        "Regreso con antigüedad",
        "A worker who leaves or is let go because of a work-authorization problem may come back within "
        "{rehire_months} months by presenting valid authorization. {employer} will rehire the worker "
        "into the first opening in the former job, with all the seniority held before.",
        "El trabajador que se vaya o sea despedido por un problema de autorización de trabajo podrá regresar "
        "dentro de {rehire_months} meses presentando una autorización válida. {employer} lo recontratará en "
        "la primera vacante de su puesto anterior, con toda la antigüedad que tenía.",
        "UNITE HERE contracts use a 12-month window.",
        "Los contratos de UNITE HERE fijan un plazo de 12 meses.",
    ),
    _clause(
        "non-discrimination",
        "non_discrimination",
        MODEL,
        "discrimination",
        "Equal treatment",
        "Trato igual",
        "{employer} will not treat any worker worse because of national origin, citizenship, immigration "
        "status, accent, or a change in work authorization.",
        "{employer} no dará peor trato a ningún trabajador por su origen nacional, ciudadanía, estatus "
        "migratorio, acento o un cambio en su autorización de trabajo.",
        "Make sure it is grievable: some contracts send discrimination claims only to agencies.",
        "Asegúrese de que se pueda presentar una queja formal por su incumplimiento: algunos contratos "
        "envían las denuncias de discriminación solo a los organismos de gobierno.",
    ),
    _clause(
        "no-retaliation",
        "non_retaliation",
        MODEL,
        "retaliation, threats",
        "No immigration threats",
        "Sin amenazas migratorias",
        "{employer} will not threaten to call immigration, demand papers, or use anyone's status against a "
        "worker who complains, organizes or files a grievance, and will not fire anyone because of status "
        "unless the law requires it.",
        "{employer} no amenazará con llamar a inmigración, no exigirá documentos ni usará el estatus de "
        "nadie contra un trabajador que se queje, se organice o presente una queja formal, y no despedirá a "
        "nadie por su estatus salvo que la ley lo exija.",
        "Threats tied to status are coercive under the labor law; the clause makes them a contract breach "
        "too.",
        "Las amenazas ligadas al estatus son coercitivas según la ley laboral; la cláusula las convierte "
        "además en un incumplimiento del contrato.",
    ),
    _clause(
        "language-access",
        "language_access",
        MODEL,
        "language, interpreters",
        "In the workers' languages",
        "En los idiomas del personal",
        "{employer} will provide this contract, workplace notices, trainings and any notice about an "
        "immigration inspection in {languages}, and will provide interpreters at meetings, investigations "
        "and disciplinary hearings.",
        "{employer} entregará este contrato, los avisos del lugar de trabajo, las capacitaciones y cualquier "
        "aviso sobre una inspección migratoria en {languages}, y proporcionará intérpretes en reuniones, "
        "investigaciones y audiencias disciplinarias.",
        "List every language the committee says is spoken, indigenous languages included.",
        "Enumere todos los idiomas que, según el comité, se hablan, incluidas las lenguas indígenas.",
    ),
    _clause(
        "training-liaison",
        "training",
        MODEL,
        "training, kyr, liaison",
        "Know-your-rights training",
        "Capacitación sobre derechos",
        "Each worker will have up to {training_hours} paid hours a year to attend know-your-rights sessions "
        "run by {union}. {employer} will train its supervisors on this contract's procedure for immigration "
        "agents, and will name one manager as the contact for immigration questions.",
        "Cada trabajador tendrá hasta {training_hours} horas pagadas al año para asistir a sesiones sobre "
        "sus derechos organizadas por {union}. {employer} capacitará a sus supervisores sobre el "
        "procedimiento de este contrato ante agentes de inmigración y nombrará a un gerente como contacto "
        "para las preguntas migratorias.",
        "Trained supervisors are what make the access clause work on a night shift.",
        "Son los supervisores capacitados los que hacen funcionar la cláusula de acceso en un turno de "
        "noche.",
    ),
    _clause(
        "tps-daca-expiration",
        "tps_daca",
        MODEL,
        "tps, daca, ead",
        "Work permits that expire or are extended",
        "Permisos de trabajo que vencen o se extienden",
        "{employer} will take no action because the government announces the end of TPS or DACA. It will "
        "accept automatic extensions of work permits published by the government, will ask for new "
        "documents only when a permit has actually expired, will give time off to file renewals, and will "
        "rehire a worker whose renewal is approved.",
        "{employer} no tomará ninguna medida porque el gobierno anuncie el fin del TPS o de DACA. Aceptará "
        "las extensiones automáticas de permisos de trabajo publicadas por el gobierno, pedirá nuevos "
        "documentos solo cuando un permiso haya vencido de verdad, dará tiempo libre para presentar "
        "renovaciones y recontratará al trabajador cuya renovación sea aprobada.",
        "DACA renewals are filed 150 to 120 days before the permit expires: time off in that window matters.",
        "Las renovaciones de DACA se presentan entre 150 y 120 días antes de que venza el permiso: el tiempo "
        "libre en ese periodo es importante.",
    ),
    _clause(
        "citizenship-support",
        "citizenship_support",
        MODEL,
        "citizenship, legal fund",
        "Help on the road to citizenship",
        "Apoyo en el camino a la ciudadanía",
        "A worker gets a paid day off for their naturalization ceremony. {employer} will pay {fund_cents} "
        "cents for every hour worked into a fund run jointly with {union} that pays for immigration legal "
        "help for workers and their families.",
        "El trabajador tendrá un día libre pagado para su ceremonia de naturalización. {employer} aportará "
        "{fund_cents} centavos por cada hora trabajada a un fondo administrado junto con {union} que paga "
        "asesoría legal migratoria para los trabajadores y sus familias.",
        "A small hourly contribution adds up; a joint fund keeps the employer out of workers' cases.",
        "Una pequeña aportación por hora va sumando; un fondo conjunto mantiene al empleador fuera de los "
        "casos de los trabajadores.",
    ),
    _clause(
        "successorship-i9",
        "successorship",
        MODEL,
        "successor, sale, i-9",
        "If the business is sold",
        "Si se vende el negocio",
        "If the business is sold or reorganized, {employer} will require the new owner to take over the "
        "existing I-9 forms and to treat every worker as continuing in employment, so that no one has to "
        "show papers again because of the sale.",
        "Si el negocio se vende o se reorganiza, {employer} exigirá al nuevo dueño que asuma los formularios "
        "I-9 existentes y trate a cada trabajador como empleado que continúa, para que nadie tenga que "
        "volver a mostrar documentos por la venta.",
        "Sales are when mass re-verification happens. Pair this with the re-verification clause.",
        "Las reverificaciones masivas ocurren cuando se vende el negocio. Combine esta cláusula con la de "
        "reverificación.",
    ),
    _clause(
        "visa-sponsorship",
        "sponsorship",
        MODEL,
        "visa, h-2, sponsorship",
        "Support for workers on visas",
        "Apoyo a trabajadores con visa",
        "For workers on H, J or F visas, {employer} will support extensions and changes of status, pay the "
        "government and lawyer fees, and agree a written plan with each worker and {union}.",
        "Para los trabajadores con visas H, J o F, {employer} apoyará las extensiones y cambios de estatus, "
        "pagará las tarifas del gobierno y de abogados, y acordará un plan por escrito con cada trabajador y "
        "con {union}.",
        "Only relevant where visa holders are in the unit; ask the committee before proposing it.",
        "Solo es pertinente si hay trabajadores con visa en la unidad; consulte al comité antes de "
        "proponerla.",
    ),
]
