import shutil
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactbaseConfig(AppConfig):
    name = "samskab.factbase"
    label = "factbase"
    verbose_name = _("Fact base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from samskab.core.processing import register as register_processing
        from samskab.factbase.models import FactDataset
        from samskab.factbase.processing import RECORD as PROCESSING
        from samskab.projects.models import Project

        register_processing("factbase", *PROCESSING)
        post_delete.connect(_dataset_deleted, sender=FactDataset, dispatch_uid="factbase.files")
        post_delete.connect(_project_deleted, sender=Project, dispatch_uid="factbase.uploads")


def _dataset_deleted(sender: object, *, instance: Any, **kwargs: Any) -> None:
    """Delete a dataset's uploaded files and the fact base's stored copy of them once its
    deletion is committed (the copy is found from the files, so it is looked up first)."""
    from django.conf import settings
    from django.db import transaction

    from samskab.facts.store import stored_copies

    copies: list[Path] = []
    if instance.areas_file and instance.population_file and instance.register_file:
        copies = stored_copies(**instance.input_files(), cache_dir=Path(settings.FACTS_CACHE_DIR))
    folder = instance.folder

    def remove() -> None:
        for copy in copies:
            copy.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)

    transaction.on_commit(remove)


def _project_deleted(sender: object, *, instance: Any, **kwargs: Any) -> None:
    """Delete everything uploaded to a project (its datasets', surveys' and scratch folders)
    once its deletion is committed."""
    from django.conf import settings
    from django.db import transaction

    folder = Path(settings.UPLOAD_DIR) / str(instance.pk)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
