"""The worker processes' heartbeats: how a job lost to a restart is told from a slow one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """The last sign of life of one worker process (it beats every few seconds while alive,
    also in the middle of a long job)."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    queue = models.CharField(_("queue"), max_length=32)
    pid = models.PositiveIntegerField(_("process id"))
    machine = models.CharField(_("machine"), max_length=255, blank=True, default="")
    process_start = models.BigIntegerField(_("process start"), null=True, blank=True)
    started = models.DateTimeField(_("started"), auto_now_add=True)
    beat = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.queue}, pid {self.pid})"
