"""The links on a village's public page to the channels the village already uses: one per line,
a name and then its address ("Hoven på Facebook https://www.facebook.com/groups/hoven")."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

MAX_LINKS = 10
_URL = URLValidator(schemes=["https"])


@dataclass(frozen=True)
class Channel:
    name: str
    url: str


def parse_channels(text: str) -> list[Channel]:
    """Return the links the text lists; raise ValidationError naming the line of each one that
    is not a name and an https address."""
    channels: list[Channel] = []
    errors: list[str] = []
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    for number, line in lines:
        name, _space, url = line.rpartition(" ")
        try:
            _URL(url)
        except ValidationError:
            errors.append(_("Line %(line)s: end the line with the address, beginning with "
                            "https://") % {"line": number})  # fmt: skip
            continue
        if not name.strip():
            errors.append(_("Line %(line)s: write a name before the address") % {"line": number})
            continue
        channels.append(Channel(name.strip(), url))
    if len(lines) > MAX_LINKS:
        errors.append(_("At most %(count)s links.") % {"count": MAX_LINKS})
    if errors:
        raise ValidationError(errors)
    return channels
