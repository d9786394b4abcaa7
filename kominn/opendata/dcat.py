"""The organisation's open data described as a DCAT-AP-NO catalogue, for data.norge.no
(Felles datakatalog) to harvest.

One catalogue per organisation (its host): the datasets published under /data/ and
through the API, each with its downloads and the API as distributions, and the API as a
data service. The properties filled, and why, are listed in docs/open-data-catalogue.md;
the test holds the mandatory ones of DCAT-AP-NO 2.0 to it.

No person is named: the contact point is the organisation's own contact page, not an
e-mail address (an API answer holds no e-mail address at all).
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from kominn.participation.models import Idea
from kominn.portfolio.models import Initiative, Measurement

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"

# The metadata's languages: both written forms of Norwegian, and English.
LANGUAGES = ("nb", "nn", "en")
EU_LANGUAGE = {"nb": "NOB", "nn": "NNO", "en": "ENG"}

LICENCE = URIRef(EU + "licence/NLOD_2_0")
LICENCE_PAGE = URIRef("https://data.norge.no/nlod/no/2.0")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
NORWAY = URIRef(EU + "country/NOR")
CONTINUOUS = URIRef(EU + "frequency/CONT")
STABLE = URIRef(EU + "planned-availability/STABLE")
COMPLETED = URIRef("http://purl.org/adms/status/Completed")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
DATA_THEMES = URIRef(EU + "data-theme")
OPENAPI = URIRef("https://spec.openapis.org/oas/v3.1.0")
# The EU data-theme vocabulary's own labels for the themes used here.
THEMES = {
    "GOVE": ("Forvaltning og offentlig sektor", "Government and public sector"),
    "SOCI": ("Befolkning og samfunn", "Population and society"),
    "ECON": ("Økonomi og finans", "Economy and finance"),
    "TECH": ("Vitenskap og teknologi", "Science and technology"),
}
# Formats: the EU file-type vocabulary (dct:format) and IANA media types (dcat:mediaType).
FORMATS = {
    "csv": (URIRef(EU + "file-type/CSV"), "text/csv"),
    "json": (URIRef(EU + "file-type/JSON"), "application/json"),
}


@dataclass(frozen=True)
class Dataset:
    key: str  # the fragment of its URI
    title: str
    description: str
    keywords: tuple
    themes: tuple
    download: str  # the file under /data/, without its extension
    endpoint: str  # the API's endpoint, under /api/v1/


DATASETS = (
    Dataset(
        "initiatives",
        _("Initiative register"),
        _(
            "The municipality's published innovation initiatives: what is new, the need "
            "behind it, the approach, phase, service areas, themes, goals, partners and "
            "lessons learned."
        ),
        (_("innovation"), _("initiatives"), _("municipality")),
        ("GOVE", "TECH"),
        "tiltak",
        "initiatives",
    ),
    Dataset(
        "ideas",
        _("Idea register"),
        _(
            "Ideas submitted by residents, employees, volunteers and businesses, with their "
            "status and the municipality's public answers. Without the authors' names."
        ),
        (_("ideas"), _("participation"), _("innovation")),
        ("GOVE", "SOCI"),
        "ideer",
        "ideas",
    ),
    Dataset(
        "benefits",
        _("Benefits of the initiatives"),
        _(
            "The benefits the initiatives aim for: indicator, unit, baseline, target and "
            "the measurements made over time."
        ),
        (_("benefits"), _("benefit realisation"), _("innovation")),
        ("GOVE", "ECON"),
        "gevinster",
        "benefits",
    ),
    Dataset(
        "idea-funnel",
        _("The idea funnel"),
        _(
            "How many ideas were submitted, reviewed, taken forward and put to use: the "
            "share of ideas that became solutions in use."
        ),
        (_("ideas"), _("statistics"), _("innovation")),
        ("GOVE", "SOCI"),
        "idetrakt",
        "statistics/funnel",
    ),
)


def catalogue_uri(base: str) -> str:
    return f"{base}/api/v1/dcat"


def publisher_uri(organisation, base: str) -> URIRef:
    """The organisation in the Central Coordinating Register for Legal Entities, by its
    organisation number; without one, a name within the catalogue."""
    if organisation.organisation_number:
        number = organisation.organisation_number
        return URIRef(f"https://data.brreg.no/enhetsregisteret/api/enheter/{number}")
    return URIRef(catalogue_uri(base) + "#publisher")


def municipality_uri(organisation) -> URIRef | None:
    """The municipality in the Norwegian Mapping Authority's administrative units."""
    number = organisation.municipality_number
    if not number:
        return None
    return URIRef(f"https://data.geonorge.no/administrativeEnheter/kommune/id/{number}")


def modification_dates(organisation) -> dict:
    """When each dataset last changed, and since when it holds data: one aggregate query
    per register, however much it holds."""
    initiatives = Initiative.objects.for_organisation(organisation).published()
    portfolio = initiatives.aggregate(
        updated=Max("updated_at"), published=Max("published_at"), first=Min("published_at")
    )
    ideas = (
        Idea.objects.for_organisation(organisation)
        .published()
        .aggregate(updated=Max("updated_at"), first=Min("submitted_at"))
    )
    measured = Measurement.objects.filter(benefit__initiative__in=initiatives).aggregate(
        updated=Max("measured_on"), first=Min("measured_on")
    )
    initiatives_changed = _latest(portfolio["updated"], portfolio["published"])
    found = {
        "initiatives": (initiatives_changed, portfolio["first"]),
        "ideas": (ideas["updated"], ideas["first"]),
        "benefits": (measured["updated"], measured["first"]),
        "idea-funnel": (ideas["updated"], ideas["first"]),
    }
    found["catalogue"] = (_latest(*(changed for changed, _first in found.values())), None)
    return found


def _as_datetime(value):
    if value is None or isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time.min))


def _latest(*values):
    present = [_as_datetime(value) for value in values if value is not None]
    return max(present) if present else None


def _date_literal(value) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


class _Builder:
    def __init__(self, organisation, base: str):
        self.organisation = organisation
        self.base = base.rstrip("/")
        self.uri = catalogue_uri(self.base)
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace, override=True)
        self.publisher = publisher_uri(organisation, self.base)
        self.contact = URIRef(self.uri + "#contact")
        self.service = URIRef(self.uri + "#api")
        self.spatial = [NORWAY, *filter(None, [municipality_uri(organisation)])]

    def add(self, subject, predicate, *objects):
        for value in objects:
            self.graph.add((subject, predicate, value))

    def url(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def texts(self, subject, predicate, text, **values):
        """`text` in each of the metadata's languages, tagged with its language."""
        for language in LANGUAGES:
            with translation.override(language):
                self.add(subject, predicate, Literal(str(text) % values, lang=language))

    def build(self, dates: dict) -> Graph:
        self.agent()
        self.contact_point()
        self.vocabularies()
        catalogue = URIRef(self.uri)
        self.add(catalogue, RDF.type, DCAT.Catalog)
        self.texts(catalogue, DCTERMS.title, _("Open data from KomInn, %(name)s"), **self.name)
        self.texts(
            catalogue,
            DCTERMS.description,
            _(
                "The open data %(name)s publishes from KomInn, its innovation platform: "
                "initiatives, ideas, benefits and the idea funnel, as files and through an API."
            ),
            **self.name,
        )
        self.add(catalogue, DCTERMS.identifier, Literal(self.uri))
        self.add(catalogue, DCTERMS.publisher, self.publisher)
        self.add(catalogue, DCAT.contactPoint, self.contact)
        self.add(catalogue, FOAF.homepage, self.url("/"))
        self.add(catalogue, DCTERMS.license, LICENCE)
        self.add(catalogue, DCTERMS.spatial, *self.spatial)
        self.add(catalogue, DCAT.themeTaxonomy, DATA_THEMES)
        self.add(catalogue, DCTERMS.language, *(self.language(code) for code in LANGUAGES))
        self.modified(catalogue, dates["catalogue"][0])
        for dataset in DATASETS:
            self.add(catalogue, DCAT.dataset, self.dataset(dataset, *dates[dataset.key]))
        self.add(catalogue, DCAT.service, self.data_service())
        return self.graph

    @property
    def name(self) -> dict:
        return {"name": self.organisation.name}

    def language(self, code: str) -> URIRef:
        uri = URIRef(EU + "language/" + EU_LANGUAGE[code])
        self.add(uri, RDF.type, DCTERMS.LinguisticSystem)
        return uri

    def modified(self, subject, value) -> None:
        if value is not None:
            self.add(subject, DCTERMS.modified, _date_literal(value))

    def agent(self) -> None:
        self.add(self.publisher, RDF.type, FOAF.Agent, FOAF.Organization)
        self.add(self.publisher, FOAF.name, Literal(self.organisation.name))
        if self.organisation.organisation_number:
            self.add(
                self.publisher, DCTERMS.identifier, Literal(self.organisation.organisation_number)
            )
        self.add(self.publisher, DCTERMS.type, LOCAL_AUTHORITY)

    def contact_point(self) -> None:
        # The organisation's about page, which says how to reach it: an e-mail address
        # would be read as personal data, and the API answers with none.
        self.add(self.contact, RDF.type, VCARD.Kind, VCARD.Organization)
        self.add(self.contact, VCARD.fn, Literal(self.organisation.name))
        self.add(self.contact, VCARD.hasURL, self.url(reverse("pages:about")))

    def vocabularies(self) -> None:
        """What the controlled values are, for a validator that reads only this graph."""
        self.add(LICENCE, RDF.type, DCTERMS.LicenseDocument)
        self.add(LICENCE, RDFS.seeAlso, LICENCE_PAGE)
        self.add(PUBLIC, RDF.type, DCTERMS.RightsStatement)
        self.add(CONTINUOUS, RDF.type, DCTERMS.Frequency)
        for place in self.spatial:
            self.add(place, RDF.type, DCTERMS.Location)
        for format_uri, media_type in FORMATS.values():
            self.add(format_uri, RDF.type, DCTERMS.MediaType)
            self.add(self.media_type(media_type), RDF.type, DCTERMS.MediaType)
        self.add(DATA_THEMES, RDF.type, SKOS.ConceptScheme)
        self.add(DATA_THEMES, DCTERMS.title, Literal("Data theme", lang="en"))
        for code, (bokmal, english) in THEMES.items():
            theme = URIRef(EU + "data-theme/" + code)
            self.add(theme, RDF.type, SKOS.Concept)
            self.add(theme, SKOS.prefLabel, Literal(bokmal, lang="nb"), Literal(english, lang="en"))
            self.add(theme, SKOS.inScheme, DATA_THEMES)
        self.add(OPENAPI, RDF.type, DCTERMS.Standard)
        self.add(OPENAPI, DCTERMS.title, Literal("OpenAPI Specification 3.1.0", lang="en"))

    @staticmethod
    def media_type(media_type: str) -> URIRef:
        return URIRef("https://www.iana.org/assignments/media-types/" + media_type)

    def dataset(self, dataset: Dataset, changed, first) -> URIRef:
        uri = URIRef(f"{self.uri}#{dataset.key}")
        self.add(uri, RDF.type, DCAT.Dataset)
        self.texts(uri, DCTERMS.title, dataset.title)
        self.texts(uri, DCTERMS.description, dataset.description)
        self.add(uri, DCTERMS.identifier, Literal(str(uri)))
        self.add(uri, DCTERMS.publisher, self.publisher)
        self.add(uri, DCAT.contactPoint, self.contact)
        self.add(uri, DCAT.theme, *(URIRef(EU + "data-theme/" + code) for code in dataset.themes))
        for keyword in dataset.keywords:
            self.texts(uri, DCAT.keyword, keyword)
        self.add(uri, DCTERMS.accessRights, PUBLIC)
        self.add(uri, DCTERMS.spatial, *self.spatial)
        self.add(uri, DCTERMS.language, self.language(self.organisation.language))
        self.add(uri, DCTERMS.accrualPeriodicity, CONTINUOUS)
        self.add(uri, DCAT.landingPage, self.url(reverse("opendata:index")))
        self.modified(uri, changed)
        if first is not None:
            period = URIRef(f"{uri}-period")
            self.add(uri, DCTERMS.temporal, period)
            self.add(period, RDF.type, DCTERMS.PeriodOfTime)
            self.add(period, DCAT.startDate, _date_literal(_as_datetime(first).date()))
        for extension in FORMATS:
            self.add(uri, DCAT.distribution, self.download(dataset, extension, changed))
        self.add(uri, DCAT.distribution, self.api_distribution(dataset, changed))
        return uri

    def distribution(self, uri, title, description, extension, changed) -> None:
        format_uri, media_type = FORMATS[extension]
        self.add(uri, RDF.type, DCAT.Distribution)
        self.texts(uri, DCTERMS.title, title)
        self.texts(uri, DCTERMS.description, description)
        self.add(uri, DCTERMS.format, format_uri)
        self.add(uri, DCAT.mediaType, self.media_type(media_type))
        self.add(uri, DCTERMS.license, LICENCE)
        self.add(uri, ADMS.status, COMPLETED)
        self.add(uri, DCATAP.availability, STABLE)
        self.modified(uri, changed)

    def download(self, dataset: Dataset, extension: str, changed) -> URIRef:
        uri = URIRef(f"{self.uri}#{dataset.key}-{extension}")
        file = self.url(f"/data/{dataset.download}.{extension}")
        title = _("Download as CSV") if extension == "csv" else _("Download as JSON")
        description = (
            _("The whole dataset as one CSV file (UTF-8, comma-separated, a header row).")
            if extension == "csv"
            else _("The whole dataset as one JSON document.")
        )
        self.distribution(uri, title, description, extension, changed)
        self.add(uri, DCAT.accessURL, file)
        self.add(uri, DCAT.downloadURL, file)
        return uri

    def api_distribution(self, dataset: Dataset, changed) -> URIRef:
        uri = URIRef(f"{self.uri}#{dataset.key}-api")
        description = _("Through the API, as JSON described by OpenAPI 3.1.")
        self.distribution(uri, _("API"), description, "json", changed)
        self.add(uri, DCAT.accessURL, self.url(f"/api/v1/{dataset.endpoint}"))
        self.add(uri, DCAT.accessService, self.service)
        return uri

    def data_service(self) -> URIRef:
        uri = self.service
        self.add(uri, RDF.type, DCAT.DataService)
        self.texts(uri, DCTERMS.title, _("KomInn's open data API, %(name)s"), **self.name)
        self.texts(
            uri,
            DCTERMS.description,
            _(
                "A read-only JSON API to the published initiatives, ideas, benefits, goals, "
                "news, challenges and the idea funnel. No key needed."
            ),
        )
        self.add(uri, DCTERMS.identifier, Literal(str(uri)))
        self.add(uri, DCAT.endpointURL, self.url("/api/v1/"))
        self.add(uri, DCAT.endpointDescription, self.url("/api/v1/openapi.json"))
        self.add(uri, DCTERMS.conformsTo, OPENAPI)
        self.add(uri, DCTERMS.publisher, self.publisher)
        self.add(uri, DCAT.contactPoint, self.contact)
        self.add(uri, DCTERMS.accessRights, PUBLIC)
        self.add(uri, DCTERMS.license, LICENCE)
        self.add(uri, DCTERMS.format, FORMATS["json"][0])
        self.add(uri, DCAT.theme, URIRef(EU + "data-theme/GOVE"))
        self.texts(uri, DCAT.keyword, _("API"))
        self.texts(uri, DCAT.keyword, _("innovation"))
        self.add(uri, DCAT.landingPage, self.url(reverse("opendata:index")))
        for dataset in DATASETS:
            self.add(uri, DCAT.servesDataset, URIRef(f"{self.uri}#{dataset.key}"))
        return uri


PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "vcard": VCARD,
    "skos": SKOS,
    "rdfs": RDFS,
    "xsd": XSD,
    "adms": ADMS,
    "dcatap": DCATAP,
}


def catalogue(organisation, base: str) -> Graph:
    """The organisation's catalogue, with addresses under `base` (scheme and host)."""
    return _Builder(organisation, base).build(modification_dates(organisation))


def turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def json_ld(graph: Graph) -> str:
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return graph.serialize(format="json-ld", context=context, indent=2)
