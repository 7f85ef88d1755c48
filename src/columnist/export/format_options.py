"""Each export format's own options, declared once: the Export dialog shows them as
check boxes and the command line offers them as switches (`--no-wrap`);
`ExportOptions.extra` carries the values by name, and an exporter reads them with
`value(extra, name)`.

>>> [option.name for option in options_for("text")]
['wrap']
>>> [option.name for option in options_for("html")]
['embed_images', 'ratings']
>>> defaults("text")
{'wrap': True}
>>> value({}, "copy_images")
True
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FormatOption:
    """A yes/no option of one or more formats: `label` for the dialog's check box (with
    its mnemonic), `help` one sentence for a tooltip and the command line."""

    name: str
    label: str
    help: str
    default: bool
    formats: tuple[str, ...]


OPTIONS: tuple[FormatOption, ...] = (
    FormatOption(
        "embed_images", "Embed the &images in the page (one file to send)",
        "Write local images into the page as data: URLs instead of copying them beside it.",
        False, ("html",),
    ),
    FormatOption(
        "ratings", "Follow each trust link with its current &rating",
        "Follow each trust link with its current CQC rating, as text, from the rating cache.",
        False, ("html",),
    ),
    FormatOption(
        "wrap", "&Wrap lines at 72 characters",
        "Break lines at 72 characters, as email reads best; off: one line per paragraph.",
        True, ("text",),
    ),
    FormatOption(
        "copy_images", "&Copy the images to upload into a folder beside it",
        "Copy each image into COLUMN-images/ with images.txt listing alt texts and captions.",
        True, ("medium",),
    ),
)


def options_for(format_name: str) -> list[FormatOption]:
    """The options format `format_name` has, in declaration order."""
    return [option for option in OPTIONS if format_name in option.formats]


def defaults(format_name: str) -> dict[str, bool]:
    """The format's options at their defaults, by name."""
    return {option.name: option.default for option in options_for(format_name)}


def value(extra: Mapping[str, Any], name: str) -> bool:
    """Option `name` as given in `extra`, else its default."""
    if name in extra:
        return bool(extra[name])
    return next(option.default for option in OPTIONS if option.name == name)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Each option as a command-line switch pair (`--wrap` / `--no-wrap`), its help naming
    the formats it is for and its default."""
    for option in OPTIONS:
        formats = ", ".join(option.formats)
        parser.add_argument(
            f"--{option.name.replace('_', '-')}", dest=f"option_{option.name}",
            action=argparse.BooleanOptionalAction, default=None,
            help=f"{formats}: {option.help.rstrip('.')} "
            f"(default: {'on' if option.default else 'off'})",
        )


def extra_from(args: argparse.Namespace) -> dict[str, bool]:
    """The options given on the command line (the others keep their defaults).

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> extra_from(parser.parse_args(["--no-wrap"]))
    {'wrap': False}
    """
    given = {option.name: getattr(args, f"option_{option.name}", None) for option in OPTIONS}
    return {name: bool(on) for name, on in given.items() if on is not None}
