# The local OpenID provider and Redress pointed at it, for the single sign-on tests here.
from tests.accounts.oidc_fixtures import identity_provider, single_sign_on  # noqa: F401
