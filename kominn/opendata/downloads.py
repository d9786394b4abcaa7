"""Downloads at /data/: initiatives, benefits with their measurements, public ideas
(without any author) and the idea funnel, as CSV and as JSON, from the same records as
the API (records.py).

CSV: UTF-8 without a byte order mark, RFC 4180 (commas, `"` quoting, CRLF line ends), a
header row with the columns below, several values in one cell joined with "; ". Both
formats are streamed a chunk of rows at a time, so memory does not grow with the list.
The licence (NLOD 2.0) is named in a `Link: <...>; rel="license"` header and, in JSON,
in the document. The columns are documented in docs/open-data.md; a test holds the two
together.
"""

import csv
import json

from django.http import JsonResponse, StreamingHttpResponse

from . import records
from .answers import license_link, open_data, version_etag

CHUNK = 500
JOIN = "; "

INITIATIVE_COLUMNS = {
    "slug": "Short name, unique in the municipality",
    "title": "Title",
    "url": "Address of the initiative's page",
    "summary": "Summary (at most three sentences)",
    "need": "The need or problem (Markdown)",
    "what_is_new": "What is new (Markdown)",
    "approach": "first, adopted or shared",
    "approach_label": "The approach in the municipality's language",
    "innovation_type": "service, product, process or communication (empty when not given)",
    "innovation_type_label": "The type of innovation in the municipality's language",
    "phase": "need, idea, development, implementation, practice, spreading, completed, stopped",
    "phase_label": "The phase in the municipality's language",
    "status": "ongoing, completed or stopped",
    "stop_reason": "Why a stopped initiative stopped",
    "service_areas": "Service areas (names)",
    "service_area_slugs": "Service areas (slugs)",
    "owner_unit": "The unit that owns it (name)",
    "themes": "Themes (names)",
    "theme_slugs": "Themes (slugs)",
    "goals": "Goals it contributes to (titles)",
    "goal_slugs": "Goals it contributes to (slugs)",
    "start_date": "Start (YYYY-MM-DD)",
    "end_date": "End (YYYY-MM-DD)",
    "cost": "Cost in NOK",
    "funding": "Funding",
    "partners": "Partners (names)",
    "benefit_count": "Number of benefits (see gevinster.csv)",
    "lesson_count": "Number of lessons learned",
    "related_initiatives": "Initiatives it relates to, as type:address",
    "from_idea_ids": "Ids of the public ideas it came from",
    "shared": "true when shared with other municipalities",
    "is_example": "true for invented example content",
    "published_at": "Published (ISO 8601)",
    "updated_at": "Last changed (ISO 8601)",
}

BENEFIT_COLUMNS = {
    "initiative_slug": "The initiative's short name",
    "initiative_title": "The initiative's title",
    "initiative_url": "Address of the initiative's page",
    "benefit_id": "The benefit's id (one per benefit, repeated on each measurement)",
    "benefit_type": "economic, quality, climate or others",
    "benefit_type_label": "The type in the municipality's language",
    "gain_type": "quality, efficiency, employees, citizen_influence, business or other",
    "gain_type_label": "The gain in the municipality's language (empty when not given)",
    "indicator": "What is measured",
    "unit": "Unit of baseline, target and value",
    "baseline": "Baseline (nullpunkt)",
    "target": "Target",
    "measured_on": "Date of the measurement (empty: not measured yet)",
    "value": "The measured value",
    "note": "Note on the measurement",
}

IDEA_COLUMNS = {
    "id": "The idea's number",
    "title": "Title",
    "url": "Address of the idea's page",
    "description": "Description (Markdown)",
    "status": "received, under_review, taken_forward, put_to_use, parked or not_pursued",
    "status_label": "The status in the municipality's language",
    "capacity": "What the author wrote as: citizen, employee, volunteer or business",
    "theme": "Theme (slug)",
    "service_area": "Service area (slug)",
    "challenge": "The challenge it answers (slug)",
    "initiative": "The initiative it became (slug)",
    "place_name": "Place",
    "support_count": "Number of supports",
    "comment_count": "Number of comments",
    "submitted_at": "Submitted (ISO 8601)",
    "first_answered_at": "First answered by the municipality (ISO 8601)",
}

FUNNEL_COLUMNS = {
    "grouping": "overall, challenge, service_area or capacity",
    "group": "The group's name",
    "group_url": "Address of the group's page (challenges)",
    "submitted": "Ideas submitted",
    "answered": "Ideas answered",
    "taken_forward": "Ideas taken forward (or put to use)",
    "put_to_use": "Ideas put to use",
    "share_put_to_use": "Per cent of the submitted put to use",
    "median_days_to_first_answer": "Median days from submitted to first answer",
}


def _names(items, field="name"):
    return JOIN.join(item[field] for item in items)


def _code(coded, part="code"):
    """A coded value's code or label, empty when the value is not given."""
    return coded[part] if coded else ""


def initiative_row(record):
    relations = [
        f"{relation['type']['code']}:"
        + (relation["initiative"]["url"] if relation["initiative"] else relation["external_url"])
        for relation in record["relations"]
    ]
    return {
        **{key: record[key] for key in ("slug", "title", "url", "summary", "need")},
        "what_is_new": record["what_is_new"],
        "approach": record["approach"]["code"],
        "approach_label": record["approach"]["label"],
        "innovation_type": _code(record["innovation_type"]),
        "innovation_type_label": _code(record["innovation_type"], "label"),
        "phase": record["phase"]["code"],
        "phase_label": record["phase"]["label"],
        "status": record["status"]["code"],
        "stop_reason": record["stop_reason"],
        "service_areas": _names(record["service_areas"]),
        "service_area_slugs": _names(record["service_areas"], "slug"),
        "owner_unit": record["owner_unit"]["name"] if record["owner_unit"] else "",
        "themes": _names(record["themes"]),
        "theme_slugs": _names(record["themes"], "slug"),
        "goals": _names(record["goals"], "title"),
        "goal_slugs": _names(record["goals"], "slug"),
        "start_date": record["start_date"],
        "end_date": record["end_date"],
        "cost": record["cost"],
        "funding": record["funding"],
        "partners": _names(record["partners"]),
        "benefit_count": len(record["benefits"]),
        "lesson_count": len(record["lessons"]),
        "related_initiatives": JOIN.join(relations),
        "from_idea_ids": JOIN.join(str(idea["id"]) for idea in record["from_ideas"]),
        "shared": record["shared"],
        "is_example": record["is_example"],
        "published_at": record["published_at"],
        "updated_at": record["updated_at"],
    }


def idea_row(record):
    def slug(item):
        return item["slug"] if item else ""

    return {
        **{key: record[key] for key in ("id", "title", "url", "description")},
        "status": record["status"]["code"],
        "status_label": record["status"]["label"],
        "capacity": record["capacity"]["code"],
        "theme": slug(record["theme"]),
        "service_area": slug(record["service_area"]),
        "challenge": slug(record["challenge"]),
        "initiative": slug(record["initiative"]),
        **{
            key: record[key]
            for key in (
                "place_name",
                "support_count",
                "comment_count",
                "submitted_at",
                "first_answered_at",
            )
        },
    }


class _Line:
    """A file for csv.writer that hands back what was written."""

    def write(self, text):
        return text


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(columns, rows):
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(list(columns))
    for row in rows:
        yield writer.writerow([_cell(row[column]) for column in columns])


def _json(items):
    yield '{"license": ' + json.dumps(records.LICENSE["url"]) + ', "items": ['
    for index, item in enumerate(items):
        yield ("," if index else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"


def _streamed(request, chunks, name, content_type):
    response = StreamingHttpResponse(chunks, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["ETag"] = version_etag(request)
    return license_link(response)


def _initiative_records(request):
    queryset = records.initiatives(request.organisation).order_by("-published_at", "-pk")
    for initiative in queryset.iterator(chunk_size=CHUNK):
        yield records.initiative_record(initiative, request.build_absolute_uri)


def _benefit_rows(request):
    queryset = records.benefits(request.organisation).order_by("initiative__title", "pk")
    for benefit in queryset.iterator(chunk_size=CHUNK):
        yield from records.benefit_rows(benefit, request.build_absolute_uri)


def _benefit_records(request):
    queryset = records.benefits(request.organisation).order_by("initiative__title", "pk")
    for benefit in queryset.iterator(chunk_size=CHUNK):
        yield records.benefit_record(
            benefit, request.build_absolute_uri, initiative=benefit.initiative
        )


def _idea_records(request):
    # Without the author: the downloads name nobody.
    queryset = records.ideas(request.organisation).order_by("-submitted_at", "-pk")
    for idea in queryset.iterator(chunk_size=CHUNK):
        yield records.idea_record(idea, request.build_absolute_uri)


@open_data(negotiate=False)
def initiatives_csv(request):
    rows = (initiative_row(record) for record in _initiative_records(request))
    return _streamed(request, _csv(INITIATIVE_COLUMNS, rows), "tiltak.csv", "text/csv")


@open_data(negotiate=False)
def initiatives_json(request):
    return _streamed(
        request, _json(_initiative_records(request)), "tiltak.json", "application/json"
    )


@open_data(negotiate=False)
def benefits_csv(request):
    return _streamed(
        request, _csv(BENEFIT_COLUMNS, _benefit_rows(request)), "gevinster.csv", "text/csv"
    )


@open_data(negotiate=False)
def benefits_json(request):
    return _streamed(
        request, _json(_benefit_records(request)), "gevinster.json", "application/json"
    )


@open_data(negotiate=False)
def ideas_csv(request):
    rows = (idea_row(record) for record in _idea_records(request))
    return _streamed(request, _csv(IDEA_COLUMNS, rows), "ideer.csv", "text/csv")


@open_data(negotiate=False)
def ideas_json(request):
    return _streamed(request, _json(_idea_records(request)), "ideer.json", "application/json")


@open_data(negotiate=False)
def funnel_csv(request):
    rows = records.funnel(request.organisation, request.build_absolute_uri)
    return _streamed(request, _csv(FUNNEL_COLUMNS, rows), "idetrakt.csv", "text/csv")


@open_data(negotiate=False)
def funnel_json(request):
    rows = records.funnel(request.organisation, request.build_absolute_uri)
    response = JsonResponse(
        {"license": records.LICENSE["url"], "items": rows},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="idetrakt.json"'
    return license_link(response)
