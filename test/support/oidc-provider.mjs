// A real OpenID Connect provider for the single sign-on tests: oidc-provider (the certified Node implementation),
// with its development login and consent pages (any login, any password; the login becomes the subject id).
// node test/support/oidc-provider.mjs <port> <client_id> <client_secret> <redirect_uri> — prints "ready <issuer>".
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['ocmw-flow-test-provider-cookie-key'] },
  jwks: undefined,
  claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
  // The subject id is the login typed on the development page; the e-mail address is there to show it is not used.
  async findAccount(ctx, sub) {
    return { accountId: sub, async claims() { return { sub, email: `${sub}@gemeente.example`, name: `Test ${sub}` }; } };
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
