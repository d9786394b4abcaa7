import csv
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from kominn.core import markdown
from kominn.core import media as uploads
from kominn.organisations.models import PageText
from kominn.pages import my_page as mine
from kominn.pages import statistics as funnel
from kominn.portfolio.models import Initiative, NewsArticle

logger = logging.getLogger(__name__)


def home(request):
    initiatives = Initiative.objects.for_organisation(request.organisation).published()
    news = NewsArticle.objects.for_organisation(request.organisation).published()
    return render(
        request,
        "pages/home.html",
        {
            "approaches": initiatives.approach_overview(),
            "latest_initiatives": initiatives.for_list().order_by("-published_at")[:6],
            "latest_news": news.order_by("-published_at")[:3],
        },
    )


def about(request):
    return _standard_page(request, "pages/about.html", PageText.Page.ABOUT)


def privacy(request):
    return _standard_page(request, "pages/privacy.html", PageText.Page.PRIVACY)


def accessibility(request):
    return _standard_page(request, "pages/accessibility.html", PageText.Page.ACCESSIBILITY)


def _standard_page(request, template, page):
    """A page with KomInn's standard text, or the organisation's own (Markdown, sanitized;
    its headings start at h2, under the page's title)."""
    organisation = request.organisation
    text = organisation.page_text(page) if organisation else ""
    own_text = markdown.render(text, top_heading=2) if text.strip() else ""
    return render(request, template, {"own_text": own_text})


def statistics(request):
    """The idea funnel: from submitted to put to use, overall and per group."""
    return render(request, "pages/statistics.html", funnel.kept_idea_funnel(request.organisation))


def barometer(request):
    """The innovation barometer's answers from the register, for the chosen years."""
    (start, end), problem = funnel.barometer_period(request.GET)
    figures = funnel.barometer(request.organisation, start, end)
    return render(
        request,
        "pages/barometer.html",
        figures
        | {
            "problem": problem,
            "first_year": funnel.BAROMETER_FIRST_YEAR,
            "this_year": funnel.default_barometer_period()[1],
        },
    )


def barometer_csv(request):
    """The barometer as CSV (RFC 4180, UTF-8); a period that cannot be read is a 400."""
    (start, end), problem = funnel.barometer_period(request.GET)
    if problem:
        return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
    figures = funnel.barometer(request.organisation, start, end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="barometer-{start}-{end}.csv"'
    csv.writer(response).writerows(funnel.barometer_csv_rows(figures))
    return response


@login_required
def my_page(request):
    """Min side: the person's own ideas and drafts, supports, follows, comments and offers.
    Private, as every page for a logged-in person: the page cache keeps it from others
    and tells browsers and proxies `private, no-store`."""
    context = mine.sections(request) | {"answer_days": settings.KOMINN_ANSWER_DAYS}
    return render(request, "pages/my_page.html", context)


def media(request, path):
    """An uploaded file, if the person may see what it belongs to; else 404."""
    return uploads.serve(request, path)


@never_cache
def floor(request):
    """Hello, world: what every page costs before its own work (load tests only). Never
    from a page cache: the floor is the stack's cheapest answer, made every time."""
    return HttpResponse("Hello, world\n", content_type="text/plain; charset=utf-8")


@never_cache
def health(request):
    """For load balancers and monitoring: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception):
    if isinstance(exception, DisallowedHost):
        # The layout builds links from the host name, and that is what is wrong here.
        return HttpResponseBadRequest(loader.get_template("400_plain.html").render())
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # The layout needs the database (the organisation); when that is what failed,
    # fall back to a page that needs nothing.
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The error page itself failed; serving the plain one")
        return HttpResponseServerError(loader.get_template("500_plain.html").render())
