"""Numbers as Norwegian readers write them."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def format_number(value, decimals=None):
    value = Decimal(str(value))
    if decimals is None:
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        decimals = max(0, -rounded.as_tuple().exponent)
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
