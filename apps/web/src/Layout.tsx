import { NavLink, Outlet, useNavigate } from 'react-router';
import { t } from './i18n';
import { ROUTES } from './routes';
import { may, useSession, type User } from './session';

const menuFor = (user: User) =>
  ROUTES.filter((r) => r.menu && (r.menu.roles ? r.menu.roles.includes(user.role) : r.menu.permission ? may(user, r.menu.permission) : true));

/** Skip link, header with the role's main menu and "Afmelden", and the screen. Only for a signed-in user. */
export function Layout({ user }: { user: User }) {
  const { logout } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t.app.skipLink}
      </a>
      <header>
        <NavLink to="/taken" className="brand">
          {t.app.name}
        </NavLink>
        <nav aria-label={t.app.mainMenu}>
          {menuFor(user).map((r) => (
            <NavLink key={r.path} to={`/${r.path}`} end>
              {r.menu!.label}
            </NavLink>
          ))}
        </nav>
        <span id="who">{t.app.who(user)}</span>
        <button
          id="logout"
          type="button"
          onClick={() => {
            void logout().then(() => navigate('/aanmelden')); // navigation after the cookie is cleared
          }}
        >
          {t.app.logout}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
