import { isDemoPassword, passwordProblems, passwordRules } from '../../../libs/auth/password-policy';

const local = passwordRules({ production: false, demoPassword: 'demo' });
const production = passwordRules({ production: true, demoPassword: 'demo' });
const codes = (password: string, rules = local, username?: string, userInputs: string[] = []) =>
  passwordProblems(password, rules, { path: '/password', username, userInputs }).map((e) => e.code);

describe('password policy', () => {
  it.each([
    ['Noorderlicht-Kade-42'],
    ['Kastanjelaan-Dertien-13'],
    ['correct paard batterij nietje'],
    ['Gent-Sint-Pieters-9'],
  ])('accepts %s', (password) => {
    expect(codes(password)).toEqual([]);
    expect(codes(password, production)).toEqual([]);
  });

  it.each([
    ['kort-maar-x', 'password-too-short'], // 11 characters
    ['abcabcabcabc', 'password-repeated'],
    ['Ab1!Ab1!Ab1!Ab1!', 'password-repeated'],
    ['aaaaaaaaaaaaaaaa', 'password-repeated'],
    ['Password1234!', 'password-weak'], // the common list, with the usual decorations
    ['wachtwoord1234', 'password-weak'], // a Dutch word with digits
    ['azertyuiop123', 'password-weak'], // a keyboard row (Belgian AZERTY)
    ['123456789012', 'password-weak'],
    ['Lange zin met é '.repeat(5), 'password-too-long'], // 80 characters, 85 bytes: bcrypt would read only 72
  ])('refuses %s: %s', (password, code) => {
    expect(codes(password)).toEqual([code]);
  });

  it('counts characters, not bytes, for the minimum', () => {
    expect(codes('Brûlé-Ça-Vé')).toEqual(['password-too-short']); // 11 characters, 14 bytes
  });

  it('refuses the username in the password', () => {
    expect(codes('Vuurtoren-Zeemeeuw-88', local, 'mpeeters', ['Marleen', 'Peeters'])).toEqual([]);
    expect(codes('zeemeeuw-MPEETERS-88', local, 'mpeeters', ['Marleen', 'Peeters'])).toEqual(['password-personal']);
  });

  it('explains in Dutch, at the path of the password', () => {
    const [weak] = passwordProblems('Password1234!', local, { path: '/newPassword' });
    expect(weak).toEqual({ path: '/newPassword', code: 'password-weak', message: expect.stringContaining('te makkelijk te raden') });
    expect(weak.message).toContain('Dit lijkt op een veelvoorkomend wachtwoord');
  });

  it('refuses a demo password in production, also a configured one', () => {
    expect(codes('demo', production)).toEqual(['password-demo']);
    expect(codes('DEMO', production)).toEqual(['password-demo']);
    const configured = passwordRules({ production: true, demoPassword: 'Demo-Wachtwoord-Ocmw-2026' });
    expect(codes('Demo-Wachtwoord-Ocmw-2026', configured)).toEqual(['password-demo']);
    expect(codes('demo', local)).toEqual(['password-too-short']); // locally only the seed sets it
    expect(isDemoPassword('demo', production)).toBe(true);
    expect(isDemoPassword('Noorderlicht-Kade-42', production)).toBe(false);
  });
});
