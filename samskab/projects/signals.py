"""What a project tells the apps built on it; each app connects its receivers in its ready()."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the copy's transaction, with `source` (the template project) and `target` (the
# new project): each app copies its own set-up, and an error undoes the whole copy.
project_copied = Signal()
