"""The words a reader sees in reports and figures, in Swedish (the default) and English.

Section numbers are not words: the renderer writes them before the titles
held here, so a title never has to be cut out of a heading.

Examples:
    >>> texts("en").sick_leave, texts("sv").answers[Answer.PARTLY]
    ('Sick leave', 'Delvis')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from samcore._check import show
from samcore._checklists import Answer
from samcore._delegation import FindingKind
from samcore._people import AgeBand
from samcore._risks import MeasureStatus
from samcore.errors import InvalidValueError


@attrs.frozen(kw_only=True)
class Texts:
    """Every reader-facing word of one language; fields with ``{name}`` are templates.

    Examples:
        >>> texts("sv").report_title.format(year=2024, name="Kommunen")
        'Arbetsmiljörapport 2024 – Kommunen'
    """

    decimal_mark: str

    # The report: headings of its tables (the sections' titles are in the template).
    report_title: str
    incidents: str
    sick_leave: str
    turnover: str
    incoming: str

    # The report: table columns, rows and sentences.
    risk_columns: tuple[str, ...]
    onward_columns: tuple[str, ...]
    open_columns: tuple[str, ...]
    certified_columns: tuple[str, ...]
    no_risks: str
    action_plan: str
    open_below: str
    injuries: str
    near_misses: str
    closed: str
    serious: str
    category: str
    count: str
    uncategorised: str
    total_sick_leave: str
    women: str
    men: str
    total: str
    short: str
    long: str
    long_term: str
    by_age: str
    age_bands: Mapping[AgeBand, str]
    suppressed: str
    no_data: str
    difference: str
    turnover_head: str
    departures: str
    retirements: str
    aged_60: str
    survey_columns: tuple[str, ...]
    survey_hidden: str
    no_survey: str
    missing_reports: str
    all_reports: str
    rehab_head: str
    rehab_rows: tuple[str, ...]
    outcome_head: tuple[str, str]
    factors_columns: tuple[str, ...]
    factors_activities: str
    no_factors: str
    missing_below: str
    working_time: str
    additional: str
    overtime: str
    sum: str
    rounds: str
    yes_no: str
    findings: str
    no_findings: str
    finding_kinds: Mapping[FindingKind, str]
    no_onward: str
    answers: Mapping[Answer, str]
    answers_yes_no: Mapping[bool, str]
    tally: str
    no_answer: str
    exceptions: str
    of_answers: str
    of_units: str
    and_more: str
    from_below: str
    statuses: Mapping[MeasureStatus, str]

    # The figures of samcore.plots.
    heat_map_title: str
    probability: str
    consequence: str
    trend_axis: str
    groups_title: str
    rate_axis: str
    groups_hidden: str
    unknown_group: str

    # The table of personnel groups (samcore.render_personnel_groups).
    groups_columns: tuple[str, ...]
    no_group: str


_SV: Final = Texts(
    decimal_mark=",",
    report_title="Arbetsmiljörapport {year} – {name}",
    incidents="Arbetsskador och tillbud",
    sick_leave="Sjukfrånvaro",
    turnover="Personalomsättning",
    incoming="Risker som rapporterats hit och tas om hand här",
    risk_columns=("Risk", "Risknivå", "Åtgärd", "Önskad effekt", "Status", "Slutdatum"),
    onward_columns=("Från", "Risk", "Risknivå", "Åtgärd", "Ansvarig chef", "Slutdatum"),
    open_columns=("Enhet", "Risk", "Risknivå", "Åtgärd", "Status", "Slutdatum", "Försenad"),
    certified_columns=("Chefer", "Varav certifierade", "Andel certifierade"),
    no_risks="Inga risker med åtgärder att följa upp under året.",
    action_plan="Åtgärder: {measures}, varav avslutade {done}, pågående {in_progress}, "
    "planerade {planned}, avbrutna {cancelled}; försenade vid årets slut: {overdue}.",
    open_below="Öppna åtgärder i hela verksamheten: {open}, varav försenade {overdue}. "
    "De mest angelägna:",
    injuries="Antal rapporterade arbetsskador",
    near_misses="Antal rapporterade tillbud",
    closed="Antal klarmarkerade händelser",
    serious="Antal allvarliga händelser (anmälda till Arbetsmiljöverket)",
    category="Kategori",
    count="Antal",
    uncategorised="Utan kategori",
    total_sick_leave="Total sjukfrånvaro",
    women="Kvinnor",
    men="Män",
    total="Totalt",
    short="Kort sjukfrånvaro (0–14 dagar)",
    long="Lång sjukfrånvaro (15– dagar)",
    long_term="Andel av sjukfrånvaron som avser 60 dagar eller mer",
    by_age="Sjukfrånvaro efter ålder",
    age_bands={
        AgeBand.UP_TO_29: "29 år eller yngre",
        AgeBand.FROM_30_TO_49: "30–49 år",
        AgeBand.FROM_50: "50 år eller äldre",
    },
    suppressed="– = visas inte: gruppen har {n} eller färre medarbetare, eller "
    "skulle kunna räknas fram ur de siffror som visas.",
    no_data="uppgift saknas",
    difference="Skillnad",
    turnover_head="Personalomsättning (externa)",
    departures="Antal avgångar (externa)",
    retirements="varav pensionsavgångar",
    aged_60="Medarbetare 60 år eller äldre vid periodens slut",
    survey_columns=("Svarande", "Inbjudna", "Svarsfrekvens (%)", "Index"),
    survey_hidden="– = index visas inte för grupper med {n} eller färre svarande, eller "
    "som skulle kunna räknas fram ur de siffror som visas.",
    no_survey="Ingen medarbetarenkät under perioden.",
    missing_reports="Rapporter som saknas: {units}.",
    all_reports="Alla {n} underliggande rapporter har lämnats in.",
    rehab_head="Rehabilitering (ärenden)",
    rehab_rows=(
        "Pågående ärenden vid periodens slut",
        "Avslutade ärenden under perioden",
        "Plan för återgång i arbete senast dag 30",
        "Plan för återgång i arbete efter dag 30",
        "Plan för återgång i arbete saknas",
    ),
    outcome_head=("Utfall av avslutade ärenden", "Andel (%)"),
    factors_columns=("Friskfaktor", "Enheter med fokus", "Skattning (medel 1–5)", "Skattad av"),
    factors_activities="Enheter som inventerat: {units}; aktiviteter planerade {planned}, "
    "följda upp {followed}.",
    no_factors="Ingen inventering av friskfaktorer under året.",
    missing_below="Längre ned i organisationen saknas ännu: {n}.",
    working_time="Arbetstid (timmar)",
    additional="Mertid/fyllnadstid",
    overtime="Övertidstimmar",
    sum="Summa",
    rounds="Genomförda arbetsmiljöronder: {rounds}, med skyddsombud: "
    "{with_safety_representative}, avvikelser (nej/delvis): {deviations}.",
    yes_no="Ja/Nej",
    findings="Brister i vidarefördelningarna",
    no_findings="Inga brister i vidarefördelningarna.",
    finding_kinds={
        FindingKind.NOT_IN_WRITING: "ej skriftlig",
        FindingKind.NOT_CERTIFIED: "mottagare ej certifierad",
        FindingKind.CERTIFICATION_EXPIRED: "certifieringen har gått ut",
        FindingKind.SIGNED_BEFORE_CERTIFIED: "mottagen före godkänt certifieringstest",
        FindingKind.LACKS_AUTHORITY: "otillräckliga befogenheter",
        FindingKind.LACKS_RESOURCES: "otillräckliga resurser",
        FindingKind.LACKS_KNOWLEDGE: "otillräckliga kunskaper",
        FindingKind.RETURNED: "returnerad",
        FindingKind.BROKEN_CHAIN: "bruten kedja ovanför",
    },
    no_onward="Inga risker rapporteras vidare.",
    answers={
        Answer.YES: "Ja",
        Answer.NO: "Nej",
        Answer.PARTLY: "Delvis",
        Answer.NOT_APPLICABLE: "Ej aktuellt",
    },
    answers_yes_no={True: "Ja", False: "Nej"},
    tally="{yes} ja, {no} nej, {partly} delvis",
    no_answer="Ej besvarad",
    exceptions="undantag",
    of_answers="{k} av {n} svar ej ja",
    of_units="{k} av {n}",
    and_more="och {n} till",
    from_below="Ur rapporterna under:",
    statuses={
        MeasureStatus.PLANNED: "Planerad",
        MeasureStatus.IN_PROGRESS: "Pågående",
        MeasureStatus.DONE: "Avslutad",
        MeasureStatus.CANCELLED: "Avbruten",
    },
    heat_map_title="Risker efter sannolikhet och konsekvens",
    probability="Sannolikhet",
    consequence="Konsekvens",
    trend_axis="Sjukfrånvaro R12 (%)",
    groups_title="Personalgrupper med högst sjukfrånvaro, {window}",
    rate_axis="Sjukfrånvaro (%)",
    groups_hidden="grupper med {n} eller färre medarbetare visas inte",
    unknown_group="okänd",
    groups_columns=(
        "Personalgrupp",
        "Antal anställda",
        "Andel kvinnor (%)",
        "Sjukfrånvaro totalt (%)",
        "Dag 1–14 (%)",
        "Dag 15– (%)",
    ),
    no_group="Okänd personalgrupp",
)

_EN: Final = Texts(
    decimal_mark=".",
    report_title="Work-environment report {year} – {name}",
    incidents="Injuries and near misses",
    sick_leave="Sick leave",
    turnover="Staff turnover",
    incoming="Risks reported here and taken care of here",
    risk_columns=("Risk", "Risk level", "Measure", "Desired effect", "Status", "End date"),
    onward_columns=("From", "Risk", "Risk level", "Measure", "Responsible manager", "End date"),
    open_columns=("Unit", "Risk", "Risk level", "Measure", "Status", "End date", "Overdue"),
    certified_columns=("Managers", "Of whom certified", "Share certified"),
    no_risks="No risks with measures to follow up this year.",
    action_plan="Measures: {measures}, of which done {done}, in progress {in_progress}, "
    "planned {planned}, cancelled {cancelled}; overdue at year end: {overdue}.",
    open_below="Open measures in the whole organisation: {open}, of which overdue {overdue}. "
    "The most urgent:",
    injuries="Reported injuries",
    near_misses="Reported near misses",
    closed="Closed events",
    serious="Serious events (reported to the Work Environment Authority)",
    category="Category",
    count="Count",
    uncategorised="No category",
    total_sick_leave="Total sick leave",
    women="Women",
    men="Men",
    total="Total",
    short="Short sick leave (day 1–14)",
    long="Long sick leave (day 15 on)",
    long_term="Share of sick leave in absences of 60 days or more",
    by_age="Sick leave by age",
    age_bands={
        AgeBand.UP_TO_29: "29 or younger",
        AgeBand.FROM_30_TO_49: "30–49",
        AgeBand.FROM_50: "50 or older",
    },
    suppressed="– = not shown: the group has {n} or fewer employees, or its figure "
    "could be worked out from the figures shown.",
    no_data="no data",
    difference="Difference",
    turnover_head="Turnover (external)",
    departures="Departures (external)",
    retirements="of which retirements",
    aged_60="Employees aged 60 or more at the end of the period",
    survey_columns=("Respondents", "Invited", "Response rate (%)", "Index"),
    survey_hidden="– = no index for groups of {n} or fewer respondents, or where it could be "
    "worked out from the figures shown.",
    no_survey="No employee survey in the period.",
    missing_reports="Reports missing: {units}.",
    all_reports="All {n} reports from below have been handed in.",
    rehab_head="Rehabilitation (cases)",
    rehab_rows=(
        "Cases open at the end of the period",
        "Cases closed in the period",
        "Plan for return to work by day 30",
        "Plan for return to work after day 30",
        "Plan for return to work missing",
    ),
    outcome_head=("Outcome of closed cases", "Share (%)"),
    factors_columns=("Health factor", "Units with focus", "Rating (mean 1–5)", "Rated by"),
    factors_activities="Units that made an inventory: {units}; activities planned {planned}, "
    "followed up {followed}.",
    no_factors="No inventory of the health factors this year.",
    missing_below="Still missing further down the organisation: {n}.",
    working_time="Working time (hours)",
    additional="Additional hours",
    overtime="Overtime hours",
    sum="Sum",
    rounds="Safety rounds done: {rounds}, with a safety representative: "
    "{with_safety_representative}, deviations (no/partly): {deviations}.",
    yes_no="Yes/No",
    findings="Problems with delegations",
    no_findings="No problems with the delegations.",
    finding_kinds={
        FindingKind.NOT_IN_WRITING: "not in writing",
        FindingKind.NOT_CERTIFIED: "delegate not certified",
        FindingKind.CERTIFICATION_EXPIRED: "certification expired",
        FindingKind.SIGNED_BEFORE_CERTIFIED: "received before passing the certification test",
        FindingKind.LACKS_AUTHORITY: "lacking authority",
        FindingKind.LACKS_RESOURCES: "lacking resources",
        FindingKind.LACKS_KNOWLEDGE: "lacking knowledge",
        FindingKind.RETURNED: "returned",
        FindingKind.BROKEN_CHAIN: "broken chain above",
    },
    no_onward="No risks are reported onward.",
    answers={
        Answer.YES: "Yes",
        Answer.NO: "No",
        Answer.PARTLY: "Partly",
        Answer.NOT_APPLICABLE: "Not applicable",
    },
    answers_yes_no={True: "Yes", False: "No"},
    tally="{yes} yes, {no} no, {partly} partly",
    no_answer="Not answered",
    exceptions="exceptions",
    of_answers="{k} of {n} answers not yes",
    of_units="{k} of {n}",
    and_more="and {n} more",
    from_below="From the reports below:",
    statuses={
        MeasureStatus.PLANNED: "Planned",
        MeasureStatus.IN_PROGRESS: "In progress",
        MeasureStatus.DONE: "Done",
        MeasureStatus.CANCELLED: "Cancelled",
    },
    heat_map_title="Risks by probability and consequence",
    probability="Probability",
    consequence="Consequence",
    trend_axis="Sick leave R12 (%)",
    groups_title="Personnel groups with the highest sick leave, {window}",
    rate_axis="Sick leave (%)",
    groups_hidden="groups of {n} or fewer employees are not shown",
    unknown_group="unknown",
    groups_columns=(
        "Personnel group",
        "Employees",
        "Women (%)",
        "Sick leave, total (%)",
        "Day 1–14 (%)",
        "Day 15 on (%)",
    ),
    no_group="Unknown personnel group",
)

_BY_LANG: Final = {"sv": _SV, "en": _EN}


def texts(lang: str) -> Texts:
    """The words of a language: ``"sv"`` (Swedish) or ``"en"`` (English).

    Examples:
        >>> texts("en").statuses[MeasureStatus.DONE]
        'Done'
        >>> texts("de")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'lang' must be one of 'en', 'sv' (got 'de')
    """
    try:
        return _BY_LANG[lang]
    except (KeyError, TypeError):  # TypeError: an unhashable value is no language either
        allowed = ", ".join(map(repr, sorted(_BY_LANG)))
        raise InvalidValueError(f"'lang' must be one of {allowed} (got {show(lang)})") from None
