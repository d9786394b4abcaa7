from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kominn.core.forms import filter_chips
from kominn.core.paging import BoundedPaginator
from kominn.participation import access as participation_access
from kominn.participation import views as participation_views
from kominn.participation.access import participant_required
from kominn.portfolio import access as portfolio_access

from . import access, digest, rules, services
from .forms import AnswerForm, DecisionForm, NeedEditForm, NeedFilterForm, NeedForm, SkillsForm
from .models import AnswerStatus, Need, NeedStatus, Skills, joined

PER_PAGE = 20


def _parent(request, on, key):
    if on == "initiative":
        return portfolio_access.initiative(request, key)
    if on == "challenge":
        return participation_access.challenge(request, key)
    return participation_access.idea(request, key)


def _post_need(request, on, key):
    parent = _parent(request, on, key)
    if not rules.can_post_need(request.user, **{on: parent}):
        raise PermissionDenied
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {**form.cleaned_data, "suits": joined(form.cleaned_data["suits"])}
        need = services.post_need(user=request.user, **{on: parent}, **fields)
        messages.success(request, _("The need is posted."))
        return redirect(need)
    status = 400 if form.is_bound else 200
    context = {"form": form, "parent": parent}
    return render(request, "collaboration/need_form.html", context, status=status)


@participant_required
def need_new_initiative(request, slug):
    return _post_need(request, "initiative", slug)


@participant_required
def need_new_challenge(request, slug):
    return _post_need(request, "challenge", slug)


@participant_required
def need_new_idea(request, pk):
    return _post_need(request, "idea", pk)


def _need_context(request, need, **forms):
    user = request.user
    manage = rules.can_manage_need(user, need)
    answers = need.answers.select_related("user")
    mine = (
        answers.filter(user=user).exclude(status=AnswerStatus.WITHDRAWN).first()
        if user.is_authenticated
        else None
    )
    return {
        "need": need,
        "can_manage": manage,
        # Hidden answers leave the owners' list; moderators read them in the queue.
        "answers": [answer for answer in answers if rules.answer_is_shown(answer)]
        if manage
        else None,
        "mine": mine,
        "can_answer": rules.can_answer_need(user, need) and mine is None,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "accepted": need.answers.filter(status=AnswerStatus.ACCEPTED).count(),
    }


def need_detail(request, pk):
    need = access.need(request, pk)
    if not rules.can_see_hidden_need(request.user, need):
        return render(request, "collaboration/need_hidden.html", {"need": need}, status=404)
    return render(request, "collaboration/need_detail.html", _need_context(request, need))


@participant_required
def need_edit(request, pk):
    need = access.need(request, pk)
    if not rules.can_manage_need(request.user, need):
        raise PermissionDenied
    accepted = need.answers.filter(status=AnswerStatus.ACCEPTED).count()
    form = NeedEditForm(request.POST or None, need=need, accepted=accepted)
    if request.method == "POST" and form.is_valid():
        fields = {**form.cleaned_data, "suits": joined(form.cleaned_data["suits"])}
        try:
            services.edit_need(need=need, **fields)
        except ValidationError as error:  # someone was accepted in the meantime
            form.add_error(None, error)
        else:
            messages.success(request, _("The need is changed."))
            return redirect(need)
    status = 400 if form.is_bound else 200
    context = {"form": form, "parent": need.parent, "need": need}
    return render(request, "collaboration/need_form.html", context, status=status)


@require_POST
@participant_required
def answer_need(request, pk):
    need = access.need(request, pk)
    if not rules.can_answer_need(request.user, need):
        raise PermissionDenied
    if need.answers.filter(user=request.user).exclude(status=AnswerStatus.WITHDRAWN).exists():
        messages.info(request, _("You have already offered to help with this."))
        return redirect(need)
    form = AnswerForm(request.POST, request=request)
    if not form.is_valid():
        return _answer_refused(request, need, form)
    form.record_rate()
    answer = services.answer_need(
        need=need, user=request.user, message=form.cleaned_data["message"]
    )
    if answer.status == AnswerStatus.WAITING:
        messages.success(
            request, _("Thank you! The need is filled, so you are on the waiting list.")
        )
    else:
        messages.success(request, _("Thank you! The people behind it can see your offer."))
    return redirect(need)


def _answer_refused(request, need, form):
    """The need's page with the answer form's errors and what was typed; 429 over the
    hourly limit of answers."""
    status = 429 if form.has_error(NON_FIELD_ERRORS, "rate_limit") else 400
    context = _need_context(request, need, answer_form=form)
    return render(request, "collaboration/need_detail.html", context, status=status)


@require_POST
@participant_required
def decide_answer(request, pk):
    answer = access.answer(request, pk)
    if not rules.can_decide_answer(request.user, answer):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or decline."))
        return redirect(answer.need)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide(
            answer=answer, accept=accept, reply=form.cleaned_data["reply"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(answer.need)
    messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect(answer.need)


@require_POST
@participant_required
def withdraw_answer(request, pk):
    answer = access.answer(request, pk)
    if not rules.can_withdraw_answer(request.user, answer):
        raise PermissionDenied
    services.withdraw(answer=answer)
    messages.success(request, _("You have withdrawn your offer."))
    return redirect(answer.need)


@require_POST
@participant_required
def need_status(request, pk):
    need = access.need(request, pk)
    if not rules.can_manage_need(request.user, need):
        raise PermissionDenied
    status = NeedStatus.CLOSED if request.POST.get("status") == "closed" else NeedStatus.OPEN
    services.set_need_status(need=need, status=status)
    messages.success(
        request,
        _("The need is closed.") if status == NeedStatus.CLOSED else _("The need is open again."),
    )
    return redirect(need)


@require_POST
@participant_required(back=participation_access.initiative_page)
def offer_on_initiative(request, slug):
    """The initiative page's "offer to help" form: an answer to its general need."""
    initiative = portfolio_access.initiative(request, slug)
    form = AnswerForm(request.POST, request=request)
    if form.has_error(NON_FIELD_ERRORS, "rate_limit"):
        # Over the limit: the page of the need the offer goes to, keeping what was typed.
        return _answer_refused(request, services.general_need(initiative), form)
    if not form.is_valid():
        for error in form.non_field_errors() or [
            _("Write a few words about how you would like to help.")
        ]:
            messages.error(request, error)
        return redirect(f"{initiative.get_absolute_url()}#delta")
    form.record_rate()
    need = services.general_need(initiative)
    services.answer_need(need=need, user=request.user, message=form.cleaned_data["message"])
    messages.success(request, _("Thank you! The people behind the initiative can see your offer."))
    return redirect(f"{initiative.get_absolute_url()}#delta")


@require_POST
@participant_required(back=participation_access.idea_page)
def offer_on_idea(request, pk):
    """The idea page's "offer to help" form: an answer to the idea's general need. On an
    error the idea's page is shown again with what was written and the error at the field."""
    idea = participation_access.idea(request, pk)
    if not rules.can_offer_help_on_idea(request.user, idea):
        raise PermissionDenied
    form = AnswerForm(request.POST, request=request)
    if not form.is_valid():
        return participation_views.render_idea(request, idea, status=400, offer_form=form)
    form.record_rate()
    need = services.general_need(idea=idea)
    services.answer_need(need=need, user=request.user, message=form.cleaned_data["message"])
    messages.success(request, _("Thank you! The author can see your offer."))
    return redirect(f"{idea.get_absolute_url()}#bidra")


def _skills(user):
    if not user.is_authenticated:
        return None
    return Skills.objects.filter(user=user).first()


def _filtered(needs, data, skills):
    if data.get("passer_for"):
        needs = needs.filter(suits__contains=f",{data['passer_for']},")
    if data.get("tema"):
        needs = needs.filter(Q(initiative__themes=data["tema"]) | Q(idea__theme=data["tema"]))
    if data.get("omrade"):
        area = data["omrade"]
        needs = needs.filter(Q(initiative__service_areas=area) | Q(idea__service_area=area))
    if data.get("sted"):
        needs = needs.filter(place__icontains=data["sted"])
    if data.get("etter"):
        needs = needs.filter(Q(until__isnull=True) | Q(until__gte=data["etter"]))
    if data.get("for_meg") and skills is not None:
        needs = needs.suiting(skills)
    elif data.get("for_meg"):
        needs = needs.none()
    return needs.distinct()


def contribute(request):
    """/bidra/: every open need in the municipality, newest first. Not the general needs
    "Annen hjelp": they hold the free offers, listed only to their owners."""
    form = NeedFilterForm(request.GET or None, organisation=request.organisation)
    data = form.cleaned_data if form.is_valid() else {}
    skills = _skills(request.user)
    needs = (
        Need.objects.for_organisation(request.organisation)
        .on_public_pages()
        .open()
        .filter(is_general=False)
        .for_listing()
        .annotate(accepted=Count("answers", filter=Q(answers__status=AnswerStatus.ACCEPTED)))
    )
    needs = _filtered(needs, data, skills)
    paginator = BoundedPaginator(needs, PER_PAGE)
    page = paginator.get_page(request.GET.get("side"))
    active = [
        {"name": name, "label": form.fields[name].label, "value": _chip_value(form, name)}
        for name in form.fields
        if data.get(name)
    ]
    context = {
        "form": form,
        "page": page,
        "paginator": paginator,
        "skills": skills,
        "chips": filter_chips(request.path, request.GET.copy(), active),
    }
    return render(request, "collaboration/contribute.html", context)


def _chip_value(form, name):
    value = form.cleaned_data[name]
    field = form.fields[name]
    if hasattr(field, "choices") and not hasattr(value, "pk"):
        return dict(field.choices).get(value, value)
    return str(value) if value is not True else _("Yes")


@participant_required
def my_skills(request):
    if not rules.can_keep_skills(request.user):
        raise PermissionDenied
    skills = Skills.objects.filter(user=request.user).first()
    initial = (
        {
            "capacities": skills.capacity_list(),
            "needs_digest": skills.needs_digest_organisation_id == request.organisation.pk,
        }
        if skills
        else {}
    )
    form = SkillsForm(request.POST or None, instance=skills, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_skills(
            user=request.user,
            tags=form.cleaned_data["tags"],
            capacities=form.cleaned_data["capacities"],
            needs_digest=form.cleaned_data["needs_digest"],
            organisation=request.organisation,
        )
        messages.success(request, _("Your skills and interests are saved."))
        return redirect("collaboration:contribute")
    status = 400 if form.is_bound else 200
    return render(request, "collaboration/skills_form.html", {"form": form}, status=status)


# One-click unsubscribe (RFC 8058): mail programs POST without a CSRF token or a session.
# The page shows one person's choice, behind the link's secret: no cache may keep it.
@csrf_exempt
@never_cache
def needs_digest_off(request, token):
    skills = digest.read_unsubscribe_token(token)
    if skills is None:
        return render(request, "collaboration/needs_digest_off.html", {"valid": False}, status=400)
    if request.method == "POST":
        digest.turn_off(skills=skills)
        messages.success(request, _("You will no longer get e-mails about new needs."))
        return redirect("collaboration:needs_digest_off", token=token)
    context = {"valid": True, "token": token, "on": skills.needs_digest_organisation_id is not None}
    return render(request, "collaboration/needs_digest_off.html", context)
