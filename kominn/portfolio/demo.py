"""Invented demo portfolio for Asker kommune (except three real examples), marked is_example."""

from datetime import date, datetime, time

from django.utils import timezone

from kominn.organisations.models import ServiceArea, Theme

from .models import (
    Approach,
    Award,
    Benefit,
    BenefitType,
    Goal,
    GoalContribution,
    Initiative,
    Lesson,
    Measurement,
    NewsArticle,
    Partner,
    PartnerType,
    Phase,
    Relation,
    RelationType,
    Update,
)

# The benefit vocabulary: (indicator, unit). Reusing the same pairs lets a goal page add up the
# benefits of many initiatives. Percentages are shown side by side, never summed.
CO2 = ("Reduserte klimagassutslipp", "tonn CO₂e per år")
ENERGY = ("Spart energi", "kWh per år")
SAVINGS = ("Innsparing", "kroner per år")
TIME_FREED = ("Frigjort tid", "timer per år")
SATISFACTION = ("Brukertilfredshet", "prosent")
WASTE = ("Mindre avfall", "tonn per år")
REACH = ("Innbyggere som bruker tilbudet", "personer per år")

SOURCE_TITLE = "Kommuneplanens samfunnsdel 2020–2032"
SOURCE_URL = "https://www.asker.kommune.no/"

# Main goals with their sub-goals. Text is hard-wrapped here and unwrapped on loading.
GOALS = [
    {
        "slug": "klima-og-miljo",
        "title": "Klima og miljø",
        "description": """
            Asker skal være et lavutslippssamfunn og gå foran i klima- og miljøarbeidet.
            Målet samler tiltak som kutter utslipp, sparer energi og tar vare på ressursene.
        """,
        "sdgs": [7, 11, 12, 13],
        "children": [
            {
                "slug": "halvere-klimagassutslippene",
                "title": "Halvere klimagassutslippene innen 2030",
                "description": """
                    Utslippene i Asker skal ned med minst 50 prosent innen 2030, sammenlignet
                    med 2009. Klimabudsjettet viser hvilke tiltak som skal gi kuttene.
                """,
                "sdgs": [13],
                "period_end": 2030,
            },
            {
                "slug": "redusere-energibruken-i-kommunale-bygg",
                "title": "Redusere energibruken i kommunale bygg",
                "description": """
                    Kommunens bygg skal bruke mindre energi og produsere mer selv. Nye bygg
                    skal ha lavt energibehov, og eldre bygg skal oppgraderes.
                """,
                "sdgs": [7, 11],
            },
            {
                "slug": "mer-gjenbruk-og-mindre-avfall",
                "title": "Mer gjenbruk og mindre avfall",
                "description": """
                    Ting og materialer skal brukes lenger og om igjen. Kommunen skal gå foran
                    med ombruk i egne innkjøp og gjøre det lett for innbyggerne å dele og
                    reparere.
                """,
                "sdgs": [12],
            },
        ],
    },
    {
        "slug": "gode-oppvekstvilkar",
        "title": "Gode oppvekstvilkår",
        "description": """
            Alle barn og unge i Asker skal ha en trygg oppvekst, oppleve mestring og få et
            godt grunnlag for livet. Kommunen skal sette inn hjelp tidlig og samarbeide på
            tvers av tjenestene.
        """,
        "sdgs": [3, 4, 10],
        "children": [
            {
                "slug": "alle-barn-og-unge-opplever-mestring",
                "title": "Alle barn og unge opplever mestring",
                "description": """
                    Barnehager og skoler skal gi alle barn gode språklige, sosiale og faglige
                    ferdigheter, og fange opp dem som trenger mer hjelp.
                """,
                "sdgs": [4],
            },
            {
                "slug": "flere-unge-fullforer-skole-og-kommer-i-arbeid",
                "title": "Flere unge fullfører skole og kommer i arbeid",
                "description": """
                    Flere unge skal fullføre videregående opplæring, og ingen skal bli gående
                    lenge uten skole, arbeid eller aktivitet.
                """,
                "sdgs": [4, 8],
            },
        ],
    },
    {
        "slug": "helse-og-mestring-hele-livet",
        "title": "Helse og mestring hele livet",
        "description": """
            Innbyggerne skal kunne leve gode og selvstendige liv, med hjelp når de trenger
            det. Kommunen skal bruke teknologi og frivillighet for å møte flere eldre med de
            samme ressursene.
        """,
        "sdgs": [3, 10],
        "children": [
            {
                "slug": "flere-kan-bo-trygt-hjemme-lenger",
                "title": "Flere kan bo trygt hjemme lenger",
                "description": """
                    De som ønsker det, skal kunne bo hjemme så lenge som mulig, med trygghet
                    og tjenester tilpasset egne behov.
                """,
                "sdgs": [3],
            },
            {
                "slug": "faerre-opplever-ensomhet",
                "title": "Færre opplever ensomhet",
                "description": """
                    Alle skal ha noen å snakke med og et sted å høre til. Kommunen og
                    frivilligheten skal nå dem som står utenfor fellesskapet.
                """,
                "sdgs": [3, 11],
            },
        ],
    },
    {
        "slug": "digital-og-innovativ-kommune",
        "title": "Digital og innovativ kommune",
        "description": """
            Asker skal utvikle tjenestene sammen med innbyggere, frivillige og næringsliv, og
            bruke digitale løsninger der de gjør hverdagen enklere. Frigjort tid skal gå til
            kjerneoppgavene.
        """,
        "sdgs": [9, 16, 17],
        "children": [
            {
                "slug": "enklere-digitale-tjenester",
                "title": "Enklere digitale tjenester for innbyggerne",
                "description": """
                    Innbyggerne skal få raske og forståelige svar, og ingen skal falle utenfor
                    fordi tjenestene er digitale.
                """,
                "sdgs": [9, 16],
            },
            {
                "slug": "mer-tid-til-kjerneoppgavene",
                "title": "Mer tid til kjerneoppgavene",
                "description": """
                    Automatisering og teknologi skal ta rutinearbeidet, slik at de ansatte får
                    mer tid til menneskene de er til for.
                """,
                "sdgs": [8, 9],
            },
            {
                "slug": "samskaping-med-innbyggere-frivillige-og-naeringsliv",
                "title": "Innbyggere, frivillige og næringsliv skaper sammen",
                "description": """
                    Kommunen skal invitere innbyggere, frivillige og næringsliv inn i arbeidet
                    med å utvikle lokalsamfunnet, og dele det vi lærer.
                """,
                "sdgs": [11, 17],
            },
        ],
    },
]

# Short names for the goal slugs used below.
KLIMA = "klima-og-miljo"
UTSLIPP = "halvere-klimagassutslippene"
ENERGIBRUK = "redusere-energibruken-i-kommunale-bygg"
GJENBRUK = "mer-gjenbruk-og-mindre-avfall"
OPPVEKST = "gode-oppvekstvilkar"
MESTRING = "alle-barn-og-unge-opplever-mestring"
FULLFORE = "flere-unge-fullforer-skole-og-kommer-i-arbeid"
HELSE = "helse-og-mestring-hele-livet"
HJEMME = "flere-kan-bo-trygt-hjemme-lenger"
ENSOMHET = "faerre-opplever-ensomhet"
ENKLERE = "enklere-digitale-tjenester"
KJERNE = "mer-tid-til-kjerneoppgavene"
SAMSKAPING = "samskaping-med-innbyggere-frivillige-og-naeringsliv"

FIRST, ADOPTED, SHARED = Approach.FIRST, Approach.ADOPTED, Approach.SHARED
ECONOMIC, QUALITY = BenefitType.ECONOMIC, BenefitType.QUALITY
CLIMATE, OTHERS = BenefitType.CLIMATE, BenefitType.OTHERS

# Each initiative: model fields, plus "areas", "themes", "owner" (slugs) and its children:
# goals (slug, note), benefits (type, (indicator, unit), baseline, target, description,
# [(date, value)]), lessons (title, body), partners (name, type, role), updates (date, title,
# body) and awards (name, year, result, url).
INITIATIVES = [
    {
        "slug": "deponigassanlegg-pa-yggeset",
        "title": "Deponigassanlegg på Yggeset",
        "summary": """
            Gassen fra det gamle avfallsdeponiet på Yggeset samles opp og blir til varme i
            stedet for å slippe ut som metan. Anlegget var det første av sitt slag i regionen
            og ble nominert til Avfall Norges innovasjonspris i 2014.
        """,
        "need": """
            Et avfallsdeponi fortsetter å lage metan i flere tiår etter at det er stengt.
            Metan er en langt kraftigere klimagass enn CO₂, og gassen som lekket ut, var både
            et klimaproblem og sløsing med energi.

            Kommunen trengte en løsning som samlet opp gassen sikkert og gjorde den nyttig.
        """,
        "what_is_new": """
            Et nett av brønner suger ut deponigassen, som brukes til å varme opp bygningene
            på Yggeset. Overskuddet fakles kontrollert, slik at metanet ikke slipper ut.

            - Anlegget styres og overvåkes digitalt, med varsling ved avvik.
            - Løsningen er dokumentert slik at andre kommuner med gamle deponier kan bruke
              den.
        """,
        "approach": FIRST,
        "phase": Phase.SPREADING,
        "areas": ["renovasjon"],
        "themes": ["miljo-og-klima"],
        "owner": "renovasjon",
        "contact_name": "Kari Hansen",
        "start_date": "2012-04-01",
        "cost": 6_800_000,
        "funding": "Investeringsbudsjettet og tilskudd fra Enova",
        "published_at": "2024-02-12",
        "goals": [
            (UTSLIPP, "Hindrer at metan fra deponiet slipper ut i lufta."),
            (GJENBRUK, "Gjør gassen fra gammelt avfall om til energi."),
        ],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                3000,
                "Beregnet ut fra mengden metan som samles opp og destrueres.",
                [("2016-12-31", 2200), ("2020-12-31", 2750), ("2024-12-31", 2900)],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                1_200_000,
                "Sparte utgifter til oppvarming av bygningene på Yggeset.",
                [("2016-12-31", 700_000), ("2020-12-31", 950_000), ("2024-12-31", 1_100_000)],
            ),
        ],
        "lessons": [
            (
                "Mål gassmengden før dere dimensjonerer",
                """
                Gassproduksjonen i et deponi avtar over tid. Vi målte i et helt år før vi
                valgte størrelse på anlegget, og derfor går det fortsatt med god utnyttelse.

                Bruk gjerne måledataene våre til sammenligning.
                """,
            ),
            (
                "Del tidlig med andre",
                """
                Nominasjonen til Avfall Norges innovasjonspris ga mange henvendelser fra andre
                kommuner. Vi har laget en kort veileder og tar gjerne imot studiebesøk.
                """,
            ),
        ],
        "partners": [
            ("Miljødirektoratet", PartnerType.STATE, "Tillatelse og tilsyn med deponiet"),
            ("NIBIO", PartnerType.RESEARCH, "Målinger av metanutslipp fra deponiet"),
            ("Lier kommune", PartnerType.MUNICIPALITY, "Erfaringsdeling om eget deponi"),
        ],
        "updates": [
            (
                "2014-06-10",
                "Nominert til Avfall Norges innovasjonspris",
                "Anlegget er nominert til prisen for nyskapende løsninger i avfallsbransjen.",
            ),
            (
                "2022-09-15",
                "Nye gassbrønner er boret",
                "Seks nye brønner øker oppsamlingen i den eldste delen av deponiet.",
            ),
            (
                "2025-03-20",
                "Studiebesøk fra tre kommuner",
                "Vi viste fram anlegget og delte måledata og driftserfaringer.",
            ),
        ],
        "awards": [("Avfall Norges innovasjonspris", 2014, "nominated", "https://avfallnorge.no/")],
    },
    {
        "slug": "led-belysning-i-kommunale-bygg-og-gater",
        "title": "LED-belysning i kommunale bygg og gater",
        "summary": """
            Kommunen bytter ut gammel belysning med LED i skoler, barnehager, sykehjem og
            gatelys. Vi tok i bruk en løsning andre kommuner allerede hadde gode erfaringer med.
        """,
        "need": """
            Belysning sto for en stor del av strømforbruket i kommunale bygg, og mange gatelys
            hadde kvikksølvlamper som ikke lenger kan kjøpes. Vedlikeholdet var dyrt fordi
            lyskildene måtte byttes ofte.
        """,
        "what_is_new": """
            Vi har ikke funnet opp noe nytt, men hentet en velprøvd løsning fra nabokommunen.
            Nytt for oss er:

            - gatelys som dimmes om natta og styres etter behov
            - sensorer som slår av lyset i tomme rom
            - en felles innkjøpsavtale som alle enheter kan bruke
        """,
        "approach": ADOPTED,
        "phase": Phase.PRACTICE,
        "areas": ["eiendom", "samfunnsutvikling"],
        "themes": ["miljo-og-klima"],
        "owner": "eiendom",
        "contact_name": "Ole Johansen",
        "start_date": "2019-01-15",
        "cost": 24_000_000,
        "funding": "Investeringsbudsjettet og Enova-tilskudd",
        "published_at": "2024-03-05",
        "goals": [
            (ENERGIBRUK, "Ny belysning bruker om lag 60 prosent mindre strøm enn den gamle."),
        ],
        "benefits": [
            (
                CLIMATE,
                ENERGY,
                0,
                2_400_000,
                "Målt strømforbruk til belysning, sammenlignet med 2018.",
                [("2020-12-31", 600_000), ("2022-12-31", 1_500_000), ("2024-12-31", 2_100_000)],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                3_000_000,
                "Lavere strømregning og mindre vedlikehold.",
                [("2020-12-31", 700_000), ("2022-12-31", 2_000_000), ("2024-12-31", 2_600_000)],
            ),
        ],
        "lessons": [
            (
                "Spør nabokommunen først",
                """
                Bærum hadde allerede testet armaturer og styringssystem. Vi sparte mange
                måneder ved å bruke kravspesifikasjonen deres.
                """,
            ),
            (
                "Ta med driftspersonalet",
                """
                Driftsteknikerne visste hvilke bygg som hadde størst problemer. Da de var med
                og prioriterte, gikk utskiftingen raskere.
                """,
            ),
        ],
        "partners": [
            ("Bærum kommune", PartnerType.MUNICIPALITY, "Delte kravspesifikasjon og erfaringer"),
            ("Enova", PartnerType.STATE, "Tilskudd til energitiltak"),
        ],
        "updates": [
            ("2019-01-15", "Oppstart på ti skoler", "De første skolene får LED i alle rom."),
            (
                "2022-11-01",
                "Alle gatelys i sentrum er byttet",
                "Gatelysene i Asker sentrum dimmes nå mellom midnatt og klokka fem.",
            ),
            (
                "2025-04-02",
                "Over 80 prosent av byggene er ferdige",
                "Resten av byggene får LED i forbindelse med planlagt rehabilitering.",
            ),
        ],
    },
    {
        "slug": "alternativ-energi-sammen-med-innbyggere-og-naeringsliv",
        "title": "Alternativ energi sammen med innbyggere og næringsliv",
        "summary": """
            Kommunen, innbyggere og lokale bedrifter deler kunnskap og erfaringer for å få
            flere solcelleanlegg, varmepumper og mer lokal energi. Vi sprer løsningene som
            virker, slik at flere kan ta dem i bruk.
        """,
        "need": """
            Mange innbyggere og bedrifter vil produsere egen energi, men synes det er vanskelig
            å vite hva som lønner seg og hvem de kan stole på.

            Kommunen bestemmer bare over egne bygg, og klimamålet nås ikke uten at hele
            lokalsamfunnet er med.
        """,
        "what_is_new": """
            Vi samarbeider i stedet for å gjøre alt selv:

            - **Energikvelder** på biblioteket, der naboer som har installert solceller,
              forteller om erfaringene sine.
            - **Felles innkjøp**, der velforeninger og borettslag får bedre pris.
            - **Åpne data** om kommunens egne anlegg, slik at alle kan se hva de produserer.
        """,
        "approach": SHARED,
        "phase": Phase.SPREADING,
        "areas": ["samfunnsutvikling", "kultur-frivillighet"],
        "themes": ["miljo-og-klima", "frivillighet"],
        "owner": "samfunnsutvikling",
        "contact_name": "Ingrid Berg",
        "start_date": "2020-09-01",
        "cost": 1_500_000,
        "funding": "Klimasats",
        "published_at": "2024-04-18",
        "goals": [
            (UTSLIPP, "Lokal fornybar energi erstatter fossil oppvarming hos innbyggere."),
            (SAMSKAPING, "Innbyggere og næringsliv er med og sprer løsningene."),
        ],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                800,
                "Anslag ut fra oljefyrer som er byttet ut og solcelleanlegg som er satt opp.",
                [("2021-12-31", 120), ("2023-12-31", 390), ("2025-12-31", 610)],
            ),
            (
                OTHERS,
                REACH,
                0,
                1500,
                "Deltakere på energikvelder og i felles innkjøp.",
                [("2021-12-31", 300), ("2023-12-31", 900), ("2025-12-31", 1350)],
            ),
        ],
        "lessons": [
            (
                "Naboer er de beste ambassadørene",
                """
                Folk stoler mer på naboen enn på kommunen. Energikveldene fungerte best når
                innbyggere selv fortalte om kostnader og feil de hadde gjort.
                """,
            ),
            (
                "Hold kommunen nøytral",
                """
                Vi anbefaler ikke enkeltleverandører. Felles innkjøp går gjennom
                velforeningene, mens kommunen bidrar med kunnskap og møteplasser.
                """,
            ),
        ],
        "partners": [
            (
                "Velforeninger og borettslag i Asker",
                PartnerType.CITIZENS,
                "Arrangerer felles innkjøp og deler erfaringer",
            ),
            (
                "Lokale installatører og energiselskaper",
                PartnerType.BUSINESS,
                "Stiller på energikvelder og gir tilbud til felles innkjøp",
            ),
            ("Enova", PartnerType.STATE, "Informasjon om støtteordninger for private"),
        ],
        "updates": [
            (
                "2020-10-14",
                "Første energikveld på Asker bibliotek",
                "Over 120 innbyggere kom for å høre om solceller og varmepumper.",
            ),
            (
                "2023-05-08",
                "Felles innkjøp ga 40 nye solcelleanlegg",
                "Fem velforeninger gikk sammen og fikk bedre pris og samme installatør.",
            ),
            (
                "2025-09-30",
                "Modellen deles med nabokommunene",
                "Vi har laget en enkel oppskrift for energikvelder som andre kan bruke.",
            ),
        ],
    },
    {
        "slug": "solceller-pa-skoletak",
        "title": "Solceller på skoletak",
        "summary": """
            Nye og rehabiliterte skoler får solceller på taket. Elevene følger produksjonen i
            undervisningen.
        """,
        "need": """
            Skolene har store, flate tak som står ubrukt. Samtidig vil kommunen kjøpe mindre
            energi og gi elevene praktisk kunnskap om fornybar energi.
        """,
        "what_is_new": """
            Vi har hentet modellen fra andre kommuner som bygger solceller på skoler, og
            koblet den til undervisningen:

            - Produksjonen vises på en skjerm i vestibylen og på nett.
            - Naturfaglærerne har fått et undervisningsopplegg om energi og klima.
        """,
        "approach": ADOPTED,
        "phase": Phase.IMPLEMENTATION,
        "areas": ["eiendom", "skoler"],
        "themes": ["miljo-og-klima", "oppvekst"],
        "owner": "eiendom",
        "contact_name": "Lars Nilsen",
        "start_date": "2023-03-01",
        "cost": 9_500_000,
        "funding": "Investeringsbudsjettet og Enova-tilskudd",
        "published_at": "2024-09-10",
        "goals": [
            (ENERGIBRUK, "Solstrøm fra egne tak erstatter kjøpt energi i skolebyggene."),
            (MESTRING, "Elevene lærer om energi og klima med data fra egen skole."),
        ],
        "benefits": [
            (
                CLIMATE,
                ENERGY,
                0,
                650_000,
                "Egenprodusert strøm som erstatter kjøpt energi.",
                [("2024-12-31", 180_000), ("2025-12-31", 410_000)],
            ),
        ],
        "lessons": [
            (
                "Planlegg taket for solceller fra start",
                """
                Det er langt billigere å dimensjonere takkonstruksjonen for solceller i nybygg
                enn å forsterke den etterpå.
                """,
            ),
        ],
        "partners": [
            ("Drammen kommune", PartnerType.MUNICIPALITY, "Delte erfaringer fra egne skoler"),
        ],
        "updates": [
            (
                "2023-09-01",
                "Første anlegg i drift",
                "Solcellene på den nye barneskolen leverer strøm fra første skoledag.",
            ),
            (
                "2025-08-18",
                "Fire nye skoler med solceller",
                "Nå produserer fem skoler egen strøm, og elevene kan følge med på nett.",
            ),
        ],
    },
    {
        "slug": "smarte-vannmalere",
        "title": "Smarte vannmålere",
        "summary": """
            Vannmålerne leses av automatisk, og kommunen oppdager lekkasjer hos abonnentene
            raskere. Innbyggerne slipper å lese av måleren selv.
        """,
        "need": """
            Hvert år måtte innbyggerne lese av vannmåleren og sende inn tallet, og mange
            glemte det. Lekkasjer etter måleren ble ofte ikke oppdaget før regningen kom.
        """,
        "what_is_new": """
            Nye målere sender forbruket automatisk. Er forbruket unormalt høyt over tid, får
            innbyggeren varsel på SMS. Løsningen er hentet fra kommuner i Danmark og Sverige
            som har brukt den i flere år.
        """,
        "approach": ADOPTED,
        "phase": Phase.IMPLEMENTATION,
        "areas": ["vann-og-avlop", "digitalisering"],
        "themes": ["digitalisering", "miljo-og-klima"],
        "owner": "vann-og-avlop",
        "contact_name": "Marte Solberg",
        "start_date": "2023-01-10",
        "cost": 38_000_000,
        "funding": "Vann- og avløpsgebyrer (selvkost)",
        "published_at": "2024-11-04",
        "goals": [
            (KJERNE, "Automatisk avlesing frigjør tid til oppfølging av lekkasjer."),
            (ENKLERE, "Innbyggerne slipper å lese av og rapportere selv."),
        ],
        "benefits": [
            (
                ECONOMIC,
                TIME_FREED,
                0,
                1200,
                "Tid brukt på manuell avlesning, purring og retting av feil.",
                [("2024-06-30", 300), ("2025-06-30", 750)],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                800_000,
                "Mindre tapt vann og færre klager på regninger.",
                [("2024-12-31", 150_000), ("2025-12-31", 420_000)],
            ),
        ],
        "lessons": [
            (
                "Informer før montøren ringer på",
                """
                Mange var skeptiske til at noen skulle inn i kjelleren. Brev og SMS to uker
                før montering halverte antallet avlyste avtaler.
                """,
            ),
            (
                "Avklar personvernet tidlig",
                """
                Timesdata om vannforbruk kan si noe om når folk er hjemme. Vi lagrer bare det
                vi trenger, og har gjort en vurdering av personvernkonsekvenser (DPIA).
                """,
            ),
        ],
        "updates": [
            (
                "2023-01-10",
                "Utskiftingen har startet i Heggedal",
                "De første 2000 målerne byttes i løpet av våren.",
            ),
            (
                "2025-05-12",
                "Halvparten av målerne er byttet",
                "Resten av kommunen får nye målere innen utgangen av 2026.",
            ),
        ],
    },
    {
        "slug": "regnbed-og-blagronne-losninger",
        "title": "Regnbed og blågrønne løsninger for overvann",
        "summary": """
            Vi tester regnbed, grønne tak og åpne bekker på skoler og i boligområder for å ta
            hånd om styrtregn der det faller. Målet er færre oversvømte kjellere og grønnere
            nærmiljø.
        """,
        "need": """
            Kraftigere regnskyll gir oftere oversvømte kjellere og veier. Rørene er ikke
            dimensjonert for mengdene, og det er svært dyrt å bygge dem større overalt.
        """,
        "what_is_new": """
            I to pilotområder lager vi løsninger som holder på vannet og lar det renne sakte
            bort. Sensorer i kummene måler effekten, og vi sammenligner med områder uten
            tiltak.

            Så vidt vi vet er vi først ute med å koble slike sensordata direkte til
            planleggingen av nye boligfelt.
        """,
        "approach": FIRST,
        "phase": Phase.DEVELOPMENT,
        "areas": ["vann-og-avlop", "skoler"],
        "themes": ["miljo-og-klima"],
        "owner": "vann-og-avlop",
        "contact_name": "Anders Lie",
        "start_date": "2025-04-01",
        "cost": 3_200_000,
        "funding": "Klimasats",
        "published_at": "2025-06-02",
        "goals": [(KLIMA, "Gjør kommunen bedre rustet for et våtere klima.")],
        "lessons": [
            (
                "La elevene være med",
                """
                Elevene var med og plantet regnbedet i skolegården. Det ga eierskap, og vi har
                hatt lite hærverk.
                """,
            ),
        ],
        "partners": [
            ("NMBU", PartnerType.RESEARCH, "Følgeforskning og analyse av sensordata"),
        ],
        "updates": [
            (
                "2025-04-01",
                "Oppstart i to pilotområder",
                "Arbeidet starter ved en barneskole og i et boligområde i Slemmestad.",
            ),
            (
                "2025-10-15",
                "Sensorene har målt første høstflom",
                "Regnbedet holdt tilbake mye av vannet under det kraftige regnet i oktober.",
            ),
        ],
    },
    {
        "slug": "ombruk-av-kontormobler",
        "title": "Ombruk av kontormøbler",
        "summary": """
            Før kommunen kjøper nye møbler, sjekker vi om brukte kan gjøre jobben. Møbler som
            blir til overs, får nytt liv i andre enheter.
        """,
        "need": """
            Ved flytting og ombygging ble mange fungerende møbler kastet, samtidig som andre
            enheter kjøpte nytt. Nye møbler gir betydelige klimagassutslipp.
        """,
        "what_is_new": """
            Et digitalt lager viser alle brukte møbler som er ledige, med bilde og tilstand.
            Innkjøpsavtalen er endret slik at møbler også kan repareres og trekkes om. Vi
            deler lageret og avtalemalene med nabokommuner.
        """,
        "approach": SHARED,
        "phase": Phase.PRACTICE,
        "areas": ["innkjop", "eiendom"],
        "themes": ["miljo-og-klima"],
        "owner": "innkjop",
        "contact_name": "Hanne Bakke",
        "start_date": "2022-02-01",
        "cost": 450_000,
        "funding": "Egen drift",
        "published_at": "2024-05-22",
        "goals": [
            (GJENBRUK, "Møbler brukes om igjen i stedet for å bli avfall."),
            (UTSLIPP, "Ombruk gir langt lavere utslipp enn nye møbler."),
        ],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                120,
                "Beregnet med utslippsfaktorer for nye møbler.",
                [("2022-12-31", 35), ("2023-12-31", 70), ("2024-12-31", 98), ("2025-12-31", 112)],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                1_200_000,
                "Sparte innkjøp av nye møbler.",
                [("2022-12-31", 380_000), ("2024-12-31", 890_000), ("2025-12-31", 1_050_000)],
            ),
        ],
        "lessons": [
            (
                "Gjør det like enkelt som å bestille nytt",
                """
                Ombruk tok først av da lageret ble en del av bestillingsløsningen vi allerede
                bruker, med levering på døra.
                """,
            ),
            (
                "Krev reparasjon i avtalen",
                """
                Når leverandøren også kan reparere, blir ombruk et reelt alternativ også for
                møbler med små skader.
                """,
            ),
        ],
        "partners": [
            ("Lokal attføringsbedrift", PartnerType.BUSINESS, "Henter, reparerer og leverer"),
            ("Lier kommune", PartnerType.MUNICIPALITY, "Bruker det samme digitale lageret"),
        ],
        "updates": [
            (
                "2022-02-01",
                "Digitalt møbellager er åpnet",
                "Alle enheter kan nå se og bestille brukte møbler.",
            ),
            (
                "2024-09-02",
                "Nytt rådhusbygg møblert med brukt",
                "Over 70 prosent av møblene i de nye kontorene er ombrukt.",
            ),
        ],
    },
    {
        "slug": "ombruksbua-pa-gjenvinningsstasjonen",
        "title": "Ombruksbua på gjenvinningsstasjonen",
        "summary": """
            Innbyggere kan levere og hente brukte ting gratis på gjenvinningsstasjonen.
            Frivillige og ansatte sorterer, slik at mindre blir avfall.
        """,
        "need": """
            Mye av det som ble levert på gjenvinningsstasjonen, var helt brukbart: møbler,
            sportsutstyr, leker og kjøkkenutstyr. Det ble kastet fordi det ikke fantes noe sted
            å gi det videre.
        """,
        "what_is_new": """
            Ombruksbua tar imot ting ved innkjøringen, før containerne. Frivillige hjelper til
            med sortering og utlevering, og alt er gratis. Vi deler driftsmodellen med andre
            kommuner som vil gjøre det samme.
        """,
        "approach": SHARED,
        "phase": Phase.PRACTICE,
        "areas": ["renovasjon", "frivilligsentraler"],
        "themes": ["miljo-og-klima", "frivillighet"],
        "owner": "renovasjon",
        "contact_name": "Per Moen",
        "start_date": "2021-05-01",
        "cost": 900_000,
        "funding": "Renovasjonsgebyr (selvkost) og Klimasats",
        "published_at": "2024-01-22",
        "goals": [
            (GJENBRUK, "Ting går til nye eiere i stedet for i containeren."),
            (SAMSKAPING, "Frivillige driver bua sammen med kommunen."),
        ],
        "benefits": [
            (
                CLIMATE,
                WASTE,
                0,
                300,
                "Vekt på ting som er hentet i bua i stedet for å bli avfall.",
                [("2021-12-31", 60), ("2023-12-31", 190), ("2025-12-31", 260)],
            ),
        ],
        "lessons": [
            (
                "Plasser bua før containerne",
                """
                Da bua lå inne på stasjonen, hadde folk allerede kastet tingene. Etter at vi
                flyttet den til innkjøringen, ble mengden doblet.
                """,
            ),
        ],
        "partners": [
            ("Frivillige fra frivilligsentralene", PartnerType.VOLUNTARY, "Sorterer og deler ut"),
        ],
        "updates": [
            ("2021-05-01", "Ombruksbua er åpnet", "Bua er åpen i stasjonens åpningstid."),
            (
                "2023-04-17",
                "Bua er flyttet til innkjøringen",
                "Nå kan du levere brukbare ting før du kjører inn til containerne.",
            ),
            (
                "2025-06-10",
                "Rekordår for ombruk",
                "I fjor fant over 200 tonn ting nye eiere gjennom bua.",
            ),
        ],
    },
    {
        "slug": "fossilfrie-byggeplasser",
        "title": "Fossilfrie byggeplasser",
        "summary": """
            Alle kommunale byggeprosjekter stiller krav om fossilfrie og utslippsfrie
            maskiner. Kravet er nå standard i kommunens byggekontrakter.
        """,
        "need": """
            Anleggsmaskiner og byggvarme gikk på diesel og sto for en stor del av utslippene
            fra kommunens byggeprosjekter.
        """,
        "what_is_new": """
            Vi tok i bruk kravene fra Oslo og andre storbyer og tilpasset dem til vår
            størrelse. Kravene ble innført trinnvis: først fossilfritt, deretter utslippsfritt
            der markedet har maskiner.
        """,
        "approach": ADOPTED,
        "phase": Phase.COMPLETED,
        "areas": ["eiendom", "innkjop"],
        "themes": ["miljo-og-klima"],
        "owner": "eiendom",
        "contact_name": "Sigrid Haugen",
        "start_date": "2020-01-01",
        "end_date": "2024-06-30",
        "funding": "Egen drift",
        "published_at": "2024-08-26",
        "goals": [(UTSLIPP, "Fjerner diesel fra kommunens byggeplasser.")],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                900,
                "Sammenlignet med dieseldrift i tilsvarende prosjekter.",
                [("2021-12-31", 250), ("2023-12-31", 640), ("2024-06-30", 880)],
            ),
        ],
        "lessons": [
            (
                "Snakk med markedet før dere stiller krav",
                """
                Leverandørkonferanser et år i forveien ga entreprenørene tid til å skaffe
                maskiner. Vi fikk flere tilbud enn vi fryktet.
                """,
            ),
            (
                "Følg opp på byggeplassen",
                """
                Krav i kontrakten er ikke nok. Vi tar stikkprøver og ber om dokumentasjon på
                drivstoff hver måned.
                """,
            ),
        ],
        "partners": [
            ("Oslo kommune", PartnerType.MUNICIPALITY, "Delte kravtekster og erfaringer"),
            ("Entreprenører i regionen", PartnerType.BUSINESS, "Deltok i leverandørdialogen"),
        ],
        "updates": [
            (
                "2020-01-01",
                "Krav om fossilfritt i alle nye kontrakter",
                "Fra i dag gjelder kravet alle kommunale byggeprosjekter.",
            ),
            (
                "2022-03-14",
                "Første utslippsfrie byggeplass",
                "Ny barnehage bygges med elektriske gravemaskiner og fjernvarme som byggvarme.",
            ),
            (
                "2024-06-30",
                "Prosjektet er avsluttet",
                "Kravene er nå en fast del av kommunens kontraktsmaler.",
            ),
        ],
    },
    {
        "slug": "elbiler-i-hjemmetjenesten",
        "title": "Elbiler i hjemmetjenesten",
        "summary": """
            Hjemmetjenesten har byttet hele bilparken fra fossilbiler til elbiler. Prosjektet
            er avsluttet, og elbil er nå standard ved alle nye innkjøp.
        """,
        "need": """
            Hjemmetjenesten kjører flere hundre tusen kilometer i året. Bilene gikk på bensin
            og diesel, og drivstoffet var en stor utgift.
        """,
        "what_is_new": """
            Vi lærte av kommuner som allerede hadde gått over til elbil, og bygde lading ved
            alle baser. Ruteplanleggingen tar nå hensyn til rekkevidde og lading.
        """,
        "approach": ADOPTED,
        "phase": Phase.COMPLETED,
        "areas": ["hjemmetjenester", "eiendom"],
        "themes": ["mobilitet", "miljo-og-klima"],
        "owner": "hjemmetjenester",
        "contact_name": "Jon Eriksen",
        "start_date": "2019-09-01",
        "end_date": "2023-12-31",
        "cost": 4_200_000,
        "funding": "Klimasats og egen drift",
        "published_at": "2024-06-11",
        "goals": [(UTSLIPP, "Fjerner fossilt drivstoff fra en av kommunens største bilparker.")],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                180,
                "Utslipp fra drivstoff, sammenlignet med 2018.",
                [("2020-12-31", 60), ("2022-12-31", 140), ("2023-12-31", 175)],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                450_000,
                "Lavere utgifter til drivstoff og vedlikehold.",
                [("2021-12-31", 150_000), ("2023-12-31", 430_000)],
            ),
        ],
        "lessons": [
            (
                "Ladeplasser først, biler etterpå",
                """
                Vi undervurderte hvor lang tid det tar å bygge lading. Start med
                strømkapasitet og ladeplasser ved basene.
                """,
            ),
            (
                "Planlegg for vinteren",
                """
                Rekkevidden faller når det er kaldt. Ruteplanleggingen må ta utgangspunkt i
                rekkevidden om vinteren.
                """,
            ),
        ],
        "updates": [
            (
                "2019-09-01",
                "De første 20 elbilene er på veien",
                "Hjemmetjenesten i Asker sentrum kjører nå bare elbil.",
            ),
            (
                "2023-12-31",
                "Hele bilparken er elektrisk",
                "Alle 140 biler i hjemmetjenesten er nå elbiler.",
            ),
        ],
    },
    {
        "slug": "elsykkelpool-for-ansatte",
        "title": "Elsykkelpool for ansatte",
        "summary": """
            Ansatte kunne låne elsykler til tjenestereiser mellom kommunale bygg.
            Prøveprosjektet ble stoppet etter to sesonger fordi syklene ble for lite brukt.
        """,
        "need": """
            Mange korte tjenestereiser mellom rådhuset, skoler og helsehus ble gjort med
            privatbil. Det ga utslipp, kostnader til kjøregodtgjørelse og vanskelig parkering.
        """,
        "what_is_new": """
            Vi kjøpte inn 20 elsykler med digital booking, etter modell fra flere andre
            kommuner.
        """,
        "stop_reason": """
            Syklene ble brukt langt mindre enn forventet, særlig utenom sommerhalvåret. De
            fleste tjenestereisene var for lange til sykkel, og vedlikehold og tyveri gjorde
            ordningen dyrere enn planlagt. Syklene er overført til skoler og frivilligsentraler.
        """,
        "approach": ADOPTED,
        "phase": Phase.STOPPED,
        "areas": ["organisasjon-og-digitalisering", "eiendom"],
        "themes": ["mobilitet"],
        "owner": "organisasjon-og-digitalisering",
        "contact_name": "Nina Strand",
        "start_date": "2022-04-01",
        "end_date": "2023-10-31",
        "cost": 600_000,
        "funding": "Klimasats",
        "published_at": "2024-07-01",
        "goals": [(UTSLIPP, "Skulle erstatte korte bilturer i tjenesten.")],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                15,
                "Anslag ut fra registrerte turer. Målet ble ikke nådd.",
                [("2022-10-31", 2), ("2023-10-31", 3)],
            ),
        ],
        "lessons": [
            (
                "Kartlegg reisene før dere kjøper",
                """
                Vi burde analysert reisedataene først. Da hadde vi sett at de fleste reisene
                var over ti kilometer.
                """,
            ),
            (
                "Et stopp er også et resultat",
                """
                Vi stoppet i tide og flyttet syklene dit de blir brukt. Pengene er ikke tapt,
                og vi vet mer om hva som virker.
                """,
            ),
        ],
        "updates": [
            (
                "2022-04-01",
                "20 elsykler er klare til utlån",
                "Syklene bookes i samme løsning som møterom.",
            ),
            (
                "2023-10-31",
                "Prosjektet stoppes",
                "Bruken var for lav. Syklene gis videre til skoler og frivilligsentraler.",
            ),
        ],
    },
    {
        "slug": "mindre-matsvinn-pa-sykehjem",
        "title": "Mindre matsvinn på sykehjem",
        "summary": """
            Sykehjemmene måler hvor mye mat som kastes, og tilpasser porsjoner og menyer etter
            det. Beboerne får mat de liker, og mindre havner i søpla.
        """,
        "need": """
            Kjøkkenene kastet mye mat, både fra produksjonen og fra tallerkenene. Samtidig er
            underernæring et kjent problem blant eldre på institusjon.
        """,
        "what_is_new": """
            Vi veier matavfallet hver dag, og beboerne er med og bestemmer menyen. Mindre
            porsjoner med påfyll og flere mellommåltider gir bedre ernæring og mindre svinn.

            Metoden og skjemaene deles med barnehager og skoler som vil gjøre det samme.
        """,
        "approach": SHARED,
        "phase": Phase.IMPLEMENTATION,
        "areas": ["sykehjem"],
        "themes": ["miljo-og-klima", "helse-og-mestring"],
        "owner": "sykehjem",
        "contact_name": "Tor Dahl",
        "start_date": "2024-01-15",
        "cost": 250_000,
        "funding": "Egen drift",
        "published_at": "2025-01-20",
        "goals": [
            (GJENBRUK, "Mindre mat blir avfall."),
            (HELSE, "Bedre ernæring for beboerne."),
        ],
        "benefits": [
            (
                CLIMATE,
                WASTE,
                0,
                25,
                "Matavfall fra sykehjemskjøkkenene, sammenlignet med 2023.",
                [("2024-06-30", 6), ("2024-12-31", 11), ("2025-12-31", 17)],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                350_000,
                "Lavere utgifter til råvarer.",
                [("2024-12-31", 120_000), ("2025-12-31", 240_000)],
            ),
        ],
        "lessons": [
            (
                "Vei svinnet hver dag",
                """
                Først da vi så tallene, ble alle engasjert. En enkel vekt og et skjema på
                kjøkkenet er nok til å starte.
                """,
            ),
            (
                "Spør beboerne",
                """
                Mye av svinnet kom fra retter beboerne ikke likte. Smakspanel med beboere og
                pårørende ga raske resultater.
                """,
            ),
        ],
        "partners": [
            ("Matvett", PartnerType.BUSINESS, "Metode og veiledning for å måle matsvinn"),
        ],
        "updates": [
            (
                "2024-01-15",
                "Vi begynner å veie matavfallet",
                "Alle sykehjemskjøkkenene registrerer svinn hver dag fra i dag.",
            ),
            (
                "2025-02-03",
                "Ny meny laget sammen med beboerne",
                "Smakspanelet har valgt ut retter til den nye høstmenyen.",
            ),
        ],
    },
    {
        "slug": "velferdsteknologi-i-hjemmetjenesten",
        "title": "Velferdsteknologi i hjemmetjenesten",
        "summary": """
            Digitalt tilsyn, trygghetsalarmer med GPS og elektroniske dørlåser gjør at flere
            kan bo trygt hjemme lenger. Løsningene er i bruk i hele kommunen og deles med
            nabokommuner.
        """,
        "need": """
            Antallet eldre øker raskt, og det blir ikke nok ansatte til å møte behovet med
            flere besøk. Mange tilsynsbesøk om natta vekket brukerne og ga lite.
        """,
        "what_is_new": """
            Vi har tatt i bruk anbefalingene fra Nasjonalt velferdsteknologiprogram:

            - Digitalt tilsyn med sensorer erstatter nattlige besøk der brukeren ønsker det.
            - Varsler går til en responssentral som vurderer om noen må rykke ut.
            - Hver bruker får en vurdering av hvilke løsninger som passer.
        """,
        "approach": ADOPTED,
        "phase": Phase.SPREADING,
        "areas": ["hjemmetjenester", "digitalisering"],
        "themes": ["helse-og-mestring", "digitalisering"],
        "owner": "hjemmetjenester",
        "contact_name": "Camilla Holm",
        "start_date": "2019-03-01",
        "cost": 12_000_000,
        "funding": "Tilskudd fra Helsedirektoratet og egen drift",
        "published_at": "2024-02-28",
        "goals": [
            (HJEMME, "Gir trygghet hjemme uten at brukeren må flytte."),
            (KJERNE, "Frigjør tid fra tilsynsbesøk som ikke trengs."),
        ],
        "benefits": [
            (
                ECONOMIC,
                TIME_FREED,
                0,
                9000,
                "Tilsynsbesøk som erstattes av digitalt tilsyn.",
                [("2020-12-31", 2100), ("2022-12-31", 5400), ("2024-12-31", 7800)],
            ),
            (
                QUALITY,
                SATISFACTION,
                70,
                85,
                "Brukere som er fornøyd eller svært fornøyd (brukerundersøkelsen).",
                [("2020-12-31", 72), ("2022-12-31", 79), ("2024-12-31", 83)],
            ),
        ],
        "lessons": [
            (
                "Velferdsteknologi er tjenesteinnovasjon",
                """
                Teknologien var den enkle delen. Det krevde mest å endre arbeidsrutiner og å
                gjøre de ansatte trygge på å stole på varslene.
                """,
            ),
            (
                "Sett av tid til kartleggingssamtalen",
                """
                En god samtale med bruker og pårørende om hva som gir trygghet, avgjør om
                løsningen blir brukt.
                """,
            ),
        ],
        "partners": [
            ("Helsedirektoratet", PartnerType.STATE, "Nasjonalt velferdsteknologiprogram"),
            ("OsloMet", PartnerType.RESEARCH, "Evaluering av brukeropplevelsen"),
            ("Bærum kommune", PartnerType.MUNICIPALITY, "Erfaringsdeling om responssentral"),
        ],
        "updates": [
            (
                "2019-03-01",
                "Digitalt tilsyn prøves ut i to soner",
                "Tjue brukere har takket ja til å teste digitalt tilsyn om natta.",
            ),
            (
                "2022-01-10",
                "Velferdsteknologi i hele kommunen",
                "Alle soner i hjemmetjenesten tilbyr nå digitalt tilsyn og GPS-alarm.",
            ),
            (
                "2025-11-05",
                "Fagdag for nabokommunene",
                "Over 60 ansatte fra fem kommuner kom for å lære av erfaringene våre.",
            ),
        ],
    },
    {
        "slug": "digitale-medisindispensere",
        "title": "Digitale medisindispensere",
        "summary": """
            Brukere som klarer det, får medisinene fra en digital dispenser som piper og lyser
            når det er tid. Hjemmetjenesten får varsel hvis en dose ikke blir tatt.
        """,
        "need": """
            Mange besøk fra hjemmetjenesten handlet bare om å dele ut medisiner. For brukeren
            betydde det å vente på at noen skulle komme, ofte på tider som ikke passet.
        """,
        "what_is_new": """
            Dispenseren gir ut riktig dose til riktig tid. Løsningen er hentet fra kommuner
            som har brukt den i flere år, og er en del av satsingen på velferdsteknologi.
        """,
        "approach": ADOPTED,
        "phase": Phase.PRACTICE,
        "areas": ["hjemmetjenester"],
        "themes": ["helse-og-mestring"],
        "owner": "hjemmetjenester",
        "contact_name": "Espen Larsen",
        "start_date": "2021-02-01",
        "cost": 2_400_000,
        "funding": "Egen drift",
        "published_at": "2024-10-08",
        "goals": [
            (HJEMME, "Brukerne blir mer selvstendige i hverdagen."),
            (KJERNE, "Frigjør tid fra besøk som bare gjaldt medisiner."),
        ],
        "benefits": [
            (
                ECONOMIC,
                TIME_FREED,
                0,
                6000,
                "Medisinbesøk som ikke lenger trengs.",
                [("2022-12-31", 2500), ("2024-12-31", 5200)],
            ),
        ],
        "lessons": [
            (
                "Velg brukerne sammen med fastlegen",
                """
                Dispenseren passer ikke for alle. Samarbeid med fastlegene om hvem som egner
                seg, ga færre avbrudd.
                """,
            ),
        ],
        "updates": [
            (
                "2021-02-01",
                "De første 30 dispenserne er i bruk",
                "Brukere i to soner har fått dispenser etter en felles vurdering.",
            ),
            (
                "2024-03-11",
                "300 brukere har digital dispenser",
                "Dispenserne er nå en fast del av tilbudet i hjemmetjenesten.",
            ),
        ],
    },
    {
        "slug": "sensorer-mot-fall-pa-sykehjem",
        "title": "Sensorer mot fall på sykehjem",
        "summary": """
            Vi prøver ut sensorer som varsler personalet når en beboer med høy fallrisiko står
            opp om natta. Målet er færre fall og bedre nattesøvn.
        """,
        "need": """
            Fall er en av de vanligste årsakene til skader blant beboere på sykehjem. Hyppige
            tilsyn om natta forstyrrer søvnen, men uten tilsyn blir fall oppdaget for sent.
        """,
        "what_is_new": """
            Sammen med en forskningspartner utvikler og tester vi sensorer som bruker radar i
            stedet for kamera, og som bare varsler når beboeren går ut av sengen. Vi bygger på
            erfaringene med digitalt tilsyn i hjemmetjenesten.
        """,
        "approach": FIRST,
        "phase": Phase.DEVELOPMENT,
        "areas": ["sykehjem", "digitalisering"],
        "themes": ["helse-og-mestring", "digitalisering"],
        "owner": "sykehjem",
        "contact_name": "Silje Andersen",
        "start_date": "2025-02-01",
        "cost": 1_800_000,
        "funding": "Skjønnsmidler fra Statsforvalteren",
        "published_at": "2025-03-17",
        "goals": [(HELSE, "Færre fallskader og bedre søvn for beboerne.")],
        "lessons": [
            (
                "Personvern først",
                """
                Vi valgte radar i stedet for kamera etter samtaler med beboere, pårørende og
                tillitsvalgte. Det gjorde det mye lettere å få samtykke.
                """,
            ),
        ],
        "partners": [
            ("SINTEF", PartnerType.RESEARCH, "Utvikling og testing av sensorene"),
            ("Pårørende og beboerråd", PartnerType.CITIZENS, "Råd om personvern og bruk"),
        ],
        "updates": [
            (
                "2025-02-01",
                "Utprøving på én avdeling",
                "Tolv beboere deltar i den første utprøvingen.",
            ),
            (
                "2025-12-08",
                "Første resultater",
                "Antall fall om natta er halvert på avdelingen, men varslene må bli mer presise.",
            ),
        ],
    },
    {
        "slug": "ungdomslos",
        "title": "Ungdomslos for unge utenfor skole og arbeid",
        "summary": """
            En fast ungdomslos følger opp unge mellom 16 og 24 år som har falt ut av skole
            eller jobb. NAV, skolene og oppfølgingstjenesten jobber sammen om én plan.
        """,
        "need": """
            Unge som dropper ut av videregående, møter ofte mange hjelpere som ikke snakker
            sammen. Mange faller mellom stolene, og veien tilbake blir lengre for hvert år.
        """,
        "what_is_new": """
            Ungdomslosen er én fast kontakt som følger den unge på tvers av NAV, skole, helse
            og fritid. Vi deler metodikk og verktøy med andre kommuner i et felles nettverk.
        """,
        "approach": SHARED,
        "phase": Phase.IMPLEMENTATION,
        "areas": ["nav", "skoler"],
        "themes": ["oppvekst"],
        "owner": "nav",
        "contact_name": "Ahmed Hussain",
        "start_date": "2024-08-15",
        "cost": 2_100_000,
        "funding": "Tilskudd fra Arbeids- og velferdsdirektoratet",
        "published_at": "2024-12-02",
        "goals": [(FULLFORE, "Flere unge kommer tilbake til skole eller arbeid.")],
        "benefits": [
            (
                OTHERS,
                REACH,
                0,
                120,
                "Unge som har fått fast los.",
                [("2025-06-30", 45), ("2025-12-31", 82)],
            ),
        ],
        "lessons": [
            (
                "Tid er viktigere enn tiltak",
                """
                De unge sier at det viktigste er at losen har tid og ikke gir opp. Få unge per
                los er avgjørende.
                """,
            ),
        ],
        "partners": [
            (
                "Arbeids- og velferdsdirektoratet",
                PartnerType.STATE,
                "Tilskudd og faglig nettverk",
            ),
            (
                "Akershus fylkeskommune",
                PartnerType.MUNICIPALITY,
                "Oppfølgingstjenesten og de videregående skolene",
            ),
        ],
        "updates": [
            (
                "2024-08-15",
                "Tre ungdomsloser er ansatt",
                "Losene har kontor både på NAV og på de videregående skolene.",
            ),
            (
                "2025-09-01",
                "Halvparten er tilbake i skole eller jobb",
                "Av de første 45 ungdommene er 23 i skole, lærlingplass eller jobb.",
            ),
        ],
    },
    {
        "slug": "ungdommens-budsjett",
        "title": "Ungdommens budsjett",
        "summary": """
            Unge mellom 13 og 19 år fikk bestemme hvordan én million kroner skulle brukes på
            tiltak for ungdom. Forslagene ble stemt fram digitalt, og de fleste er
            gjennomført.
        """,
        "need": """
            Ungdom deltar lite i tradisjonelle høringer, og mange opplever at de ikke blir
            hørt når kommunen planlegger. Ungdomsrådet ønsket en mer direkte måte å påvirke på.
        """,
        "what_is_new": """
            Vi hentet modellen for innbyggerbudsjett fra andre kommuner og tilpasset den for
            ungdom. Forslag kom inn via skolene og på nett, ungdomsrådet kvalitetssikret, og
            alle unge kunne stemme.
        """,
        "approach": ADOPTED,
        "phase": Phase.COMPLETED,
        "areas": ["kultur-frivillighet", "oppvekst"],
        "themes": ["oppvekst", "frivillighet"],
        "owner": "kultur-frivillighet",
        "contact_name": "Maria Kowalski",
        "start_date": "2023-09-01",
        "end_date": "2024-12-31",
        "cost": 1_000_000,
        "funding": "Egen drift",
        "published_at": "2025-02-10",
        "goals": [
            (SAMSKAPING, "Unge er med og bestemmer over kommunens penger."),
            (OPPVEKST, "Flere møteplasser og aktiviteter som unge selv har valgt."),
        ],
        "lessons": [
            (
                "Bruk skolene som kanal",
                """
                Nesten alle forslagene kom via klassene. Uten skolene hadde vi nådd langt
                færre.
                """,
            ),
            (
                "Vis resultatet raskt",
                """
                Tiltak som ble gjennomført samme år, ga stor tillit. Forsinkelser bør
                forklares åpent.
                """,
            ),
        ],
        "partners": [
            ("Ungdomsrådet i Asker", PartnerType.CITIZENS, "Kvalitetssikret forslagene"),
        ],
        "updates": [
            (
                "2023-10-02",
                "Over 300 forslag fra unge",
                "Ungdomsrådet går nå gjennom forslagene sammen med kommunen.",
            ),
            (
                "2024-02-20",
                "Avstemningen er ferdig",
                "Nesten 4000 unge stemte. Skatepark i Heggedal fikk flest stemmer.",
            ),
            (
                "2024-12-31",
                "Sju av ni tiltak er gjennomført",
                "De to siste tiltakene er forsinket og blir ferdige til sommeren.",
            ),
        ],
    },
    {
        "slug": "ensomhet-blant-eldre",
        "title": "Ensomhet blant eldre – hva er behovet?",
        "summary": """
            Vi intervjuer eldre, pårørende og frivillige for å forstå hvorfor mange opplever
            ensomhet. Innsikten skal brukes til å velge tiltak sammen med frivilligheten.
        """,
        "need": """
            I folkehelseundersøkelsen svarer mange eldre at de sjelden snakker med noen.
            Kommunen og frivilligheten har mange tilbud, men de når ikke alltid dem som
            trenger dem mest.
        """,
        "what_is_new": """
            Vi bruker tjenestedesign og dybdeintervjuer i stedet for å starte med et nytt
            tilbud. Frivillige og eldre selv er med fra første dag.
        """,
        "approach": SHARED,
        "phase": Phase.NEED,
        "areas": ["helse-og-inkludering", "frivilligsentraler"],
        "themes": ["helse-og-mestring", "frivillighet"],
        "owner": "helse-og-inkludering",
        "contact_name": "Line Kristiansen",
        "start_date": "2026-01-12",
        "cost": 400_000,
        "funding": "Skjønnsmidler fra Statsforvalteren",
        "published_at": "2026-02-16",
        "goals": [(ENSOMHET, "Gir kunnskap om hvem som er ensomme og hva som hjelper.")],
        "lessons": [
            (
                "Møt folk der de er",
                """
                De beste samtalene fikk vi på kafeer, i kirken og på biblioteket, ikke i
                kommunens møterom.
                """,
            ),
        ],
        "partners": [
            ("Asker Røde Kors", PartnerType.VOLUNTARY, "Besøkstjeneste og kontakt med eldre"),
            ("Eldrerådet i Asker", PartnerType.CITIZENS, "Referansegruppe"),
        ],
        "updates": [
            (
                "2026-01-12",
                "Innsiktsarbeidet har startet",
                "Vi ønsker å snakke med eldre som bor alene. Ta kontakt om du vil delta.",
            ),
            (
                "2026-04-20",
                "30 intervjuer er gjennomført",
                "Mange forteller at det er vanskeligst å komme seg ut etter at de sluttet å"
                " kjøre bil.",
            ),
        ],
    },
    {
        "slug": "sprakloft-i-barnehagene",
        "title": "Språkløft i barnehagene",
        "summary": """
            Barnehagene jobber systematisk med språk gjennom lek, høytlesing og samarbeid med
            foreldrene. Metoden ble utviklet i tre barnehager og deles nå med alle.
        """,
        "need": """
            Mange barn begynner på skolen med et svakt ordforråd, særlig barn som har et annet
            morsmål enn norsk. Arbeidet med språk var ulikt fra barnehage til barnehage.
        """,
        "what_is_new": """
            Tre barnehager utviklet et felles opplegg med faste språkstunder og lånekasser med
            bøker på flere språk fra biblioteket. Nå deler de opplegget i nettverk der
            pedagoger lærer av hverandre.
        """,
        "approach": SHARED,
        "phase": Phase.PRACTICE,
        "areas": ["barnehager", "bibliotek"],
        "themes": ["oppvekst"],
        "owner": "barnehager",
        "contact_name": "Thomas Pedersen",
        "start_date": "2022-08-15",
        "cost": 800_000,
        "funding": "Egen drift og tilskudd fra Utdanningsdirektoratet",
        "published_at": "2024-04-02",
        "goals": [(MESTRING, "Gir alle barn et godt språklig grunnlag før skolestart.")],
        "benefits": [
            (
                QUALITY,
                SATISFACTION,
                78,
                88,
                "Foreldre som er fornøyd med barnehagens arbeid med språk.",
                [("2023-06-30", 80), ("2024-06-30", 84), ("2025-06-30", 86)],
            ),
        ],
        "lessons": [
            (
                "Biblioteket er en ressurs",
                """
                Lånekassene med bøker på mange språk gjorde det lett å få med foreldrene.
                """,
            ),
            (
                "La pedagogene lære av hverandre",
                """
                Nettverk der pedagoger viser hverandre egen praksis, spredte metoden raskere
                enn kurs.
                """,
            ),
        ],
        "partners": [
            ("Utdanningsdirektoratet", PartnerType.STATE, "Tilskudd til kompetanseutvikling"),
            ("Universitetet i Sørøst-Norge", PartnerType.RESEARCH, "Veiledning i nettverkene"),
        ],
        "updates": [
            (
                "2022-08-15",
                "Tre barnehager starter",
                "Barnehagene i Vollen, Holmen og Drengsrud prøver ut nytt opplegg for språk.",
            ),
            (
                "2024-01-08",
                "Alle kommunale barnehager er med",
                "Opplegget er nå en del av rammeplanarbeidet i alle kommunale barnehager.",
            ),
        ],
    },
    {
        "slug": "familiens-hus",
        "title": "Familiens hus",
        "summary": """
            Helsestasjon, barnevern, PPT og psykisk helse for barn og unge samles i ett
            lavterskeltilbud. Familier skal få hjelp tidlig og slippe å fortelle historien sin
            flere ganger.
        """,
        "need": """
            Familier som trengte hjelp, møtte mange tjenester med hver sin dør og sitt skjema.
            Mange ventet for lenge før de tok kontakt.
        """,
        "what_is_new": """
            Vi bygger på modellen for familiens hus som mange kommuner bruker, og utvikler den
            videre sammen med familiene:

            - én felles inngang og ett telefonnummer
            - tverrfaglige team som møter familien samtidig
            - åpen drop-in for foreldre med små barn
        """,
        "approach": SHARED,
        "phase": Phase.IMPLEMENTATION,
        "areas": ["barn-og-familie", "helse-og-inkludering"],
        "themes": ["oppvekst", "helse-og-mestring"],
        "owner": "barn-og-familie",
        "contact_name": "Åse Lunde",
        "start_date": "2024-03-01",
        "cost": 3_000_000,
        "funding": "Egen drift",
        "published_at": "2024-10-21",
        "goals": [
            (OPPVEKST, "Familier får riktig hjelp tidlig."),
            (MESTRING, "Tidlig hjelp gir barn bedre forutsetninger for mestring."),
        ],
        "benefits": [
            (
                QUALITY,
                SATISFACTION,
                65,
                85,
                "Foreldre som opplever at de får hjelp raskt (egen undersøkelse).",
                [("2024-06-30", 68), ("2025-06-30", 76)],
            ),
        ],
        "lessons": [
            (
                "Felles lokaler er ikke nok",
                """
                Tjenestene satt i samme hus, men jobbet fortsatt hver for seg. Først med
                felles inntaksmøte merket familiene forskjell.
                """,
            ),
        ],
        "partners": [
            ("Bufetat", PartnerType.STATE, "Samarbeid om barnevern og familievern"),
            (
                "Foreldre med erfaring fra tjenestene",
                PartnerType.CITIZENS,
                "Brukerpanel i utviklingen",
            ),
        ],
        "updates": [
            (
                "2024-03-01",
                "Familiens hus åpner i Asker sentrum",
                "Helsestasjonen, PPT og barnevernet har flyttet inn i samme bygg.",
            ),
            (
                "2024-11-18",
                "Felles inntaksteam",
                "Alle nye henvendelser behandles nå av ett tverrfaglig team.",
            ),
            (
                "2025-09-08",
                "Drop-in for foreldre",
                "Hver onsdag kan foreldre med barn under tre år komme uten avtale.",
            ),
        ],
    },
    {
        "slug": "hjertesone-rundt-skolene",
        "title": "Hjertesone rundt skolene",
        "summary": """
            Bilfrie soner rundt skolene gjør skoleveien tryggere og får flere barn til å gå og
            sykle. Vi bruker Trygg Trafikks modell, og de fleste barneskolene har innført den.
        """,
        "need": """
            Foreldrekjøring skapte kaos og farlige situasjoner ved skoleporten hver morgen.
            Barn som blir kjørt, får mindre fysisk aktivitet og lærer ikke trafikken.
        """,
        "what_is_new": """
            Hjertesone er en kjent modell fra Trygg Trafikk. Vi har kombinert den med egne
            tiltak: skilting, slipp-av-soner et stykke fra skolen og kampanjeuker der elevene
            samler poeng for å gå.
        """,
        "approach": ADOPTED,
        "phase": Phase.PRACTICE,
        "areas": ["skoler", "samfunnsutvikling"],
        "themes": ["mobilitet", "oppvekst"],
        "owner": "skoler",
        "contact_name": "Fatima Ali",
        "start_date": "2021-08-16",
        "cost": 1_200_000,
        "funding": "Trafikksikkerhetsmidler og egen drift",
        "published_at": "2024-08-12",
        "goals": [
            (OPPVEKST, "Trygg skolevei og mer hverdagsaktivitet for barna."),
            (UTSLIPP, "Mindre bilkjøring rundt skolene."),
        ],
        "benefits": [
            (
                CLIMATE,
                CO2,
                0,
                40,
                "Anslag basert på tellinger av bilturer til skolene.",
                [("2022-06-30", 12), ("2024-06-30", 28), ("2025-06-30", 33)],
            ),
        ],
        "lessons": [
            (
                "Elevrådet som pådriver",
                """
                Når elevene selv står for kampanjene, følger foreldrene etter. Elevrådet har
                betydd mer enn skiltene.
                """,
            ),
        ],
        "partners": [
            ("Trygg Trafikk", PartnerType.VOLUNTARY, "Modell og materiell for hjertesone"),
            ("FAU ved barneskolene", PartnerType.CITIZENS, "Foreldrevakter og informasjon"),
            ("Statens vegvesen", PartnerType.STATE, "Råd om skilting og trafikksikkerhet"),
        ],
        "updates": [
            (
                "2021-08-16",
                "Fem skoler innfører hjertesone",
                "Fra skolestart er det stengt for biltrafikk ved fem barneskoler om morgenen.",
            ),
            (
                "2024-08-19",
                "Hjertesone ved 20 skoler",
                "Nå har de fleste barneskolene i kommunen innført hjertesone.",
            ),
        ],
    },
    {
        "slug": "automatisert-barnehageopptak",
        "title": "Automatisert barnehageopptak",
        "summary": """
            Hovedopptaket til barnehagene gjøres nå med regelstyrt automatisering i stedet for
            manuell behandling av hver søknad. Foreldrene får svar tidligere, og
            saksbehandlerne bruker tiden på de vanskelige sakene.
        """,
        "need": """
            Hvert år behandlet noen få saksbehandlere flere tusen søknader manuelt på noen
            uker. Det ga mye overtid, risiko for feil og sent svar til foreldrene.
        """,
        "what_is_new": """
            Asker var blant de første kommunene som automatiserte opptaksreglene i
            barnehageloven og kommunens vedtekter. Saker med særlige behov går fortsatt til
            manuell vurdering. Vi bygde på plattformen fra roboten for fakturabehandling.
        """,
        "approach": FIRST,
        "phase": Phase.COMPLETED,
        "areas": ["barnehager", "digitalisering"],
        "themes": ["digitalisering", "oppvekst"],
        "owner": "digitalisering",
        "contact_name": "Henrik Aas",
        "start_date": "2022-09-01",
        "end_date": "2024-05-31",
        "cost": 1_600_000,
        "funding": "Egen drift og skjønnsmidler fra Statsforvalteren",
        "published_at": "2024-06-25",
        "goals": [
            (ENKLERE, "Foreldrene får svar på barnehageplass raskere."),
            (KJERNE, "Frigjør saksbehandlertid i opptaksperioden."),
        ],
        "benefits": [
            (
                ECONOMIC,
                TIME_FREED,
                0,
                1500,
                "Saksbehandlertimer i hovedopptaket.",
                [("2023-05-31", 900), ("2024-05-31", 1450)],
            ),
            (
                QUALITY,
                SATISFACTION,
                71,
                85,
                "Foreldre som er fornøyd med opptaksprosessen.",
                [("2023-06-30", 79), ("2024-06-30", 86)],
            ),
        ],
        "lessons": [
            (
                "Uklare regler kan ikke automatiseres",
                """
                Vi måtte skrive om vedtektene slik at kriteriene ble entydige. Det ga også
                bedre forståelse hos foreldrene.
                """,
            ),
            (
                "Test med fjorårets søknader",
                """
                Vi kjørte automatiseringen på fjorårets søknader og sammenlignet med
                vedtakene. Avvikene viste oss hvor reglene var uklare.
                """,
            ),
        ],
        "partners": [
            (
                "Digitaliseringsdirektoratet",
                PartnerType.STATE,
                "Veiledning om automatisert saksbehandling",
            ),
        ],
        "updates": [
            (
                "2022-09-01",
                "Arbeidet med nye vedtekter starter",
                "Kriteriene for opptak skal bli tydelige for både foreldre og maskiner.",
            ),
            (
                "2023-03-24",
                "Første automatiserte hovedopptak",
                "Foreldrene fikk svar tre uker tidligere enn året før.",
            ),
            (
                "2024-05-31",
                "Prosjektet er avsluttet",
                "Automatiseringen er overlevert til drift.",
            ),
        ],
    },
    {
        "slug": "tidlig-oppfolging-av-skolefravaer",
        "title": "Tidlig oppfølging av skolefravær",
        "summary": """
            Vi kartlegger hvorfor fraværet øker i ungdomsskolen og hvordan skolen kan oppdage
            det tidligere. Elever, foreldre og lærere deltar i innsiktsarbeidet.
        """,
        "need": """
            Fraværet i ungdomsskolen har økt de siste årene, og noen elever blir helt borte
            fra skolen. Når fraværet blir oppdaget, har det ofte vart lenge.
        """,
        "what_is_new": """
            Vi undersøker om fraværsdata kan gi et tidlig signal, uten at det blir
            overvåking. Vi kjenner ikke til andre kommuner som kobler dette med elevenes egne
            forklaringer på samme måte.
        """,
        "approach": FIRST,
        "phase": Phase.NEED,
        "areas": ["skoler", "barn-og-familie"],
        "themes": ["oppvekst"],
        "owner": "skoler",
        "contact_name": "Ragnhild Myhre",
        "start_date": "2026-03-02",
        "funding": "Egen drift",
        "published_at": "2026-04-13",
        "goals": [
            (FULLFORE, "Hindrer at elever faller ut av skolen."),
            (MESTRING, "Elever som strever, får hjelp før problemene vokser."),
        ],
        "updates": [
            (
                "2026-03-02",
                "Innsiktsarbeidet er i gang",
                "Tre ungdomsskoler deltar i første runde.",
            ),
            (
                "2026-06-15",
                "Elevene har fått si sin mening",
                "Over 40 elever er intervjuet. Mange nevner søvn og skjermbruk.",
            ),
        ],
    },
    {
        "slug": "meraapent-bibliotek",
        "title": "Meråpent bibliotek",
        "summary": """
            Med bibliotekkort og PIN-kode kan innbyggerne bruke biblioteket fra klokka 7 til
            23 alle dager, også når det ikke er betjent. Åpningstiden er mer enn doblet.
        """,
        "need": """
            Biblioteket var stengt når mange har tid til å bruke det: tidlig om morgenen, om
            kvelden og i helgene. Lokalene sto tomme store deler av døgnet.
        """,
        "what_is_new": """
            Meråpent bibliotek er hentet fra Danmark og brukes i mange norske kommuner. Hos
            oss er lokalene også åpne for lag og foreninger som trenger møterom på kveldstid.
            Nå deler vi erfaringene med andre bibliotek i regionen.
        """,
        "approach": ADOPTED,
        "phase": Phase.SPREADING,
        "areas": ["bibliotek"],
        "themes": ["frivillighet"],
        "owner": "bibliotek",
        "contact_name": "Erik Bråten",
        "start_date": "2020-10-01",
        "cost": 1_100_000,
        "funding": "Tilskudd fra Nasjonalbiblioteket og egen drift",
        "published_at": "2024-01-09",
        "goals": [
            (SAMSKAPING, "Biblioteket blir en møteplass innbyggerne kan bruke på egen hånd."),
            (ENSOMHET, "Gir et åpent sted å være for dem som ønsker selskap."),
        ],
        "benefits": [
            (
                QUALITY,
                SATISFACTION,
                80,
                90,
                "Brukere som er fornøyd med åpningstidene.",
                [("2021-12-31", 84), ("2023-12-31", 88), ("2025-12-31", 89)],
            ),
        ],
        "lessons": [
            (
                "Start med ett bibliotek",
                """
                Vi prøvde ut meråpent i én filial i et halvt år før vi utvidet. Bekymringen for
                hærverk viste seg å være ubegrunnet.
                """,
            ),
        ],
        "partners": [
            ("Nasjonalbiblioteket", PartnerType.STATE, "Prosjektmidler"),
            ("Lag og foreninger i Asker", PartnerType.VOLUNTARY, "Bruker lokalene om kvelden"),
        ],
        "updates": [
            (
                "2020-10-01",
                "Heggedal bibliotek er meråpent",
                "Filialen er første bibliotek i kommunen med meråpent.",
            ),
            (
                "2022-03-01",
                "Alle bibliotekene er meråpne",
                "Nå kan du bruke alle bibliotekene fra klokka 7 til 23.",
            ),
            (
                "2025-10-22",
                "Erfaringsseminar for bibliotekene i regionen",
                "Vi delte erfaringer om drift, sikkerhet og samarbeid med lag og foreninger.",
            ),
        ],
    },
    {
        "slug": "bua-gratis-utlan-av-utstyr",
        "title": "BUA – gratis utlån av sports- og fritidsutstyr",
        "summary": """
            Barn, unge og voksne kan låne ski, telt, sykler og annet utstyr gratis. Tilbudet
            drives av frivilligsentralene sammen med frivillige.
        """,
        "need": """
            Ikke alle familier har råd til utstyret som trengs for å være med på aktiviteter.
            Samtidig står mye utstyr ubrukt i boder og kjellere.
        """,
        "what_is_new": """
            Vi har tatt i bruk BUA-modellen, som finnes i mange norske kommuner, med felles
            utlånssystem på nett. Innbyggere kan gi bort utstyr de ikke bruker, og skoler og
            barnehager kan låne klassesett.
        """,
        "approach": ADOPTED,
        "phase": Phase.PRACTICE,
        "areas": ["frivilligsentraler", "oppvekst"],
        "themes": ["frivillighet", "oppvekst"],
        "owner": "frivilligsentraler",
        "contact_name": "Mona Sæther",
        "start_date": "2021-03-01",
        "cost": 700_000,
        "funding": "Tilskudd fra Bufdir og Sparebankstiftelsen DNB",
        "published_at": "2024-03-19",
        "goals": [
            (OPPVEKST, "Alle barn kan delta i fritidsaktiviteter, uansett økonomi."),
            (GJENBRUK, "Utstyr brukes av mange i stedet for å bli kjøpt nytt."),
        ],
        "benefits": [
            (
                OTHERS,
                REACH,
                0,
                3000,
                "Ulike lånere i løpet av året.",
                [("2021-12-31", 650), ("2023-12-31", 1900), ("2025-12-31", 2600)],
            ),
        ],
        "lessons": [
            (
                "Frivillige trenger faste rammer",
                """
                Vi mistet frivillige det første året fordi vaktene var uforutsigbare. Faste
                vaktlister og en koordinator løste det.
                """,
            ),
        ],
        "partners": [
            ("Frivillige utlånsverter", PartnerType.VOLUNTARY, "Bemanner utlånet"),
            ("Bufdir", PartnerType.STATE, "Tilskudd til inkludering av barn og unge"),
        ],
        "updates": [
            (
                "2021-03-01",
                "BUA åpner i Asker sentrum",
                "Over 400 gjenstander er klare til utlån fra første dag.",
            ),
            (
                "2024-10-07",
                "Ny BUA på Slemmestad",
                "Nå kan du også låne utstyr i den nye frivilligsentralen på Slemmestad.",
            ),
        ],
    },
    {
        "slug": "frivillighetsbors-pa-nett",
        "title": "Frivillighetsbørs på nett",
        "summary": """
            En digital møteplass skal koble innbyggere som vil gjøre en innsats, med lag og
            foreninger som trenger hjelp. Vi utvikler løsningen sammen med frivilligheten og
            tester den med tre frivilligsentraler.
        """,
        "need": """
            Mange vil bidra som frivillige, men vet ikke hvor de skal henvende seg. Lag og
            foreninger strever med å rekruttere, særlig til korte og konkrete oppdrag.
        """,
        "what_is_new": """
            Løsningen lar folk melde seg på enkeltoppdrag i stedet for faste verv. Vi
            utvikler den som åpen kildekode sammen med en nabokommune, slik at alle kan bruke
            den.
        """,
        "approach": SHARED,
        "phase": Phase.DEVELOPMENT,
        "areas": ["frivilligsentraler", "digitalisering"],
        "themes": ["frivillighet", "digitalisering"],
        "owner": "frivilligsentraler",
        "contact_name": "Knut Hovland",
        "start_date": "2025-05-01",
        "cost": 1_300_000,
        "funding": "Skjønnsmidler fra Statsforvalteren",
        "published_at": "2025-06-23",
        "goals": [
            (SAMSKAPING, "Gjør det enklere for innbyggere å bidra."),
            (ENSOMHET, "Frivillig innsats skaper fellesskap."),
        ],
        "lessons": [
            (
                "Test med ekte oppdrag",
                """
                Prototypen ble mye bedre da vi testet med ekte oppdrag fra en idrettsklubb, ikke
                med oppdiktede eksempler.
                """,
            ),
        ],
        "partners": [
            ("Frivillighet Norge", PartnerType.VOLUNTARY, "Råd om behovene i frivilligheten"),
            ("Lier kommune", PartnerType.MUNICIPALITY, "Utvikler løsningen sammen med oss"),
        ],
        "updates": [
            (
                "2025-05-01",
                "Utviklingen er i gang",
                "Vi har startet med verksteder for lag og foreninger.",
            ),
            (
                "2025-11-24",
                "Prototypen testes",
                "Tre frivilligsentraler legger ut ekte oppdrag i testversjonen.",
            ),
        ],
    },
    {
        "slug": "digitalt-innbyggerpanel",
        "title": "Digitalt innbyggerpanel",
        "summary": """
            Vi vurderer et fast panel av innbyggere som svarer på korte spørsmål noen ganger i
            året. Panelet skal gi raske svar fra et bredt utvalg, ikke bare fra dem som
            kommer på møter.
        """,
        "need": """
            Det er ofte de samme som deltar i høringer og folkemøter. Kommunen mangler en
            rask måte å høre hva et bredt utvalg innbyggere mener.
        """,
        "what_is_new": """
            Ideen er å trekke et representativt utvalg fra folkeregisteret og invitere dem til
            et panel. Svarene publiseres åpent sammen med hva kommunen gjorde med dem.
        """,
        "approach": FIRST,
        "phase": Phase.IDEA,
        "areas": ["kultur-frivillighet", "organisasjon-og-digitalisering"],
        "themes": ["digitalisering"],
        "owner": "kultur-frivillighet",
        "contact_name": "Guro Tangen",
        "start_date": "2026-05-04",
        "published_at": "2026-06-08",
        "goals": [(SAMSKAPING, "Flere innbyggere får si sin mening, også de som sjelden deltar.")],
        "partners": [("OsloMet", PartnerType.RESEARCH, "Råd om utvalg og metode")],
        "updates": [
            (
                "2026-05-04",
                "Ideen er lagt fram for kommunedirektøren",
                "Vi utreder kostnader, personvern og metode før sommeren.",
            ),
            (
                "2026-09-21",
                "Innspill fra innbyggerne",
                "Vi har fått over 200 innspill på hvordan panelet bør fungere.",
            ),
        ],
    },
    {
        "slug": "digihjelp-pa-biblioteket",
        "title": "Digihjelp på biblioteket",
        "summary": """
            Frivillige og bibliotekansatte hjelper innbyggere med BankID, Helsenorge, NAV og
            andre digitale tjenester. Tilbudet er gratis og krever ingen påmelding.
        """,
        "need": """
            Stadig flere tjenester er bare digitale, og mange eldre og innvandrere står i fare
            for å falle utenfor. De trenger hjelp fra noen de stoler på, uten å føle seg dumme.
        """,
        "what_is_new": """
            Biblioteket har drop-in med digihjelp hver uke, med frivillige seniorer som
            hjelpere. Modellen er spredt til alle bibliotekene og deles med andre kommuner
            gjennom det nasjonale Digihjelp-nettverket.
        """,
        "approach": SHARED,
        "phase": Phase.PRACTICE,
        "areas": ["bibliotek", "helse-og-inkludering"],
        "themes": ["digitalisering", "helse-og-mestring"],
        "owner": "bibliotek",
        "contact_name": "Bjørn Ødegård",
        "start_date": "2021-01-11",
        "cost": 300_000,
        "funding": "Egen drift og tilskudd fra Digitaliseringsdirektoratet",
        "published_at": "2024-05-06",
        "goals": [
            (ENKLERE, "Flere kan bruke de digitale tjenestene."),
            (ENSOMHET, "Digihjelpen er også en sosial møteplass."),
        ],
        "benefits": [
            (
                OTHERS,
                REACH,
                0,
                1500,
                "Innbyggere som har fått hjelp.",
                [("2021-12-31", 400), ("2023-12-31", 1100), ("2025-12-31", 1380)],
            ),
            (
                QUALITY,
                SATISFACTION,
                85,
                95,
                "Brukere som fikk løst det de kom for.",
                [("2022-12-31", 90), ("2024-12-31", 93)],
            ),
        ],
        "lessons": [
            (
                "Senior hjelper senior",
                """
                Mange foretrekker hjelp fra en på egen alder. Frivillige pensjonister er våre
                beste digihjelpere.
                """,
            ),
            (
                "Ha en fast dag",
                """
                En fast dag og et fast klokkeslett hver uke gjør tilbudet lett å huske og lett
                å anbefale til andre.
                """,
            ),
        ],
        "partners": [
            ("Seniornett Asker", PartnerType.VOLUNTARY, "Frivillige digihjelpere"),
            ("Digitaliseringsdirektoratet", PartnerType.STATE, "Digihjelp-nettverket"),
        ],
        "updates": [
            (
                "2021-01-11",
                "Digihjelp hver tirsdag",
                "Ta med deg mobilen eller PC-en, så hjelper vi deg.",
            ),
            (
                "2023-09-05",
                "Digihjelp på alle bibliotekene",
                "Nå har alle bibliotekene i kommunen fast digihjelp en gang i uka.",
            ),
        ],
    },
    {
        "slug": "roboter-i-fakturabehandlingen",
        "title": "Roboter i fakturabehandlingen",
        "summary": """
            Programvareroboter kontrollerer og konterer innkommende fakturaer, og
            økonomimedarbeiderne behandler bare avvikene. Vi var tidlig ute og deler nå
            robotene med andre kommuner.
        """,
        "need": """
            Kommunen mottar over 150 000 fakturaer i året. Mye av arbeidet med å kontrollere
            og kontere dem var rutinepreget og ga liten verdi.
        """,
        "what_is_new": """
            Vi var blant de første kommunene som tok i bruk robotisert prosessautomatisering
            (RPA) i stor skala. Robotene går om natta, og prosessbeskrivelsene deles med
            andre kommuner gjennom KS.
        """,
        "approach": FIRST,
        "phase": Phase.SPREADING,
        "areas": ["digitalisering"],
        "themes": ["digitalisering"],
        "owner": "digitalisering",
        "contact_name": "Linda Nguyen",
        "start_date": "2018-05-01",
        "cost": 2_800_000,
        "funding": "Egen drift",
        "published_at": "2024-01-30",
        "goals": [(KJERNE, "Frigjør tid fra rutinearbeid til analyse og rådgivning.")],
        "benefits": [
            (
                ECONOMIC,
                TIME_FREED,
                0,
                7000,
                "Timer som før gikk til manuell kontroll og kontering.",
                [
                    ("2019-12-31", 2500),
                    ("2021-12-31", 5200),
                    ("2023-12-31", 6400),
                    ("2025-12-31", 6900),
                ],
            ),
            (
                ECONOMIC,
                SAVINGS,
                0,
                2_500_000,
                "Lavere kostnader per faktura.",
                [("2019-12-31", 800_000), ("2022-12-31", 1_900_000), ("2025-12-31", 2_350_000)],
            ),
        ],
        "lessons": [
            (
                "Rydd i prosessen før dere automatiserer",
                """
                En robot gjør en dårlig prosess raskere, ikke bedre. Vi brukte mye tid på å
                forenkle før vi automatiserte.
                """,
            ),
            (
                "Si tydelig at ingen mister jobben",
                """
                Vi sa fra start at frigjort tid skulle brukes til andre oppgaver. Det ga oss
                gode ambassadører i økonomiavdelingen.
                """,
            ),
        ],
        "partners": [
            ("KS", PartnerType.MUNICIPALITY, "Deler robotene med andre kommuner"),
        ],
        "updates": [
            (
                "2018-05-01",
                "Første robot i drift",
                "Roboten kontrollerer fakturaer fra de ti største leverandørene.",
            ),
            (
                "2021-06-14",
                "Åtte av ti fakturaer behandles automatisk",
                "Økonomimedarbeiderne bruker nå tiden på avvik og analyse.",
            ),
            (
                "2025-01-27",
                "Robotene deles gjennom KS",
                "Seks kommuner har tatt i bruk de samme prosessbeskrivelsene.",
            ),
        ],
    },
    {
        "slug": "chatbot-for-byggesak",
        "title": "Chatbot for byggesak",
        "summary": """
            Vi utviklet en chatbot som skulle svare innbyggere på spørsmål om byggesøknader.
            Prosjektet ble stoppet fordi svarene ikke var presise nok for så viktige
            avgjørelser.
        """,
        "need": """
            Byggesak får tusenvis av telefoner om hva som krever søknad. Mange av spørsmålene
            er like, og ventetiden på telefon var lang.
        """,
        "what_is_new": """
            Vi prøvde en språkmodell som svarte ut fra plan- og bygningsloven, kommunens
            planer og tidligere svar. Den skulle vise kilden til hvert svar.
        """,
        "stop_reason": """
            I testene ga chatboten feil eller ufullstendige svar på om lag hvert femte
            spørsmål. I byggesaker kan et feil svar få store økonomiske følger for
            innbyggeren, og den risikoen kunne vi ikke ta. Vi har i stedet forbedret
            veiviseren på nettsidene, og erfaringene brukes i andre prosjekter.
        """,
        "approach": FIRST,
        "phase": Phase.STOPPED,
        "areas": ["digitalisering", "samfunnsutvikling"],
        "themes": ["digitalisering"],
        "owner": "digitalisering",
        "contact_name": "Jonas Fjeld",
        "start_date": "2024-09-02",
        "end_date": "2025-08-29",
        "cost": 900_000,
        "funding": "Skjønnsmidler fra Statsforvalteren",
        "published_at": "2025-09-15",
        "goals": [(ENKLERE, "Skulle gi innbyggerne raskere svar om byggesaker.")],
        "lessons": [
            (
                "Test med ekte spørsmål",
                """
                Vi brukte 500 reelle spørsmål fra telefonloggen som testsett. Det avslørte
                svakhetene langt bedre enn spørsmål vi hadde laget selv.
                """,
            ),
            (
                "Feil svar koster mer enn ingen svar",
                """
                Når svaret kan få rettslige følger, må kravet til presisjon være svært høyt.
                Vurder tidlig hva et feil svar koster.
                """,
            ),
            (
                "Ta med saksbehandlerne",
                """
                Det var saksbehandlerne som fant de farligste feilene. De må være med i
                testingen fra start.
                """,
            ),
        ],
        "partners": [("NTNU", PartnerType.RESEARCH, "Evaluering av svarkvaliteten")],
        "updates": [
            (
                "2024-09-02",
                "Utviklingen starter",
                "Vi bygger en prototype sammen med byggesaksbehandlerne.",
            ),
            (
                "2025-04-07",
                "Testresultatene er klare",
                "Chatboten svarte riktig på fire av fem spørsmål. Det er ikke godt nok.",
            ),
            (
                "2025-08-29",
                "Prosjektet er stoppet",
                "Vi forbedrer heller veiviseren for byggesak på nettsidene.",
            ),
        ],
    },
    {
        "slug": "leverandordialog-om-trygghetslosninger",
        "title": "Leverandørdialog om framtidens trygghetsløsninger",
        "summary": """
            Før neste store anskaffelse av trygghetsalarmer vil vi invitere markedet til
            dialog om nye løsninger. Vi beskriver behovet i stedet for produktet, slik at
            leverandørene kan foreslå noe nytt.
        """,
        "need": """
            Avtalen om trygghetsalarmer går ut i 2028. Dagens løsninger dekker ikke alle
            behovene brukerne har, for eksempel trygghet utendørs og varsling til pårørende.
        """,
        "what_is_new": """
            Ideen er en innovativ anskaffelse med behovsbeskrivelse og dialog med markedet.
            Brukere, pårørende og ansatte skal være med og beskrive behovet.
        """,
        "approach": FIRST,
        "phase": Phase.IDEA,
        "areas": ["innkjop", "hjemmetjenester"],
        "themes": ["helse-og-mestring", "digitalisering"],
        "owner": "innkjop",
        "contact_name": "Tone Rønning",
        "start_date": "2026-04-01",
        "published_at": "2026-05-11",
        "goals": [(HJEMME, "Bedre trygghetsløsninger gjør det tryggere å bo hjemme.")],
        "partners": [
            (
                "Nasjonalt program for leverandørutvikling",
                PartnerType.STATE,
                "Veiledning i innovative anskaffelser",
            ),
        ],
        "updates": [
            (
                "2026-04-01",
                "Ideen er meldt inn",
                "Innkjøp og hjemmetjenesten utreder om innovativ anskaffelse passer.",
            ),
        ],
    },
    {
        "slug": "klimaregnskap-for-kommunens-innkjop",
        "title": "Klimaregnskap for kommunens innkjøp",
        "summary": """
            Vi vil finne ut hvor stor del av kommunens klimafotavtrykk som kommer fra det vi
            kjøper. Kunnskapen skal vise hvor kravene i anskaffelser gir størst effekt.
        """,
        "need": """
            Klimabudsjettet dekker bare direkte utslipp i kommunen. En stor del av
            fotavtrykket oppstår når varene og tjenestene vi kjøper blir produsert, og vi vet
            for lite om hvilke kategorier som betyr mest.
        """,
        "what_is_new": """
            Vi vil koble fakturadata med utslippsfaktorer per varekategori og lage et regnskap
            som oppdateres hver måned, ikke bare én gang i året. Vi har ikke funnet andre
            kommuner som gjør dette løpende.
        """,
        "approach": FIRST,
        "phase": Phase.NEED,
        "areas": ["innkjop", "samfunnsutvikling"],
        "themes": ["miljo-og-klima", "digitalisering"],
        "owner": "innkjop",
        "contact_name": "Stine Eide",
        "start_date": "2026-02-02",
        "cost": 350_000,
        "funding": "Klimasats",
        "published_at": "2026-03-09",
        "goals": [
            (UTSLIPP, "Viser hvor innkjøpene kan kutte mest utslipp."),
            (KLIMA, "Gir et mer komplett bilde av kommunens klimafotavtrykk."),
        ],
        "partners": [
            ("Miljødirektoratet", PartnerType.STATE, "Veiledning om utslippsfaktorer"),
            ("CICERO Senter for klimaforskning", PartnerType.RESEARCH, "Metode"),
        ],
        "updates": [
            (
                "2026-02-02",
                "Kartleggingen har startet",
                "Vi går gjennom fakturadata for 2025 og grupperer dem etter varekategori.",
            ),
            (
                "2026-06-22",
                "Foreløpige funn",
                "Bygg og anlegg, mat og IT-utstyr ser ut til å gi de største utslippene.",
            ),
        ],
    },
    # A draft, visible to staff only.
    {
        "slug": "varmegjenvinning-i-idrettshaller",
        "title": "Varmegjenvinning i idrettshaller",
        "summary": """
            Vi vurderer å hente varme fra ventilasjon og dusjvann i de største
            idrettshallene. Flere kommuner har gode erfaringer med dette.
        """,
        "need": """
            Idrettshallene bruker mye energi på varmtvann og ventilasjon, og mye av varmen går
            rett ut.
        """,
        "approach": ADOPTED,
        "phase": Phase.IDEA,
        "areas": ["eiendom", "kultur-frivillighet"],
        "themes": ["miljo-og-klima"],
        "owner": "eiendom",
        "contact_name": "Øystein Vik",
        "is_published": False,
        "published_at": "2026-10-19",
        "goals": [(ENERGIBRUK, "Kan redusere energibruken i idrettshallene betydelig.")],
    },
]

# Relations between initiatives: (source, type, target or None, note, external).
# Only "adopted from" may point outside KomInn; then `external` names the initiative.
RELATIONS = [
    (
        "led-belysning-i-kommunale-bygg-og-gater",
        RelationType.ADOPTED_FROM,
        None,
        "Vi brukte Bærums kravspesifikasjon og erfaringer.",
        {
            "external_title": "LED-utskifting i gatelys",
            "external_organisation": "Bærum kommune",
            "external_url": "https://www.baerum.kommune.no/",
        },
    ),
    (
        "bua-gratis-utlan-av-utstyr",
        RelationType.ADOPTED_FROM,
        None,
        "Vi bruker BUA-modellen og det felles utlånssystemet.",
        {
            "external_title": "BUA – utstyrssentraler for gratis utlån",
            "external_organisation": "BUA",
            "external_url": "https://bua.io/",
        },
    ),
    (
        "solceller-pa-skoletak",
        RelationType.PART_OF,
        "alternativ-energi-sammen-med-innbyggere-og-naeringsliv",
        "Skoletakene er kommunens eget bidrag i energisatsingen.",
        None,
    ),
    (
        "solceller-pa-skoletak",
        RelationType.BUILDS_ON,
        "led-belysning-i-kommunale-bygg-og-gater",
        "Bruker energioppfølgingen som ble bygd for LED-prosjektet.",
        None,
    ),
    (
        "alternativ-energi-sammen-med-innbyggere-og-naeringsliv",
        RelationType.RELATED,
        "deponigassanlegg-pa-yggeset",
        "Begge handler om lokal, fornybar energi.",
        None,
    ),
    (
        "ombruk-av-kontormobler",
        RelationType.ADOPTED_FROM,
        "ombruksbua-pa-gjenvinningsstasjonen",
        "Modellen for mottak og registrering er hentet fra Ombruksbua.",
        None,
    ),
    (
        "mindre-matsvinn-pa-sykehjem",
        RelationType.RELATED,
        "ombruksbua-pa-gjenvinningsstasjonen",
        "To veier til mindre avfall.",
        None,
    ),
    (
        "elbiler-i-hjemmetjenesten",
        RelationType.RELATED,
        "elsykkelpool-for-ansatte",
        "Begge skulle kutte utslipp fra tjenestereiser.",
        None,
    ),
    (
        "digitale-medisindispensere",
        RelationType.PART_OF,
        "velferdsteknologi-i-hjemmetjenesten",
        "Dispenserne er en av løsningene i satsingen på velferdsteknologi.",
        None,
    ),
    (
        "sensorer-mot-fall-pa-sykehjem",
        RelationType.BUILDS_ON,
        "velferdsteknologi-i-hjemmetjenesten",
        "Bygger på erfaringene med digitalt tilsyn i hjemmetjenesten.",
        None,
    ),
    (
        "leverandordialog-om-trygghetslosninger",
        RelationType.BUILDS_ON,
        "velferdsteknologi-i-hjemmetjenesten",
        "Bygger på erfaringene med dagens trygghetsalarmer.",
        None,
    ),
    (
        "ungdomslos",
        RelationType.RELATED,
        "tidlig-oppfolging-av-skolefravaer",
        "Begge skal hindre at unge faller ut av skolen.",
        None,
    ),
    (
        "tidlig-oppfolging-av-skolefravaer",
        RelationType.BUILDS_ON,
        "familiens-hus",
        "Bruker det tverrfaglige inntaksteamet i Familiens hus.",
        None,
    ),
    (
        "sprakloft-i-barnehagene",
        RelationType.RELATED,
        "familiens-hus",
        "Helsestasjonen og barnehagene samarbeider om tidlig språkstimulering.",
        None,
    ),
    (
        "frivillighetsbors-pa-nett",
        RelationType.RELATED,
        "ensomhet-blant-eldre",
        "Frivillighetsbørsen kan bli et av svarene på ensomhet.",
        None,
    ),
    (
        "ensomhet-blant-eldre",
        RelationType.BUILDS_ON,
        "digihjelp-pa-biblioteket",
        "Mange av informantene er rekruttert gjennom digihjelpen.",
        None,
    ),
    (
        "digitalt-innbyggerpanel",
        RelationType.BUILDS_ON,
        "ungdommens-budsjett",
        "Bygger på erfaringene med digital medvirkning fra ungdommens budsjett.",
        None,
    ),
    (
        "automatisert-barnehageopptak",
        RelationType.BUILDS_ON,
        "roboter-i-fakturabehandlingen",
        "Bruker den samme plattformen for automatisering.",
        None,
    ),
    (
        "chatbot-for-byggesak",
        RelationType.RELATED,
        "automatisert-barnehageopptak",
        "Samme team, og samme spørsmål om hva som trygt kan automatiseres.",
        None,
    ),
    (
        "klimaregnskap-for-kommunens-innkjop",
        RelationType.RELATED,
        "fossilfrie-byggeplasser",
        "Klimaregnskapet skal vise effekten av klimakrav i kontrakter.",
        None,
    ),
]

NEWS = [
    {
        "slug": "deponigassen-pa-yggeset-inspirerer-andre-kommuner",
        "title": "Deponigassen på Yggeset inspirerer andre kommuner",
        "lead": """
            Tre kommuner besøkte anlegget på Yggeset for å lære hvordan gass fra gammelt
            avfall kan bli til varme.
        """,
        "body": """
            Anlegget på Yggeset har samlet opp deponigass i over ti år. Gassen, som ellers
            ville sluppet ut som metan, varmer i dag opp bygningene på avfallsanlegget.

            – Mange kommuner har gamle deponier, og vi deler gjerne det vi har lært, sier
            prosjektleder Kari Hansen.

            Anlegget ble nominert til Avfall Norges innovasjonspris i 2014. Les mer om
            erfaringene på tiltakssiden.
        """,
        "published_at": "2025-03-24",
        "initiatives": ["deponigassanlegg-pa-yggeset"],
        "goals": [UTSLIPP],
    },
    {
        "slug": "led-belysning-sparer-millioner",
        "title": "LED-belysning sparer kommunen for millioner",
        "lead": """
            Ny belysning i skoler, sykehjem og gater har redusert strømforbruket med over
            to millioner kilowattimer i året.
        """,
        "body": """
            Siden 2019 har kommunen byttet ut gammel belysning med LED. Nå er over 80 prosent
            av byggene ferdige, og gatelysene i sentrum dimmes om natta.

            Vi fant ikke opp løsningen selv. Bærum kommune hadde allerede gjort grundig
            forarbeid, og vi fikk bruke kravspesifikasjonen deres.

            – Å hente gode løsninger fra andre er også innovasjon, sier Ole Johansen i
            Eiendom.
        """,
        "published_at": "2025-05-13",
        "initiatives": ["led-belysning-i-kommunale-bygg-og-gater"],
        "goals": [ENERGIBRUK],
    },
    {
        "slug": "na-kan-du-lane-utstyr-pa-slemmestad",
        "title": "Nå kan du låne utstyr gratis på Slemmestad",
        "lead": """
            BUA har åpnet nytt utlån i frivilligsentralen på Slemmestad. Her kan du låne
            ski, telt, sykler og mye mer.
        """,
        "body": """
            Utlånet er gratis og åpent for alle. Du trenger bare å registrere deg på nett
            eller ved første besøk.

            Har du utstyr du ikke bruker? Lever det på frivilligsentralen, så får det nytt
            liv hos noen andre.

            BUA drives av frivillige. Vil du bli utlånsvert, ta kontakt med
            frivilligsentralen.
        """,
        "published_at": "2025-08-25",
        "initiatives": ["bua-gratis-utlan-av-utstyr"],
        "goals": [OPPVEKST],
    },
    {
        "slug": "derfor-stoppet-vi-chatboten-for-byggesak",
        "title": "Derfor stoppet vi chatboten for byggesak",
        "lead": """
            Chatboten svarte riktig på fire av fem spørsmål. For byggesaker var det ikke
            godt nok.
        """,
        "body": """
            I et år utviklet og testet vi en chatbot som skulle svare på spørsmål om
            byggesøknader. Resultatene var lovende, men ikke gode nok.

            – Et feil svar kan koste en innbygger mye penger. Da er det riktig å stoppe, sier
            prosjektleder Jonas Fjeld.

            Erfaringene er samlet på tiltakssiden, slik at andre kommuner kan lære av dem.
        """,
        "published_at": "2025-09-22",
        "initiatives": ["chatbot-for-byggesak", "automatisert-barnehageopptak"],
        "goals": [ENKLERE],
    },
    {
        "slug": "slik-bidrar-tiltakene-til-klimamalet",
        "title": "Slik bidrar tiltakene til klimamålet",
        "lead": """
            Mange små og store tiltak kutter til sammen tusenvis av tonn klimagasser i året.
            Nå kan du se hvordan hvert tiltak bidrar.
        """,
        "body": """
            Kommunen har som mål å halvere klimagassutslippene innen 2030. Ingen enkelttiltak
            klarer det alene, men mange bekker små gjør en stor å.

            På målsiden ser du alle tiltakene som bidrar, hvilken fase de er i, og hva de har
            gitt så langt. Deponigassanlegget på Yggeset, fossilfrie byggeplasser og elbiler
            i hjemmetjenesten er blant de største.
        """,
        "published_at": "2025-11-17",
        "initiatives": [
            "deponigassanlegg-pa-yggeset",
            "fossilfrie-byggeplasser",
            "elbiler-i-hjemmetjenesten",
        ],
        "goals": [KLIMA, UTSLIPP],
    },
    {
        "slug": "velferdsteknologi-gir-mer-tid-til-brukerne",
        "title": "Velferdsteknologi gir mer tid til brukerne",
        "lead": """
            Digitalt tilsyn og medisindispensere har frigjort nesten 13 000 timer i
            hjemmetjenesten.
        """,
        "body": """
            Timene går til besøk der brukerne trenger et menneske, ikke til tilsyn som like
            gjerne kan gjøres med en sensor.

            – Brukerne sover bedre, og vi har mer tid til dem som trenger oss, sier Camilla
            Holm i hjemmetjenesten.

            Nå prøver sykehjemmene ut sensorer som varsler om fallfare om natta.
        """,
        "published_at": "2026-02-02",
        "initiatives": [
            "velferdsteknologi-i-hjemmetjenesten",
            "digitale-medisindispensere",
            "sensorer-mot-fall-pa-sykehjem",
        ],
        "goals": [HJEMME],
    },
    {
        "slug": "bli-med-og-form-innbyggerpanelet",
        "title": "Bli med og form det nye innbyggerpanelet",
        "lead": """
            Kommunen vurderer et digitalt innbyggerpanel. Vi vil gjerne høre hvordan du mener
            det bør fungere.
        """,
        "body": """
            Panelet skal gi kommunen raske svar fra et bredt utvalg innbyggere, også fra dem
            som sjelden deltar på møter og i høringer.

            Erfaringene fra ungdommens budsjett viser at mange deltar når det er enkelt og
            de ser at det nytter. Send oss ideen din på KomInn.
        """,
        "published_at": "2026-06-15",
        "initiatives": ["digitalt-innbyggerpanel", "ungdommens-budsjett"],
        "goals": [SAMSKAPING],
    },
    {
        "slug": "ombruk-sparer-penger-og-klima",
        "title": "Ombruk sparer både penger og klima",
        "lead": """
            Brukte møbler og ting som får nytt liv, har spart kommunen for over én million
            kroner og hundrevis av tonn avfall.
        """,
        "body": """
            Det digitale møbellageret gjør det like enkelt for enhetene å bestille brukt som
            nytt. Modellen er hentet fra Ombruksbua på gjenvinningsstasjonen, der innbyggerne
            gir og henter ting gratis.

            – Det grønneste møbelet er det du allerede har, sier Hanne Bakke i Innkjøp.
        """,
        "published_at": "2026-09-14",
        "initiatives": ["ombruk-av-kontormobler", "ombruksbua-pa-gjenvinningsstasjonen"],
        "goals": [GJENBRUK],
    },
]

GOAL_PERIOD = (2020, 2032)
GOALS_PUBLISHED_AT = "2024-01-08"


def _text(text):
    """Unwrap the hard-wrapped text above: lines join, blank lines and list items stay."""
    lines = []
    for line in (text or "").strip().splitlines():
        line = line.strip()
        if lines and line and lines[-1] and not line.startswith("- "):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def _day(value):
    return date.fromisoformat(value) if value else None


def _moment(value):
    return timezone.make_aware(datetime.combine(_day(value), time(9)))


def _email(name):
    local = name.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "."}))
    return f"{local}@asker.kommune.no"


def _upsert(model, organisation, slug, **fields):
    """Create or update the object with this slug, validating it like a form would."""
    obj = model.objects.filter(organisation=organisation, slug=slug).first()
    obj = obj or model(organisation=organisation, slug=slug)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def _goal(organisation, spec, parent, order):
    return _upsert(
        Goal,
        organisation,
        spec["slug"],
        parent=parent,
        title=spec["title"],
        description=_text(spec["description"]),
        period_start=GOAL_PERIOD[0],
        period_end=spec.get("period_end", GOAL_PERIOD[1]),
        source_title=SOURCE_TITLE,
        source_url=SOURCE_URL,
        sdgs=spec["sdgs"],
        order=order,
        is_published=True,
        is_example=True,
        published_at=_moment(GOALS_PUBLISHED_AT),
    )


def _initiative(organisation, spec, areas, themes, goals):
    initiative = _upsert(
        Initiative,
        organisation,
        spec["slug"],
        **{name: _text(spec.get(name)) for name in ("summary", "need", "what_is_new")},
        stop_reason=_text(spec.get("stop_reason")),
        title=spec["title"],
        approach=spec["approach"],
        phase=spec["phase"],
        owner_unit=areas[spec["owner"]],
        contact_name=spec["contact_name"],
        contact_email=_email(spec["contact_name"]),
        start_date=_day(spec.get("start_date")),
        end_date=_day(spec.get("end_date")),
        cost=spec.get("cost"),
        funding=spec.get("funding", ""),
        is_published=spec.get("is_published", True),
        is_example=True,
        published_at=_moment(spec["published_at"]),
    )
    initiative.service_areas.set([areas[slug] for slug in spec["areas"]])
    initiative.themes.set([themes[slug] for slug in spec["themes"]])

    # Children are deleted and recreated, so running again gives the same rows.
    for children in ("benefits", "lessons", "partners", "updates", "awards"):
        getattr(initiative, children).all().delete()
    GoalContribution.objects.filter(initiative=initiative).delete()
    GoalContribution.objects.bulk_create(
        GoalContribution(initiative=initiative, goal=goals[slug], note=note)
        for slug, note in spec["goals"]
    )
    for kind, (indicator, unit), baseline, target, description, values in spec.get("benefits", []):
        benefit = Benefit.objects.create(
            initiative=initiative,
            type=kind,
            indicator=indicator,
            unit=unit,
            baseline=baseline,
            target=target,
            description=description,
        )
        Measurement.objects.bulk_create(
            Measurement(benefit=benefit, measured_on=_day(day), value=value)
            for day, value in values
        )
    Lesson.objects.bulk_create(
        Lesson(initiative=initiative, title=title, body=_text(body), order=order)
        for order, (title, body) in enumerate(spec.get("lessons", []), start=1)
    )
    Partner.objects.bulk_create(
        Partner(initiative=initiative, name=name, type=kind, role=role)
        for name, kind, role in spec.get("partners", [])
    )
    Update.objects.bulk_create(
        Update(initiative=initiative, date=_day(day), title=title, body=_text(body))
        for day, title, body in spec.get("updates", [])
    )
    Award.objects.bulk_create(
        Award(initiative=initiative, name=name, year=year, result=result, url=url)
        for name, year, result, url in spec.get("awards", [])
    )
    return initiative


def load(organisation) -> dict:
    """Create or refresh the demo portfolio of `organisation`. Safe to run again."""
    areas = {area.slug: area for area in ServiceArea.objects.filter(organisation=organisation)}
    themes = {theme.slug: theme for theme in Theme.objects.filter(organisation=organisation)}

    goals = {}
    for order, spec in enumerate(GOALS, start=1):
        main = goals[spec["slug"]] = _goal(organisation, spec, None, order)
        for sub_order, child in enumerate(spec["children"], start=1):
            goals[child["slug"]] = _goal(organisation, child, main, sub_order)

    initiatives = {
        spec["slug"]: _initiative(organisation, spec, areas, themes, goals) for spec in INITIATIVES
    }

    Relation.objects.filter(source__in=initiatives.values()).delete()
    for source, kind, target, note, external in RELATIONS:
        relation = Relation(
            source=initiatives[source],
            type=kind,
            target=initiatives[target] if target else None,
            note=note,
            **(external or {}),
        )
        relation.full_clean()
        relation.save()

    for spec in NEWS:
        article = _upsert(
            NewsArticle,
            organisation,
            spec["slug"],
            title=spec["title"],
            lead=_text(spec["lead"]),
            body=_text(spec["body"]),
            is_published=True,
            is_example=True,
            published_at=_moment(spec["published_at"]),
        )
        article.initiatives.set([initiatives[slug] for slug in spec["initiatives"]])
        article.goals.set([goals[slug] for slug in spec["goals"]])

    demo = list(initiatives.values())
    return {
        "goals": len(goals),
        "initiatives": len(demo),
        "published_initiatives": sum(initiative.is_published for initiative in demo),
        "benefits": Benefit.objects.filter(initiative__in=demo).count(),
        "measurements": Measurement.objects.filter(benefit__initiative__in=demo).count(),
        "lessons": Lesson.objects.filter(initiative__in=demo).count(),
        "partners": Partner.objects.filter(initiative__in=demo).count(),
        "updates": Update.objects.filter(initiative__in=demo).count(),
        "relations": Relation.objects.filter(source__in=demo).count(),
        "news": len(NEWS),
    }
