import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { t } from '../i18n';
import { useSession } from '../session';

/** Sign in: the API sets the session cookie; no "Afmelden" here (nobody is signed in yet). */
export function LoginScreen() {
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [sso, setSso] = useState<{ label: string; loginUrl: string } | null>(null);
  const [params] = useSearchParams();
  // Back from the OpenID provider without a session: why, in Dutch.
  const ssoRefusal = params.get('sso');
  useEffect(() => void api.GET('/auth/methods').then(({ data }) => setSso(data?.sso ?? null)), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password) return setError(t.login.required);
    const result = await login(username, password);
    setError(result === 'ok' ? '' : result === 'wrong' ? t.login.wrong : result === 'throttled' ? t.login.throttled : t.errors.generic);
  };

  return (
    <Page title={t.login.title}>
      <form aria-label={t.login.title} noValidate onSubmit={(e) => void submit(e)}>
        <label htmlFor="username">{t.login.username}</label>
        <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">{t.login.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit">{t.login.submit}</button>
        <p className="error" role="alert">
          {error || (ssoRefusal ? (t.login.ssoRefused[ssoRefusal] ?? t.login.ssoRefused.failed) : '')}
        </p>
      </form>
      {sso && (
        <p>
          <a href={sso.loginUrl}>{t.login.ssoLink(sso.label)}</a>
        </p>
      )}
    </Page>
  );
}
