"""Every change to ideas and scores: `check_*` validates, `do_*` changes.

Views call these and nothing else to change state; each `do_*` is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samskab.ideas.exports import Rows, score_rows
from samskab.ideas.models import SCORE_FIELDS, Idea, IdeaComment, Score
from samskab.projects import audit
from samskab.projects.models import AuditAction, Project, Village
from samskab.workshops.actions import workshop_settings

# One participant's score of one idea: (difference, manageable, desire).
Triple = tuple[int, int, int]


@transaction.atomic
def do_add_idea(
    project: Project,
    idea: Idea,
    *,
    author: AbstractBaseUser,
    villages: Iterable[Village],
    from_paper: bool = False,
) -> Idea:
    """Store a new idea (built, not saved, by a form) for the project's villages given."""
    idea.project, idea.author, idea.from_paper = project, author, from_paper
    idea.save()
    idea.villages.set(villages)
    return idea


@transaction.atomic
def do_save_idea(idea: Idea, *, villages: Iterable[Village]) -> Idea:
    """Store a changed idea (built by a form) with the villages given."""
    if any(village.project_id != idea.project_id for village in villages):
        raise ValidationError(_("Choose villages of this project."))
    idea.save()
    idea.villages.set(villages)
    return idea


def do_set_withdrawn(idea: Idea, *, withdrawn: bool) -> Idea:
    """Withdraw the idea from the scoring and the results board, or put it back; its scores
    are kept, so a put-back idea counts as before."""
    if idea.merged_into_id is not None:
        raise ValidationError(_("A merged idea cannot be withdrawn or put back."))
    idea.withdrawn = withdrawn
    idea.save(update_fields=["withdrawn"])
    return idea


def check_merge(duplicate: Idea, target: Idea) -> None:
    """Raise ValidationError unless `duplicate` may be merged into `target`."""
    if duplicate.pk == target.pk or duplicate.project_id != target.project_id:
        raise ValidationError(_("Choose another idea of this project."))
    if target.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise ValidationError(_("An idea that has been merged cannot be merged again."))


@transaction.atomic
def do_merge(duplicate: Idea, target: Idea) -> None:
    """Fold the duplicate into the target: its villages join the target's, and it leaves the
    list and the scoring (its scores stay stored but are no longer counted)."""
    check_merge(duplicate, target)
    target.villages.add(*duplicate.villages.all())
    duplicate.merged_into = target
    duplicate.save(update_fields=["merged_into"])


def do_comment(idea: Idea, author: AbstractBaseUser, text: str) -> IdeaComment:
    return IdeaComment.objects.create(idea=idea, author=author, text=text)


def check_scores(project: Project, scores: Mapping[int, Triple]) -> None:
    """Raise ValidationError unless every score is of a scorable idea of this project and
    every value is on the project's scale."""
    scale_max = workshop_settings(project).scale_max
    scorable = set(
        Idea.objects.filter(project=project, pk__in=list(scores))
        .in_play()
        .values_list("pk", flat=True)
    )
    if scorable != set(scores):
        raise ValidationError(_("Only this project's ideas can be scored."))
    if any(not 1 <= value <= scale_max for triple in scores.values() for value in triple):
        raise ValidationError(_("Scores go from 1 to %(max)d.") % {"max": scale_max}, code="scale")


def check_scale(project: Project, scale_max: int) -> None:
    """Raise ValidationError when a score already given is above the new highest score."""
    fields = [Max(name) for name in SCORE_FIELDS]
    highest = Score.objects.filter(idea__project=project).aggregate(*fields).values()
    given = max((value for value in highest if value is not None), default=0)
    if given > scale_max:
        raise ValidationError(
            _("Scores up to %(given)d are already given: the highest score cannot be lower.")
            % {"given": given}
        )


@transaction.atomic
def do_record_scores(
    project: Project,
    participant: AbstractBaseUser,
    scores: Mapping[int, Triple],
    *,
    entered_by: AbstractBaseUser,
) -> int:
    """Store the participant's scores, replacing earlier ones in place; return how many.

    One statement per sheet that inserts or, on the (idea, participant) constraint, updates:
    two submits of the same sheet at once still leave one score per idea.
    """
    check_scores(project, scores)
    rows = [
        Score(idea_id=idea_id, participant=participant, entered_by=entered_by,
              **dict(zip(SCORE_FIELDS, triple, strict=True)))
        for idea_id, triple in scores.items()
    ]  # fmt: skip
    Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["idea", "participant"],
        update_fields=[*SCORE_FIELDS, "entered_by", "updated"],
    )
    return len(rows)


def do_export_scores(project: Project, user: AbstractBaseUser, file_name: str) -> Rows:
    """Return every named score for an export (as exports.score_rows), and record in the
    audit log who exported them, to which file."""
    rows = score_rows(project)
    audit.record(project, user, AuditAction.SCORES_EXPORTED, file_name)
    return rows
