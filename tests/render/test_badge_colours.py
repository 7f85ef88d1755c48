"""Rating badges: the four ratings told apart by colour with normal vision and with
protanopia, deuteranopia and tritanopia, and each badge's text at least 4.5:1 on its
background, in both themes; read from the preview's real stylesheet."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from columnist.render.css import preview_css

RATINGS = ("outstanding", "good", "requires-improvement", "inadequate")
# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
SIMULATIONS = {
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
MIN_DIFFERENCE = 20  # CIE76 ΔE: clearly different swatches side by side


def linear(hex_colour: str) -> list[float]:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return [channel(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5)]


def luminance(rgb: list[float]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(linear(a)), luminance(linear(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def simulate(hex_colour: str, matrix) -> list[float]:
    rgb = linear(hex_colour)
    return [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
            for row in matrix]


def badge_colours(dark: bool) -> dict[str, tuple[str, str]]:
    """rating → (text colour, background) as the preview's stylesheet gives them."""
    css = preview_css(dark)
    found = {}
    for rating in RATINGS:
        rule = re.search(rf"\.rating-{rating}\s*\{{([^}}]*)\}}", css)
        assert rule, f"no .rating-{rating} rule"
        text = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule.group(1))
        background = re.search(r"background-color:\s*(#[0-9a-fA-F]{6})", rule.group(1))
        assert text and background, rule.group(1)
        found[rating] = (text.group(1), background.group(1))
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_each_badge_text_has_a_contrast_of_at_least_4_5(dark):
    for rating, (text, background) in badge_colours(dark).items():
        assert contrast(text, background) >= 4.5, f"{rating}: {text} on {background}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("vision", sorted(SIMULATIONS))
def test_the_four_badges_are_told_apart_by_colour(dark, vision):
    colours = badge_colours(dark)
    matrix = SIMULATIONS[vision]
    for (a, (_ta, bg_a)), (b, (_tb, bg_b)) in itertools.combinations(colours.items(), 2):
        difference = math.dist(lab(simulate(bg_a, matrix)), lab(simulate(bg_b, matrix)))
        assert difference >= MIN_DIFFERENCE, f"{vision}: {a} and {b} look alike ({difference:.1f})"


def test_the_check_would_catch_the_old_two_greens():
    """Outstanding #0b6e4f beside Good #2e7d32 (the colours before): too alike."""
    matrix = SIMULATIONS["tritanopia"]
    assert math.dist(lab(simulate("#0b6e4f", matrix)), lab(simulate("#2e7d32", matrix))) < 20
