"""The ideas' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.ideas.models import Idea, IdeaComment, Score

RECORD = (
    Processing(
        Idea,
        _("The workshops' ideas, each with its author."),
        _("Kept with the project; an author who deletes their account leaves it under no name."),
        _("The project's members."),
    ),
    Processing(
        IdeaComment,
        _("Comments on ideas, each with its author."),
        _("Kept with the project; under no name once the author deletes their account."),
        _("The project's members."),
    ),
    Processing(
        Score,
        _("Each participant's scores of the ideas (the ranking adds them up)."),
        _("Kept with the project, so the ranking does not change; under no name once the "
          "participant deletes their account."),
        _("Totals: every member; a person's own scores: the facilitators and the contact "
          "person."),
    ),
)  # fmt: skip
