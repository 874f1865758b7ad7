"""The municipality's logo for the handbook's cover: read from an upload, checked, and
re-encoded as a PNG so that what is kept and printed is nothing but pixels."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000  # pixels of the upload, either side
KEPT_SIDE = 800  # the kept logo's longest side at most (a cover logo is printed a few cm wide)
FORMATS = {"PNG", "JPEG"}


def logo_png(data: bytes) -> bytes:
    """Return the upload re-encoded as a PNG no larger than KEPT_SIDE; raise ValidationError,
    saying why, for anything but a PNG or JPEG image of sensible size."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ValidationError(_("The logo may be at most 2 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise ValidationError(_("The logo must be a PNG or JPEG image."))
            if max(image.size) > MAX_SIDE:
                raise ValidationError(_("The logo may be at most 4000 pixels wide and high."))
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as error:  # fmt: skip
        raise ValidationError(_("The logo must be a PNG or JPEG image.")) from error
    image = image.convert("RGBA")
    image.thumbnail((KEPT_SIDE, KEPT_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
