from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.accounts.forms import CapacityMixin
from kominn.accounts.models import Capacity
from kominn.core.forms import HoneypotMixin, RateLimitMixin
from kominn.organisations.models import ServiceArea, Theme
from kominn.portfolio import rules as portfolio_rules
from kominn.portfolio.models import Approach, Initiative, validate_summary

from .models import COMMENT_MAX, TEXT_MAX, Challenge, Comment, Idea, IdeaStatus


class IdeaForm(RateLimitMixin, HoneypotMixin, CapacityMixin, forms.ModelForm):
    rate_limit_action = "idea"
    rate_limit_message = _("You have sent many ideas in a short time. Wait a while.")
    rate_limit_per_account = False  # services.add_idea counts the author's ideas

    class Meta:
        model = Idea
        fields = [
            "title", "description", "challenge", "theme", "service_area", "place_name",
            "image", "image_alt", "capacity", "affiliation", "credit_author",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "capacity": forms.RadioSelect,
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        labels = {"capacity": _("I write as")}
        help_texts = {
            "description": _(
                "What is the problem, and what is your idea? To format the text: put two "
                "stars around words for **bold**, one star for *italic*, start lines with a "
                "dash (-) for a list, and leave an empty line between paragraphs."
            ),
            "challenge": _("Only challenges that are open now can be chosen."),
            "image_alt": _("Required with an image: what it shows, for those who cannot see it."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        open_challenges = (
            Challenge.objects.for_organisation(organisation).published().open_on(today)
        )
        if self.instance.challenge_id:
            open_challenges = open_challenges | Challenge.objects.filter(
                pk=self.instance.challenge_id
            )
        self.fields["challenge"].queryset = open_challenges
        self.fields["challenge"].empty_label = _("No challenge")
        self.fields["theme"].queryset = Theme.objects.for_organisation(organisation)
        self.fields["theme"].empty_label = _("Choose a theme")
        self.fields["service_area"].queryset = ServiceArea.objects.for_organisation(
            organisation
        ).filter(parent=None)
        self.fields["service_area"].empty_label = _("Don't know / several")
        self.fields["capacity"].choices = Capacity.choices
        self.fields["capacity"].required = True
        # Required with an image (Idea.clean), so never marked "(optional)".
        self.fields["image_alt"].optional_label = False

    def is_rate_limited(self):
        return self.instance._state.adding  # new ideas count; changes to one do not

    # An image without alt text is refused by Idea.clean(), which the form runs: one
    # message, next to the alt text field.


class CommentForm(RateLimitMixin, HoneypotMixin, forms.ModelForm):
    rate_limit_action = "comment"
    rate_limit_message = _("You have written many comments in a short time. Wait a while.")
    rate_limit_per_account = False  # services.add_comment counts the author's comments

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True

    def is_rate_limited(self):
        return self.instance._state.adding  # new comments count; edits do not

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX})}
        labels = {"body": _("Your comment")}


class ReplyForm(CommentForm):
    class Meta(CommentForm.Meta):
        labels = {"body": _("Your reply")}


SORTS = {
    "newest": ("-submitted_at", _("Newest")),
    "supported": ("-support_count", _("Most supported")),
    "discussed": ("-comment_count", _("Most discussed")),
}


class IdeaFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    area = forms.ChoiceField(label=_("Service area"), required=False)
    challenge = forms.ChoiceField(label=_("Challenge"), required=False)
    capacity = forms.ChoiceField(label=_("Written by"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_order, label) in SORTS.items()],
    )

    def __init__(self, data, *, organisation):
        super().__init__(data)
        self.areas = list(ServiceArea.objects.for_organisation(organisation).filter(parent=None))
        choices = {
            "status": IdeaStatus.choices,
            "theme": [(t.slug, t.name) for t in Theme.objects.for_organisation(organisation)],
            "area": [(a.slug, a.name) for a in self.areas],
            "challenge": [
                (c.slug, c.title)
                for c in Challenge.objects.for_organisation(organisation).published()
            ],
            "capacity": Capacity.choices,
        }
        for name, options in choices.items():
            self.fields[name].choices = [("", _("All")), *options]
        self._options = choices

    def active_filters(self):
        """The chosen values, with labels, for the "remove filter" chips (sorting is no filter)."""
        active = []
        for name, options in self._options.items():
            if value := self.value(name):
                label = dict(options).get(value, value)
                active.append({"name": name, "label": self.fields[name].label, "value": label})
        return active

    def value(self, name):
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def apply(self, queryset):
        if status := self.value("status"):
            queryset = queryset.filter(status=status)
        if theme := self.value("theme"):
            queryset = queryset.filter(theme__slug=theme)
        if area := self.value("area"):
            queryset = queryset.filter(
                Q(service_area__slug=area) | Q(service_area__parent__slug=area)
            )
        if challenge := self.value("challenge"):
            queryset = queryset.filter(challenge__slug=challenge)
        if capacity := self.value("capacity"):
            queryset = queryset.filter(capacity=capacity)
        order = SORTS[self.value("sort") or "newest"][0]
        return queryset.order_by(order, "-submitted_at", "-pk")


class AnswerForm(forms.Form):
    """An editor's public answer, with the status the idea moves to.

    "Taken forward" links the idea to the initiative it becomes: an existing one the
    editor may edit, or a new one made from the idea. The fields for that initiative are
    read only with that status (the page shows them only then, by CSS without
    JavaScript; whatever they hold is ignored otherwise). A new initiative needs an owner
    unit and a contact person, and stays a draft unless the editor publishes it on purpose.
    """

    status = forms.ChoiceField(label=_("Status"), widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer to the author and everyone else"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Public, shown on the idea's page. Say what happens next, and why. Markdown."),
        error_messages={"required": _("Write an answer: everyone should learn why.")},
    )
    initiative = forms.ModelChoiceField(
        label=_("Became the initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("For “Taken forward”: an initiative that already exists…"),
    )
    new_initiative_title = forms.CharField(
        label=_("…or the title of a new initiative made from the idea"),
        max_length=200,
        required=False,
    )
    new_initiative_summary = forms.CharField(
        label=_("Summary of the new initiative"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most three sentences; shown in lists. It can be changed in the admin."),
    )
    new_initiative_approach = forms.ChoiceField(
        label=_("Approach of the new initiative"),
        choices=Approach.choices,
        initial=Approach.FIRST,
        required=False,
        widget=forms.RadioSelect,
    )
    new_initiative_owner_unit = forms.ModelChoiceField(
        label=_("Owner unit of the new initiative"),
        queryset=ServiceArea.objects.none(),
        required=False,
    )
    new_initiative_contact_name = forms.CharField(
        label=_("Contact person for the new initiative"), max_length=200, required=False
    )
    new_initiative_contact_email = forms.EmailField(
        label=_("The contact person's e-mail"), required=False
    )
    new_initiative_publish = forms.BooleanField(
        label=_("Publish the new initiative now"),
        required=False,
        help_text=_(
            "Left unticked, it is saved as a draft for you to finish in the admin, and the "
            "idea's page says it is being worked on."
        ),
    )

    INITIATIVE_FIELDS = (
        "initiative",
        "new_initiative_title",
        "new_initiative_summary",
        "new_initiative_approach",
        "new_initiative_owner_unit",
        "new_initiative_contact_name",
        "new_initiative_contact_email",
        "new_initiative_publish",
    )

    def __init__(self, *args, idea, user, **kwargs):
        self.idea = idea
        self.user = user
        super().__init__(*args, **kwargs)
        statuses = [choice for choice in IdeaStatus.choices if choice[0] != IdeaStatus.RECEIVED]
        self.fields["status"].choices = statuses
        self.fields["status"].initial = (
            IdeaStatus.UNDER_REVIEW if idea.status == IdeaStatus.RECEIVED else idea.status
        )
        self.fields["initiative"].queryset = portfolio_rules.editable_initiatives(
            user, Initiative.objects.for_organisation(idea.organisation)
        ).order_by("title")
        self.fields["initiative"].initial = idea.initiative_id
        self.fields["new_initiative_summary"].initial = idea.title
        self.fields["new_initiative_owner_unit"].queryset = ServiceArea.objects.filter(
            organisation=idea.organisation
        ).order_by("name")
        self.fields["new_initiative_owner_unit"].initial = idea.service_area_id
        self.fields["new_initiative_contact_name"].initial = user.display_name
        self.fields["new_initiative_contact_email"].initial = user.email
        # Required for "Taken forward" (clean()), so never marked "(optional)".
        for name in self.INITIATIVE_FIELDS:
            self.fields[name].optional_label = False

    @property
    def initiative_fields(self):
        return [self[name] for name in self.INITIATIVE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != IdeaStatus.TAKEN_FORWARD:
            # Hidden with any other status: what they hold was not meant to be sent.
            for name in self.INITIATIVE_FIELDS:
                self.errors.pop(name, None)
            cleaned.update(initiative=None, new_initiative_title="", new_initiative_publish=False)
            return cleaned
        new_title = cleaned.get("new_initiative_title", "").strip()
        if cleaned.get("initiative") and new_title:
            self.add_error(
                "new_initiative_title",
                _("Choose an existing initiative or write a new title, not both."),
            )
        if new_title:
            self._clean_new_initiative(cleaned)
        if cleaned.get("initiative") or new_title or self.idea.initiative_id:
            return cleaned
        self.add_error(
            "initiative",
            _(
                "An idea taken forward is linked to the initiative it becomes: choose one "
                "or write the title of a new one."
            ),
        )
        return cleaned

    def _clean_new_initiative(self, cleaned):
        if not portfolio_rules.can_create_initiative(self.user, self.idea.organisation):
            self.add_error(
                "new_initiative_title",
                _("You may not create initiatives. Choose an existing one you may edit."),
            )
        summary = cleaned.get("new_initiative_summary", "").strip()
        if not summary:
            self.add_error(
                "new_initiative_summary", _("Write a short summary of the new initiative.")
            )
        else:
            try:
                validate_summary(summary)
            except forms.ValidationError as error:
                self.add_error("new_initiative_summary", error)
        if not cleaned.get("new_initiative_approach"):
            self.add_error("new_initiative_approach", _("Choose the approach."))
        required = {
            "new_initiative_owner_unit": _("Choose the unit that owns the new initiative."),
            "new_initiative_contact_name": _("Write who people can contact about it."),
            "new_initiative_contact_email": _("Write the contact person's e-mail address."),
        }
        for name, message in required.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)

    def new_initiative(self) -> dict | None:
        """What the service needs to make the new initiative, or None for none."""
        data = self.cleaned_data
        if not data.get("new_initiative_title", "").strip():
            return None
        return {
            "title": data["new_initiative_title"].strip(),
            "summary": data["new_initiative_summary"].strip(),
            "approach": data["new_initiative_approach"],
            "owner_unit": data["new_initiative_owner_unit"],
            "contact_name": data["new_initiative_contact_name"].strip(),
            "contact_email": data["new_initiative_contact_email"],
            "publish": data["new_initiative_publish"],
        }
