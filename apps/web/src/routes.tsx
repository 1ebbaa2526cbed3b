import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from './components/Page';
import type { Action } from '../../../libs/auth/permissions';
import type { Role } from '../../../libs/auth/roles';
import { t } from './i18n';
import { DossierScreen } from './screens/DossierScreen';
import { IntakeScreen } from './screens/IntakeScreen';
import { NewRequestScreen } from './screens/NewRequestScreen';
import { TaskScreen } from './screens/TaskScreen';
import { TasksScreen } from './screens/TasksScreen';
import { CouncilScreen } from './screens/CouncilScreen';
import { MeetingScreen } from './screens/MeetingScreen';
import { PaymentsScreen } from './screens/PaymentsScreen';
import { TeamScreen } from './screens/TeamScreen';
import { ClientsScreen } from './screens/ClientsScreen';
import { DossiersScreen } from './screens/DossiersScreen';
import { PersonScreen } from './screens/PersonScreen';
import { LoiScreen } from './screens/LoiScreen';

/**
 * The route table: every screen with its bookmarkable path under /app, and, for the main menu, its label and who
 * sees it (roles, or a permission of libs/auth/permissions.ts). Add a screen here (see apps/web/README.md).
 */
/** The figures bring chart.js: loaded only when the screen opens, so Mijn taken stays small. */
const FiguresScreen = lazy(() => import('./screens/FiguresScreen').then((m) => ({ default: m.FiguresScreen })));

export interface AppRoute {
  path: string;
  element: ReactNode;
  menu?: { label: string; roles?: readonly Role[]; permission?: Action };
}

export const ROUTES: AppRoute[] = [
  { path: 'taken', element: <TasksScreen />, menu: { label: t.menu.tasks, roles: ['social-worker', 'team-lead', 'council-secretary', 'finance'] } },
  { path: 'taken/:id', element: <TaskScreen /> },
  // Mijn dossiers; the team lead starts from the team's (a scope toggle on the screen)
  { path: 'dossiers', element: <DossiersScreen />, menu: { label: t.menu.dossiers, roles: ['social-worker', 'team-lead'] } },
  { path: 'dossiers/:id', element: <DossierScreen /> },
  // person:read with dossier work (the admin may read persons but has no clients)
  { path: 'clienten', element: <ClientsScreen />, menu: { label: t.menu.clients, roles: ['social-worker', 'team-lead'] } },
  { path: 'clienten/:id', element: <PersonScreen /> },
  { path: 'nieuwe-aanvraag', element: <NewRequestScreen />, menu: { label: t.menu.newRequest, permission: 'dossier:create' } },
  { path: 'intake', element: <IntakeScreen />, menu: { label: t.menu.intake, permission: 'intake:record' } },
  { path: 'team', element: <TeamScreen />, menu: { label: t.menu.team, roles: ['team-lead', 'admin'] } },
  { path: 'cijfers', element: <Suspense fallback={<Loading />}><FiguresScreen /></Suspense>, menu: { label: t.menu.figures, permission: 'figures:read' } },
  { path: 'bcsd', element: <CouncilScreen />, menu: { label: t.menu.council, permission: 'council:read' } },
  { path: 'bcsd/:id', element: <MeetingScreen /> },
  { path: 'loi', element: <LoiScreen />, menu: { label: t.menu.loi, permission: 'loi:read' } },
  { path: 'betalingen', element: <PaymentsScreen />, menu: { label: t.menu.payments, roles: ['finance'] } },
];
