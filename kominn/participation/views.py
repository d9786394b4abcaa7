from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kominn.core.forms import filter_chips
from kominn.core.paging import BoundedPaginator
from kominn.portfolio import access as portfolio_access
from kominn.portfolio.models import NewsArticle
from kominn.portfolio.rules import can_view

from . import access, rules, services, uploads
from .access import participant_required
from .forms import AnswerForm, CommentForm, IdeaFilterForm, IdeaForm, ReplyForm
from .models import COMMENTS_PER_PAGE, Challenge, Comment, Follow, Idea


def idea_list(request):
    form = IdeaFilterForm(request.GET or None, organisation=request.organisation)
    ideas = form.apply(Idea.objects.for_organisation(request.organisation).published().for_list())
    page = BoundedPaginator(ideas, 20).get_page(request.GET.get("side"))
    chips = filter_chips(request.path, request.GET, form.active_filters())
    return render(
        request, "participation/idea_list.html", {"form": form, "page": page, "chips": chips}
    )


@participant_required
def idea_new(request):
    initial = {"capacity": request.user.capacity, "affiliation": request.user.affiliation}
    if slug := request.GET.get("utfordring"):
        challenge = (
            Challenge.objects.for_organisation(request.organisation).filter(slug=slug).first()
        )
        initial["challenge"] = challenge
    return _idea_form(
        request, Idea(organisation=request.organisation, author=request.user), initial
    )


@participant_required
def idea_edit(request, pk):
    idea = access.idea(request, pk)
    if not rules.can_edit_idea(request.user, idea):
        raise PermissionDenied
    return _idea_form(request, idea, {})


def _idea_form(request, idea, initial):
    files, kept_token, kept = _files_with_kept_image(request)
    form = IdeaForm(
        request.POST if request.method == "POST" else None,  # bound even when posted empty
        files or None,
        instance=idea,
        initial=initial,
        organisation=request.organisation,
        request=request,
    )
    if request.method == "POST":
        adding = idea._state.adding
        if form.is_valid() and (saved := _save_idea(form)) is not None:
            form.record_rate()
            uploads.discard(request, kept_token)  # the idea holds its own copy now
            if saved.is_draft:
                if request.POST.get("action") == "draft":
                    messages.success(
                        request,
                        _("The draft is saved. Only you can see it; you find it on My page."),
                    )
                return redirect("participation:idea_preview", pk=saved.pk)
            if not adding:
                messages.success(request, _("Your changes are saved."))
            return redirect(saved)
        if kept is None and "image" not in form.errors:
            upload = form.cleaned_data.get("image")
            if isinstance(upload, UploadedFile):
                # Browsers never fill in a chosen file again: keep it for the next try.
                kept_token = uploads.keep(request, upload)
                kept = uploads.find(request, kept_token)
    context = {"form": form, "idea": idea, "kept_image": kept, "kept_token": kept_token}
    return render(request, "participation/idea_form.html", context)


def _files_with_kept_image(request):
    """The uploaded files of the idea form, with the photo kept from an earlier try in
    place of an image not chosen again; and that photo's token and description."""
    if request.method != "POST":
        return None, None, None
    token = request.POST.get("kept_image")
    kept = uploads.find(request, token)
    if kept is None:
        return request.FILES, None, None
    if request.FILES.get("image") or request.POST.get("kept_image_remove"):
        # A newly chosen photo replaces the kept one; or the person removed it.
        uploads.discard(request, token)
        return request.FILES, None, None
    upload = uploads.as_upload(kept)
    if upload is None:
        uploads.discard(request, token)
        return request.FILES, None, None
    files = request.FILES.copy()
    files["image"] = upload
    return files, token, kept


def _save_idea(form):
    """The idea saved from the valid form; or None, with the form saying why, for a new
    idea over the author's hourly limit. A new idea sent twice is the one stored first."""
    if not form.instance._state.adding:
        return form.save()
    try:
        return services.add_idea(idea=form.save(commit=False))
    except services.TooMany:
        form.add_error(None, form.rate_limit_message)
        return None


@participant_required
def idea_preview(request, pk):
    idea = access.idea(request, pk)
    if idea.author_id != request.user.pk or not idea.is_draft:
        return redirect(idea)
    return render(request, "participation/idea_preview.html", {"idea": idea})


@participant_required
@require_POST
def idea_submit(request, pk):
    idea = access.idea(request, pk)
    if idea.author_id != request.user.pk:
        raise PermissionDenied
    if idea.challenge and not rules.can_submit_to_challenge(idea.challenge):
        messages.error(request, _("The challenge is closed. Choose no challenge, or another one."))
        return redirect("participation:idea_edit", pk=idea.pk)
    services.submit_idea(idea=idea)
    messages.success(request, _("Thank you! Your idea is sent, and you will hear what happens."))
    return redirect(idea)


def idea_detail(request, pk, slug=None):
    try:
        idea = access.idea(request, pk)
    except access.HiddenIdea as hidden:
        # Others see only the moderator's notice, with no title or text, at the address
        # they asked for: the one with the title is not theirs to learn.
        context = {"idea": hidden.idea}
        return render(request, "participation/idea_hidden.html", context, status=404)
    if request.path != idea.get_absolute_url():
        # /ideer/12/ and an old title's slug lead to the address with the current title.
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(idea.get_absolute_url() + query, permanent=True)
    reply_to = _reply_to(request, idea)
    comments_page = request.GET.get("kommentarer")
    if reply_to is not None and comments_page is None:
        comments_page = reply_to.thread_page()
    context = _detail_context(request, idea, comments_page=comments_page, reply_to=reply_to)
    if request.headers.get("HX-Request") and reply_to is not None:
        # "Reply": the form under that one comment, put in place of the link.
        return render(request, "participation/_reply.html", context | {"comment": reply_to})
    if request.headers.get("HX-Request") and "kommentarer" in request.GET:
        # "Show more comments": the next page of the discussion, added in place.
        return render(request, "participation/idea_detail.html#comment_page", context)
    return render(request, "participation/idea_detail.html", context)


def _reply_to(request, idea):
    """The comment chosen with "Reply" (?svar=<id>): a top-level comment on the idea that
    the person may answer; else None. Only it gets a reply form, not every comment."""
    chosen = request.GET.get("svar", "")
    if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 12):
        return None
    if not rules.can_comment(request.user, idea):
        return None
    return (
        idea.comments.top_level()
        .filter(pk=int(chosen), deleted_at=None)
        .select_related("author")
        .first()
    )


def _comment_page(idea, number):
    """One page of the idea's discussion: top-level comments with their replies."""
    comments = (
        idea.comments.top_level()
        .select_related("author")
        .prefetch_related(Prefetch("replies", Comment.objects.select_related("author")))
    )
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    for comment in page.object_list:
        for each in (comment, *comment.replies.all()):
            each.for_municipality = rules.speaks_for_municipality(each.author, idea)
    return page


def _detail_context(request, idea, *, comments_page=None, **forms):
    user = request.user
    return {
        "idea": idea,
        "comments": _comment_page(idea, comments_page),
        "support_count": idea.support_count,
        "supported": user.is_authenticated and idea.supports.filter(user=user).exists(),
        "following": user.is_authenticated and idea.follows.filter(user=user).exists(),
        "can_edit": rules.can_edit_idea(user, idea),
        "can_support": rules.can_support(user, idea),
        "can_comment": rules.can_comment(user, idea),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "reply_to": forms.get("reply_to"),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "initiative_visible": idea.initiative and can_view(user, idea.initiative),
        "sees_hidden_comments": rules.can_see_hidden_comments(user, idea),
        "timeline": idea.events.select_related("initiative"),
        "answer_days": settings.KOMINN_ANSWER_DAYS,
        "answer_form": forms.get("answer_form")
        or (AnswerForm(idea=idea, user=user) if rules.can_answer_idea(user, idea) else None),
        "now": timezone.now(),
    }


def render_idea(request, idea, *, status=200, **extra):
    """The idea's page, with what a higher app's form on it brings (the offer of help with
    its errors: collaboration's offer_on_idea)."""
    context = _detail_context(request, idea) | extra
    return render(request, "participation/idea_detail.html", context, status=status)


def _partial_or_redirect(request, idea, partial, anchor):
    if request.headers.get("HX-Request"):
        return render(
            request, f"participation/idea_detail.html#{partial}", _detail_context(request, idea)
        )
    return redirect(f"{idea.get_absolute_url()}#{anchor}")


@require_POST
@participant_required(back=access.idea_page)
def support(request, pk):
    idea = access.idea(request, pk)
    if not rules.can_support(request.user, idea):
        raise PermissionDenied
    # The form says what the person wants ("1": support, "0": take it back), so a double
    # click or a resent form changes nothing.
    wanted = request.POST.get("support")
    if wanted not in ("0", "1"):
        wanted = "0" if idea.supports.filter(user=request.user).exists() else "1"
    supported = services.set_support(idea=idea, user=request.user, support=wanted == "1")
    idea.refresh_from_db(fields=["support_count"])
    if not request.headers.get("HX-Request"):
        messages.success(
            request,
            _("You support the idea.") if supported else _("You no longer support the idea."),
        )
    return _partial_or_redirect(request, idea, "actions", "handlinger")


@require_POST
@participant_required(back=access.idea_page)
def follow_idea(request, pk):
    idea = access.idea(request, pk)
    if not rules.can_follow(request.user):
        raise PermissionDenied
    following = services.toggle_follow(user=request.user, idea=idea)
    if not request.headers.get("HX-Request"):
        messages.success(
            request, _("You follow the idea.") if following else _("You no longer follow the idea.")
        )
    return _partial_or_redirect(request, idea, "actions", "handlinger")


@require_POST
@participant_required(back=access.posted_next)
def unfollow(request, pk):
    """Stop following, from a list of what one follows (Min side): back to that list."""
    follow = services.stop_following(
        user=request.user, follow_id=pk, organisation=request.organisation
    )
    if follow is not None:
        item = follow.idea or follow.challenge or follow.initiative
        messages.success(request, _("You no longer follow %(title)s.") % {"title": item})
    back = access.posted_next(request)
    if back == "/" and follow is not None:
        back = item.get_absolute_url()
    return redirect(back)


@require_POST
@participant_required(back=access.idea_page)
def comment(request, pk):
    idea = access.idea(request, pk)
    if not rules.can_comment(request.user, idea):
        raise PermissionDenied
    parent = None
    if parent_id := request.POST.get("parent"):
        # isdigit() alone lets "²" through, which int() refuses.
        if not (parent_id.isascii() and parent_id.isdigit()):
            raise Http404
        parent = access.comment(request, parent_id, queryset=idea.comments.all())
    form = (ReplyForm if parent else CommentForm)(request.POST, request=request)
    created = None
    if form.is_valid():
        try:
            created = services.add_comment(
                idea=idea, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
        except services.TooMany:
            form.add_error(None, form.rate_limit_message)
    if created is None:
        if parent:
            # The form comes back under the comment the reply belongs to (one level only).
            extra = {"reply_form": form, "reply_to": parent.parent if parent.parent_id else parent}
        else:
            extra = {"comment_form": form}
        if parent:
            extra["comments_page"] = parent.thread_page()
        if request.headers.get("HX-Request"):
            # htmx swaps only successful answers; the errors must be shown in place.
            return render(
                request,
                "participation/idea_detail.html#comments",
                _detail_context(request, idea, **extra),
            )
        return render(
            request,
            "participation/idea_detail.html",
            _detail_context(request, idea, **extra),
            status=400,
        )
    form.record_rate()
    if request.headers.get("HX-Request"):
        # Commenting also follows the idea: refresh the follow button out of band.
        context = _detail_context(request, idea, comments_page=created.thread_page())
        comments = render_to_string("participation/idea_detail.html#comments", context, request)
        actions = render_to_string(
            "participation/idea_detail.html#actions", context | {"oob": True}, request
        )
        return HttpResponse(comments + actions)
    return redirect(created.get_absolute_url())


@participant_required
def comment_edit(request, pk):
    comment_ = access.comment(request, pk)
    if not rules.can_edit_comment(request.user, comment_):
        messages.error(request, _("Comments can be changed for 15 minutes after they are written."))
        return redirect(comment_.get_absolute_url())
    form = CommentForm(request.POST or None, instance=comment_)
    if request.method == "POST" and form.is_valid():
        comment_ = form.save(commit=False)
        comment_.edited_at = timezone.now()
        comment_.save()
        return redirect(comment_.get_absolute_url())
    return render(request, "participation/comment_edit.html", {"form": form, "comment": comment_})


@participant_required
@require_POST
def comment_delete(request, pk):
    comment_ = access.comment(request, pk)
    if not rules.can_delete_comment(request.user, comment_):
        raise PermissionDenied
    comment_.delete_by_author()
    messages.success(request, _("The comment is deleted."))
    return redirect(comment_.get_absolute_url())


@require_POST
@participant_required(back=access.initiative_page)
def follow_initiative(request, slug):
    initiative = portfolio_access.initiative(request, slug)
    if not rules.can_follow(request.user):
        raise PermissionDenied
    following = services.toggle_follow(user=request.user, initiative=initiative)
    messages.success(
        request,
        _("You follow the initiative.") if following else _("You no longer follow the initiative."),
    )
    return redirect(f"{initiative.get_absolute_url()}#delta")


def challenge_list(request):
    challenges = list(Challenge.objects.for_organisation(request.organisation).published())
    groups = {"open": [], "upcoming": [], "closed": []}
    for challenge in challenges:
        groups[challenge.state].append(challenge)
    return render(request, "participation/challenge_list.html", {"groups": groups})


def challenge_detail(request, slug):
    challenge = access.challenge(request, slug)
    ideas = challenge.ideas.published().for_list().order_by("-submitted_at", "-pk")
    following = (
        request.user.is_authenticated
        and Follow.objects.filter(user=request.user, challenge=challenge).exists()
    )
    news = NewsArticle.objects.visible_to(request.user, request.organisation).filter(
        challenges=challenge
    )
    return render(
        request,
        "participation/challenge_detail.html",
        {"challenge": challenge, "ideas": ideas, "following": following, "news": news},
    )


@require_POST
@participant_required(back=access.challenge_page)
def follow_challenge(request, slug):
    challenge = access.challenge(request, slug)
    if not rules.can_follow(request.user):
        raise PermissionDenied
    following = services.toggle_follow(user=request.user, challenge=challenge)
    messages.success(
        request,
        _("You follow the challenge.") if following else _("You no longer follow the challenge."),
    )
    return redirect(challenge)


@participant_required
@require_POST
def answer(request, pk):
    idea = access.idea(request, pk)
    if not rules.can_answer_idea(request.user, idea):
        raise PermissionDenied
    form = AnswerForm(request.POST, idea=idea, user=request.user)
    if not form.is_valid():
        context = _detail_context(request, idea, answer_form=form)
        return render(request, "participation/idea_detail.html", context, status=400)
    data = form.cleaned_data
    new_initiative = form.new_initiative()
    services.answer_idea(
        idea=idea,
        actor=request.user,
        status=data["status"],
        answer=data["answer"],
        initiative=data["initiative"],
        new_initiative=new_initiative,
    )
    messages.success(request, _("The answer is published, and the author is told."))
    return redirect(idea)


def follow_up(request):
    """Staff: the ideas waiting for a first answer, those waiting longest first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.can_follow_up_ideas(request.user, request.organisation):
        raise PermissionDenied
    waiting = list(
        Idea.objects.for_organisation(request.organisation)
        .awaiting_answer()
        .select_related("author", "service_area", "challenge")
    )
    return render(
        request,
        "participation/follow_up.html",
        {
            "ideas": waiting,
            "overdue_count": sum(idea.answer_overdue for idea in waiting),
            "answer_days": settings.KOMINN_ANSWER_DAYS,
        },
    )
