"""Form pieces every public form shares."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import ratelimit


class HoneypotMixin(forms.Form):
    """A field people never see or fill in; forms that arrive with it filled are from bots."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("The form could not be sent. Try again."))
        return ""


class RateLimitMixin(forms.Form):
    """A form whose sending counts towards a rate limit (kominn.core.ratelimit).

    Over the limit the form is not valid, with `rate_limit_message` as its error, whatever
    else it holds. Bound forms need the request (who sends, from where); the view calls
    `record_rate()` once it has acted on the form.
    """

    rate_limit_action = ""
    rate_limit_message = ""
    # False where a service counts the account's own rows instead, exactly, under a lock
    # (new ideas and comments); the address is still counted here.
    rate_limit_per_account = True

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def is_rate_limited(self) -> bool:
        """Whether this sending counts; a form may limit only some (e.g. only new rows)."""
        return True

    def clean(self):
        cleaned = super().clean()
        if self.is_rate_limited():
            if self.request is None:
                raise TypeError(f"{type(self).__name__} needs the request to check its limit")
            if not ratelimit.allowed(
                self.rate_limit_action, self.request, per_account=self.rate_limit_per_account
            ):
                raise forms.ValidationError(self.rate_limit_message, code="rate_limit")
        return cleaned

    def record_rate(self) -> None:
        if self.is_rate_limited():
            ratelimit.record(
                self.rate_limit_action, self.request, per_account=self.rate_limit_per_account
            )


def filter_chips(path, query, active):
    """The chosen filters of a list as chips, each with the address that drops only it.

    `active` holds dicts with the field's `name`, its `label` and the chosen `value`'s label;
    each gets a `remove_url`, which also goes back to the first page of results."""
    chips = []
    for chosen in active:
        remaining = query.copy()
        for key in (chosen["name"], "side", *(key for key, value in query.items() if not value)):
            remaining.pop(key, None)
        remaining = remaining.urlencode()
        chips.append({**chosen, "remove_url": f"{path}?{remaining}" if remaining else path})
    return chips
