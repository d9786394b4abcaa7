from django import forms
from django.utils.translation import gettext_lazy as _

from kominn.core.forms import HoneypotMixin

from .models import consent_text


class SignUpForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to say you want the newsletter.")},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # The label is the consent text itself: what is ticked is what is stored.
        self.fields["consent"].label = consent_text(organisation)
