import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading, Page } from './components/Page';
import { t } from './i18n';
import { Layout } from './Layout';
import { CatalogueProvider } from './procedures';
import { ROUTES } from './routes';
import { LoginScreen } from './screens/LoginScreen';
import { useSession } from './session';

function NotFound() {
  return (
    <Page title={t.notFound.title}>
      <p>{t.notFound.text}</p>
    </Page>
  );
}

function AppRoutes() {
  const { user, ready } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) {
    return (
      <Routes>
        <Route path="/aanmelden" element={<main id="main" tabIndex={-1}><LoginScreen /></main>} />
        <Route path="*" element={<Navigate to="/aanmelden" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    <CatalogueProvider>
      <Routes>
        <Route element={<Layout user={user} />}>
          <Route index element={<Navigate to="/taken" replace />} />
          <Route path="aanmelden" element={<Navigate to="/taken" replace />} />
          {ROUTES.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </CatalogueProvider>
  );
}

export function App() {
  return (
    <BrowserRouter basename="/app">
      <AppRoutes />
    </BrowserRouter>
  );
}
