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

from .models import COMMENT_MAX, TEXT_MAX, Challenge, Comment, Idea, IdeaStatus, Offer


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
                "What is the problem, and what is your idea? You can use Markdown: "
                "**bold**, *italic*, lists with -."
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

    def is_rate_limited(self):
        return self.instance._state.adding  # new ideas count; changes to one do not

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for those who cannot see it."))
        return cleaned


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


class OfferForm(RateLimitMixin, forms.ModelForm):
    rate_limit_action = "offer"
    rate_limit_message = _("You have sent many offers in a short time. Wait a while.")

    class Meta:
        model = Offer
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "message": _(
                "Say what you can do. The author of the idea or the people behind the "
                "initiative see your name and message; the municipality's staff also see "
                "your e-mail address, to put you in touch."
            )
        }


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
    editor may edit, or a new one made from the idea.
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

    def clean(self):
        cleaned = super().clean()
        new_title = cleaned.get("new_initiative_title", "").strip()
        if cleaned.get("initiative") and new_title:
            self.add_error(
                "new_initiative_title",
                _("Choose an existing initiative or write a new title, not both."),
            )
        if new_title:
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
        forward = cleaned.get("status") in (IdeaStatus.TAKEN_FORWARD, IdeaStatus.PUT_TO_USE)
        if (cleaned.get("initiative") or new_title) and not forward:
            self.add_error(
                "initiative",
                _("Only an idea taken forward or put to use is linked to an initiative."),
            )
        if new_title and not portfolio_rules.can_create_initiative(
            self.user, self.idea.organisation
        ):
            self.add_error(
                "new_initiative_title",
                _("You may not create initiatives. Choose an existing one you may edit."),
            )
        has_initiative = cleaned.get("initiative") or new_title or self.idea.initiative_id
        if cleaned.get("status") == IdeaStatus.TAKEN_FORWARD and not has_initiative:
            self.add_error(
                "initiative",
                _(
                    "An idea taken forward is linked to the initiative it becomes: choose one "
                    "or write the title of a new one."
                ),
            )
        return cleaned
