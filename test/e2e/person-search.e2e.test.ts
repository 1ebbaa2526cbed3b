import { startTestSystem, TestSystem } from '../support/system';
import { parseBirthDate } from '../../libs/domain/birth-date';

/** Finding a client before registering one twice: by name (accents and typos tolerated), national number or birth date. */
describe('person search (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const address = { street: 'Kerkstraat 9', postalCode: '9000', city: 'Gent' };
  const search = (q: string, user = 'social-worker') => sys.http.get('/persons').query({ q }).set(as(user));
  const names = (res: { body: { items: { firstName: string; lastName: string }[] } }) => res.body.items.map((p) => `${p.firstName} ${p.lastName}`);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'finance']);
    const register = async (key: string, body: Record<string, unknown>) => {
      const res = await sys.http.post('/persons').set(as('social-worker')).send({ address, ...body });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    await register('celine', { nationalNumber: '93051822361', firstName: 'Céline', lastName: 'Vandenbroeck' });
    await register('jan', { nationalNumber: '85073003328', firstName: 'Jan', lastName: 'Peeters' });
    await register('amina', { firstName: 'Amina', lastName: 'Haddad', birthDate: '1994-04-04', noNationalNumberReason: 'international-protection-applicant' });
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('finds by name without the accents and with a typo, the best match first', async () => {
    expect(names(await search('celine'))).toEqual(['Céline Vandenbroeck']);
    expect(names(await search('vandenbroek'))).toEqual(['Céline Vandenbroeck']);
    expect(names(await search('Jan Peters'))[0]).toBe('Jan Peeters');
    expect(names(await search('haddad amina'))).toEqual(['Amina Haddad']);
    expect(names(await search('Zyxwvut'))).toEqual([]);
  });

  it('finds by national number, with or without its dots and dash, and by birth date in either form', async () => {
    expect(names(await search('93.05.18-223.61'))).toEqual(['Céline Vandenbroeck']);
    expect(names(await search('85073003328'))).toEqual(['Jan Peeters']);
    expect(names(await search('04/04/1994'))).toEqual(['Amina Haddad']);
    expect(names(await search('1994-04-04'))).toEqual(['Amina Haddad']);
  });

  it('audits who searched and whom it found, never the query; refuses bad queries and the wrong role', async () => {
    await search('Vandenbroeck');
    const { rows } = await sys.db.query(`SELECT details FROM audit_events WHERE action = 'person.searched' ORDER BY at DESC LIMIT 1`);
    expect(rows[0].details).toEqual({ found: [ids.celine] });
    const everything = await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE details::text ILIKE '%vandenbroeck%'`);
    expect(everything.rows[0].n).toBe(0);

    expect((await search('x')).status).toBe(400);
    expect((await sys.http.get('/persons').set(as('social-worker'))).status).toBe(400);
    expect((await sys.http.get('/persons').query({ q: 'Jan', nationalNumber: '85073003328' }).set(as('social-worker'))).status).toBe(400);
    expect((await search('Jan', 'finance')).status).toBe(403);
  });

  it('reads a typed birth date only when it is a real date', () => {
    expect(parseBirthDate('4/4/1994')).toBe('1994-04-04');
    expect(parseBirthDate('31/02/1994')).toBeNull();
    expect(parseBirthDate('1994-13-01')).toBeNull();
    expect(parseBirthDate('Jan')).toBeNull();
  });
});
