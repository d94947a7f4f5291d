"""The example municipality's own words in its reports: a few sentences per section.

The municipality and its committees write in most sections of their
report each year, a sample of the other units in one to three. A text
takes one to three sentences from its section's pool; what is said about
inspections and about the risks reported onward follows the records.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Final

from samcore._example_base import YEARS, Town
from samcore._example_texts import RISKS
from samcore._narratives import Narrative
from samcore._org import OrgUnit
from samcore._risks import Risk, followed_up
from samcore._template import template_for

_TEXTS: Final = {
    "evaluation": (
        "De flesta åtgärderna i förra årets handlingsplan är genomförda.",
        "Några åtgärder har flyttats till nästa år eftersom de väntar på beslut om lokaler.",
        "Åtgärderna har följts upp på arbetsplatsträffar under året.",
        "Arbetet med att minska arbetsbelastningen fortsätter och följs upp i samverkan.",
        "Uppföljningen visar att åtgärderna mot hot och våld har gett effekt, "
        "men arbetet behöver fortsätta.",
    ),
    "incidents": (
        "Chefer och skyddsombud uppmuntrar medarbetarna att anmäla även mindre tillbud i KIA.",
        "De flesta arbetsskador gäller fall- och halkolyckor samt hot och våld.",
        "Händelserna har utretts och återkopplats till medarbetarna på arbetsplatsträffar.",
        "Några händelser är ännu inte klarmarkerade eftersom åtgärderna pågår.",
        "Rutinen för rapportering i KIA har gåtts igenom med alla chefer.",
    ),
    "sick_leave": (
        "Sjukfrånvaron följs upp varje månad i ledningsgruppen.",
        "Cheferna får stöd av HR i rehabiliteringsärenden och vid upprepad korttidsfrånvaro.",
        "Den långa sjukfrånvaron beror till stor del på sjukdomar som inte är arbetsrelaterade.",
        "Tidiga samtal vid upprepad korttidsfrånvaro har införts på alla enheter.",
        "Arbetet med friskfaktorer fortsätter som en del av det förebyggande arbetet.",
    ),
    "turnover": (
        "Personalomsättningen påverkas av pensionsavgångar och av konkurrens om vissa yrkesgrupper.",
        "En strukturerad introduktion har gjort att fler nya medarbetare stannar.",
        "Flera visstidsanställningar har blivit tillsvidareanställningar under året.",
        "Avgångssamtal hålls med alla som slutar och sammanställs varje halvår.",
        "Det är fortsatt svårt att rekrytera erfarna medarbetare.",
    ),
    "extra_time": (
        "Mertid och övertid uppstår främst när frånvarande kollegor behöver ersättas.",
        "Schemaläggningen har setts över för att minska behovet av övertid.",
        "Övertiden följs upp per medarbetare så att ingen överskrider arbetstidslagens gränser.",
        "Vakanta tjänster har under delar av året täckts med mertid.",
    ),
    "meetings": (
        "Arbetsplatsträffar har hållits enligt samverkansavtalet.",
        "Arbetsmiljöfrågor är en stående punkt på varje arbetsplatsträff.",
        "Samverkan med de fackliga organisationerna sker i förvaltningens samverkansgrupp.",
        "Några arbetsplatsträffar ställdes in under sommaren och hölls i stället i augusti.",
    ),
    "surveys": (
        "Arbetsmiljöronder har genomförts tillsammans med skyddsombuden.",
        "Riskbedömningar har gjorts inför organisationsförändringar.",
        "Bristerna från ronderna har förts in i handlingsplanen och återkopplats på APT.",
        "Ronderna för hot och våld och för organisatorisk och social arbetsmiljö är genomförda.",
        "Några ronder har skjutits upp till början av nästa år.",
    ),
    "occupational_health": (
        "Företagshälsovården har anlitats för samtalsstöd och rehabilitering.",
        "Ergonomiska genomgångar har beställts till flera arbetsplatser.",
        "Företagshälsovården har stöttat cheferna i svåra rehabiliteringsärenden.",
        "Krisstöd har avropats efter en allvarlig händelse.",
    ),
    "active_measures": (
        "Rutinen mot kränkande särbehandling och trakasserier har gåtts igenom på APT.",
        "Rekryteringar görs kompetensbaserat för att motverka diskriminering.",
        "Lönekartläggningen visar inga osakliga löneskillnader.",
        "Alla chefer har erbjudits en utbildning om diskrimineringslagen och aktiva åtgärder.",
    ),
    "employee_survey": (
        "Resultatet av medarbetarenkäten har gåtts igenom på arbetsplatsträffar.",
        "Varje enhet har tagit fram en handlingsplan utifrån resultatet.",
        "Svarsfrekvensen är hög och ger ett bra underlag för förbättringsarbetet.",
        "Fokus framåt ligger på arbetsbelastning, tydliga mål och delaktighet.",
    ),
    "delegation": (
        "Nästan alla chefer har en skriftlig vidarefördelning av arbetsmiljöuppgifterna.",
        "Nya chefer går den grundläggande arbetsmiljöutbildningen under sitt första halvår.",
        "Några chefer behöver förnya sin certifiering under nästa år.",
        "Vid vidarefördelningen har överordnad chef gått igenom befogenheter, "
        "resurser och kunskaper.",
    ),
}
_SECTOR_TEXTS: Final = {  # one of these comes first in a text of a unit of the sector
    ("incidents", "förskola"): (
        "Många tillbud gäller grindar som lämnats öppna och klämrisker i dörrar.",
        "Arbetsskadorna gäller ofta belastning vid lyft av barn.",
    ),
    ("incidents", "skola"): ("Flest händelser gäller hot och våld från elever, oftast på raster.",),
    ("incidents", "gymnasium"): (
        "Några tillbud gäller hot i samband med konflikter mellan elever.",
    ),
    ("incidents", "kontor"): ("De anmälda arbetsskadorna är främst färdolycksfall.",),
    ("incidents", "kultur"): (
        "Tillbuden gäller främst hot och ordningsstörningar på bibliotek och fritidsgårdar.",
    ),
    ("incidents", "gata"): (
        "Flera tillbud gäller trafik nära arbeten på gatan och maskiner i parkerna.",
    ),
    ("incidents", "tillsyn"): ("Tillbuden gäller främst hot och otrevligt bemötande vid tillsyn.",),
    ("incidents", "social"): (
        "De flesta tillbud gäller hot från klienter i samband med myndighetsbeslut.",
    ),
    ("incidents", "omsorg"): (
        "Många arbetsskador uppstår vid förflyttningar av brukare.",
        "Stickskador vid insulininjektioner förekommer och följs upp enligt rutinen.",
    ),
    ("sick_leave", "förskola"): ("Sjukfrånvaron är högst bland barnskötarna.",),
    ("sick_leave", "skola"): ("Sjukfrånvaron är högst bland elevassistenterna.",),
    ("sick_leave", "social"): ("Sjukfrånvaron är högst bland stödpedagogerna på boendena.",),
    ("sick_leave", "omsorg"): ("Sjukfrånvaron är högst bland vårdbiträden och undersköterskor.",),
    ("turnover", "förskola"): (
        "Det är svårt att rekrytera förskollärare, och flera tjänster har tillsatts med barnskötare.",
    ),
    ("turnover", "skola"): (
        "Behöriga lärare i matematik och specialpedagoger är svårast att hitta.",
    ),
    ("turnover", "gymnasium"): ("Yrkeslärare är svåra att rekrytera.",),
    ("turnover", "kontor"): ("Konkurrensen om jurister och IT-specialister är stor.",),
    ("turnover", "kultur"): (
        "Timanställningar har ersatts med deltidstjänster för att behålla personalen.",
    ),
    ("turnover", "gata"): ("Det är svårt att rekrytera ingenjörer och projektledare.",),
    ("turnover", "tillsyn"): (
        "Karriärtrappor för bygglovshandläggare har gjort att fler väljer att stanna.",
    ),
    ("turnover", "social"): ("Erfarna socialsekreterare är svåra att behålla.",),
    ("turnover", "omsorg"): ("Många undersköterskor går i pension under de närmaste åren.",),
    ("extra_time", "förskola"): (
        "Mertid uppstår när deltidsanställda täcker upp vid kollegors sjukfrånvaro.",
    ),
    ("extra_time", "skola"): (
        "Mertid uppstår när elevassistenter täcker upp för frånvarande kollegor.",
    ),
    ("extra_time", "kontor"): ("Övertiden uppstår främst i arbetet med bokslut och budget.",),
    ("extra_time", "gata"): ("Övertid uppstår vid snöröjning och jourutryckningar.",),
    ("extra_time", "omsorg"): (
        "Övertid uppstår främst när vikarier saknas under helger och sommaren.",
    ),
}
_NOT_INSPECTED: Final = "Arbetsmiljöverket har inte gjort någon inspektion under året."
_INSPECTED_HERE: Final = (
    "Arbetsmiljöverket har inspekterat verksamheten med inriktning på hot och våld. "
    "Inspektionen ledde till krav på kompletterande riskbedömningar, som har lämnats in."
)
_INSPECTED_BELOW: Final = (
    "Arbetsmiljöverket har inspekterat {count} {units} under året. "
    "Kraven på kompletterande riskbedömningar har besvarats och ärendena är avslutade."
)
_ONWARD: Final = "onward_comments"
_TOPICS: Final = {kind.title: kind.topic for kind in RISKS}
_COUNT: Final = ("en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")


def narratives(
    rng: random.Random,
    town: Town,
    inspected: Mapping[int, frozenset[str]],
    risks: Sequence[Risk],
) -> list[Narrative]:
    """Texts of the municipality and its committees, and of about one unit in twelve, each year."""
    found = []
    for year in YEARS:
        sections = [s.id for _, s in template_for(year).numbered() if s.narrative]
        arriving = _arriving(town, [r for r in risks if followed_up(r, year)])
        for unit in town.units:
            comments = [_ONWARD] if unit.id in arriving else []
            others = [s for s in sections if s != _ONWARD]
            if unit.level in ("kommun", "nämnd"):
                chosen = rng.sample(others, rng.randint(6, 9)) + comments
            elif rng.random() < 1 / 12:
                chosen = rng.sample(others + comments, rng.randint(1, 3))
            else:
                continue
            for section in sorted(chosen, key=sections.index):
                if section == "inspections":
                    text = _inspections(town, unit, inspected[year])
                elif section == _ONWARD:
                    text = _onward(unit, arriving[unit.id])
                else:
                    text = _text(rng, section, town.sector_of.get(unit.id, ""))
                found.append(Narrative(unit_id=unit.id, year=year, section=section, text=text))
    return found


def _text(rng: random.Random, section: str, sector: str) -> str:
    """One to three sentences of the section's pool, led by one of the sector's own if it has some."""
    own = _SECTOR_TEXTS.get((section, sector), ())
    pool = _TEXTS[section]
    lead = [rng.choice(own)] if own else []
    picked = sorted(rng.sample(range(len(pool)), rng.randint(0 if own else 1, 2)))
    return " ".join(lead + [pool[i] for i in picked])


def _arriving(town: Town, risks: Sequence[Risk]) -> dict[str, list[str]]:
    """What the risks each unit receives to act on (not to pass on) are about, first met first."""
    parent = {u.id: u.parent_id for u in town.units}
    found: dict[str, list[str]] = {}
    for risk in risks:
        if risk.reported_onward:
            target = risk.reported_to or parent[risk.unit_id]
            topic = _TOPICS[risk.title]
            if target is not None and topic not in found.setdefault(target, []):
                found[target].append(topic)
    return found


def _inspections(town: Town, unit: OrgUnit, inspected: frozenset[str]) -> str:
    """What a unit writes about the year's inspections, as far as they concern it."""
    if unit.level == "kommun":
        seen = len(inspected)
    elif unit.level == "nämnd":
        seen = sum(town.committee_of[uid] == unit.id for uid in inspected)
    else:
        seen = sum(uid == unit.id or uid.startswith(unit.id + ".") for uid in inspected)
    if not seen:
        return _NOT_INSPECTED
    if unit.level == "enhet":
        return _INSPECTED_HERE
    count = _COUNT[seen - 1] if seen <= len(_COUNT) else str(seen)
    return _INSPECTED_BELOW.format(count=count, units="enhet" if seen == 1 else "enheter")


def _onward(unit: OrgUnit, topics: Sequence[str]) -> str:
    """A comment on what the risks reported to the unit are about."""
    named = list(topics[:3])
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " och " + named[-1]
    here = {"kommun": "kommunövergripande nivå", "nämnd": "nämnden"}.get(str(unit.level), "oss")
    return (
        f"De risker som har lyfts till {here} gäller främst {listed}. "
        "Åtgärder har planerats och följs upp under nästa år."
    )
