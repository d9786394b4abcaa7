from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.core.forms import RateLimitMixin
from kominn.core.images import ATTACHMENT_SUFFIXES
from kominn.organisations.models import ServiceArea, Theme

from .models import (
    Answer,
    Capacity,
    Need,
    Skills,
    TaskStatus,
    TeamFile,
    TeamMember,
    TeamTask,
    TeamUpdate,
)
from .services import too_few_message


class NeedForm(forms.ModelForm):
    suits = forms.MultipleChoiceField(
        label=_("Suits"),
        choices=Capacity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Need
        fields = ["title", "description", "kind", "how_many", "until", "place", "suits"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title": _("For example “3 residents for a test panel”."),
            "how_many": _("When this many are accepted, the need is filled."),
        }
        error_messages = {
            "title": {"required": _("Say what is needed.")},
            "how_many": {
                "required": _("Say how many are needed."),
                "invalid": _("Write a whole number."),
                "min_value": _("At least one is needed."),
            },
            "until": {"invalid": _("Write a date, e.g. 2026-12-31.")},
        }

    def clean_how_many(self):
        how_many = self.cleaned_data["how_many"]
        if how_many is None or how_many < 1:
            raise forms.ValidationError(_("At least one is needed."))
        if how_many > 1000:
            raise forms.ValidationError(_("At most 1000."))
        return how_many

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError(_("The date has passed. Choose today or later."))
        return until


class NeedEditForm(NeedForm):
    """The need's owner changes it; how many may not go below those already accepted."""

    def __init__(self, *args, need, accepted, **kwargs):
        initial = {name: getattr(need, name) for name in self._meta.fields}
        initial["suits"] = need.suit_list()
        super().__init__(*args, initial=initial, **kwargs)
        self.accepted = accepted

    def clean_how_many(self):
        how_many = super().clean_how_many()
        if how_many < self.accepted:
            raise forms.ValidationError(too_few_message(self.accepted))
        return how_many


class AnswerForm(RateLimitMixin, forms.ModelForm):
    rate_limit_action = "offer"
    rate_limit_message = _("You have sent many offers in a short time. Wait a while.")

    class Meta:
        model = Answer
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        labels = {"message": _("How you can help")}
        help_texts = {
            "message": _(
                "The people behind it see your name and message; the municipality's staff "
                "also see your e-mail address, to put you in touch."
            )
        }
        error_messages = {"message": {"required": _("Write a few words about how you can help.")}}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        error_messages={"required": _("Choose accept or decline.")},
    )
    reply = forms.CharField(
        label=_("Reply"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SkillsForm(forms.ModelForm):
    capacities = forms.MultipleChoiceField(
        label=_("I take part as"),
        choices=Capacity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    needs_digest = forms.BooleanField(
        label=_("E-mail me new needs that suit me"),
        required=False,
        help_text=_(
            "At most one e-mail a day, and only when new needs here suit your skills or how "
            "you take part. Turn it off here or with the link in the e-mail."
        ),
    )

    class Meta:
        model = Skills
        fields = ["tags", "capacities"]

    def clean(self):
        cleaned = super().clean()
        tags = [tag for tag in (cleaned.get("tags") or "").split(",") if tag.strip()]
        if cleaned.get("needs_digest") and not tags and not cleaned.get("capacities"):
            self.add_error(
                "needs_digest",
                _(
                    "Write a skill or choose how you take part, so that we know which "
                    "needs suit you."
                ),
            )
        return cleaned


class NeedFilterForm(forms.Form):
    passer_for = forms.ChoiceField(
        label=_("Suits"), choices=[("", _("Everyone")), *Capacity.choices], required=False
    )
    tema = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), required=False, to_field_name="pk"
    )
    omrade = forms.ModelChoiceField(
        label=_("Service area"), queryset=ServiceArea.objects.none(), required=False
    )
    sted = forms.CharField(label=_("Place"), max_length=100, required=False)
    etter = forms.DateField(
        label=_("Open until after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write a date, e.g. 2026-12-31.")},
    )
    for_meg = forms.BooleanField(label=_("Suits me"), required=False)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"].queryset = Theme.objects.for_organisation(organisation)
        self.fields["omrade"].queryset = ServiceArea.objects.for_organisation(organisation)


# --- The team of an initiative -----------------------------------------------------------


class MembershipForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["role", "show_name", "share_contact"]
        labels = {"role": _("What you do on the team")}
        help_texts = {
            "show_name": _("Otherwise the public page only counts you."),
            "share_contact": _("The owners from the municipality can always reach you."),
        }


class TeamUpdateForm(forms.ModelForm):
    class Meta:
        model = TeamUpdate
        fields = ["body"]
        labels = {"body": _("New update")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"body": _("Markdown: **bold**, *italic*, lists and links.")}
        error_messages = {
            "body": {
                "required": _("Write the update."),
                "max_length": _("At most 2000 characters."),
            }
        }


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.display_name or user.email


class TeamTaskForm(forms.ModelForm):
    assignee = MemberChoiceField(
        label=_("Who does it"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        error_messages={"invalid_choice": _("Choose someone on the team.")},
    )

    class Meta:
        model = TeamTask
        fields = ["title", "description", "assignee"]
        labels = {"title": _("Task")}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": _("Say what is to be done.")}}

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class TaskMoveForm(forms.Form):
    status = forms.ChoiceField(
        choices=TaskStatus.choices, error_messages={"required": _("Choose a status.")}
    )
    assignee = forms.CharField(required=False)

    def __init__(self, *args, member_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.member_ids = set(member_ids)

    def clean_assignee(self):
        value = self.cleaned_data["assignee"]
        if value in ("", None):
            return None
        if not value.isdigit() or int(value) not in self.member_ids:
            raise forms.ValidationError(_("Choose someone on the team."))
        return int(value)


class TeamFileForm(forms.ModelForm):
    class Meta:
        model = TeamFile
        fields = ["title", "file"]
        help_texts = {
            "file": _("PDF, Word, Excel, PowerPoint, OpenDocument, text or CSV; at most 20 MB.")
        }
        error_messages = {
            "title": {"required": _("Give the file a title.")},
            "file": {"required": _("Choose a file."), "empty": _("The file is empty.")},
        }
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": ",".join(sorted(ATTACHMENT_SUFFIXES))}
            )
        }
