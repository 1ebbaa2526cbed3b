import { browserSession, cspViolations, expectAccessible } from '../support/browser';

/**
 * Security headers (helmet) and the content security policy: the web app runs under a policy that refuses inline
 * script and other origins, and nothing of its own is refused; the OpenAPI page has its own, looser policy.
 */
describe('security headers and the content security policy (browser)', () => {
  const s = browserSession(['social-worker']);

  it('sends the headers on the app, the API and the OpenAPI page, and no X-Powered-By', async () => {
    const app = await s.sys.http.get('/app/taken');
    const csp = app.headers['content-security-policy'];
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(app.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    expect(app.headers['x-powered-by']).toBeUndefined();
    const api = await s.sys.http.get('/tasks').set(s.sys.as('social-worker'));
    expect(api.headers['content-security-policy']).toBe(csp);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    const docs = await s.sys.http.get('/docs/');
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  it('refuses a script injected into the page, and refuses nothing of the app itself', async () => {
    const page = s.page;
    await page.goto(`${s.sys.baseUrl}/app/taken`);
    await page.getByRole('heading', { name: 'Mijn taken' }).waitFor();
    await expectAccessible(page); // includes: no violation recorded on this screen
    // In the page (a string: the test code itself is compiled without the DOM's types).
    const ran = await page.evaluate(`(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.src = 'https://elders.example/pixel.png';
      document.body.appendChild(img);
      await new Promise((r) => setTimeout(r, 200));
      return window.__injected === true;
    })()`);
    expect(ran).toBe(false);
    expect(await cspViolations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline$/), expect.stringMatching(/^img-src https:\/\/elders\.example/)]));
  });

  it('shows the OpenAPI page under its own policy without a refusal', async () => {
    const page = await s.browser.newPage();
    await page.goto(`${s.sys.baseUrl}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });
});
