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
  return { accountId: id, claims: async () => ({ sub: id, ...account }) };
}

let handle = (req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handle(req, res));

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [config.client],
    findAccount,
    // Groups are asked for with their own scope, as Okta does; Entra ID and Keycloak put them
    // in the token when the application is set up to.
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
      groups: ['groups'],
    },
    // Every client must use PKCE, so an authorisation request without it is refused here.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['tests-only-cookie-key'] },
  });
  handle = provider.callback();
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
