from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "redress.accounts"

    def ready(self) -> None:
        from redress.accounts import checks  # noqa: F401  # registers the checks
