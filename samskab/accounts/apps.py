from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samskab.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from samskab.accounts.processing import RECORD as PROCESSING
        from samskab.core.processing import register as register_processing

        register_processing("accounts", *PROCESSING)
