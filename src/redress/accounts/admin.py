from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts import two_factor
from redress.accounts.models import ApiToken, OidcIdentity, User

# django-otp's own admin pages would show any person's authenticator secret as a QR code to
# anyone with admin access. The only thing an administrator needs is to reset someone who
# lost their phone and codes: the action below. (The django_otp apps come before ours in
# INSTALLED_APPS, so their admin modules have registered these by the time this one runs.)
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class OidcIdentityInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in stubs
    """The single sign-on account linked to this person: shown, and removable (an address
    given to someone new, say), never edited or added by hand."""

    model = OidcIdentity
    fields = ("issuer", "subject", "mapped_role", "linked_at", "last_signed_in_at")
    readonly_fields = fields
    extra = 0
    max_num = 1
    can_delete = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(User)
class RedressUserAdmin(UserAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    inlines = [OidcIdentityInline]
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_filter = ["role", "is_active", "services"]
    # Django sets UserAdmin.fieldsets; the stubs allow None on any ModelAdmin.
    fieldsets = (
        *cast("tuple[Any, ...]", UserAdmin.fieldsets),
        ("Casework", {"fields": ["role", "services", "manager"]}),
    )
    filter_horizontal = ["services", "groups", "user_permissions"]
    actions = ["reset_two_factor"]

    @admin.action(
        description="Reset two-factor sign-in (they set it up again when next signing in)"
    )
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            two_factor.reset(user)
        self.message_user(request, f"Two-factor sign-in reset for {queryset.count()} people.")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # tokens are made with `redress create_api_token` so the secret is shown once
