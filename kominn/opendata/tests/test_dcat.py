"""/api/v1/dcat: the organisation's open data as a DCAT-AP-NO catalogue, for data.norge.no."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from conftest import BAERUM_HOST, make_idea, make_initiative, make_shared_initiative
from kominn.opendata.dcat import VCARD
from kominn.portfolio.models import Initiative

EU = "http://publications.europa.eu/resource/authority/"

# The mandatory properties of DCAT-AP-NO 2.0, as Felles datakatalog validates them
# (DCAT-AP-NO's SHACL shapes 2.00: sh:minCount 1), with the standard's own words.
MANDATORY = {
    DCAT.Catalog: [
        # Katalog – beskrivelse: fritekst-beskrivelse av innholdet i katalogen (1..n)
        DCTERMS.description,
        # Katalog – identifikator: identifikatoren av katalogen (1..1)
        DCTERMS.identifier,
        # Katalog – utgiver: aktøren (organisasjonen) som er ansvarlig for å gjøre
        # katalogen tilgjengelig (1..1)
        DCTERMS.publisher,
        # Katalog – tittel: navnet på katalogen (1..n)
        DCTERMS.title,
    ],
    DCAT.Dataset: [
        # Datasett – beskrivelse: fritekstbeskrivelse av datasettet (1..n)
        DCTERMS.description,
        # Datasett – tittel: navnet på datasettet (1..n)
        DCTERMS.title,
        # Datasett – identifikator: hovedidentifikator for datasettet, globalt unik (1..n)
        DCTERMS.identifier,
        # Datasett – tema: fra EUs kontrollerte vokabular Data theme (1..n)
        DCAT.theme,
        # Datasett – utgiver: aktøren som er ansvarlig for å gjøre datasettet
        # tilgjengelig (1..1, norsk utvidelse)
        DCTERMS.publisher,
    ],
    DCAT.Distribution: [
        # Distribusjon – tilgangsURL: en URL som gir tilgang til distribusjonen (1..n)
        DCAT.accessURL,
        # Distribusjon – format: distribusjonens filformat (1..1, norsk utvidelse)
        DCTERMS.format,
    ],
    DCAT.DataService: [
        # Datatjeneste – endepunktsURL: rotplassering eller primært endepunkt (1..1)
        DCAT.endpointURL,
        # Datatjeneste – identifikator (1..n)
        DCTERMS.identifier,
        # Datatjeneste – tittel: navnet på datatjenesten (1..n)
        DCTERMS.title,
    ],
    FOAF.Agent: [
        # Aktør – navn: navnet på aktøren (1..n)
        FOAF.name,
    ],
}

# The recommended properties (Anbefalt) KomInn fills, and the mandatory ones of the next
# version (3.0: contact points, and a data service's publisher), so that the catalogue
# stays valid when data.norge.no moves on. docs/open-data-catalogue.md says why the rest
# are left out.
RECOMMENDED = {
    DCAT.Catalog: [
        DCAT.dataset,  # datasett
        DCAT.service,  # datatjeneste
        FOAF.homepage,  # hjemmeside
        DCTERMS.language,  # språk
        DCTERMS.license,  # lisens
        DCTERMS.modified,  # endringsdato
        DCTERMS.spatial,  # dekningsområde
        DCAT.themeTaxonomy,  # temaer
        DCAT.contactPoint,  # kontaktpunkt (obligatorisk i 3.0)
    ],
    DCAT.Dataset: [
        DCAT.contactPoint,  # kontaktpunkt
        DCAT.distribution,  # datasettdistribusjon
        DCAT.keyword,  # emneord
        DCTERMS.accessRights,  # tilgangsnivå
        DCTERMS.spatial,  # dekningsområde
        DCTERMS.temporal,  # tidsrom
        DCTERMS.modified,  # endringsdato
    ],
    DCAT.Distribution: [
        DCTERMS.description,  # beskrivelse
        DCTERMS.license,  # lisens
        URIRef("http://www.w3.org/ns/adms#status"),  # status
        URIRef("http://data.europa.eu/r5r/availability"),  # tilgjengelighet
    ],
    DCAT.DataService: [
        DCAT.endpointDescription,  # endepunktsbeskrivelse
        DCAT.servesDataset,  # tilgjengeliggjør datasett
        DCTERMS.description,  # beskrivelse
        DCTERMS.accessRights,  # tilgangsnivå
        DCTERMS.conformsTo,  # i samsvar med
        DCTERMS.license,  # lisens
        DCTERMS.format,  # format
        DCTERMS.publisher,  # utgiver (obligatorisk i 3.0)
        DCAT.contactPoint,  # kontaktpunkt (obligatorisk i 3.0)
    ],
    FOAF.Agent: [
        DCTERMS.identifier,  # identifikator: organisasjonsnummeret
        DCTERMS.type,  # type
    ],
}

# At most one value (DCAT-AP-NO 2.0: sh:maxCount 1).
AT_MOST_ONE = {
    DCAT.Catalog: [DCTERMS.identifier, DCTERMS.publisher, DCTERMS.license, DCTERMS.modified],
    DCAT.Dataset: [DCTERMS.publisher, DCTERMS.accessRights, DCTERMS.modified],
    DCAT.Distribution: [DCTERMS.format, DCAT.mediaType, DCTERMS.license, DCTERMS.modified],
    DCAT.DataService: [DCAT.endpointURL, DCTERMS.accessRights],
}
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@pytest.fixture
def asker_with_data(asker, citizen):
    asker.organisation_number = "944382038"
    asker.save()
    make_shared_initiative(asker)  # with a benefit measured once
    make_idea(asker, citizen)
    return asker


def catalogue(client, fmt="ttl", **extra) -> Graph:
    response = client.get(f"/api/v1/dcat?format={fmt}", **extra)
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format=FORMATS[fmt])


def subjects(graph, kind):
    return sorted(graph.subjects(RDF.type, kind))


def test_the_catalogue_reads_the_same_as_turtle_and_as_json_ld(client, asker_with_data):
    turtle, json_ld = catalogue(client, "ttl"), catalogue(client, "jsonld")
    assert len(turtle) > 200
    assert isomorphic(turtle, json_ld)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_mandatory_property_of_dcat_ap_no_is_filled(client, asker_with_data, fmt):
    graph = catalogue(client, fmt)
    assert len(subjects(graph, DCAT.Catalog)) == 1
    assert len(subjects(graph, DCAT.Dataset)) == 4
    assert len(subjects(graph, DCAT.Distribution)) == 12  # CSV, JSON and the API, each
    assert len(subjects(graph, DCAT.DataService)) == 1
    missing = [
        (str(subject), str(prop))
        for kind, properties in MANDATORY.items()
        for subject in subjects(graph, kind)
        for prop in properties
        if graph.value(subject, prop) is None
    ]
    assert missing == []
    # The publisher every resource names is described as an agent, with its name.
    for resource in graph.subjects(DCTERMS.publisher, None):
        publisher = graph.value(resource, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph


def test_the_recommended_properties_are_filled(client, asker_with_data):
    graph = catalogue(client)
    missing = [
        (str(subject), str(prop))
        for kind, properties in RECOMMENDED.items()
        for subject in subjects(graph, kind)
        for prop in properties
        if graph.value(subject, prop) is None
    ]
    assert missing == []


def test_properties_with_one_value_have_one_and_texts_one_per_language(client, asker_with_data):
    graph = catalogue(client)
    for kind, properties in AT_MOST_ONE.items():
        for subject in subjects(graph, kind):
            for prop in properties:
                assert len(list(graph.objects(subject, prop))) <= 1, (subject, prop)
    described = [s for kind in AT_MOST_ONE for s in subjects(graph, kind)]
    for prop in (DCTERMS.title, DCTERMS.description):
        for subject in described:
            languages = [value.language for value in graph.objects(subject, prop)]
            assert sorted(languages) == ["en", "nb", "nn"], (subject, prop)


def test_the_values_come_from_the_vocabularies_the_standard_names(client, asker_with_data):
    graph = catalogue(client)
    themes = set(graph.objects(None, DCAT.theme))
    assert themes and all(theme.startswith(EU + "data-theme/") for theme in themes)
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef(EU + "licence/NLOD_2_0")}
    assert set(graph.objects(None, DCTERMS.accessRights)) == {URIRef(EU + "access-right/PUBLIC")}
    formats = {graph.value(d, DCTERMS.format) for d in subjects(graph, DCAT.Distribution)}
    assert formats == {URIRef(EU + "file-type/CSV"), URIRef(EU + "file-type/JSON")}
    nb = {str(title) for title in graph.objects(None, DCTERMS.title) if title.language == "nb"}
    assert {"Tiltaksregister", "Idéregister", "Idétrakten"} <= nb


def test_the_publisher_is_the_municipality_by_its_organisation_number(client, asker_with_data):
    graph = catalogue(client)
    publisher = URIRef("https://data.brreg.no/enhetsregisteret/api/enheter/944382038")
    assert graph.value(subjects(graph, DCAT.Catalog)[0], DCTERMS.publisher) == publisher
    assert graph.value(publisher, DCTERMS.identifier) == Literal("944382038")
    assert graph.value(publisher, FOAF.name) == Literal("Asker kommune")
    assert set(graph.objects(None, DCTERMS.publisher)) == {publisher}


def test_without_an_organisation_number_the_publisher_is_still_named(client, asker):
    graph = catalogue(client)
    (publisher,) = set(graph.objects(None, DCTERMS.publisher))
    assert graph.value(publisher, FOAF.name) == Literal("Asker kommune")
    assert graph.value(publisher, DCTERMS.identifier) is None


def test_the_area_covered_is_the_municipality_when_its_number_is_known(client, asker):
    kommune = URIRef("https://data.geonorge.no/administrativeEnheter/kommune/id/3203")
    norway = URIRef(EU + "country/NOR")
    dataset = URIRef("http://testserver/api/v1/dcat#initiatives")
    assert set(catalogue(client).objects(dataset, DCTERMS.spatial)) == {norway, kommune}
    asker.municipality_number = ""
    asker.save()
    assert set(catalogue(client).objects(dataset, DCTERMS.spatial)) == {norway}


def test_the_contact_point_is_the_about_page_and_no_email_address_is_given(client, asker_with_data):
    graph = catalogue(client)
    contacts = set(graph.objects(None, DCAT.contactPoint))
    assert len(contacts) == 1
    (contact,) = contacts
    assert graph.value(contact, VCARD.fn) == Literal("Asker kommune")
    assert graph.value(contact, VCARD.hasURL) == URIRef("http://testserver/om/")
    for fmt in FORMATS:
        body = client.get(f"/api/v1/dcat?format={fmt}").content.decode()
        assert asker_with_data.contact_email in client.get("/om/").content.decode()
        assert EMAIL.search(body) is None
        assert "mailto:" not in body


def test_each_host_gets_its_own_organisations_catalogue(client, asker_with_data, baerum):
    make_initiative(baerum, "Bærums eget tiltak")
    asker_body = client.get("/api/v1/dcat").content.decode()
    baerum_body = client.get("/api/v1/dcat", HTTP_HOST=BAERUM_HOST).content.decode()
    assert "Asker kommune" in asker_body and "Bærum kommune" not in asker_body
    assert "Bærum kommune" in baerum_body and "Asker kommune" not in baerum_body
    assert "944382038" not in baerum_body
    graph = Graph().parse(data=baerum_body, format="turtle")
    assert str(subjects(graph, DCAT.Catalog)[0]) == f"http://{BAERUM_HOST}/api/v1/dcat"


def test_modified_is_when_the_published_data_last_changed(client, asker):
    long_ago = timezone.now() - timedelta(days=30)
    published = make_initiative(asker, "Publisert tiltak")
    Initiative.objects.filter(pk=published.pk).update(updated_at=long_ago, published_at=long_ago)
    make_initiative(asker, "Utkast", is_published=False)  # changed now, but not public
    graph = catalogue(client)
    dataset = URIRef("http://testserver/api/v1/dcat#initiatives")
    modified = graph.value(dataset, DCTERMS.modified).toPython()
    assert abs(modified - long_ago) < timedelta(seconds=1)
    assert graph.value(URIRef("http://testserver/api/v1/dcat"), DCTERMS.modified) is not None
    assert graph.value(URIRef("http://testserver/api/v1/dcat#ideas"), DCTERMS.modified) is None


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("", "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("text/*", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/ld+json"),
        ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
        ("text/turtle;q=0.2, application/*;q=0.8", "application/ld+json"),
        ("text/html, application/xhtml+xml, */*;q=0.8", "text/turtle"),
        ("application/ld+json, text/turtle;q=0", "application/ld+json"),
    ],
)
def test_the_format_follows_the_accept_header(client, asker, accept, expected):
    extra = {} if accept is None else {"HTTP_ACCEPT": accept}
    response = client.get("/api/v1/dcat", **extra)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{expected}; charset=utf-8"
    assert "Accept" in [name.strip() for name in response["Vary"].split(",")]
    assert response["Access-Control-Allow-Origin"] == "*"
    Graph().parse(
        data=response.content.decode(), format="turtle" if expected == "text/turtle" else "json-ld"
    )


def test_the_format_parameter_wins_over_the_accept_header(client, asker):
    response = client.get("/api/v1/dcat?format=jsonld", HTTP_ACCEPT="text/turtle")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert "@graph" in json.loads(response.content)


def test_one_address_answers_each_client_in_the_format_it_asked_for(client, asker):
    """The page cache keeps pages by address; the catalogue must not be kept so."""
    client.get("/api/v1/dcat", HTTP_ACCEPT="text/turtle")
    response = client.get("/api/v1/dcat", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    json.loads(response.content)


@pytest.mark.parametrize(
    ("query", "accept", "status", "code"),
    [
        ("", "text/html", 406, "not_acceptable"),
        ("", "application/xml, image/png;q=0.5", 406, "not_acceptable"),
        ("", "text/turtle;q=0, application/ld+json;q=0", 406, "not_acceptable"),
        ("", "text/turtle;q=abc", 400, "bad_accept"),
        ("", "text/turtle;q=2", 400, "bad_accept"),
        ("", "text/turtle;q=nan", 400, "bad_accept"),
        ("", "turtle", 400, "bad_accept"),
        ("", "/", 400, "bad_accept"),
        ("", "text/turtle/extra", 400, "bad_accept"),
        ("", "tekst/æøå" + "x" * 5000, 406, "not_acceptable"),
        ("?format=xml", "", 400, "bad_format"),
        ("?format=", "", 400, "bad_format"),
    ],
)
def test_a_request_for_what_is_not_offered_gets_a_json_error(
    client, asker, query, accept, status, code
):
    response = client.get(f"/api/v1/dcat{query}", HTTP_ACCEPT=accept)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_only_reading_is_allowed(client, asker):
    assert client.post("/api/v1/dcat").status_code == 405
    assert client.head("/api/v1/dcat").status_code == 200


def test_the_catalogue_costs_the_same_queries_with_few_and_many_initiatives(client, asker, citizen):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/dcat").status_code == 200
        return len(captured)

    make_initiative(asker, "Det første tiltaket")
    few = queries()
    for number in range(25):
        make_shared_initiative(asker) if number % 5 == 0 else make_initiative(asker, f"T {number}")
        make_idea(asker, citizen, f"Idé {number}")
    assert queries() == few
    assert few == 4  # the organisation, and one aggregate per register
