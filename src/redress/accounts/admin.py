from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from redress.accounts.models import ApiToken, User


@admin.register(User)
class RedressUserAdmin(UserAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_filter = ["role", "is_active", "services"]
    # Django sets UserAdmin.fieldsets; the stubs allow None on any ModelAdmin.
    fieldsets = (
        *cast("tuple[Any, ...]", UserAdmin.fieldsets),
        ("Casework", {"fields": ["role", "services", "manager"]}),
    )
    filter_horizontal = ["services", "groups", "user_permissions"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # tokens are made with `redress create_api_token` so the secret is shown once
