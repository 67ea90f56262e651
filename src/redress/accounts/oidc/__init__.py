"""Single sign-on with OpenID Connect, through mozilla-django-oidc: the authorisation code flow
with PKCE, state and nonce, the provider's endpoints from its discovery document, staff
matched by email on their first sign-in, and roles from a claim (see docs/security.md)."""
