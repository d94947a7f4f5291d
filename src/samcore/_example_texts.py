"""The words of the example municipality: its risks with fitting measures, and report texts.

All made up for the example, in the municipalities' own Swedish: a risk
names what may harm, each measure says what is done about it and what it
should achieve (önskad effekt); the texts of a section are sentences a unit
might write there.
"""

from __future__ import annotations

from typing import Final, NamedTuple

ALL: Final = "*"
"""The sector of risks every workplace meets."""
MANAGERS: Final = "chefer"
"""The sector of risks of the management levels (department, administration, municipality)."""


class RiskKind(NamedTuple):
    """A risk as units write it down, with the measures that fit it."""

    title: str
    topic: str  # how a report that received it names it in a sentence
    category: str
    sectors: tuple[str, ...]  # the committees' sectors (see _example_base.COMMITTEES)
    probability: tuple[int, int]  # the range it is assessed in, on the 5x5 matrix
    consequence: tuple[int, int]
    onward: bool  # a unit may lack the means to act on it (staffing, premises, money)
    measures: tuple[tuple[str, str], ...]  # (measure, desired effect)


_STRAIN: Final = (
    "Ergonomisk genomgång med företagshälsovården",
    "Färre besvär i rygg, nacke och axlar.",
)
_DE_ESCALATION: Final = (
    "Utbildning i bemötande och konflikthantering",
    "Medarbetarna kan förebygga och hantera hotfulla situationer.",
)

RISKS: Final = (
    RiskKind(
        "Hög arbetsbelastning",
        "hög arbetsbelastning",
        "OSA",
        (ALL,),
        (2, 4),
        (2, 4),
        True,
        (
            ("Översyn av bemanning och schema", "Bemanningen räcker till under hela dagen."),
            (
                "Gemensam prioritering av arbetsuppgifter",
                "Medarbetarna vet vad som kan vänta när tiden inte räcker.",
            ),
            (
                "Rutin för vikarier vid korttidsfrånvaro",
                "Kollegor slipper täcka upp för frånvarande.",
            ),
            (
                "Arbetsbelastning som stående punkt på APT",
                "Signaler om hög belastning fångas upp tidigt.",
            ),
        ),
    ),
    RiskKind(
        "Arbetsrelaterad utmattning",
        "risken för utmattning",
        "OSA",
        (ALL, MANAGERS),
        (2, 3),
        (3, 4),
        True,
        (
            (
                "Stödsamtal via företagshälsovården",
                "Medarbetare med tecken på stress får stöd i tid.",
            ),
            (
                "Utbildning i stresshantering och återhämtning",
                "Ökad kunskap om tidiga tecken på utmattning.",
            ),
            ("Färre förändringsprojekt samtidigt", "Förändringstakten blir möjlig att hantera."),
            (
                "Tydliga mål och prioriteringar i verksamhetsplanen",
                "Minskad stress och ökad känsla av kontroll över arbetet.",
            ),
        ),
    ),
    RiskKind(
        "Hot och våld i mötet med brukare",
        "hot och våld",
        "hot och våld",
        ("social", "omsorg"),
        (2, 4),
        (3, 5),
        True,
        (
            _DE_ESCALATION,
            ("Överfallslarm till all personal", "Den som hotas kan snabbt kalla på hjälp."),
            (
                "Uppdaterad rutin vid hot och våld",
                "Alla vet hur de ska agera och rapportera efter en händelse.",
            ),
            (
                "Riskbedömning inför hembesök",
                "Inga hembesök görs utan bedömd risk och rätt bemanning.",
            ),
            (
                "Säkrare möblering av samtalsrummen",
                "Medarbetaren kan lämna rummet om ett samtal blir hotfullt.",
            ),
        ),
    ),
    RiskKind(
        "Hot och våld från elever",
        "hot och våld",
        "hot och våld",
        ("skola", "gymnasium"),
        (2, 4),
        (3, 4),
        True,
        (
            (
                "Gemensamma ordningsregler och konsekvenser",
                "Eleverna möter samma förväntningar i alla klassrum.",
            ),
            (
                "Utbildning i lågaffektivt bemötande",
                "Färre konflikter trappas upp till våld.",
            ),
            ("Fler vuxna ute på rasterna", "Konflikter upptäcks och bryts tidigt."),
            (
                "Rutin för anmälan och uppföljning efter incident",
                "Varje händelse anmäls i KIA och följs upp med medarbetaren.",
            ),
        ),
    ),
    RiskKind(
        "Utåtagerande barn",
        "utåtagerande barn",
        "hot och våld",
        ("förskola",),
        (2, 4),
        (2, 4),
        True,
        (
            (
                "Handledning av specialpedagog",
                "Personalen har strategier för att förebygga utbrott.",
            ),
            ("Mindre barngrupper under delar av dagen", "Lugnare miljö och färre konflikter."),
            (
                "Extra resurs i barngruppen",
                "Ingen medarbetare är ensam med ett utåtagerande barn.",
            ),
        ),
    ),
    RiskKind(
        "Hot och trakasserier vid myndighetsutövning",
        "hot och trakasserier",
        "hot och våld",
        ("tillsyn", "kontor", "kultur"),
        (2, 3),
        (3, 4),
        True,
        (
            _DE_ESCALATION,
            ("Besök endast efter bokad tid", "Färre oväntade och upprörda besökare."),
            (
                "Rutin för polisanmälan vid hot",
                "Hot mot medarbetare anmäls och följs upp varje gång.",
            ),
            (
                "Funktionsbrevlåda i stället för personliga adresser",
                "Medarbetarnas namn och kontaktuppgifter sprids inte i onödan.",
            ),
        ),
    ),
    RiskKind(
        "Bristande ventilation och höga temperaturer",
        "dålig ventilation",
        "fysisk",
        ("förskola", "skola", "gymnasium", "kontor", "omsorg", "social"),
        (3, 4),
        (2, 3),
        True,
        (
            ("Byte av ventilationsaggregat", "Godkänd luftkvalitet och jämn temperatur."),
            ("Mobila kylaggregat under sommaren", "Dräglig inomhustemperatur under värmeböljor."),
            (
                "Ventilationskontroll med fastighetsägaren",
                "Ett underlag som visar vad som behöver åtgärdas.",
            ),
            ("Solskydd på fönstren i söderläge", "Lägre temperatur i de varmaste rummen."),
        ),
    ),
    RiskKind(
        "Slitna och trånga lokaler",
        "undermåliga lokaler",
        "fysisk",
        ("förskola", "skola", "kontor", "kultur", "tillsyn", "gata"),
        (2, 4),
        (2, 3),
        True,
        (
            (
                "Anmälan av lokalbehovet till lokalförsörjningen",
                "Ett beslut om en långsiktig lokallösning.",
            ),
            (
                "Fler bokningsbara mötesrum och tysta rum",
                "Medarbetarna hittar en lugn plats för koncentrerat arbete.",
            ),
            (
                "Felanmälan och uppföljning av eftersatt underhåll",
                "Skador i lokalerna åtgärdas inom rimlig tid.",
            ),
            (
                "Gemensamma förhållningssätt i lokalerna",
                "Ordning och trivsel i de gemensamma ytorna.",
            ),
        ),
    ),
    RiskKind(
        "Tunga lyft och förflyttningar",
        "tunga lyft",
        "belastningsergonomi",
        ("omsorg", "social"),
        (3, 4),
        (2, 4),
        False,
        (
            ("Taklyftar i brukarnas rum", "Förflyttningar görs utan tunga manuella lyft."),
            (
                "Utbildning i förflyttningsteknik",
                "Medarbetarna använder hjälpmedel och rätt teknik.",
            ),
            _STRAIN,
            (
                "Dubbelbemanning vid tunga omvårdnadsmoment",
                "Ingen lyfter eller vänder en brukare ensam.",
            ),
        ),
    ),
    RiskKind(
        "Lyft av barn och låga arbetshöjder",
        "tunga lyft",
        "belastningsergonomi",
        ("förskola",),
        (3, 4),
        (2, 3),
        False,
        (
            ("Höj- och sänkbara skötbord", "Blöjbyten görs i en bra arbetshöjd."),
            ("Trappsteg så att barnen klättrar upp själva", "Färre lyft av barn under dagen."),
            ("Arbetsstolar för låga bord", "Bättre arbetsställning vid barnens bord."),
            _STRAIN,
        ),
    ),
    RiskKind(
        "Ensamarbete kvällar och helger",
        "ensamarbete",
        "ensamarbete",
        ("omsorg", "social", "kultur"),
        (2, 3),
        (3, 4),
        False,
        (
            ("Rutin för ensamarbete", "Ingen arbetar ensam i situationer med förhöjd risk."),
            (
                "Trygghetslarm kopplat till mobiltelefonen",
                "Den som arbetar ensam kan larma och bli nådd.",
            ),
            (
                "Schema som undviker ensamarbete vid kända risker",
                "Två medarbetare finns på plats när risken är som störst.",
            ),
        ),
    ),
    RiskKind(
        "Buller i barngrupper och klassrum",
        "buller",
        "fysisk",
        ("förskola", "skola"),
        (3, 4),
        (2, 3),
        False,
        (
            ("Ljudabsorbenter i tak och på väggar", "Lägre ljudnivå och kortare efterklang."),
            ("Mindre grupper vid måltiderna", "Lugnare måltider med lägre ljudnivå."),
            ("Filttassar under stolar och bord", "Mindre skrapljud i lokalerna."),
            ("Hörselkontroll via företagshälsovården", "Hörselskador upptäcks i tid."),
        ),
    ),
    RiskKind(
        "Otydliga roller och mandat",
        "otydliga roller",
        "OSA",
        ("kontor", "tillsyn", "gata", "kultur", "gymnasium", MANAGERS),
        (2, 3),
        (2, 3),
        False,
        (
            (
                "Genomgång av roller och ansvar på APT",
                "Alla vet vem som gör vad och vem som beslutar.",
            ),
            ("Uppdaterad delegationsordning", "Beslut fattas på rätt nivå utan omvägar."),
            (
                "Skriftliga uppdragsbeskrivningar",
                "Varje medarbetare känner till sitt uppdrag och sina mandat.",
            ),
        ),
    ),
    RiskKind(
        "Stick- och skärskador",
        "stickskador",
        "fysisk",
        ("omsorg",),
        (1, 3),
        (3, 4),
        False,
        (
            ("Säkerhetsprodukter vid injektioner", "Inga stickskador vid injektioner."),
            ("Kanylburkar i alla läkemedelsrum", "Använt material tas om hand direkt."),
            (
                "Rutin för omhändertagande efter stickskada",
                "Den som skadas får provtagning och stöd samma dag.",
            ),
        ),
    ),
    RiskKind(
        "Kemiska risker vid rengöring",
        "kemiska risker",
        "kemiska risker",
        ("förskola", "omsorg", "gata"),
        (2, 3),
        (2, 3),
        False,
        (
            (
                "Byte till mindre hälsofarliga rengöringsmedel",
                "Färre produkter med farliga egenskaper i verksamheten.",
            ),
            (
                "Uppdaterad kemikalieförteckning med riskbedömning",
                "Varje produkt har en aktuell riskbedömning.",
            ),
            (
                "Skyddshandskar och ögonskydd vid hantering",
                "Inga hud- eller ögonskador vid rengöring.",
            ),
        ),
    ),
    RiskKind(
        "Trafik och maskiner vid arbete i gatu- och parkmiljö",
        "trafik och maskiner",
        "fysisk",
        ("gata",),
        (2, 3),
        (3, 5),
        False,
        (
            (
                "Utbildning i arbete på väg",
                "Alla som arbetar i trafikmiljö har giltig utbildning.",
            ),
            (
                "Utmärkning och avstängning enligt trafikanordningsplan",
                "Arbetsplatsen är skyddad från passerande trafik.",
            ),
            (
                "Vibrationsmätning av handhållna maskiner",
                "Ingen utsätts för vibrationer över gränsvärdet.",
            ),
        ),
    ),
    RiskKind(
        "Långvarigt stillasittande vid skärm",
        "stillasittande arbete",
        "belastningsergonomi",
        ("kontor", "tillsyn", "gymnasium"),
        (3, 4),
        (1, 2),
        False,
        (
            ("Höj- och sänkbara skrivbord", "Medarbetarna kan växla mellan att sitta och stå."),
            _STRAIN,
            ("Påminnelse om pauser i datorn", "Regelbundna pauser under arbetsdagen."),
        ),
    ),
    RiskKind(
        "Hög arbetsbelastning hos chefer",
        "chefernas arbetsbelastning",
        "OSA",
        (MANAGERS,),
        (3, 4),
        (3, 4),
        True,
        (
            ("Stöd från HR i rehabiliteringsärenden", "Cheferna får avlastning i tunga ärenden."),
            ("Översyn av antalet medarbetare per chef", "Ett rimligt antal medarbetare per chef."),
            (
                "Administrativt stöd till enhetscheferna",
                "Mer tid för ledarskap och verksamhet.",
            ),
            ("Chefsforum för erfarenhetsutbyte", "Cheferna delar lösningar och stöttar varandra."),
        ),
    ),
    RiskKind(
        "Svårt att rekrytera och behålla personal",
        "kompetensförsörjningen",
        "OSA",
        (MANAGERS,),
        (3, 4),
        (2, 3),
        True,
        (
            (
                "Kompetensbaserad rekryteringsprocess",
                "Rätt kompetens anställs och stannar längre.",
            ),
            (
                "Strukturerad introduktion för nya medarbetare",
                "Nya medarbetare kommer snabbt in i arbetet.",
            ),
            (
                "Karriärvägar och kompetensutveckling",
                "Fler medarbetare ser en framtid i kommunen.",
            ),
        ),
    ),
)
"""Every risk kind of the example; a unit draws among those of its sector."""
