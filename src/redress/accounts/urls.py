from django.urls import path

from redress.accounts import api_token_views, sign_in_log, signin, two_factor_views
from redress.accounts.oidc import views as oidc

urlpatterns = [
    path("sign-in/", signin.sign_in, name="sign_in"),
    path("sign-out/", signin.sign_out, name="sign_out"),
    path("admin/login/", signin.admin_login, name="admin_login"),
    # Single sign-on: 404 unless OIDC_ISSUER is set. The callback is the redirect URI to
    # register with the identity provider.
    path("sign-in/oidc/", oidc.SignInStart.as_view(), name="oidc_start"),
    path("sign-in/oidc/callback/", oidc.SignInCallback.as_view(), name="oidc_callback"),
    path("sign-in/code/", two_factor_views.code, name="two_factor_code"),
    path("sign-in/two-factor/set-up/", two_factor_views.setup, name="two_factor_setup"),
    path("sign-in/two-factor/qr.svg", two_factor_views.qr_code, name="two_factor_qr"),
    path(
        "sign-in/two-factor/recovery-codes/",
        two_factor_views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "casework/account/two-factor/",
        two_factor_views.settings_page,
        name="two_factor_settings",
    ),
    path(
        "casework/account/two-factor/new-codes/",
        two_factor_views.new_codes,
        name="two_factor_new_codes",
    ),
    path(
        "casework/account/two-factor/turn-off/",
        two_factor_views.turn_off,
        name="two_factor_turn_off",
    ),
    path("casework/settings/sign-ins/", sign_in_log.sign_in_log, name="sign_in_log"),
    path("casework/account/api-tokens/", api_token_views.token_list, name="api_tokens"),
    path("casework/account/api-tokens/new/", api_token_views.token_new, name="api_token_new"),
    path(
        "casework/account/api-tokens/<int:pk>/revoke/",
        api_token_views.token_revoke,
        name="api_token_revoke",
    ),
]
