"""What the workshops tell the apps built on them; each app connects its receivers in ready()."""

from __future__ import annotations

from django.dispatch import Signal

# Sent before a project's scale changes, with `project` and `scale_max` (the new highest
# score): a receiver raises ValidationError when something it keeps does not fit the new scale.
scale_changing = Signal()
