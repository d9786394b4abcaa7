"""The workshop's forms: a card, a group, moving and hiding a card, choosing the cards."""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kominn.core.forms import HoneypotMixin, RateLimitMixin

from .models import CARD_MAX, Card, CardGroup


class CardForm(RateLimitMixin, HoneypotMixin, forms.ModelForm):
    rate_limit_action = "card"
    rate_limit_message = _("You have posted many cards in a short time. Wait a while.")

    class Meta:
        model = Card
        fields = ["text", "consent_credit"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": CARD_MAX})}
        labels = {"text": _("Your idea"), "consent_credit": _("My name may stand on the idea")}
        help_texts = {
            "text": _("Short: at most 300 characters."),
            "consent_credit": _(
                "If your card is chosen, the idea it becomes is shown with your display "
                "name. Otherwise the municipality sends it in without your name."
            ),
        }

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your idea on the card."))
        return text


class GroupForm(forms.ModelForm):
    def __init__(self, *args, workshop=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop

    class Meta:
        model = CardGroup
        fields = ["name"]
        labels = {"name": _("Name of the new group")}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the group a name."))
        if self.workshop is not None and self.workshop.groups.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("The workshop has a group with that name already."))
        return name


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why it is hidden"), max_length=500)


class CardChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        votes = ngettext("%(count)s vote", "%(count)s votes", obj.vote_count) % {
            "count": obj.vote_count
        }
        return f"{obj.text} ({votes})"


class FinishForm(forms.Form):
    cards = CardChoiceField(
        label=_("Cards that become ideas"),
        queryset=Card.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one card to become an idea.")},
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].queryset = (
            Card.objects.shown()
            .filter(workshop=workshop, idea__isnull=True)
            .annotate(vote_count=Count("votes"))
            .order_by("-vote_count", "created_at", "pk")
        )
