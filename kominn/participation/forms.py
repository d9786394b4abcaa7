from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kominn.accounts.forms import CapacityMixin, HoneypotMixin
from kominn.accounts.models import Capacity
from kominn.organisations.models import ServiceArea, Theme

from .models import COMMENT_MAX, Challenge, Comment, Idea, IdeaStatus, Offer


class IdeaForm(HoneypotMixin, CapacityMixin, forms.ModelForm):
    class Meta:
        model = Idea
        fields = [
            "title", "description", "challenge", "theme", "service_area", "place_name",
            "image", "image_alt", "capacity", "affiliation",
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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for those who cannot see it."))
        return cleaned


class CommentForm(HoneypotMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX})}
        labels = {"body": _("Your comment")}


class ReplyForm(CommentForm):
    class Meta(CommentForm.Meta):
        labels = {"body": _("Your reply")}


class OfferForm(forms.ModelForm):
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
