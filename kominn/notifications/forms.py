from django import forms

from .models import CHOOSABLE_KINDS, Delivery, NotificationPreference


class PreferencesForm(forms.Form):
    """One choice per kind of notification: e-mail at once, daily, or none."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = NotificationPreference.objects.for_user(user)
        for kind in CHOOSABLE_KINDS:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current[kind],
            )
