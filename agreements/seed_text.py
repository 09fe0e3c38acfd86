"""Seed data of the ICE neutrality agreement template: its components (the review checklist) and the model
text of version 1, in English and Spanish. Written for the project in plain language; legal staff review it
before use. Loaded by the app's data migrations; edited afterwards in the admin (a new template version)."""

# MODEL TEXT, NOT LEGAL ADVICE: legal staff must review every section (and its fit with the law of each
# worksite's state) before the agreement is proposed or signed. Facts and citations come only from
# shared/domain.md (sections 2.4, 2.5, 3 and 4); nothing here has been checked against current law.

COMPONENTS = [
    {
        "code": "parties_sites",
        "order": 1,
        "label_en": "Parties, sites and term",
        "label_es": "Partes, lugares de trabajo y vigencia",
        "description": (
            "Names the employer and the union or worker organization, lists the worksites covered, sets "
            "the effective date and term, and states how the agreement relates to any collective "
            "bargaining or card-check neutrality agreement."
        ),
        "source": "POWER Campaign synthesis (shared/domain.md §4, item 1)",
        "last_verified": "2026-12-03",
    },
    {
        "code": "no_voluntary_cooperation",
        "order": 2,
        "label_en": "No voluntary cooperation with immigration enforcement",
        "label_es": "Sin cooperación voluntaria con las autoridades de inmigración",
        "description": (
            "The employer will not contact, invite or voluntarily help ICE, CBP, DHS or police acting "
            "for them, and will not use immigration status, E-Verify enrollment, re-verification, I-9 "
            "demands or immigration threats against organizing, complaints or disputes."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 2); clause library topics e_verify and "
            "non_retaliation (§3, items 8 and 13)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "judicial_warrant_access",
        "order": 3,
        "label_en": "Judicial-warrant-only access",
        "label_es": "Acceso solo con orden judicial",
        "description": (
            "Immigration agents enter non-public areas or see employee records only with a judicial "
            "warrant signed by a judge (not an administrative warrant such as Form I-200 or I-205); a "
            "trained responder on every shift checks the document and calls counsel and the union."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 3); §2.4 (judicial vs administrative "
            "warrants); §3, item 1 (ice_access)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "union_notice",
        "order": 4,
        "label_en": "Notice to the union; conduct during a visit",
        "label_es": "Aviso al sindicato; conducta durante una visita",
        "description": (
            "The employer notifies the union immediately (within 1 hour) of any immigration agent "
            "contact, gives copies of every warrant, subpoena or Notice of Inspection, keeps questioning "
            "private, allows a union representative to be present, and does not discipline workers who "
            "stay away out of fear of arrest."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 4); §3, items 2 and 3 (union_notice, "
            "enforcement_conduct)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "i9_inspections",
        "order": 5,
        "label_en": "I-9 inspections (Notices of Inspection)",
        "label_es": "Inspecciones del Formulario I-9 (Avisos de Inspección)",
        "description": (
            "On an I-9 Notice of Inspection the employer uses the full time allowed (at least 3 business "
            "days), notifies workers and the union within 72 hours (the AB 450 standard, applied at "
            "every site), shares the notice and the results, gives workers time and help to cure, and "
            "takes no adverse action before the cure period ends."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 5); §2.4 (3 business days for an I-9 "
            "Notice of Inspection); §2.5 (California Labor Code §90.2, AB 450); §3, item 7 (i9_audit)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "status_protections",
        "order": 6,
        "label_en": "Status protections: no-match, re-verification, changes, renewals, leave, rehire",
        "label_es": (
            "Protecciones de estatus: discrepancias, reverificación, cambios, renovaciones, permisos, "
            "recontratación"
        ),
        "description": (
            "No adverse action on Social Security no-match letters; no re-verification beyond what "
            "federal law requires, with union notice and a 120-day cure period; updates of name, SSN or "
            "documents without penalty; TPS/DACA/EAD renewal protections; leave for immigration "
            "proceedings; rehire with seniority."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 6); §3, items 5, 6, 9, 10, 11 and 16; "
            "California Labor Code §1024.6 as a statutory analog (§2.5)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "privacy",
        "order": 7,
        "label_en": "Privacy of employee data",
        "label_es": "Privacidad de los datos de los trabajadores",
        "description": (
            "The employer collects only the immigration-related information the law requires, keeps it "
            "confidential, shares it only under legal compulsion and only what is required, and notifies "
            "the worker and the union before any compelled disclosure."
        ),
        "source": "POWER Campaign synthesis (shared/domain.md §4, item 7); §3, item 4 (privacy)",
        "last_verified": "2026-12-03",
    },
    {
        "code": "certification_support",
        "order": 8,
        "label_en": "Support for U/T certification; no retaliation for cooperating with agencies",
        "label_es": "Apoyo a la certificación U/T; sin represalias por cooperar con las agencias",
        "description": (
            "The employer will not oppose or obstruct workers' requests to agencies for U or T visa "
            "certification or for statements of interest, and will not retaliate against workers who "
            "cooperate with WHD, OSHA, EEOC, the NLRB or state and local labor agencies."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 8); §1 (U visa certification), §1.6 (T "
            "visa), §2.2-2.3 (statements of interest)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "language_training",
        "order": 9,
        "label_en": "Language access and know-your-rights training",
        "label_es": "Acceso lingüístico y capacitación sobre derechos",
        "description": (
            "The agreement, notices and trainings are given in the languages workers use, with "
            "interpreters; workers get paid time for know-your-rights training led by the union, and "
            "managers and responders are trained on the agreement."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 9); §3, items 14 and 15 "
            "(language_access, training); §2.5 (AB 450 notice-language rule)"
        ),
        "last_verified": "2026-12-03",
    },
    {
        "code": "enforcement",
        "order": 10,
        "label_en": "Enforcement: expedited arbitration, remedies, posting",
        "label_es": "Cumplimiento: arbitraje acelerado, remedios, publicación",
        "description": (
            "Disputes go to expedited, final and binding arbitration with short deadlines; the "
            "arbitrator can order make-whole remedies (reinstatement, back pay, seniority); the "
            "agreement is posted at every site and given to every worker."
        ),
        "source": "POWER Campaign synthesis (shared/domain.md §4, item 10)",
        "last_verified": "2026-12-03",
    },
    {
        "code": "carve_outs",
        "order": 11,
        "label_en": "Carve-outs: valid warrants and subpoenas, I-9 process, federal law",
        "label_es": "Excepciones: órdenes y citaciones válidas, proceso del I-9, ley federal",
        "description": (
            "Nothing requires a party to resist a valid judicial warrant or lawful subpoena, to skip the "
            "I-9 Notice of Inspection process (at least 3 business days), or to break federal law; legal "
            "staff still have to review the agreement for federal harboring or obstruction exposure, "
            "which the project has not researched."
        ),
        "source": (
            "POWER Campaign synthesis (shared/domain.md §4, item 11, which notes the Labor Notes "
            "sample's carve-out); §2.4 (I-9 Notice of Inspection)"
        ),
        "last_verified": "2026-12-03",
    },
]

PLACEHOLDERS = {
    "employer": ("Employer's legal name", "Nombre legal del empleador"),
    "union": ("Union or worker organization", "Sindicato u organización de trabajadores"),
    "sites": ("Worksites covered", "Lugares de trabajo cubiertos"),
    "term_months": ("Term in months", "Duración en meses"),
    "effective_date": ("Effective date", "Fecha de vigencia"),
}
# What {effective_date} reads when no date is given: the agreement takes effect when both parties have
# signed ("takes effect on …", "entra en vigor el …"). A date is written out in each text's language.
EFFECTIVE_ON_SIGNING = {
    "en": "the day both parties have signed it",
    "es": "día en que ambas partes lo hayan firmado",
}

# What the model text says of the time after its term (section 1): the agreement goes on month to month
# until a party gives notice. An agreement whose signed text says so has no day it ends by itself.
CONTINUES_AFTER_TERM = {"en": "continues month to month", "es": "vigente mes a mes"}

SECTIONS = [
    {
        "component": "parties_sites",
        "heading_en": "1. Parties, worksites and term",
        "heading_es": "1. Partes, lugares de trabajo y vigencia",
        "body_en": (
            "This agreement is between {employer} and {union}. It protects every person {employer} "
            "employs at the following worksites, whatever their immigration status and whether or not "
            "they belong to {union}: {sites}. If {employer} opens, moves to or acquires another "
            "worksite, this agreement covers that worksite too.\n\n"
            "The agreement takes effect on {effective_date} and lasts {term_months} months. After that "
            "it continues month to month until either party gives the other 60 days' written notice that "
            "it wants to end or renegotiate it. If {employer} sells or transfers a covered worksite, it "
            "will notify {union} in writing at least 30 days before the transfer and give the buyer a "
            "copy of this agreement.\n\n"
            "This agreement adds to, and does not replace, any collective bargaining agreement or "
            "card-check neutrality agreement between {employer} and {union}, and any right that workers "
            "have under the law. Where two texts differ, the one that protects workers more applies, "
            "unless the law requires otherwise.\n\n"
            "[Model text: legal staff of {union} must review this agreement, including how it fits the "
            "law of the state where each worksite is, before it is proposed or signed. Delete this note "
            "from the final version.]"
        ),
        "body_es": (
            "Este acuerdo es entre {employer} y {union}. Protege a todas las personas que {employer} "
            "emplea en los siguientes lugares de trabajo, sin importar su estatus migratorio y sean o no "
            "miembros de {union}: {sites}. Si {employer} abre, se traslada a o adquiere otro lugar de "
            "trabajo, este acuerdo también cubre ese lugar.\n\n"
            "El acuerdo entra en vigor el {effective_date} y dura {term_months} meses. Después sigue "
            "vigente mes a mes hasta que una de las partes avise a la otra por escrito, con 60 días de "
            "anticipación, que quiere terminarlo o renegociarlo. Si {employer} vende o traspasa un lugar "
            "de trabajo cubierto, avisará a {union} por escrito al menos 30 días antes del traspaso y le "
            "dará al comprador una copia de este acuerdo.\n\n"
            "Este acuerdo se suma a cualquier contrato colectivo o acuerdo de neutralidad por "
            "verificación de tarjetas entre {employer} y {union}, y a cualquier derecho que los "
            "trabajadores tengan según la ley; no los reemplaza. Si dos textos dicen cosas distintas, se "
            "aplica el que más protege a los trabajadores, salvo que la ley exija otra cosa.\n\n"
            "[Texto modelo: el personal legal de {union} debe revisar este acuerdo, incluso cómo se "
            "ajusta a la ley del estado donde está cada lugar de trabajo, antes de proponerlo o "
            "firmarlo. Borre esta nota de la versión final.]"
        ),
    },
    {
        "component": "no_voluntary_cooperation",
        "heading_en": "2. No voluntary cooperation with immigration enforcement",
        "heading_es": "2. Sin cooperación voluntaria con las autoridades de inmigración",
        "body_en": (
            'In this agreement, "immigration agents" means officers of ICE, CBP or any other part of '
            "the Department of Homeland Security (DHS), and any police or other officer acting for them "
            "or with them.\n\n"
            "{employer} will not call, invite, tip off or voluntarily help immigration agents. This "
            "protects every worker at all times, and especially when workers organize, file a complaint, "
            "testify, strike or take part in any other dispute with {employer}.\n\n"
            "{employer}, its managers and supervisors, and anyone acting for it (including consultants "
            "and staffing agencies) will not: (a) threaten to call immigration agents, or mention a "
            "worker's immigration status, to discourage organizing, complaints or grievances; (b) ask "
            "workers about their immigration status, or ask for new or additional documents, beyond what "
            "federal law requires; (c) re-verify the work authorization of current workers, except as "
            "section 6 allows; (d) enroll in E-Verify or any other electronic status check, or expand "
            "its use, unless the law requires it, and then only after giving {union} at least 30 days' "
            "written notice and the chance to bargain.\n\n"
            "Any of these acts is a breach of this agreement. It may also violate workers' rights under "
            "the National Labor Relations Act, and {union} may pursue both."
        ),
        "body_es": (
            'En este acuerdo, "agentes de inmigración" significa los agentes de ICE, de CBP o de '
            "cualquier otra parte del Departamento de Seguridad Nacional (DHS), y cualquier policía u "
            "otro agente que actúe en nombre de ellos o junto con ellos.\n\n"
            "{employer} no llamará, no invitará, no dará avisos ni ayudará voluntariamente a los agentes "
            "de inmigración. Esto protege a todos los trabajadores en todo momento, y en especial cuando "
            "se organizan, presentan una queja, declaran como testigos, hacen huelga o participan en "
            "cualquier otra disputa con {employer}.\n\n"
            "{employer}, sus gerentes y supervisores, y cualquier persona que actúe en su nombre "
            "(incluidos consultores y agencias de empleo temporal) no harán lo siguiente: (a) amenazar "
            "con llamar a los agentes de inmigración, ni mencionar el estatus migratorio de un "
            "trabajador, para desalentar la organización, las quejas o los agravios; (b) preguntar a los "
            "trabajadores por su estatus migratorio, ni pedir documentos nuevos o adicionales, más allá "
            "de lo que exige la ley federal; (c) volver a verificar la autorización de empleo de los "
            "trabajadores actuales, salvo en lo que permite la sección 6; (d) inscribirse en E-Verify o "
            "en cualquier otra verificación electrónica de estatus, ni ampliar su uso, salvo que la ley "
            "lo exija, y en ese caso solo después de avisar a {union} por escrito con al menos 30 días "
            "de anticipación y darle la oportunidad de negociar.\n\n"
            "Cualquiera de estos actos es un incumplimiento de este acuerdo. También puede violar los "
            "derechos de los trabajadores según la Ley Nacional de Relaciones Laborales (NLRA), y "
            "{union} puede reclamar por ambas vías."
        ),
    },
    {
        "component": "judicial_warrant_access",
        "heading_en": "3. Access to non-public areas and records: judicial warrant only",
        "heading_es": "3. Acceso a áreas privadas y a registros: solo con orden judicial",
        "body_en": (
            "(a) Public and non-public areas. Immigration agents may enter areas open to the public, "
            "such as a lobby or a sales floor; {employer} will not invite them any further. Non-public "
            "areas are all areas for employees only, such as offices, kitchens, production floors, "
            "warehouses, break rooms, locker rooms and staff parking. {employer} will mark them "
            '"Private: employees only".\n\n'
            "(b) Judicial warrant only. {employer} will not let immigration agents into non-public "
            "areas, and will not let them see, copy or take employee records, unless they present a "
            "judicial warrant: a warrant issued by a court and signed by a judge or magistrate, with the "
            "right address, within its dates, and only for the areas, people and things it names. An "
            "administrative warrant (DHS Form I-200 or I-205), a detainer or any other paper signed only "
            "by an immigration officer is not a judicial warrant; {employer} will calmly say that it "
            "does not consent. Subpoenas and Notices of Inspection are handled under sections 5, 7 and "
            "11.\n\n"
            "(c) Designated responder. Within 14 days after this agreement takes effect, {employer} will "
            "name a trained manager as immigration responder for each worksite and shift, and give "
            "{union} their names and phone numbers. The responder meets the agents, asks them to wait in "
            "a public area, asks for their names, badges and agency and for a copy of any warrant or "
            "other document, checks whether it is a judicial warrant, and calls {employer}'s lawyer and "
            "{union} right away. Other staff send the agents to the responder and say nothing else. If "
            "the responder is not sure that a paper is a judicial warrant, {employer} will not consent "
            "until its lawyer confirms it.\n\n"
            "(d) No one blocks agents. If agents have a valid judicial warrant, or enter anyway, no one "
            "will physically block them. {employer} will state clearly that it does not consent to any "
            "search beyond the warrant, and the responder will write down what the agents did, where "
            "they went and what they took, and give a copy to {union} within 1 business day."
        ),
        "body_es": (
            "(a) Áreas públicas y áreas privadas. Los agentes de inmigración pueden entrar en las áreas "
            "abiertas al público, como un vestíbulo o un área de ventas; {employer} no los invitará a "
            "pasar más allá. Las áreas privadas son todas las áreas solo para empleados, como oficinas, "
            "cocinas, áreas de producción, almacenes, salas de descanso, vestidores y estacionamiento "
            'del personal. {employer} las marcará con el letrero "Privado: solo empleados".\n\n'
            "(b) Solo con orden judicial. {employer} no dejará que los agentes de inmigración entren en "
            "áreas privadas, ni que vean, copien o se lleven registros de los empleados, a menos que "
            "presenten una orden judicial: una orden emitida por un tribunal y firmada por un juez o "
            "magistrado, con la dirección correcta, dentro de sus fechas y solo para las áreas, personas "
            "y cosas que nombra. Una orden administrativa (Formulario I-200 o I-205 del DHS), una "
            'solicitud de detención ("detainer") o cualquier otro papel firmado solo por un agente de '
            "inmigración no es una orden judicial; {employer} dirá con calma que no da su "
            'consentimiento. Las citaciones ("subpoenas") y los Avisos de Inspección se manejan según '
            "las secciones 5, 7 y 11.\n\n"
            "(c) Responsable designado. Dentro de los 14 días después de que este acuerdo entre en "
            "vigor, {employer} nombrará a un gerente capacitado como responsable ante inmigración para "
            "cada lugar de trabajo y cada turno, y le dará a {union} sus nombres y números de teléfono. "
            "El responsable recibe a los agentes, les pide que esperen en un área pública, les pide sus "
            "nombres, placas y agencia y una copia de cualquier orden u otro documento, revisa si es una "
            "orden judicial, y llama de inmediato al abogado de {employer} y a {union}. El resto del "
            "personal envía a los agentes con el responsable y no dice nada más. Si el responsable no "
            "está seguro de que un papel sea una orden judicial, {employer} no dará su consentimiento "
            "hasta que su abogado lo confirme.\n\n"
            "(d) Nadie bloquea a los agentes. Si los agentes tienen una orden judicial válida, o entran "
            "de todos modos, nadie los bloqueará físicamente. {employer} dirá claramente que no da su "
            "consentimiento a ningún registro más allá de la orden, y el responsable anotará lo que "
            "hicieron los agentes, a dónde fueron y qué se llevaron, y le dará una copia a {union} "
            "dentro de 1 día hábil."
        ),
    },
    {
        "component": "union_notice",
        "heading_en": "4. Notice to the union and conduct during a visit",
        "heading_es": "4. Aviso al sindicato y conducta durante una visita",
        "body_en": (
            "(a) {employer} will notify {union} by phone and by text message or email immediately, and "
            "in any case within 1 hour, after it learns that immigration agents are coming to, are at, "
            "or have asked about a covered worksite or worker. {union} will give {employer} emergency "
            "contact numbers that are answered 24 hours a day.\n\n"
            "(b) {employer} will notify {union} in writing within 2 business days of any other "
            "immigration contact, such as an investigation, an audit, a question about a worker or a "
            "request for records.\n\n"
            "(c) Within the same time limits, {employer} will give {union} a copy of every warrant, "
            "subpoena, Notice of Inspection, letter or other document that immigration agents show or "
            "serve. If the agents keep the original, the responder will photograph it or copy down what "
            "it says.\n\n"
            "(d) If agents question a worker under a valid warrant or with the worker's consent, "
            "{employer} will provide the most private place possible, away from coworkers and customers, "
            "and will let a {union} representative be present if the worker wants one and the agents "
            "allow it. {employer} will not tell workers to answer questions, show documents or go with "
            "the agents, and will not discourage anyone from using the right to remain silent or to "
            "speak with a lawyer.\n\n"
            "(e) No worker will be disciplined for leaving work or staying home out of fear of arrest "
            "during an immigration action at or near a covered worksite, as long as the worker or "
            "{union} tells {employer} as soon as reasonably possible."
        ),
        "body_es": (
            "(a) {employer} avisará a {union} por teléfono y por mensaje de texto o correo electrónico "
            "de inmediato, y en todo caso dentro de 1 hora, después de enterarse de que agentes de "
            "inmigración vienen a un lugar de trabajo cubierto, están en él o han preguntado por él o "
            "por un trabajador. {union} le dará a {employer} números de contacto de emergencia que se "
            "contestan las 24 horas del día.\n\n"
            "(b) {employer} avisará a {union} por escrito dentro de 2 días hábiles de cualquier otro "
            "contacto de inmigración, como una investigación, una auditoría, una pregunta sobre un "
            "trabajador o una solicitud de registros.\n\n"
            "(c) Dentro de los mismos plazos, {employer} le dará a {union} una copia de toda orden, "
            "citación, Aviso de Inspección, carta u otro documento que los agentes de inmigración "
            "muestren o entreguen. Si los agentes se quedan con el original, el responsable le tomará "
            "una foto o copiará lo que dice.\n\n"
            "(d) Si los agentes interrogan a un trabajador con una orden válida o con el consentimiento "
            "del trabajador, {employer} ofrecerá el lugar más privado posible, lejos de compañeros de "
            "trabajo y clientes, y permitirá que esté presente un representante de {union} si el "
            "trabajador lo desea y los agentes lo permiten. {employer} no les dirá a los trabajadores "
            "que contesten preguntas, que muestren documentos ni que se vayan con los agentes, y no "
            "desanimará a nadie de usar su derecho a guardar silencio o a hablar con un abogado.\n\n"
            "(e) Ningún trabajador será disciplinado por salir del trabajo o quedarse en casa por miedo "
            "a ser arrestado durante una acción de inmigración en un lugar de trabajo cubierto o cerca "
            "de él, siempre que el trabajador o {union} le avise a {employer} tan pronto como sea "
            "razonablemente posible."
        ),
    },
    {
        "component": "i9_inspections",
        "heading_en": "5. I-9 inspections (Notices of Inspection)",
        "heading_es": "5. Inspecciones del Formulario I-9 (Avisos de Inspección)",
        "body_en": (
            "(a) A Notice of Inspection (NOI) is a request by immigration authorities to see an "
            "employer's I-9 forms. It is not a search warrant. The employer has at least 3 business days "
            "to produce the forms. {employer} will use that time, will not agree to produce the forms "
            "sooner, and will produce only what the notice lawfully requires.\n\n"
            "(b) Within 72 hours of receiving an NOI, {employer} will give {union} a copy and will "
            "notify every current worker at the affected worksites in writing, posted at the worksite "
            "and handed or sent to each worker, in the languages they use. The notice will say which "
            "agency is inspecting, the date {employer} received the NOI, what kind of inspection it is, "
            "and that any worker may ask for a copy of the NOI. California law (Labor Code §90.2, AB "
            "450) requires this notice at California worksites; {employer} will give it at every covered "
            "worksite.\n\n"
            "(c) Within 72 hours of receiving the results of the inspection, {employer} will give "
            "{union} a copy and will give each affected worker, and {union}, a copy of the results "
            "notice and a written explanation of what the worker and {employer} must do next and by "
            "when. At {union}'s request, {employer} will meet with {union} within 3 business days.\n\n"
            "(d) A worker whose documents are questioned will get up to 8 hours of paid time, and help, "
            "to gather and present valid documents, and may be represented by {union}. {employer} will "
            "not discipline, suspend, fire or take any other adverse action against the worker before "
            "the cure period given by the agency has ended, and after that only if the law requires it. "
            "Section 6 (leave and rehire) then applies."
        ),
        "body_es": (
            "(a) Un Aviso de Inspección (NOI, por sus siglas en inglés) es una solicitud de las "
            "autoridades de inmigración para ver los formularios I-9 de un empleador. No es una orden de "
            "registro. El empleador tiene al menos 3 días hábiles para entregar los formularios. "
            "{employer} usará ese tiempo, no aceptará entregar los formularios antes, y entregará solo "
            "lo que el aviso exige legalmente.\n\n"
            "(b) Dentro de las 72 horas de recibir un NOI, {employer} le dará una copia a {union} y "
            "avisará por escrito a todos los trabajadores actuales de los lugares de trabajo afectados, "
            "con un aviso publicado en el lugar de trabajo y entregado o enviado a cada trabajador, en "
            "los idiomas que usan. El aviso dirá qué agencia hace la inspección, la fecha en que "
            "{employer} recibió el NOI, de qué tipo de inspección se trata, y que cualquier trabajador "
            "puede pedir una copia del NOI. La ley de California (Código Laboral, sección 90.2, AB 450) "
            "exige este aviso en los lugares de trabajo de California; {employer} lo dará en todos los "
            "lugares de trabajo cubiertos.\n\n"
            "(c) Dentro de las 72 horas de recibir los resultados de la inspección, {employer} le dará "
            "una copia a {union} y le dará a cada trabajador afectado, y a {union}, una copia del aviso "
            "de resultados y una explicación por escrito de lo que el trabajador y {employer} deben "
            "hacer después y en qué plazo. Si {union} lo pide, {employer} se reunirá con {union} dentro "
            "de 3 días hábiles.\n\n"
            "(d) Un trabajador cuyos documentos sean cuestionados recibirá hasta 8 horas de tiempo "
            "pagado, y ayuda, para reunir y presentar documentos válidos, y podrá ser representado por "
            "{union}. {employer} no disciplinará, suspenderá, despedirá ni tomará ninguna otra medida en "
            "contra del trabajador antes de que termine el plazo para corregir que dé la agencia, y "
            "después solo si la ley lo exige. En ese caso se aplica la sección 6 (permisos y "
            "recontratación)."
        ),
    },
    {
        "component": "status_protections",
        "heading_en": "6. Protections for workers' status",
        "heading_es": "6. Protecciones del estatus de los trabajadores",
        "body_en": (
            "(a) No-match letters. A letter saying that a worker's name and Social Security number do "
            "not match is not proof that the worker lacks work authorization. {employer} will tell the "
            "worker and {union} within 5 business days, give the worker time and help to correct the "
            "record, and will not discipline, fire, re-verify or threaten anyone because of the letter.\n\n"
            "(b) Re-verification. {employer} will not ask current workers to prove their work "
            "authorization again, including after a sale, merger or change of ownership, except when "
            "federal law requires it, such as when a temporary work permit actually expires. If "
            "{employer} believes it must re-verify a worker for any other reason, it will first give "
            "{union} the facts in writing, meet with {union} within 5 business days, and take no adverse "
            "action for at least 120 days while the worker resolves the matter.\n\n"
            "(c) New name, number or documents. When a worker presents a new name, Social Security "
            "number or work permit, {employer} will update its records without discipline and without "
            "loss of seniority, pay or benefits. The earlier information will not be treated as "
            "misconduct.\n\n"
            "(d) TPS, DACA and work permit renewals. {employer} will not act against a worker just "
            "because the government announces a change to TPS or DACA. It will accept automatic "
            "extensions of work permits published in the Federal Register, will re-verify only on the "
            "actual expiration date, will remind the worker in writing at least 180 days before a work "
            "permit on file expires, and will give the worker time off, on request, to prepare and file "
            "a renewal.\n\n"
            "(e) Leave. A worker may take up to 90 days of unpaid leave, extended by another 90 days on "
            "written request by the worker or {union}, to attend immigration hearings or interviews or "
            "to resolve their status. The worker then returns to the same job or a comparable one, "
            "without loss of seniority.\n\n"
            "(f) Rehire. A worker who loses their job, or resigns, because of a work-authorization "
            "problem will be rehired in the same job or a comparable one, with their seniority, if they "
            "present valid work authorization within 12 months."
        ),
        "body_es": (
            '(a) Cartas de discrepancia ("no-match"). Una carta que dice que el nombre y el número de '
            "Seguro Social de un trabajador no coinciden no prueba que el trabajador no tenga "
            "autorización para trabajar. {employer} se lo dirá al trabajador y a {union} dentro de 5 "
            "días hábiles, le dará al trabajador tiempo y ayuda para corregir el registro, y no "
            "disciplinará, despedirá, volverá a verificar ni amenazará a nadie por causa de la carta.\n\n"
            "(b) Reverificación. {employer} no les pedirá a los trabajadores actuales que vuelvan a "
            "demostrar su autorización de empleo, tampoco después de una venta, fusión o cambio de "
            "dueño, salvo cuando la ley federal lo exija, como cuando un permiso de trabajo temporal "
            "realmente se vence. Si {employer} cree que debe volver a verificar a un trabajador por "
            "cualquier otra razón, primero le dará a {union} los hechos por escrito, se reunirá con "
            "{union} dentro de 5 días hábiles y no tomará ninguna medida en contra del trabajador "
            "durante al menos 120 días mientras este resuelve el asunto.\n\n"
            "(c) Nuevo nombre, número o documentos. Cuando un trabajador presente un nuevo nombre, "
            "número de Seguro Social o permiso de trabajo, {employer} actualizará sus registros sin "
            "disciplina y sin pérdida de antigüedad, salario ni beneficios. La información anterior no "
            "se tratará como una falta.\n\n"
            "(d) Renovaciones de TPS, DACA y permisos de trabajo. {employer} no tomará medidas contra un "
            "trabajador solo porque el gobierno anuncie un cambio en TPS o DACA. Aceptará las "
            "extensiones automáticas de permisos de trabajo publicadas en el Registro Federal, volverá a "
            "verificar solo en la fecha real de vencimiento, le recordará al trabajador por escrito al "
            "menos 180 días antes de que venza un permiso de trabajo que tenga en archivo, y le dará "
            "tiempo libre, si lo pide, para preparar y presentar una renovación.\n\n"
            "(e) Permisos de ausencia. Un trabajador puede tomar hasta 90 días de permiso sin goce de "
            "sueldo, extendido por otros 90 días si el trabajador o {union} lo pide por escrito, para "
            "asistir a audiencias o entrevistas de inmigración o para resolver su estatus. Después, el "
            "trabajador regresa al mismo puesto o a uno comparable, sin pérdida de antigüedad.\n\n"
            "(f) Recontratación. Un trabajador que pierda su empleo, o renuncie, por un problema de "
            "autorización de empleo será recontratado en el mismo puesto o en uno comparable, con su "
            "antigüedad, si presenta una autorización de empleo válida dentro de 12 meses."
        ),
    },
    {
        "component": "privacy",
        "heading_en": "7. Privacy of workers' information",
        "heading_es": "7. Privacidad de la información de los trabajadores",
        "body_en": (
            "(a) {employer} will collect only the immigration-related information that the law requires. "
            "It will keep I-9 forms and copies of identity and work-permit documents apart from "
            "personnel files, and only the few people who need them will have access.\n\n"
            "(b) {employer} will not share any worker's immigration status, citizenship, place of birth, "
            "home address, phone number, photo, schedule or work location with immigration agents, or "
            "with anyone who might pass it on to them, unless it is legally compelled by a judicial "
            "warrant, a subpoena or a Notice of Inspection, and then only what that document requires.\n\n"
            "(c) Before sharing a worker's information under legal compulsion, {employer} will give the "
            "worker and {union} written notice and a copy of the demand at least 2 business days ahead, "
            "or immediately if the demand gives less time, so that they can get legal advice, unless the "
            "law forbids that notice.\n\n"
            "(d) These rules also apply to {employer}'s payroll, human resources and staffing "
            "contractors. {employer} will tell them so in writing and give {union} a copy."
        ),
        "body_es": (
            "(a) {employer} recopilará solo la información relacionada con inmigración que exige la ley. "
            "Guardará los formularios I-9 y las copias de documentos de identidad y de permisos de "
            "trabajo aparte de los expedientes del personal, y solo las pocas personas que los necesiten "
            "tendrán acceso.\n\n"
            "(b) {employer} no compartirá el estatus migratorio, la ciudadanía, el lugar de nacimiento, "
            "la dirección, el número de teléfono, la foto, el horario ni el lugar de trabajo de ningún "
            "trabajador con los agentes de inmigración, ni con nadie que pueda pasárselos, a menos que "
            "esté obligado legalmente por una orden judicial, una citación o un Aviso de Inspección, y "
            "en ese caso solo lo que ese documento exige.\n\n"
            "(c) Antes de compartir información de un trabajador por obligación legal, {employer} le "
            "dará al trabajador y a {union} un aviso por escrito y una copia de la solicitud al menos 2 "
            "días hábiles antes, o de inmediato si la solicitud da menos tiempo, para que puedan buscar "
            "asesoría legal, salvo que la ley prohíba dar ese aviso.\n\n"
            "(d) Estas reglas también se aplican a los contratistas de nómina, de recursos humanos y de "
            "personal temporal de {employer}. {employer} se lo comunicará por escrito y le dará una "
            "copia a {union}."
        ),
    },
    {
        "component": "certification_support",
        "heading_en": "8. Support for workers who report violations",
        "heading_es": "8. Apoyo a los trabajadores que denuncian violaciones",
        "body_en": (
            "(a) Workers who are victims of certain crimes, including some crimes at work, or of human "
            "trafficking, may ask a government agency to sign a certification for a U visa or a T visa. "
            "Workers, {union} or a labor agency may also ask for a statement that an agency is "
            "investigating a labor dispute at the worksite. {employer} will not oppose, discourage or "
            "interfere with these requests, and will not contact any agency to argue against them. This "
            "does not stop {employer} from answering an agency's questions truthfully.\n\n"
            "(b) {employer} will not retaliate against any worker for filing a complaint with, giving "
            "information to or testifying before the U.S. Department of Labor's Wage and Hour Division "
            "(WHD), OSHA, the EEOC, the NLRB, a state or local labor agency, or a court. Retaliation "
            "includes any threat about immigration status and any of the acts listed in section 2.\n\n"
            "(c) {employer} will give workers time off, without discipline, to meet with these agencies, "
            "with a lawyer or with {union} about these matters."
        ),
        "body_es": (
            "(a) Los trabajadores que son víctimas de ciertos delitos, incluidos algunos delitos en el "
            "trabajo, o de trata de personas, pueden pedirle a una agencia del gobierno que firme una "
            "certificación para una visa U o una visa T. Los trabajadores, {union} o una agencia laboral "
            "también pueden pedir una declaración de que una agencia está investigando una disputa "
            "laboral en el lugar de trabajo. {employer} no se opondrá a estas solicitudes, no las "
            "desalentará ni interferirá con ellas, y no se comunicará con ninguna agencia para "
            "argumentar en su contra. Esto no impide que {employer} conteste con la verdad las preguntas "
            "de una agencia.\n\n"
            "(b) {employer} no tomará represalias contra ningún trabajador por presentar una queja ante "
            "la División de Horas y Salarios (WHD) del Departamento de Trabajo de EE. UU., OSHA, la "
            "EEOC, la NLRB, una agencia laboral estatal o local, o un tribunal, ni por darles "
            "información o declarar ante ellos. Las represalias incluyen cualquier amenaza relacionada "
            "con el estatus migratorio y cualquiera de los actos de la sección 2.\n\n"
            "(c) {employer} les dará a los trabajadores tiempo libre, sin disciplina, para reunirse con "
            "estas agencias, con un abogado o con {union} sobre estos asuntos."
        ),
    },
    {
        "component": "language_training",
        "heading_en": "9. Language access and know-your-rights training",
        "heading_es": "9. Acceso lingüístico y capacitación sobre derechos",
        "body_en": (
            "(a) At its own cost, {employer} will provide this agreement, every notice under it and "
            "every training in English, in Spanish and in any other language that {union} identifies as "
            "spoken by workers at a covered worksite. It will provide an interpreter at any meeting, "
            "investigation or questioning under this agreement.\n\n"
            "(b) {employer} will give every worker at least 2 hours of paid work time each year to "
            "attend a know-your-rights training led by {union} or by an organization that {union} "
            "chooses, at the worksite or nearby. The first training will take place within 60 days after "
            "this agreement takes effect; new workers will be invited within 30 days of hire.\n\n"
            "(c) Within 60 days after this agreement takes effect, and every year after that, {employer} "
            "will train all managers, supervisors and designated responders on this agreement and on the "
            "steps in sections 3 and 4. {union} will be invited to take part."
        ),
        "body_es": (
            "(a) A su propio costo, {employer} entregará este acuerdo, cada aviso que dé según el "
            "acuerdo y cada capacitación en inglés, en español y en cualquier otro idioma que {union} "
            "indique que hablan los trabajadores de un lugar de trabajo cubierto. Proporcionará un "
            "intérprete en cualquier reunión, investigación o interrogatorio relacionado con este "
            "acuerdo.\n\n"
            "(b) {employer} le dará a cada trabajador al menos 2 horas de tiempo de trabajo pagado al "
            'año para asistir a una capacitación "Conozca sus derechos" dirigida por {union} o por una '
            "organización que {union} elija, en el lugar de trabajo o cerca de él. La primera "
            "capacitación se hará dentro de los 60 días después de que este acuerdo entre en vigor; los "
            "trabajadores nuevos serán invitados dentro de los 30 días de su contratación.\n\n"
            "(c) Dentro de los 60 días después de que este acuerdo entre en vigor, y cada año después, "
            "{employer} capacitará a todos los gerentes, supervisores y responsables designados sobre "
            "este acuerdo y sobre los pasos de las secciones 3 y 4. Se invitará a {union} a participar."
        ),
    },
    {
        "component": "enforcement",
        "heading_en": "10. Enforcement",
        "heading_es": "10. Cumplimiento del acuerdo",
        "body_en": (
            "(a) If {union} believes that {employer} has broken this agreement, it may give {employer} "
            "written notice. The parties will meet within 3 business days to try to fix the problem.\n\n"
            "(b) If the problem is not fixed within 7 days of the notice, {union} may take the dispute "
            "directly to expedited arbitration, skipping any other grievance steps. The arbitrator will "
            "be chosen in turn from a list of three arbitrators that the parties agree on when they sign "
            "this agreement. The hearing will be held within 14 days, and the arbitrator will issue a "
            "written decision within 7 days after the hearing. The decision is final and binding. "
            "{employer} pays the arbitrator's fees.\n\n"
            "(c) The arbitrator may order whatever is needed to undo the breach and make workers whole, "
            "including reinstatement, back pay with interest, restored seniority and benefits, "
            "withdrawal of anything {employer} sent to an agency in breach of this agreement, a written "
            "notice to workers, and an order to stop the breach. Either party may ask a court to keep "
            "things as they are until the arbitrator decides.\n\n"
            "(d) Within 14 days after this agreement takes effect, {employer} will post it, in the "
            "languages in section 9, wherever notices to workers are usually posted at each covered "
            "worksite, and will give a copy to every worker, including new hires.\n\n"
            "(e) Using this procedure does not stop any worker or {union} from filing a charge or "
            "complaint with a government agency."
        ),
        "body_es": (
            "(a) Si {union} cree que {employer} ha incumplido este acuerdo, puede avisarle a {employer} "
            "por escrito. Las partes se reunirán dentro de 3 días hábiles para tratar de resolver el "
            "problema.\n\n"
            "(b) Si el problema no se resuelve dentro de los 7 días siguientes al aviso, {union} puede "
            "llevar la disputa directamente a un arbitraje acelerado, sin pasar por los demás pasos de "
            "queja. El árbitro se escogerá por turnos de una lista de tres árbitros que las partes "
            "acuerdan al firmar este acuerdo. La audiencia se hará dentro de 14 días, y el árbitro dará "
            "una decisión por escrito dentro de los 7 días siguientes a la audiencia. La decisión es "
            "definitiva y obligatoria. {employer} paga los honorarios del árbitro.\n\n"
            "(c) El árbitro puede ordenar todo lo necesario para deshacer el incumplimiento y compensar "
            "completamente a los trabajadores, incluso la reinstalación en el empleo, el pago "
            "retroactivo con intereses, la restitución de la antigüedad y los beneficios, el retiro de "
            "cualquier cosa que {employer} haya enviado a una agencia en incumplimiento de este acuerdo, "
            "un aviso por escrito a los trabajadores y una orden de detener el incumplimiento. "
            "Cualquiera de las partes puede pedirle a un tribunal que mantenga las cosas como están "
            "hasta que el árbitro decida.\n\n"
            "(d) Dentro de los 14 días después de que este acuerdo entre en vigor, {employer} lo "
            "publicará, en los idiomas de la sección 9, en los lugares donde normalmente se publican los "
            "avisos para los trabajadores en cada lugar de trabajo cubierto, y le dará una copia a cada "
            "trabajador, incluidos los nuevos.\n\n"
            "(e) Usar este procedimiento no impide que un trabajador o {union} presente un cargo o una "
            "queja ante una agencia del gobierno."
        ),
    },
    {
        "component": "carve_outs",
        "heading_en": "11. What this agreement does not require",
        "heading_es": "11. Lo que este acuerdo no exige",
        "body_en": (
            "(a) {employer} will comply with a valid judicial warrant, within its limits, and with a "
            "lawful subpoena, after following sections 3, 4 and 7. Nothing here stops {employer}, "
            "{union} or a worker from challenging a subpoena in court.\n\n"
            "(b) When {employer} receives a Notice of Inspection, it will produce the I-9 forms and "
            "related documents within the time the notice gives (at least 3 business days), following "
            "section 5.\n\n"
            "(c) Nothing in this agreement requires {employer}, {union} or any worker to break federal, "
            "state or local law, to lie to a government officer, to physically block an officer or to "
            "hide anyone.\n\n"
            "(d) If a court or government agency decides that part of this agreement conflicts with the "
            "law, only that part is set aside and the rest stays in force. {employer} and {union} will "
            "meet within 14 days to write lawful replacement language that protects workers as much as "
            "possible."
        ),
        "body_es": (
            "(a) {employer} cumplirá con una orden judicial válida, dentro de sus límites, y con una "
            "citación legal, después de seguir las secciones 3, 4 y 7. Nada de esto impide que "
            "{employer}, {union} o un trabajador impugne una citación ante un tribunal.\n\n"
            "(b) Cuando {employer} reciba un Aviso de Inspección, entregará los formularios I-9 y los "
            "documentos relacionados dentro del plazo que dé el aviso (al menos 3 días hábiles), "
            "siguiendo la sección 5.\n\n"
            "(c) Nada en este acuerdo obliga a {employer}, a {union} ni a ningún trabajador a violar la "
            "ley federal, estatal o local, a mentirle a un funcionario del gobierno, a bloquear "
            "físicamente a un agente ni a esconder a nadie.\n\n"
            "(d) Si un tribunal o una agencia del gobierno decide que una parte de este acuerdo está en "
            "conflicto con la ley, solo esa parte queda sin efecto y el resto sigue vigente. {employer} "
            "y {union} se reunirán dentro de 14 días para redactar un texto de reemplazo que cumpla con "
            "la ley y proteja a los trabajadores lo más posible."
        ),
    },
]
