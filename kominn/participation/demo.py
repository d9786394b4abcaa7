"""Invented example content for taking part: people, challenges, ideas, comments and support.

Everyone and everything here is made up (the example.no addresses mark the people as invented);
only the place names in Asker are real. Dates are counted from today, so the open challenge stays
open whenever the demo is loaded. Loading again refreshes the rows and creates nothing new.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from kominn.accounts.models import Capacity, User
from kominn.organisations.models import ServiceArea, Theme
from kominn.portfolio.models import Goal, Initiative, NewsArticle

from .models import (
    Challenge,
    Comment,
    Follow,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStatus,
    Offer,
    Support,
)

CITIZEN = Capacity.CITIZEN
EMPLOYEE = Capacity.EMPLOYEE
VOLUNTEER = Capacity.VOLUNTEER
BUSINESS = Capacity.BUSINESS

SEED = 2026
EMAIL_DOMAIN = "example.no"

# (key, display name, capacity, affiliation). The e-mail is fornavn.etternavn@example.no.
PARTICIPANTS = [
    ("ingrid", "Ingrid Haugland", CITIZEN, ""),
    ("lars", "Lars Bråten", CITIZEN, ""),
    ("amira", "Amira Hassan", CITIZEN, ""),
    ("ola", "Ola Sandvik", CITIZEN, ""),
    ("marte", "Marte Kolstad", CITIZEN, ""),
    ("jonas", "Jonas Eriksen", CITIZEN, ""),
    ("sofie", "Sofie Lindahl", CITIZEN, ""),
    ("tor-helge", "Tor Helge Mæland", CITIZEN, ""),
    ("nora", "Nora Vik", CITIZEN, ""),
    ("hilde", "Hilde Øverby", EMPLOYEE, ""),
    ("per-arne", "Per Arne Strand", EMPLOYEE, ""),
    ("camilla", "Camilla Berg", EMPLOYEE, ""),
    ("erik", "Erik Myhre", EMPLOYEE, ""),
    ("anne-lise", "Anne Lise Dahl", EMPLOYEE, ""),
    ("yusuf", "Yusuf Demir", EMPLOYEE, ""),
    ("grete", "Grete Nygård", VOLUNTEER, "Asker Røde Kors"),
    ("knut", "Knut Holm", VOLUNTEER, "Frivilligsentralen i Heggedal"),
    ("randi", "Randi Aas", VOLUNTEER, "Vollen Vel"),
    ("martin", "Martin Løken", VOLUNTEER, "Natur og Ungdom Asker"),
    ("siri", "Siri Bakke", VOLUNTEER, "Asker Sanitetsforening"),
    ("henrik", "Henrik Aune", BUSINESS, "Solenergi Vest AS"),
    ("lise", "Lise Fjeld", BUSINESS, "Tofte Bygg AS"),
    ("thomas", "Thomas Kvale", BUSINESS, "Vollen Kafé og Bakeri"),
    ("maria", "Maria Johansen", BUSINESS, "Heggedal Sykkelservice AS"),
]

# Days are counted from today: negative in the past, positive ahead.
CHALLENGES = [
    {
        "key": "open",
        "slug": "flere-moteplasser-faerre-ensomme",
        "title": "Flere møteplasser, færre ensomme",
        "question": "Hvordan kan vi sammen skape møteplasser som gjør at færre i Asker føler "
        "seg ensomme?",
        "background": (
            "Omtrent hver femte innbygger sier i folkehelseundersøkelsen at de ofte føler seg "
            "ensomme. Det gjelder både eldre som bor alene, unge og nyankomne.\n\n"
            "Kommunen kan ikke løse dette alene. Vi vil høre fra deg som kjenner nabolaget, "
            "driver en forening eller en bedrift, eller møter ensomhet i jobben din:\n\n"
            "- Hvor møtes folk i dag, og hva mangler?\n"
            "- Hva skal til for at det er lett å komme for første gang?\n"
            "- Hva kan du eller organisasjonen din bidra med?"
        ),
        "audience": "Alle som bor eller jobber i Asker: innbyggere, frivillige, lag og "
        "foreninger, næringsliv og ansatte.",
        "goal": "faerre-opplever-ensomhet",
        "opens": -20,
        "closes": 40,
        "outcome": "",
    },
    {
        "key": "closed",
        "slug": "mindre-avfall-mer-ombruk",
        "title": "Mindre avfall, mer ombruk",
        "question": "Hvordan kan det bli enklere å reparere, dele og bruke ting om igjen i "
        "hverdagen?",
        "background": (
            "Hver askerbøring kaster rundt 400 kilo husholdningsavfall i året. Mye av det kunne "
            "vært reparert, lånt bort eller brukt av noen andre.\n\n"
            "Vi søker ideer som gjør ombruk til det enkle valget, hjemme, i barnehagen, på "
            "skolen og i kommunens egne bygg."
        ),
        "audience": "Innbyggere, frivillige organisasjoner, bedrifter og ansatte.",
        "goal": "mer-gjenbruk-og-mindre-avfall",
        "opens": -330,
        "closes": -270,
        "outcome": (
            "Takk for seks gode ideer og mange innspill!\n\n"
            "**Dette kom ut av utfordringen:**\n\n"
            "- **Reparasjonskafé og gi bort-dag** prøves ut sammen med Ombruksbua på "
            "gjenvinningsstasjonen, med frivillige fra Natur og Ungdom og Vollen Vel.\n"
            "- **Byttehyller for barneklær** tas med i arbeidet med miljøfyrtårn i "
            "barnehagene.\n"
            "- **Ombruk av byggematerialer** blir et krav i de neste rivingsprosjektene til "
            "Eiendom.\n\n"
            "Ideene som ikke tas videre nå, er lagt på vent og vurderes på nytt neste år."
        ),
    },
    {
        "key": "upcoming",
        "slug": "digitale-tjenester-alle-kan-bruke",
        "title": "Digitale tjenester alle kan bruke",
        "question": "Hvilke kommunale tjenester er vanskelige å bruke på nett i dag, og hvordan "
        "kan vi gjøre dem enklere?",
        "background": (
            "Stadig flere tjenester flytter på nett. Det skal være enkelt for alle, også for "
            "deg som ikke bruker data til daglig, har nedsatt syn eller leser lite norsk.\n\n"
            "Fortell oss hvor det stopper opp for deg, og hva som ville gjort det enklere."
        ),
        "audience": "Alle som bruker kommunens tjenester, og ansatte som hjelper andre med dem.",
        "goal": "enklere-digitale-tjenester",
        "opens": 14,
        "closes": 74,
        "outcome": "",
    },
]

# (key, author, challenge, days ago (None: a draft), supports, theme, service area, place,
#  title, paragraphs of the description)
IDEAS = [
    # In the open challenge (opened 20 days ago).
    (
        "middagsvenner",
        "ingrid",
        "open",
        18,
        14,
        "helse-og-mestring",
        "frivilligsentraler",
        "Heggedal",
        "Middagsvenner – felles middag for dem som bor alene",
        [
            "Mange som bor alene, spiser middag alene hver eneste dag. Jeg foreslår en fast "
            "felles middag én gang i uka, for eksempel på frivilligsentralen.",
            "Deltakerne kan lage maten sammen eller bare komme og spise. Prisen bør være lav, "
            "og det bør være mulig å få skyss.",
        ],
    ),
    (
        "besokstelefon",
        "grete",
        "open",
        17,
        5,
        "helse-og-mestring",
        "hjemmetjenester",
        "",
        "Besøksvenn på telefon for dem som ikke vil ha besøk hjemme",
        [
            "Ikke alle ønsker en fremmed hjemme, men mange setter pris på en fast samtale. "
            "Røde Kors kan sette opp besøksvenner som ringer en gang i uka.",
            "Hjemmetjenesten kan spørre brukerne om de ønsker en slik telefonvenn.",
        ],
    ),
    (
        "apen-kafe",
        "knut",
        "open",
        15,
        8,
        "frivillighet",
        "frivilligsentraler",
        "Heggedal",
        "Åpen kafé på frivilligsentralen hver onsdag",
        [
            "Vi vil holde kafeen på frivilligsentralen i Heggedal åpen hver onsdag. Alle er "
            "velkomne, ingen påmelding, og kaffen koster en tier.",
            "Vi trenger hjelp til å nå dem som sitter mest alene.",
        ],
    ),
    (
        "hjemmetjenesten-tipser",
        "hilde",
        "open",
        14,
        3,
        "helse-og-mestring",
        "hjemmetjenester",
        "",
        "Hjemmetjenesten kan tipse om aktiviteter i nærmiljøet",
        [
            "Vi i hjemmetjenesten er hjemme hos mange som er ensomme, men vet lite om hva som "
            "skjer i nærmiljøet. En enkel oversikt per bydel ville gjort det lett å gi tips.",
        ],
    ),
    (
        "sprakkafe",
        "amira",
        "open",
        12,
        5,
        "frivillighet",
        "bibliotek",
        "Asker sentrum",
        "Språkkafé for nye og gamle askerbøringer",
        [
            "Da jeg kom til Asker, var det vanskelig å bli kjent med noen. En fast språkkafé på "
            "biblioteket ville gitt nyankomne en grunn til å komme, og andre en grunn til å "
            "bli med.",
            "Samtaletemaene kan være enkle: mat, tur, barn, jobb.",
        ],
    ),
    (
        "sykkel-rickshaw",
        "maria",
        "open",
        10,
        9,
        "helse-og-mestring",
        "sykehjem",
        "Vollen",
        "Sykkeltur med rickshaw for beboere på sykehjem",
        [
            "Med en elektrisk rickshaw kan frivillige ta med beboere på sykehjem ut på tur "
            "langs sjøen. Det gir frisk luft, samtaler og gode minner.",
            "Vi i Heggedal Sykkelservice kan stå for service på sykkelen.",
        ],
    ),
    (
        "gaming",
        "jonas",
        "open",
        8,
        2,
        "oppvekst",
        "barn-og-familie",
        "Holmen",
        "Spillkveld for unge som sitter mye alene",
        [
            "Mange unge har vennene sine på nett og lite å gjøre i nærmiljøet. En spillkveld "
            "på fritidsklubben med voksne til stede kan være et første steg ut.",
        ],
    ),
    (
        "strikkekafe",
        "anne-lise",
        "open",
        6,
        3,
        "frivillighet",
        "bibliotek",
        "Slemmestad",
        "Strikkekafé og lesesirkel på biblioteket i Slemmestad",
        [
            "Biblioteket i Slemmestad har plass på ettermiddagen. Vi vil starte en strikkekafé "
            "og en lesesirkel, og trenger frivillige som vil lede dem.",
        ],
    ),
    (
        "kaffe-pa-vent",
        "thomas",
        "open",
        4,
        6,
        "helse-og-mestring",
        "kultur-frivillighet",
        "Vollen",
        "Kaffe på vent og et fast pratebord på kafeen",
        [
            "Gjester kan betale for en ekstra kopp som står «på vent» til noen som trenger det. "
            "Ett bord merkes som pratebord: der er det lov å sette seg ned hos fremmede.",
            "Vi prøver gjerne først hos oss i Vollen, og håper flere kafeer blir med.",
        ],
    ),
    (
        "turgrupper",
        "nora",
        "open",
        2,
        1,
        "helse-og-mestring",
        "frivilligsentraler",
        "Borgen",
        "Turgrupper med fast oppmøte i nabolaget",
        [
            "En kort tur med fast tid og sted hver uke, for eksempel tirsdag klokka 11 ved "
            "butikken. Ingen påmelding, bare møt opp.",
        ],
    ),
    # In the closed challenge (open 330 to 270 days ago).
    (
        "reparasjonskafe",
        "martin",
        "closed",
        325,
        15,
        "miljo-og-klima",
        "renovasjon",
        "Asker sentrum",
        "Reparasjonskafé én lørdag i måneden",
        [
            "Ta med den ødelagte brødristeren, sykkelen eller buksa, så hjelper frivillige deg "
            "å reparere den. Folk lærer å fikse ting selv, og mindre havner i søpla.",
            "Vi trenger et lokale med strøm og noen bord.",
        ],
    ),
    (
        "byttehylle",
        "lars",
        "closed",
        320,
        7,
        "miljo-og-klima",
        "barnehager",
        "",
        "Byttehylle for barneklær i alle barnehager",
        [
            "Barn vokser fort ut av klærne. En hylle i gangen der foreldre kan sette fra seg "
            "og ta med klær, sparer både penger og miljø.",
        ],
    ),
    (
        "skolemateriell",
        "camilla",
        "closed",
        310,
        3,
        "miljo-og-klima",
        "skoler",
        "",
        "Skolene deler utstyr og materiell de ikke bruker",
        [
            "Mange skoler har lagre med utstyr de ikke trenger, mens andre kjøper det samme "
            "nytt. En enkel oversikt over hva som finnes, ville gjort det lett å dele.",
        ],
    ),
    (
        "byggematerialer",
        "lise",
        "closed",
        300,
        4,
        "miljo-og-klima",
        "eiendom",
        "Tofte",
        "Ombruk av byggematerialer fra kommunale rivingsprosjekter",
        [
            "Dører, vinduer, teglstein og heltre kan ofte brukes på nytt. Hvis materialene "
            "kartlegges før riving, kan de selges eller brukes i nye kommunale bygg.",
            "Vi har erfaring med å dokumentere ombrukte materialer og bidrar gjerne.",
        ],
    ),
    (
        "gi-bort-dag",
        "sofie",
        "closed",
        290,
        8,
        "miljo-og-klima",
        "renovasjon",
        "Yggeset",
        "Gi bort-dag på gjenvinningsstasjonen",
        [
            "En lørdag i måneden kan folk sette fra seg ting som fortsatt virker, og andre kan "
            "ta dem med hjem gratis. Det som står igjen, går til gjenvinning som før.",
        ],
    ),
    (
        "festutstyr",
        "siri",
        "closed",
        280,
        1,
        "miljo-og-klima",
        "frivilligsentraler",
        "",
        "Utlån av festutstyr og servise til lag og foreninger",
        [
            "Lag og foreninger kjøper engangsservise til hver basar. Et felles lager med "
            "servise, duker og telt til utlån ville spart mye avfall.",
        ],
    ),
    # Ideas outside any challenge.
    (
        "solceller-haller",
        "henrik",
        None,
        510,
        5,
        "miljo-og-klima",
        "eiendom",
        "",
        "Solceller på taket til idrettshallene",
        [
            "Idrettshallene har store, flate tak som passer godt for solceller. Strømmen kan "
            "brukes i hallen, og overskuddet kan gå til nærliggende skoler.",
            "Vi kan gjøre en gratis befaring av to haller for å beregne hva det gir.",
        ],
    ),
    (
        "bevegelsessensorer",
        "per-arne",
        None,
        480,
        1,
        "miljo-og-klima",
        "eiendom",
        "",
        "Bevegelsessensorer på lyset i toaletter og lagerrom",
        [
            "I mange kommunale bygg står lyset på hele døgnet i rom som sjelden brukes. "
            "Sensorer er billige og betaler seg raskt.",
        ],
    ),
    (
        "sykkelvei-vollen",
        "ola",
        None,
        460,
        18,
        "mobilitet",
        "samfunnsutvikling",
        "Vollen",
        "Trygg sykkelvei mellom Vollen og Asker sentrum",
        [
            "Mange vil sykle til jobb og skole, men strekningen er smal og uoversiktlig. En "
            "sammenhengende sykkelvei ville fått flere til å la bilen stå.",
        ],
    ),
    (
        "skilting-vardasen",
        "marte",
        None,
        440,
        3,
        "helse-og-mestring",
        "kultur-frivillighet",
        "Vardåsen",
        "Bedre skilting av turstiene i Vardåsen",
        [
            "Stiene i Vardåsen er fine, men det er lett å gå seg bort. Skilt med lengde og "
            "vanskelighetsgrad ville gjort det tryggere for nye turgåere.",
        ],
    ),
    (
        "en-innlogging",
        "yusuf",
        None,
        420,
        2,
        "digitalisering",
        "digitalisering",
        "",
        "Én innlogging for alle fagsystemene i hjemmetjenesten",
        [
            "Ansatte i hjemmetjenesten logger inn i mange systemer i løpet av en vakt. Felles "
            "innlogging ville spart tid og gjort det enklere å bruke nettbrettet ute hos "
            "brukerne.",
        ],
    ),
    (
        "sms-pamminnelse-nav",
        "erik",
        None,
        400,
        1,
        "digitalisering",
        "nav",
        "",
        "SMS-påminnelse før avtaler hos NAV Asker",
        [
            "Mange avtaler blir ikke noe av fordi folk glemmer dem. En påminnelse på SMS dagen "
            "før er enkelt å få til og frigjør tid for alle.",
        ],
    ),
    (
        "sms-broyting",
        "tor-helge",
        None,
        380,
        9,
        "digitalisering",
        "samfunnsutvikling",
        "Sætre",
        "Varsel på SMS når veien min skal brøytes eller graves opp",
        [
            "Jeg vil gjerne vite når brøytebilen kommer, så jeg kan flytte bilen. Det samme "
            "gjelder når veien skal graves opp.",
            "Varselet kan gå til dem som har meldt seg på for sin adresse.",
        ],
    ),
    (
        "forstehjelp",
        "grete",
        None,
        360,
        4,
        "oppvekst",
        "skoler",
        "",
        "Førstehjelpskurs for alle elever på 8. trinn",
        [
            "Røde Kors kan holde et kort kurs i førstehjelp for alle 8.-klassinger. Ungdom som "
            "kan førstehjelp, redder liv.",
        ],
    ),
    (
        "flersprak",
        "amira",
        None,
        350,
        6,
        "digitalisering",
        "organisasjon-og-digitalisering",
        "",
        "Informasjon om kommunens tjenester på flere språk",
        [
            "Mange forstår ikke brevene og nettsidene fra kommunen. De viktigste sidene bør "
            "finnes på engelsk, arabisk, polsk og ukrainsk, og på klart språk på norsk.",
        ],
    ),
    (
        "frivillig-kalender",
        "knut",
        None,
        340,
        0,
        "frivillighet",
        "frivilligsentraler",
        "Heggedal",
        "Felles kalender for frivillige aktiviteter i Heggedal",
        [
            "Lag og foreninger i Heggedal legger aktivitetene sine på ulike steder. En felles "
            "kalender ville gjort det lettere å finne noe å være med på.",
        ],
    ),
    (
        "uteskole",
        "camilla",
        None,
        255,
        5,
        "oppvekst",
        "skoler",
        "Borgen",
        "Uteskole: fast ukentlig undervisning i skogen",
        [
            "Elevene lærer mye av å være ute, og mange som sliter i klasserommet, blomstrer i "
            "skogen. Vi vil ha én fast uteskoledag i uka for alle trinn.",
        ],
    ),
    (
        "ladepunkter-sykkel",
        "henrik",
        None,
        240,
        2,
        "mobilitet",
        "samfunnsutvikling",
        "Asker sentrum",
        "Lading for elsykler ved innfartsparkeringene",
        [
            "Flere sykler til stasjonen med elsykkel. Låsbare skap med lading ville gjort det "
            "tryggere å la sykkelen stå hele dagen.",
        ],
    ),
    (
        "benker-semsvannet",
        "ingrid",
        None,
        225,
        20,
        "helse-og-mestring",
        "samfunnsutvikling",
        "Semsvannet",
        "Flere benker langs turveien rundt Semsvannet",
        [
            "Runden rundt Semsvannet er populær, men det er langt mellom benkene. Mange eldre "
            "tør ikke gå hele veien fordi de ikke kan hvile underveis.",
            "Benker med armlener hver halve kilometer ville gjort turen mulig for langt flere.",
        ],
    ),
    (
        "faste-team",
        "hilde",
        None,
        210,
        3,
        "helse-og-mestring",
        "hjemmetjenester",
        "",
        "Faste team i hjemmetjenesten, så brukerne møter færre ukjente",
        [
            "Brukerne møter mange forskjellige ansatte i løpet av en måned. Med små, faste "
            "team blir det tryggere for brukerne, og vi ansatte kjenner dem bedre.",
        ],
    ),
    (
        "hjertesone-barnehage",
        "lars",
        None,
        195,
        2,
        "mobilitet",
        "barnehager",
        "Holmen",
        "Hjertesone også rundt barnehagene",
        [
            "Hjertesonene rundt skolene virker. Barnehagene har de samme køene av biler om "
            "morgenen og bør få det samme.",
        ],
    ),
    (
        "overskuddsmat",
        "thomas",
        None,
        180,
        4,
        "miljo-og-klima",
        "frivilligsentraler",
        "Vollen",
        "Overskuddsmat fra kafeer til frivilligsentralene",
        [
            "Vi kaster brød og bakst hver kveld. Frivilligsentralene kunne hentet det og delt "
            "det ut, eller brukt det på fellesmiddager.",
        ],
    ),
    (
        "lekeplass-rullestol",
        "marte",
        None,
        165,
        11,
        "oppvekst",
        "samfunnsutvikling",
        "Slemmestad",
        "Lekeplass der barn i rullestol kan leke med de andre",
        [
            "Sønnen min sitter i rullestol og kommer seg ikke inn på lekeplassen vår. Med fast "
            "underlag og en huske han kan bruke, kunne han leke med vennene sine.",
        ],
    ),
    (
        "tommekalender",
        "yusuf",
        None,
        150,
        7,
        "digitalisering",
        "renovasjon",
        "",
        "Tømmekalenderen for avfall rett i kalenderappen",
        [
            "I stedet for å sjekke nettsiden kan innbyggerne abonnere på tømmedagene for sin "
            "adresse i kalenderen på telefonen.",
        ],
    ),
    (
        "bilpool-vaktmestere",
        "per-arne",
        None,
        135,
        0,
        "mobilitet",
        "eiendom",
        "",
        "Felles bilpool for vaktmesterne",
        [
            "Hver vaktmester har sin egen bil, som står stille store deler av dagen. En felles "
            "pool med elbiler ville trengt færre biler.",
        ],
    ),
    (
        "svommeopplaering",
        "sofie",
        None,
        120,
        3,
        "helse-og-mestring",
        "kultur-frivillighet",
        "Holmen",
        "Svømmeopplæring for voksne",
        [
            "Mange voksne kan ikke svømme og skammer seg over det. Kurs i svømmehallen på "
            "Holmen, med egne tider for kvinner, ville senket terskelen.",
        ],
    ),
    (
        "handverkere-skolen",
        "lise",
        None,
        105,
        1,
        "oppvekst",
        "skoler",
        "Tofte",
        "Lokale håndverkere inn i arbeidslivsfaget",
        [
            "Elevene får lite se av håndverksfagene. Vi tar gjerne imot elever på byggeplass, "
            "og kommer på besøk i arbeidslivsfaget.",
        ],
    ),
    (
        "parkeringstillatelse",
        "erik",
        None,
        90,
        3,
        "digitalisering",
        "organisasjon-og-digitalisering",
        "",
        "Digital søknad om parkeringstillatelse for forflytningshemmede",
        [
            "I dag må søknaden skrives ut, fylles ut for hånd og sendes i posten. Et digitalt "
            "skjema med legeerklæring som vedlegg ville spart tid for alle.",
        ],
    ),
    (
        "flerbrukshall-fredag",
        "jonas",
        None,
        75,
        0,
        "oppvekst",
        "barn-og-familie",
        "Heggedal",
        "Åpen flerbrukshall for ungdom på fredagskvelder",
        [
            "Det er lite å gjøre for ungdom i Heggedal på fredagskvelden. Hallen står tom, og "
            "kunne vært åpen for basket, fotball og musikk.",
        ],
    ),
    (
        "lys-gangvei-saetre",
        "nora",
        None,
        60,
        0,
        "mobilitet",
        "samfunnsutvikling",
        "Sætre",
        "Bedre belysning på gangveien ved Sætre skole",
        [
            "Gangveien er mørk om vinteren, og mange barn går der. Flere lyspunkter ville gjort "
            "skoleveien tryggere.",
        ],
    ),
    (
        "digitalkurs-eldre",
        "siri",
        None,
        45,
        2,
        "digitalisering",
        "bibliotek",
        "",
        "Kurs i digitale verktøy for eldre, holdt av ungdom",
        [
            "Ungdom kan lære eldre å bruke BankID, Vipps og videosamtaler. De eldre får hjelp, "
            "og ungdommen får erfaring og en sommerjobb.",
        ],
    ),
    (
        "sykkelreparasjon-skole",
        "maria",
        None,
        30,
        1,
        "mobilitet",
        "skoler",
        "Heggedal",
        "Sykkelreparasjonsdag for elevene om våren",
        [
            "Vi kommer gjerne til skolene i Heggedal en dag i april og hjelper elevene å gjøre "
            "syklene klare for sesongen.",
        ],
    ),
    (
        "fremmede-arter",
        "randi",
        None,
        25,
        3,
        "miljo-og-klima",
        "samfunnsutvikling",
        "Vollen",
        "Dugnad mot fremmede arter langs strandsonen",
        [
            "Kjempespringfrø og rynkerose sprer seg langs stranda i Vollen. Vi vil ha en årlig "
            "dugnad der kommunen stiller med utstyr og henting av avfallet.",
        ],
    ),
    # Drafts: not submitted yet.
    (
        "fartsdumper",
        "ola",
        None,
        None,
        0,
        "mobilitet",
        "samfunnsutvikling",
        "Vollen",
        "Fartsdumper i boligfeltet",
        ["Bilene kjører altfor fort gjennom boligfeltet der barna leker."],
    ),
    (
        "e-boker-sprak",
        "anne-lise",
        None,
        None,
        0,
        "digitalisering",
        "bibliotek",
        "",
        "Flere e-bøker på andre språk enn norsk",
        ["Utvalget av e-bøker på arabisk, polsk og ukrainsk er lite."],
    ),
]

# (idea, [(author, comment, [(author, reply), ...]), ...]), in the order they were written.
COMMENTS = [
    (
        "middagsvenner",
        [
            (
                "grete",
                "Røde Kors har gjort noe lignende i nabokommunen. Vi deler gjerne hvordan de fikk "
                "folk til å komme første gang.",
                [("ingrid", "Så fint! Den første gangen er nok det vanskeligste.")],
            ),
            (
                "hilde",
                "Mange av brukerne våre spiser alene hver dag. Med skyss kunne flere blitt med.",
                [("knut", "Frivilligsentralen kan spørre frivillige sjåfører.")],
            ),
            ("randi", "Dette burde vi hatt i Vollen også!", []),
        ],
    ),
    (
        "besokstelefon",
        [
            (
                "nora",
                "Faren min ville aldri sluppet inn en fremmed, men han prater gjerne i telefonen.",
                [],
            ),
            (
                "erik",
                "Vi møter også yngre som er ensomme. Tilbudet bør ikke bare være for eldre.",
                [("grete", "Enig, det skal være åpent for alle voksne.")],
            ),
        ],
    ),
    (
        "apen-kafe",
        [
            (
                "ingrid",
                "Onsdag formiddag passer for pensjonister, men da er de fleste andre på jobb.",
                [("knut", "Godt poeng. Vi prøver én kveld i måneden i tillegg.")],
            ),
            (
                "thomas",
                "Vi kan levere bakst til kafeen til kostpris.",
                [("knut", "Tusen takk, det tar vi gjerne imot!")],
            ),
        ],
    ),
    (
        "hjemmetjenesten-tipser",
        [
            ("anne-lise", "Biblioteket har en oversikt over faste aktiviteter som vi deler.", []),
            ("amira", "Husk at oversikten må finnes på papir også.", []),
        ],
    ),
    (
        "sprakkafe",
        [
            (
                "anne-lise",
                "Biblioteket i Asker sentrum har ledig plass på torsdager. Ta kontakt!",
                [("amira", "Torsdag passer fint. Jeg sender en e-post.")],
            ),
            ("siri", "Flere i sanitetsforeningen vil gjerne være samtalepartnere.", []),
            ("jonas", "Kanskje en egen gruppe for unge? Det er lettere å prate over et spill.", []),
        ],
    ),
    (
        "sykkel-rickshaw",
        [
            (
                "hilde",
                "Beboerne ville elsket dette. Men hvem skal sykle?",
                [("maria", "Frivillige piloter. Vi tar opplæringen og servicen på sykkelen.")],
            ),
            ("per-arne", "Sykkelen trenger et låsbart rom med lading. Det kan vi se på.", []),
            ("ola", "Jeg melder meg som pilot!", []),
        ],
    ),
    (
        "gaming",
        [
            (
                "camilla",
                "Flere av elevene mine ville nok kommet. Det må være en voksen til stede.",
                [("jonas", "Ja, gjerne noen fra fritidsklubben.")],
            ),
            (
                "lars",
                "Spill er vel ikke løsningen på ensomhet? De burde heller komme seg ut.",
                [("jonas", "Mange har vennene sine nettopp gjennom spill. Det er en start.")],
            ),
        ],
    ),
    (
        "strikkekafe",
        [("siri", "Vi strikker allerede for Røde Kors, og flytter gjerne dit.", [])],
    ),
    (
        "kaffe-pa-vent",
        [
            ("nora", "Fin idé! Flere kafeer burde bli med.", []),
            ("henrik", "Vi kan ta det opp i næringsforeningen.", []),
        ],
    ),
    (
        "turgrupper",
        [("martin", "Natur og Ungdom kan ta med søppelsekker en gang i måneden.", [])],
    ),
    (
        "reparasjonskafe",
        [
            (
                "sofie",
                "Jeg har symaskin og kan hjelpe til med klær.",
                [("martin", "Supert! Da har vi både sykkel, elektronikk og klær.")],
            ),
            (
                "jonas",
                "Kan man få fikset mobilskjermen der?",
                [("martin", "Skjermbytte er vanskelig, men vi kan se på batteri og lading.")],
            ),
            ("per-arne", "Kantina på rådhuset står tom på lørdager.", []),
        ],
    ),
    (
        "byttehylle",
        [
            (
                "camilla",
                "Vi har dette på skolen. Det fungerer best med en fast ansvarlig.",
                [("lars", "Godt tips, takk.")],
            ),
            ("marte", "Flyverdressen blir for liten så fort. Dette ville hjulpet mange.", []),
        ],
    ),
    (
        "skolemateriell",
        [("yusuf", "Et enkelt regneark over hva skolene har, ville vært nok til å starte.", [])],
    ),
    (
        "byggematerialer",
        [
            (
                "per-arne",
                "Vi må sjekke hvilke materialer som kan brukes på nytt etter byggereglene.",
                [("lise", "Vi har dokumentert ombrukte materialer før og hjelper gjerne til.")],
            ),
            ("henrik", "Materialene bør kartlegges før anbudet går ut.", []),
        ],
    ),
    (
        "gi-bort-dag",
        [
            ("randi", "Vollen Vel kan stå for en stand.", []),
            (
                "martin",
                "Kan kombineres med reparasjonskafeen!",
                [("sofie", "Ja, samme dag hadde vært perfekt.")],
            ),
        ],
    ),
    (
        "solceller-haller",
        [
            (
                "per-arne",
                "Takene på noen av hallene må forsterkes først. Det må med i regnestykket.",
                [("henrik", "Det stemmer. Det tar vi med i befaringen.")],
            ),
            ("ola", "Kan innbyggerne få kjøpe andeler i anleggene?", []),
        ],
    ),
    (
        "sykkelvei-vollen",
        [
            ("marte", "Det er skummelt å sykle der i dag, særlig i mørket.", []),
            ("maria", "Kundene våre sier det samme. Dette er den viktigste strekningen.", []),
            (
                "tor-helge",
                "Er ikke fylkesveien fylkets ansvar?",
                [("ola", "Jo, men kommunen kan ta det opp med fylket.")],
            ),
        ],
    ),
    (
        "sms-broyting",
        [
            (
                "yusuf",
                "Brøytebilene har GPS, så det er teknisk mulig.",
                [("tor-helge", "Så bra. Da trengs bare en SMS-tjeneste.")],
            ),
            ("nora", "Varsel om graving som stenger veien er enda viktigere for meg.", []),
        ],
    ),
    (
        "flersprak",
        [
            ("erik", "Mange vi møter, forstår ikke brevene vi sender. Helt enig!", []),
            (
                "yusuf",
                "Maskinoversettelse kan hjelpe, men viktige tekster må kvalitetssikres.",
                [("amira", "Enig. Og klart språk på norsk først!")],
            ),
        ],
    ),
    (
        "uteskole",
        [
            ("lars", "Barna mine elsker uteskoledagene.", []),
            (
                "marte",
                "Husk barn med funksjonsnedsettelser.",
                [("camilla", "Godt poeng, vi velger steder med fast sti.")],
            ),
        ],
    ),
    (
        "ladepunkter-sykkel",
        [("maria", "Og gjerne en sykkelpumpe og litt verktøy ved stativene!", [])],
    ),
    (
        "benker-semsvannet",
        [
            (
                "randi",
                "Med benker hver halve kilometer kunne mange flere eldre gått hele runden.",
                [("ingrid", "Akkurat det.")],
            ),
            ("martin", "Bruk gjerne gammelt treverk fra ombrukslageret.", []),
            ("sofie", "Ja takk! Gjerne noen med armlener.", []),
            ("tor-helge", "Og et par søppelkasser.", []),
        ],
    ),
    (
        "faste-team",
        [
            (
                "nora",
                "Mora mi møtte sytten forskjellige på en måned. Det var utrygt for henne.",
                [("hilde", "Det er derfor vi foreslår det. Takk for at du deler.")],
            ),
        ],
    ),
    (
        "hjertesone-barnehage",
        [("camilla", "Hjertesonen rundt skolen vår har gjort en stor forskjell.", [])],
    ),
    (
        "overskuddsmat",
        [
            (
                "knut",
                "Vi tar imot på mandager og torsdager.",
                [("thomas", "Da leverer vi de dagene.")],
            ),
            ("siri", "Husk reglene for mattrygghet. Mattilsynet har en god veileder.", []),
        ],
    ),
    (
        "lekeplass-rullestol",
        [
            ("per-arne", "Gummidekke koster mer enn sand, men varer lenger.", []),
            (
                "lise",
                "Vi bygde en slik lekeplass i fjor og deler gjerne erfaringene.",
                [("marte", "Det vil jeg gjerne høre mer om!")],
            ),
        ],
    ),
    (
        "tommekalender",
        [
            ("sofie", "Jeg glemmer alltid papirdagen. Ja takk!", []),
            (
                "tor-helge",
                "Ikke alle har smarttelefon.",
                [("yusuf", "Papirkalenderen blir ikke borte for det.")],
            ),
        ],
    ),
    (
        "svommeopplaering",
        [
            (
                "amira",
                "Mange kvinner jeg kjenner, vil lære å svømme, men trenger egne tider.",
                [("sofie", "Ja, det ville senket terskelen mye.")],
            ),
        ],
    ),
    (
        "digitalkurs-eldre",
        [
            (
                "anne-lise",
                "Dette ligner på Digihjelp på biblioteket. La oss samarbeide!",
                [("siri", "Flott, da bruker vi lokalene deres.")],
            ),
        ],
    ),
    (
        "fremmede-arter",
        [
            (
                "martin",
                "Natur og Ungdom blir med!",
                [("ola", "Hvilken dato blir det?"), ("randi", "Vi planlegger en lørdag i juni.")],
            ),
        ],
    ),
]

# Comments their authors deleted: (idea, author). The author wrote only that one there.
DELETED_COMMENTS = {("reparasjonskafe", "jonas"), ("fremmede-arter", "ola")}

# Who follows the open challenge, besides the authors of its ideas.
CHALLENGE_FOLLOWERS = ["randi", "siri", "erik", "sofie", "amira"]

# (person, initiative slug)
INITIATIVE_FOLLOWS = [
    ("ingrid", "ensomhet-blant-eldre"),
    ("grete", "ensomhet-blant-eldre"),
    ("lars", "hjertesone-rundt-skolene"),
    ("henrik", "alternativ-energi-sammen-med-innbyggere-og-naeringsliv"),
    ("henrik", "solceller-pa-skoletak"),
    ("tor-helge", "regnbed-og-blagronne-losninger"),
    ("jonas", "ungdommens-budsjett"),
    ("martin", "ombruksbua-pa-gjenvinningsstasjonen"),
    ("randi", "digihjelp-pa-biblioteket"),
]

# "Jeg vil bidra": (person, idea, message)
IDEA_OFFERS = [
    ("ola", "sykkel-rickshaw", "Jeg har god tid på dagtid og sykler gjerne med beboerne."),
    ("knut", "middagsvenner", "Frivilligsentralen låner gjerne ut kjøkkenet."),
    ("thomas", "apen-kafe", "Vi leverer bakst hver onsdag til kostpris."),
    ("sofie", "reparasjonskafe", "Jeg tar med symaskinen og hjelper med klær."),
    ("lise", "lekeplass-rullestol", "Vi kan bidra med tegninger fra en lignende lekeplass."),
    ("yusuf", "sms-broyting", "Jeg kan hjelpe med å hente ut data om brøyterodene."),
    ("martin", "benker-semsvannet", "Natur og Ungdom setter gjerne opp benkene på dugnad."),
    ("siri", "sprakkafe", "Jeg og to andre fra sanitetsforeningen blir gjerne samtalepartnere."),
    ("camilla", "forstehjelp", "Jeg har 8. trinn og kan hjelpe med å finne plass i timeplanen."),
]

# "Jeg vil bidra" on initiatives: (person, initiative slug, message)
INITIATIVE_OFFERS = [
    (
        "grete",
        "ensomhet-blant-eldre",
        "Asker Røde Kors har besøkstjeneste og deler gjerne erfaringene i kartleggingen.",
    ),
    ("henrik", "solceller-pa-skoletak", "Vi kan beregne hva solceller gir på flere skoletak."),
    ("maria", "bua-gratis-utlan-av-utstyr", "Vi kan gi service på utlånssyklene to ganger i året."),
    ("randi", "digihjelp-pa-biblioteket", "Jeg er pensjonert lærer og kan være digihjelper."),
]

# About one in five supporters also follows the idea.
# What the municipality answered, and when: (idea, initiative it became or None,
# [(days after submission, status, answer)]). Ideas not named here wait for a first
# answer; a few of them are past the response promise, as in real life.
UR, TF, PU = IdeaStatus.UNDER_REVIEW, IdeaStatus.TAKEN_FORWARD, IdeaStatus.PUT_TO_USE
PARKED, NOT_PURSUED = IdeaStatus.PARKED, IdeaStatus.NOT_PURSUED
ANSWERS = [
    ("middagsvenner", None, [(5, UR, "Takk! Frivilligsentralen i Heggedal ser på om kjøkkenet "
        "kan brukes onsdager, og vi tar kontakt med dem som har meldt seg.")]),
    ("besokstelefon", None, [(9, UR, "Hjemmetjenesten og Røde Kors møtes i neste uke for å "
        "se på hvordan brukerne kan spørres.")]),
    ("sprakkafe", None, [(3, UR, "Biblioteket i Asker har ledige rom tirsdager. Vi ser på "
        "om det passer.")]),
    ("reparasjonskafe", "ombruksbua-pa-gjenvinningsstasjonen", [
        (6, UR, "Vi ser på dette sammen med Ombruksbua."),
        (40, TF, "Reparasjonskafeen blir en del av Ombruksbua på gjenvinningsstasjonen."),
        (120, PU, "Reparasjonskafeen er i gang første lørdag i måneden. Over 300 ting er "
            "reparert så langt."),
    ]),
    ("byttehylle", None, [
        (8, UR, "Vi spør barnehagestyrerne om erfaringer."),
        (60, PU, "Alle kommunale barnehager har nå en byttehylle i garderoben."),
    ]),
    ("skolemateriell", "ombruk-av-kontormobler", [
        (12, TF, "Skolene får bruke ombruksløsningen for kontormøbler også for materiell."),
    ]),
    ("byggematerialer", None, [(20, UR, "Eiendom utreder dette i forbindelse med neste "
        "riveprosjekt.")]),
    ("gi-bort-dag", "ombruksbua-pa-gjenvinningsstasjonen", [
        (10, TF, "Gi bort-dagen blir en del av Ombruksbua."),
        (90, PU, "Første gi bort-dag var i mai, med over 400 besøkende."),
    ]),
    ("festutstyr", "bua-gratis-utlan-av-utstyr", [
        (7, TF, "BUA tar inn festutstyr og servise i utlånet."),
    ]),
    ("solceller-haller", "solceller-pa-skoletak", [
        (9, UR, "Eiendom vurderer takene på idrettshallene."),
        (70, TF, "Idrettshallene kommer med i neste runde av solceller på kommunale tak."),
    ]),
    ("bevegelsessensorer", "led-belysning-i-kommunale-bygg-og-gater", [
        (4, TF, "Sensorstyring tas med i LED-utskiftingen."),
        (150, PU, "Alle toaletter og lagerrom i rådhuset og på skolene har nå sensorer."),
    ]),
    ("sykkelvei-vollen", None, [(16, PARKED, "En trygg sykkelvei er viktig, men strekningen "
        "er fylkesvei. Vi har sendt forslaget til fylkeskommunen og parkerer det hos oss til "
        "vi hører fra dem.")]),
    ("skilting-vardasen", None, [
        (6, UR, "Friluftsetaten ser på skiltplanen."),
        (80, PU, "Nye skilt er satt opp ved alle innfallsportene til Vardåsen."),
    ]),
    ("en-innlogging", None, [(21, UR, "Vi undersøker om leverandørene støtter felles "
        "innlogging.")]),
    ("sms-pamminnelse-nav", None, [
        (5, UR, "NAV Asker tester dette i høst."),
        (110, PU, "SMS-påminnelse sendes nå dagen før alle avtaler."),
    ]),
    ("sms-broyting", None, [(13, UR, "Vi ser på om brøyterodene kan kobles til varsling.")]),
    ("forstehjelp", None, [(11, PARKED, "Timeplanen for 8. trinn er full i år. Vi ser på "
        "dette igjen før neste skoleår.")]),
    ("flersprak", None, [(8, NOT_PURSUED, "Kommunens nettsider kan allerede oversettes "
        "automatisk, og tolketjenesten dekker det viktigste. Vi går ikke videre med egne "
        "sider på flere språk nå.")]),
    ("frivillig-kalender", "frivillighetsbors-pa-nett", [
        (7, TF, "Kalenderen blir en del av frivillighetsbørsen på nett."),
    ]),
    ("uteskole", None, [
        (3, UR, "To skoler har meldt interesse."),
        (100, PU, "Uteskole er fast på Bondi skole og Heggedal skole."),
    ]),
    ("ladepunkter-sykkel", None, [(15, UR, "Vi ser på dette sammen med Ruter.")]),
    ("benker-semsvannet", None, [
        (5, UR, "Natur og Ungdom har tilbudt dugnad, og vi har søkt grunneier."),
        (95, PU, "Seks nye benker står langs turveien rundt Semsvannet."),
    ]),
    ("faste-team", "velferdsteknologi-i-hjemmetjenesten", [
        (18, TF, "Faste team prøves ut sammen med velferdsteknologien i hjemmetjenesten."),
    ]),
    ("hjertesone-barnehage", "hjertesone-rundt-skolene", [
        (6, TF, "Hjertesonene utvides til barnehagene."),
    ]),
    ("overskuddsmat", "mindre-matsvinn-pa-sykehjem", [
        (9, TF, "Vi tar dette inn i arbeidet mot matsvinn."),
    ]),
    ("lekeplass-rullestol", None, [(12, UR, "Vi ser etter en lekeplass som kan bygges om.")]),
    ("tommekalender", None, [
        (4, UR, "Renovasjonen ser på kalenderformatet."),
        (45, PU, "Tømmekalenderen kan nå legges rett i kalenderappen fra nettsidene."),
    ]),
    ("bilpool-vaktmestere", None, [(19, NOT_PURSUED, "Vaktmesterne trenger bilene gjennom "
        "hele dagen, og en pool sparer derfor lite. Vi går ikke videre med dette.")]),
    ("svommeopplaering", None, [(10, PARKED, "Bassengtiden er full til nytt bad åpner.")]),
    ("handverkere-skolen", None, [(8, UR, "Vi spør lokale håndverkere om interesse.")]),
    ("parkeringstillatelse", None, [(6, UR, "Dette passer inn i arbeidet med digitale "
        "søknader.")]),
    ("flerbrukshall-fredag", "ungdomslos", [
        (5, TF, "Ungdomslosene tar ansvar for åpen hall på fredager."),
    ]),
    ("lys-gangvei-saetre", None, [(7, UR, "Vi har bedt om en befaring.")]),
    ("digitalkurs-eldre", "ensomhet-blant-eldre", [
        (9, TF, "Kursene blir en del av arbeidet mot ensomhet blant eldre."),
    ]),
]  # fmt: skip

FOLLOW_SHARE = 0.2


def _email(name):
    local = name.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "."}))
    return f"{local}@{EMAIL_DOMAIN}"


def _at(day, hour=9, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _between(rng, start, now, within=timedelta(days=45)):
    """A moment after `start`, within `within` of it and not after now."""
    end = min(now, start + within)
    return start + (end - start) * rng.uniform(0.05, 1)


def _participants(today):
    people = {}
    for number, (key, name, capacity, affiliation) in enumerate(PARTICIPANTS):
        joined = _at(today - timedelta(days=560 - 3 * number), 8 + number % 12, number % 60)
        user, created = User.objects.update_or_create(
            email=_email(name),
            defaults={
                "display_name": name,
                "capacity": capacity,
                "affiliation": affiliation,
                "is_active": True,
                "date_joined": joined,
                "email_verified_at": joined + timedelta(minutes=4),
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people[key] = user
    return people


def _challenges(organisation, today):
    goals = {goal.slug: goal for goal in Goal.objects.filter(organisation=organisation)}
    challenges = {}
    for spec in CHALLENGES:
        opens_on = today + timedelta(days=spec["opens"])
        challenge = Challenge.objects.filter(organisation=organisation, slug=spec["slug"]).first()
        challenge = challenge or Challenge(organisation=organisation, slug=spec["slug"])
        for name in ("title", "question", "background", "audience", "outcome"):
            setattr(challenge, name, spec[name])
        challenge.goal = goals.get(spec["goal"])
        challenge.opens_on = opens_on
        challenge.closes_on = today + timedelta(days=spec["closes"])
        challenge.is_published = True
        challenge.is_example = True
        challenge.full_clean()
        challenge.save()
        made = _at(opens_on - timedelta(days=10))
        Challenge.objects.filter(pk=challenge.pk).update(created_at=made, updated_at=made)
        challenges[spec["key"]] = challenge
    return challenges


def _ideas(organisation, people, challenges, today):
    themes = {theme.slug: theme for theme in Theme.objects.filter(organisation=organisation)}
    areas = {area.slug: area for area in ServiceArea.objects.filter(organisation=organisation)}
    ideas = {}
    for number, spec in enumerate(IDEAS):
        key, author, challenge, days_ago, _supports, theme, area, place, title, text = spec
        author = people[author]
        idea = Idea.objects.filter(organisation=organisation, title=title, author=author).first()
        idea = idea or Idea(organisation=organisation, title=title, author=author)
        idea.description = "\n\n".join(text)
        idea.theme = themes.get(theme)
        idea.service_area = areas.get(area)
        idea.challenge = challenges[challenge] if challenge else None
        idea.place_name = place
        idea.capacity = author.capacity
        idea.affiliation = author.affiliation
        idea.is_example = True
        # Drafts were started a few days ago; ideas were written in the evening or at work.
        day = today - timedelta(days=days_ago or 3 + number % 5)
        written = _at(day, 8 + (number * 5) % 14, (number * 17) % 60)
        idea.submitted_at = written if days_ago else None
        idea.full_clean()
        idea.save()
        Idea.objects.filter(pk=idea.pk).update(created_at=written, updated_at=written)
        ideas[key] = idea
    return ideas


def _comments(ideas, people, rng, now):
    for key, thread in COMMENTS:
        idea = ideas[key]
        written = []
        for author, body, replies in thread:
            comment = _comment(idea, people[author], body, None, (key, author))
            written.append(comment)
            for reply_author, reply_body in replies:
                written.append(
                    _comment(idea, people[reply_author], reply_body, comment, (key, reply_author))
                )
        # Spread the thread over the weeks after the idea came in, in the order written.
        start = idea.submitted_at
        span = min(now - timedelta(hours=1), start + timedelta(days=40)) - start
        for number, comment in enumerate(written, start=1):
            moment = start + span * ((number - rng.uniform(0.1, 0.6)) / len(written))
            fields = {"created_at": moment}
            if comment.deleted_at:
                fields["deleted_at"] = min(now, moment + timedelta(hours=3))
            Comment.objects.filter(pk=comment.pk).update(**fields)


def _comment(idea, author, body, parent, who):
    """Find or write one comment; delete it the author's way if the demo says so."""
    found = Comment.objects.filter(idea=idea, author=author, parent=parent)
    deleted = who in DELETED_COMMENTS
    comment = (deleted and found.filter(deleted_at__isnull=False).first()) or found.filter(
        body=body
    ).first()
    if comment is None:
        comment = Comment(idea=idea, author=author, parent=parent, body=body)
        comment.full_clean()
        comment.save()
    if deleted and not comment.is_deleted:
        comment.delete_by_author()
    return comment


def _supports_and_follows(ideas, people, rng, now):
    everyone = list(people.values())
    for spec in IDEAS:
        key, author, count = spec[0], people[spec[1]], spec[4]
        idea = ideas[key]
        if idea.is_draft:
            continue
        _follow(now, rng, idea.submitted_at, user=author, idea=idea)
        others = [person for person in everyone if person != author]
        for user in rng.sample(others, count):
            support, _ = Support.objects.get_or_create(idea=idea, user=user)
            moment = _between(rng, idea.submitted_at, now)
            Support.objects.filter(pk=support.pk).update(created_at=moment)
            if rng.random() < FOLLOW_SHARE:
                _follow(now, rng, moment, user=user, idea=idea)


def _follow(now, rng, after, **thing):
    follow, _ = Follow.objects.get_or_create(**thing)
    Follow.objects.filter(pk=follow.pk).update(created_at=_between(rng, after, now))


def load(organisation) -> dict:
    """Create or refresh the demo participation content of `organisation`. Safe to run again."""
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo choices, not security
    now = timezone.now()
    today = timezone.localdate()

    people = _participants(today)
    challenges = _challenges(organisation, today)
    ideas = _ideas(organisation, people, challenges, today)
    _comments(ideas, people, rng, now)
    _supports_and_follows(ideas, people, rng, now)

    initiatives = {
        initiative.slug: initiative
        for initiative in Initiative.objects.filter(organisation=organisation)
    }
    open_challenge = challenges["open"]
    opened = _at(open_challenge.opens_on)
    authors = [spec[1] for spec in IDEAS if spec[2] == "open"]
    for key in dict.fromkeys(authors + CHALLENGE_FOLLOWERS):
        _follow(now, rng, opened, user=people[key], challenge=open_challenge)
    for key, slug in INITIATIVE_FOLLOWS:
        initiative = initiatives[slug]
        _follow(now, rng, initiative.published_at, user=people[key], initiative=initiative)

    for key, idea_key, message in IDEA_OFFERS:
        idea = ideas[idea_key]
        _offer(now, rng, idea.submitted_at, message, user=people[key], idea=idea)
    for key, slug, message in INITIATIVE_OFFERS:
        initiative = initiatives[slug]
        _offer(now, rng, initiative.published_at, message, user=people[key], initiative=initiative)

    _answers(ideas, initiatives, now)

    users = list(people.values())
    demo_ideas = list(ideas.values())
    # A news article tells what came of the closed challenge.
    article = NewsArticle.objects.filter(
        organisation=organisation, slug="ombruk-sparer-penger-og-klima"
    ).first()
    if article:
        article.challenges.add(challenges["closed"])

    return {
        "participants": len(users),
        "challenges": len(challenges),
        "ideas": sum(not idea.is_draft for idea in demo_ideas),
        "drafts": sum(idea.is_draft for idea in demo_ideas),
        "comments": Comment.objects.filter(idea__in=demo_ideas, author__in=users).count(),
        "supports": Support.objects.filter(idea__in=demo_ideas, user__in=users).count(),
        "follows": Follow.objects.filter(user__in=users).count(),
        "offers": Offer.objects.filter(user__in=users).count(),
    }


def _answers(ideas, initiatives, now):
    """The municipality's answers and each idea's timeline, rebuilt from ANSWERS."""
    IdeaEvent.objects.filter(idea__in=ideas.values()).delete()
    answered = {key for key, _initiative, _steps in ANSWERS}
    for key, idea in ideas.items():
        if key not in answered:
            Idea.objects.filter(pk=idea.pk).update(
                status=IdeaStatus.RECEIVED, initiative=None, first_answered_at=None
            )
    for key, slug, steps in ANSWERS:
        idea = ideas[key]
        initiative = initiatives.get(slug)
        previous, first = IdeaStatus.RECEIVED, None
        for days, status, text in steps:
            when = min(idea.submitted_at + timedelta(days=days, hours=3), now)
            first = first or when
            linking = initiative is not None and status in (
                IdeaStatus.TAKEN_FORWARD,
                IdeaStatus.PUT_TO_USE,
            )
            kind = IdeaEventKind.STATUS if status != previous else IdeaEventKind.ANSWER
            IdeaEvent.objects.create(
                idea=idea, kind=kind, status=status, previous_status=previous, text=text,
                created_at=when,
            )  # fmt: skip
            if linking and previous not in (IdeaStatus.TAKEN_FORWARD, IdeaStatus.PUT_TO_USE):
                IdeaEvent.objects.create(
                    idea=idea, kind=IdeaEventKind.INITIATIVE, initiative=initiative,
                    phase=initiative.phase, created_at=when,
                )  # fmt: skip
            previous = status
        Idea.objects.filter(pk=idea.pk).update(
            status=previous, initiative=initiative, first_answered_at=first
        )


def _offer(now, rng, after, message, **thing):
    offer, _ = Offer.objects.get_or_create(**thing, defaults={"message": message})
    if offer.message != message:
        offer.message = message
        offer.save(update_fields=["message"])
    Offer.objects.filter(pk=offer.pk).update(created_at=_between(rng, after, now))
