"""The project's marketing plan: per chosen target group, why it, what to build on, at most
three messages, the channels, and the initiatives that carry it out."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.initiatives.models import Initiative
from samskab.projects.models import Project


class SegmentPlan(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="segment_plans")
    segment = models.CharField(_("target group"), max_length=200)
    why = models.TextField(
        _("why this target group"),
        help_text=_("Its size and how far the project can influence it, from the fact base "
                    "and the segments."),
    )  # fmt: skip
    resources = models.TextField(_("place-bound assets to build on"), blank=True)
    message_1 = models.CharField(_("first message"), max_length=300)
    message_2 = models.CharField(_("second message"), max_length=300, blank=True)
    message_3 = models.CharField(_("third message"), max_length=300, blank=True)
    channels = models.TextField(_("channels"), blank=True)
    initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="segment_plans", verbose_name=_("initiatives")
    )

    class Meta:
        ordering = ["segment"]
        unique_together = [("project", "segment")]
        verbose_name = _("marketing plan for a target group")
        verbose_name_plural = _("marketing plans for target groups")

    def __str__(self) -> str:
        return self.segment

    def messages(self) -> list[str]:
        """Return the plan's messages, at most three, in order."""
        return [m for m in (self.message_1, self.message_2, self.message_3) if m.strip()]
