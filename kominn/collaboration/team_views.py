"""The team page of an initiative (/tiltak/<slug>/team/): its members, updates, tasks
and files, for the team's members and owners only. Every action is a form that posts
and redirects back, so the page works without JavaScript."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kominn.core.paging import BoundedPaginator
from kominn.participation.access import participant_required
from kominn.portfolio import access as portfolio_access

from . import access, rules, services
from .forms import MembershipForm, TaskMoveForm, TeamFileForm, TeamTaskForm, TeamUpdateForm
from .models import TaskStatus, TeamFile, TeamTask, TeamUpdate

User = get_user_model()

UPDATES_PER_PAGE = 10


class Team:
    """The initiative with its members, and where the person asking stands."""

    def __init__(self, request, slug):
        self.initiative = portfolio_access.initiative(request, slug)
        self.user = request.user
        self.members = list(self.initiative.team_members.select_related("user"))
        self.mine = next((m for m in self.members if m.user_id == self.user.pk), None)
        self.is_owner = rules.is_team_owner(self.user, self.initiative)
        if not (self.is_owner or rules.is_team_member(self.user, self.initiative, self.mine)):
            raise PermissionDenied

    @property
    def url(self):
        return reverse("collaboration:team", args=[self.initiative.slug])

    def redirect(self, anchor=""):
        return redirect(f"{self.url}{anchor}")

    def users(self):
        return User.objects.filter(team_memberships__initiative=self.initiative).order_by(
            "display_name", "pk"
        )

    def member_ids(self):
        return {member.user_id for member in self.members}


def _page(request, team, *, status=200, **forms):
    initiative = team.initiative
    updates = TeamUpdate.objects.filter(initiative=initiative).select_related("author")
    if not team.is_owner:
        # Hidden by an owner or a moderator, or written by a blocked account: the owners
        # alone still see it, marked hidden.
        updates = updates.shown().filter(author__blocked_at__isnull=True)
    paginator = BoundedPaginator(updates, UPDATES_PER_PAGE)
    page = paginator.get_page(request.GET.get("side"))
    tasks = list(
        TeamTask.objects.filter(initiative=initiative)
        .select_related("assignee")
        .order_by("created_at", "pk")
    )
    columns = [
        {"status": value, "label": label, "tasks": [t for t in tasks if t.status == value]}
        for value, label in TaskStatus.choices
    ]
    in_team = True
    members = [
        {
            "member": member,
            "contact": rules.sees_contact(team.user, member, viewer_in_team=in_team),
            "can_remove": team.is_owner and member.user_id != team.user.pk,
        }
        for member in team.members
    ]
    task_users = [m.user for m in team.members]
    context = {
        "initiative": initiative,
        "team": team,
        "members": members,
        "mine": team.mine,
        "is_owner": team.is_owner,
        "page": page,
        "paginator": paginator,
        "columns": columns,
        "statuses": TaskStatus.choices,
        "task_users": task_users,
        "files": list(TeamFile.objects.filter(initiative=initiative).select_related("uploaded_by")),
        "update_form": forms.get("update_form") or TeamUpdateForm(prefix="update"),
        "task_form": forms.get("task_form")
        or TeamTaskForm(prefix="task", users=User.objects.none()),
        "file_form": forms.get("file_form") or TeamFileForm(prefix="file"),
    }
    if "task_form" not in forms:
        # Its choices come from the members already loaded: no query for the list.
        context["task_form"].fields["assignee"].choices = [("", _("Nobody yet"))] + [
            (user.pk, user.display_name or user.email) for user in task_users
        ]
    return render(request, "collaboration/team.html", context, status=status)


@participant_required
def team(request, slug):
    """The team page; its form for a new update posts here."""
    team = Team(request, slug)
    if request.method != "POST":
        return _page(request, team)
    if not rules.can_post_team_update(request.user, team.initiative, team.mine):
        raise PermissionDenied
    form = TeamUpdateForm(request.POST, prefix="update")
    if not form.is_valid():
        return _page(request, team, status=400, update_form=form)
    services.post_team_update(
        initiative=team.initiative, author=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, _("The update is posted."))
    return team.redirect("#oppdateringer")


@require_POST
@participant_required
def team_update_hide(request, slug, pk):
    team = Team(request, slug)
    update = access.team_update(team.initiative, pk)
    if request.POST.get("action") == "restore":
        if not rules.can_restore_team_update(request.user, update):
            raise PermissionDenied
        update.restore(by=request.user)
        messages.success(request, _("The update is shown again."))
    else:
        if not rules.can_hide_team_update(request.user, update):
            raise PermissionDenied
        update.hide(_("Hidden by the team's owner."), by=request.user)
        messages.success(request, _("The update is hidden."))
    return team.redirect("#oppdateringer")


@require_POST
@participant_required
def task_new(request, slug):
    team = Team(request, slug)
    if not rules.can_manage_tasks(request.user, team.initiative, team.mine):
        raise PermissionDenied
    form = TeamTaskForm(request.POST, prefix="task", users=team.users())
    if not form.is_valid():
        return _page(request, team, status=400, task_form=form)
    services.add_task(initiative=team.initiative, by=request.user, **form.cleaned_data)
    messages.success(request, _("The task is added."))
    return team.redirect("#oppgaver")


@require_POST
@participant_required
def task_move(request, slug, pk):
    team = Team(request, slug)
    task = access.team_task(team.initiative, pk)
    if not rules.can_manage_tasks(request.user, team.initiative, team.mine):
        raise PermissionDenied
    form = TaskMoveForm(request.POST, member_ids=team.member_ids())
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return team.redirect("#oppgaver")
    changes = {}
    if "assignee" in request.POST:
        chosen = form.cleaned_data["assignee"]
        changes["assignee"] = next((m.user for m in team.members if m.user_id == chosen), None)
    services.move_task(task=task, status=form.cleaned_data["status"], by=request.user, **changes)
    messages.success(request, _("The task is updated."))
    return team.redirect(f"#oppgave-{task.pk}")


@require_POST
@participant_required
def file_new(request, slug):
    team = Team(request, slug)
    if not rules.can_share_team_file(request.user, team.initiative, team.mine):
        raise PermissionDenied
    form = TeamFileForm(request.POST, request.FILES, prefix="file")
    if not form.is_valid():
        return _page(request, team, status=400, file_form=form)
    services.share_file(
        initiative=team.initiative,
        by=request.user,
        title=form.cleaned_data["title"],
        file=form.cleaned_data["file"],
    )
    messages.success(request, _("The file is shared with the team."))
    return team.redirect("#filer")


@require_POST
@participant_required
def file_delete(request, slug, pk):
    team = Team(request, slug)
    team_file = access.team_file(team.initiative, pk)
    if not rules.can_delete_team_file(request.user, team_file):
        raise PermissionDenied
    team_file.delete()
    messages.success(request, _("The file is deleted."))
    return team.redirect("#filer")


@participant_required
def membership(request, slug):
    """One's own role text and consents."""
    team = Team(request, slug)
    if team.mine is None or not rules.can_edit_membership(request.user, team.mine):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, instance=team.mine)
    if request.method == "POST" and form.is_valid():
        services.update_membership(member=team.mine, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return team.redirect("#medlemmer")
    status = 400 if form.is_bound else 200
    context = {"form": form, "initiative": team.initiative, "team": team}
    return render(request, "collaboration/team_membership.html", context, status=status)


@participant_required
def leave(request, slug):
    team = Team(request, slug)
    if team.mine is None or not rules.can_leave_team(request.user, team.mine):
        raise PermissionDenied
    if request.method == "POST":
        services.leave_team(member=team.mine)
        messages.success(request, _("You have left the team."))
        return redirect(team.initiative)
    context = {"initiative": team.initiative, "team": team, "member": team.mine, "own": True}
    return render(request, "collaboration/team_leave.html", context)


@participant_required
def remove_member(request, slug, pk):
    team = Team(request, slug)
    member = access.team_member(team.initiative, pk)
    if not rules.can_remove_member(request.user, member):
        raise PermissionDenied
    if request.method == "POST":
        services.leave_team(member=member)
        messages.success(request, _("They are no longer on the team."))
        return team.redirect("#medlemmer")
    context = {"initiative": team.initiative, "team": team, "member": member, "own": False}
    return render(request, "collaboration/team_leave.html", context)
