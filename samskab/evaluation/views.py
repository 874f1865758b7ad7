"""The evaluation pages: the rounds, opening one, answering, and a round's summary."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.exports import csv_download
from samskab.evaluation import actions
from samskab.evaluation.charts import question_chart
from samskab.evaluation.exports import summary_rows
from samskab.evaluation.forms import AnswerForm, OpenRoundForm
from samskab.evaluation.models import QUESTIONS, EvaluationRound, Response
from samskab.evaluation.summary import SCALE_FIELDS, round_summary
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project


def _context(access: ProjectAccess, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "evaluation", **more}


@login_required
def overview(request: HttpRequest, project_id: int) -> HttpResponse:
    """Every round with how many answered; the member's own link to answer an open one."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    return _overview(request, access, OpenRoundForm(project=access.project, today=_today()))


def _overview(request: HttpRequest, access: ProjectAccess, form: OpenRoundForm) -> HttpResponse:
    today = _today()
    mine = {r.round_id: r for r in Response.objects.filter(member=request.user)}
    rounds = [
        {"round": r, "open": r.is_open(today), "mine": mine.get(r.pk),
         "asked": r.responses.count(), "answered": r.responses.exclude(answered=None).count()}
        for r in access.project.evaluations.all()
    ]  # fmt: skip
    manage = access.can(rules.MANAGE_EVALUATION)
    context = _context(access, rounds=rounds, form=form if manage else None)
    return render(request, "evaluation/overview.html", context)


@require_POST
@login_required
def open_round(request: HttpRequest, project_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_EVALUATION)
    form = OpenRoundForm(request.POST, project=access.project, today=_today())
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_open_round(
                access.project, data["stage"], data["closes"], by=request.user, today=_today()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round is open; the members are invited."))
            return redirect("evaluation:overview", access.project.pk)
    return _overview(request, access, form)


@login_required
def answer_mine(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    """The signed-in member answers a round they were asked in."""
    access = access_project(request, project_id, rules.ANSWER_EVALUATION)
    response = get_object_or_404(
        Response, round_id=round_id, round__project=access.project, member=request.user
    )
    return _answer(request, response)


def answer(request: HttpRequest, project_id: int, answer_token: uuid.UUID) -> HttpResponse:
    """A member answers through their personal link (from the mail), signed in or not."""
    response = get_object_or_404(
        Response.objects.select_related("round__project"),
        token=answer_token, round__project_id=project_id,
    )  # fmt: skip
    return _answer(request, response)


def _answer(request: HttpRequest, response: Response) -> HttpResponse:
    given = {q.field: getattr(response, q.field) for q in QUESTIONS} if response.answered else None
    form = AnswerForm(request.POST or None, initial=given)
    is_open = response.round.is_open(_today())
    if request.method == "POST" and is_open and form.is_valid():
        try:
            actions.do_answer(response, form.cleaned_data, today=_today())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "evaluation/thanks.html", {"response": response})
    context = {"response": response, "form": form, "is_open": is_open}
    return render(request, "evaluation/answer.html", context)


@login_required
def summary(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    """The round's answers per question with a chart, and per role and village."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    evaluation = get_object_or_404(EvaluationRound, pk=round_id, project=access.project)
    result = round_summary(evaluation, suppressed=not access.can(rules.MANAGE_EVALUATION))
    charts = [(q, question_chart(q)) for q in result.questions]
    context = _context(access, summary=result, charts=charts, scale_fields=SCALE_FIELDS,
                       scale_questions=[q for q in QUESTIONS if q.kind == "scale"])  # fmt: skip
    return render(request, "evaluation/summary.html", context)


@login_required
def summary_csv(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    evaluation = get_object_or_404(EvaluationRound, pk=round_id, project=access.project)
    result = round_summary(evaluation, suppressed=not access.can(rules.MANAGE_EVALUATION))
    return csv_download(summary_rows(result), f"evaluation-{evaluation.stage}.csv")


def _today() -> datetime.date:
    """Return today in the project's time zone (one place, so a test can choose the day)."""
    return timezone.localdate()
