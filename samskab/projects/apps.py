from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "samskab.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from samskab.core.processing import register as register_processing
        from samskab.projects.processing import RECORD as PROCESSING

        register_processing("projects", *PROCESSING)
