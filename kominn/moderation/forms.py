from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DETAILS_MAX, REASON_MAX, ReportReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("More about it"),
        max_length=DETAILS_MAX,
        required=False,
        help_text=_(
            "Required if you chose “Something else”. Moderators read this, not the author."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("details", "").strip():
            self.add_error("details", _("Tell us what is wrong."))
        return cleaned


class ReasonForm(forms.Form):
    """A moderator's reason for what they do."""

    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX, required=False)

    def __init__(self, *args, required=False, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        if label:
            field.label = label
        if help_text:
            field.help_text = help_text
