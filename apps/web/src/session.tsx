import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { scopeOf, type Action } from '../../../libs/auth/permissions';
import { isRole, type Role } from '../../../libs/auth/roles';
import { api, setCsrfToken, whenUnauthorized } from './api/client';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  team: string;
}

interface Session {
  user: User | null;
  /** false until GET /auth/me answered (a reload keeps the cookie: the user is signed in again without a form). */
  ready: boolean;
  login(username: string, password: string): Promise<'ok' | 'wrong' | 'throttled' | 'error'>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** May the signed-in user do `action` at all (the permission matrix, libs/auth/permissions.ts; the API decides anyway)? */
export const may = (user: User | null, action: Action) => !!user && scopeOf(user.role, action) !== 'none';

const asUser = (u: { id: string; username: string; displayName: string; role: string; team: string }): User | null =>
  isRole(u.role) ? { id: u.id, username: u.username, displayName: u.displayName, role: u.role, team: u.team } : null;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  const me = useCallback(async () => {
    const { data } = await api.GET('/auth/me');
    setCsrfToken(data?.csrfToken ?? null);
    setUser(data ? asUser(data) : null);
    setReady(true);
  }, []);

  useEffect(() => {
    whenUnauthorized(() => {
      setCsrfToken(null);
      setUser(null);
    });
    void me(); // the first answer decides between the login screen and the app
  }, [me]);

  const login = useCallback<Session['login']>(
    async (username, password) => {
      const { response } = await api.POST('/auth/login', { body: { username, password, cookie: true } });
      if (response.status === 401 || response.status === 400) return 'wrong';
      if (response.status === 429) return 'throttled';
      if (!response.ok) return 'error';
      await me();
      return 'ok';
    },
    [me],
  );

  const logout = useCallback(async () => {
    await api.POST('/auth/logout');
    setCsrfToken(null);
    setUser(null);
  }, []);

  return <SessionContext.Provider value={{ user, ready, login, logout }}>{children}</SessionContext.Provider>;
}
