import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../libs/infra/embedded-postgres';
import { launchBrowser } from '../support/browser';
import { startOidcProvider, TestOidcProvider } from '../support/oidc';
import { startTestSystem, TestSystem } from '../support/system';

/**
 * Single sign-on (issue 16) against a real OpenID Connect provider started by the test (oidc-provider, its development
 * login page): the authorization code flow with PKCE from the login screen's button, the account matched by its
 * subject id in the admin's mapping — the user lands in the app with its role and team; an account without a mapping
 * is refused with the reason in Dutch; the refusals and the login are audited.
 */
describe('single sign-on through an OpenID provider (browser)', () => {
  let sys: TestSystem;
  let provider: TestOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    const [providerPort, systemPort] = [await freePort(), await freePort()];
    const redirectUri = `http://127.0.0.1:${systemPort}/auth/oidc/callback`;
    provider = await startOidcProvider(providerPort, redirectUri);
    sys = await startTestSystem({
      PORT: String(systemPort),
      OCMW_OIDC_ISSUER: provider.issuer,
      OCMW_OIDC_CLIENT_ID: provider.clientId,
      OCMW_OIDC_CLIENT_SECRET: provider.clientSecret,
      OCMW_OIDC_REDIRECT_URI: redirectUri,
      OCMW_OIDC_SCOPES: 'openid email profile',
      OCMW_OIDC_LABEL: 'de testaanmelddienst',
    });
    await sys.loginAll(['admin']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
    await provider?.stop();
  });

  /** From the login screen through the provider's development login and consent, as `subject`. */
  async function signInThroughProvider(subject: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'nl-BE' });
    await page.goto(`${sys.baseUrl}/app/aanmelden`);
    await page.getByRole('link', { name: 'Aanmelden via de testaanmelddienst' }).click();
    await page.locator('input[name=login]').fill(subject);
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    return page;
  }

  it('maps accounts by subject id only: an e-mail address is refused, the same account twice is 409', async () => {
    const users = (await sys.http.get('/users').set(sys.as('admin'))).body.items as { id: string; username: string }[];
    const worker = users.find((u) => u.username === 'social-worker')!;
    const byMail = await sys.http.post(`/users/${worker.id}/identities`).set(sys.as('admin')).send({ subject: 'maria@gemeente.example' });
    expect(byMail.status).toBe(400);
    const mapped = await sys.http.post(`/users/${worker.id}/identities`).set(sys.as('admin')).send({ subject: 'maria-4711' });
    expect(mapped.status).toBe(201);
    expect(mapped.body).toMatchObject({ issuer: provider.issuer, subject: 'maria-4711', lastLoginAt: null });
    expect((await sys.http.post(`/users/${users[0].id}/identities`).set(sys.as('admin')).send({ subject: 'maria-4711' })).status).toBe(409);
    await sys.login('social-worker');
    expect((await sys.http.post(`/users/${worker.id}/identities`).set(sys.as('social-worker')).send({ subject: 'x' })).status).toBe(403);
    expect((await sys.http.get('/auth/methods')).body).toEqual({ local: true, sso: { label: 'de testaanmelddienst', loginUrl: '/auth/oidc/login' } });
  });

  it('signs the mapped account in with its user\'s role and team, and refuses an account without a mapping', async () => {
    const page = await signInThroughProvider('maria-4711');
    await page.waitForURL('**/app/taken');
    await page.getByRole('heading', { level: 1, name: 'Mijn taken' }).waitFor();
    const me = await page.evaluate(`fetch('/auth/me').then((r) => r.json())`);
    expect(me).toMatchObject({ username: 'social-worker', role: 'social-worker', team: 'demo', cookie: true });
    const login = (await sys.db.query(`SELECT details FROM audit_events WHERE action = 'auth.login' AND details->>'method' = 'oidc'`)).rows;
    expect(login).toEqual([{ details: { method: 'oidc', issuer: provider.issuer } }]);
    await page.close();

    const stranger = await signInThroughProvider('onbekend-0815');
    await stranger.waitForURL('**/app/aanmelden?sso=unknown-account');
    await stranger.getByRole('alert').getByText('Uw account bij de aanmelddienst is hier niet gekend.', { exact: false }).waitFor();
    expect(await stranger.evaluate(`fetch('/auth/me').then((r) => r.status)`)).toBe(401);
    await stranger.close();
    const refused = (await sys.db.query(`SELECT details FROM audit_events WHERE action = 'auth.sso-refused'`)).rows.map((r) => r.details);
    expect(refused).toEqual([expect.objectContaining({ reason: 'unknown-account', issuer: provider.issuer })]);
    expect(JSON.stringify(refused)).not.toContain('onbekend-0815');
  });

  it('refuses a callback without the login state it started (a forged or replayed answer)', async () => {
    const res = await sys.http.get('/auth/oidc/callback?code=forged&state=forged');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/app/aanmelden?sso=no-state');
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/ocmw_session=[^;]/);
  });
});
