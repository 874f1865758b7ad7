import shutil
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "samskab.segmentation"
    verbose_name = _("Segments")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from samskab.core.processing import register as register_processing
        from samskab.segmentation.models import Survey
        from samskab.segmentation.processing import RECORD as PROCESSING

        register_processing("segmentation", *PROCESSING)
        post_delete.connect(_survey_deleted, sender=Survey, dispatch_uid="segmentation.files")


def _survey_deleted(sender: object, *, instance: Any, **kwargs: Any) -> None:
    """Delete a survey's file and its fitted models once its deletion is committed."""
    from django.db import transaction

    folder = instance.folder
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
