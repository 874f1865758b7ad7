"""A model moved to another app keeps its table; its content type (and with it the model's
permissions and admin log entries) follows it: a migration operation for the move."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def move_content_types(models: list[str], *, source: str, target: str) -> migrations.RunPython:
    """Return the operation that relabels the models' content types from the app `source` to
    the app `target` (and back, unapplied), leaving any the target app has already."""

    def relabel(apps: Any, schema_editor: Any, *, old: str = source, new: str = target) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        taken = content_type.objects.filter(app_label=new, model__in=models).values("model")
        content_type.objects.filter(app_label=old, model__in=models).exclude(
            model__in=taken
        ).update(app_label=new)

    def relabel_back(apps: Any, schema_editor: Any) -> None:
        relabel(apps, schema_editor, old=target, new=source)

    return migrations.RunPython(relabel, relabel_back)
