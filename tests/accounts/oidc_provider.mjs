// A real OpenID Connect provider for the tests (the `oidc-provider` package), on a free port of
// 127.0.0.1. Started by the `identity_provider` fixture in tests/accounts/oidc_fixtures.py with
// one argument, a JSON file naming its client and its accounts; it prints one line of JSON,
// {"issuer": ...}, once it is listening, and runs until it is stopped.
//
// Sign-in is the package's own development pages (devInteractions): a login form taking any
// account's id, then a consent form. The tests submit both with an ordinary HTTP client.
import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

async function findAccount(ctx, id) {
  const account = config.accounts[id];
  if (!account) return undefined;
  const { amr, ...claims } = account;
  return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
}

// An account with `amr` signs in as if by those methods (RFC 8176), ["pwd", "mfa"] say, so its
// ID token says the provider asked for a second factor; the development login form has no
// second step of its own.
function withMethods(provider) {
  const finished = provider.interactionFinished.bind(provider);
  provider.interactionFinished = (req, res, result, options) => {
    const amr = result.login && config.accounts[result.login.accountId]?.amr;
    if (amr) result.login.amr = amr;
    return finished(req, res, result, options);
  };
  return provider;
}

let handle = (req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handle(req, res));

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = withMethods(new Provider(issuer, {
    clients: [config.client],
    findAccount,
    // Groups are asked for with their own scope, as Okta does; Entra ID and Keycloak put them
    // in the token when the application is set up to.
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      // amr in the ID token, as Okta and Entra ID (v1 tokens) send it.
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
      groups: ['groups'],
    },
    // Every client must use PKCE, so an authorisation request without it is refused here.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['tests-only-cookie-key'] },
  }));
  handle = provider.callback();
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
