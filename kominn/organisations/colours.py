"""A municipality's brand colours, checked for contrast and turned into Designsystemet's
CSS variables at runtime (no rebuild of the theme).

A brand colour is used for text (links, subtle text) and for buttons with white text, so it
must reach WCAG AA's 4.5:1 against white. The shades Designsystemet needs around it (hover,
active, tinted surfaces, borders) are mixed from it with black or white.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
AA_TEXT = 4.5
# The accent colour the theme in static/css/asker-theme.css was built with
# (frontend/designsystemet.config.json).
BUILT_ACCENT = "#005b7f"


def parse(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def to_hex(rgb) -> str:
    return "#" + "".join(f"{round(channel):02x}" for channel in rgb)


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second=WHITE) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(rgb, other, share: float):
    """`rgb` with `share` (0–1) of `other` mixed in."""
    return tuple(c + (o - c) * share for c, o in zip(rgb, other, strict=True))


def darkest_readable(rgb):
    """The lightest shade of `rgb` (mixed with black) that reaches 4.5:1 on white."""
    share = 0.0
    while contrast(mix(rgb, BLACK, share)) < AA_TEXT and share < 1:
        share += 0.02
    return mix(rgb, BLACK, share)


def validate_readable_on_white(value: str) -> None:
    """A colour that white text on it, and it as text on white, can be read (WCAG AA)."""
    if not value or not HEX.match(value):
        return  # the format has its own validator and message
    rgb = parse(value)
    ratio = contrast(rgb)
    if ratio < AA_TEXT:
        raise ValidationError(
            _(
                "The colour %(colour)s has too little contrast against white (%(ratio)s:1). "
                "Text and buttons need at least 4.5:1 (WCAG AA). Choose a darker colour, "
                "for example %(suggestion)s."
            ),
            code="low_contrast",
            params={
                "colour": value,
                "ratio": f"{ratio:.1f}".replace(".", ","),
                "suggestion": to_hex(darkest_readable(rgb)),
            },
        )


def variables(prefix: str, colour: str) -> list[tuple[str, str]]:
    """Designsystemet's variables of one colour (`--ds-color-<prefix>-…`) built around
    `colour` as its base, for a light colour scheme."""
    if not colour or not HEX.match(colour):
        return []
    rgb = parse(colour)
    shades = {
        "background-default": WHITE,
        "background-tinted": mix(rgb, WHITE, 0.94),
        "surface-default": WHITE,
        "surface-tinted": mix(rgb, WHITE, 0.88),
        "surface-hover": mix(rgb, WHITE, 0.8),
        "surface-active": mix(rgb, WHITE, 0.7),
        "border-subtle": mix(rgb, WHITE, 0.6),
        "border-default": mix(rgb, WHITE, 0.2),
        "border-strong": mix(rgb, BLACK, 0.1),
        # Text stays readable on the tinted surfaces too, which are a little darker than white.
        "text-subtle": mix(rgb, BLACK, 0.12),
        "text-default": mix(rgb, BLACK, 0.55),
        "base-default": rgb,
        "base-hover": mix(rgb, BLACK, 0.2),
        "base-active": mix(rgb, BLACK, 0.38),
        "base-contrast-subtle": mix(rgb, WHITE, 0.93),
        "base-contrast-default": WHITE,
    }
    return [(f"--ds-color-{prefix}-{name}", to_hex(value)) for name, value in shades.items()]
