import { DataSource } from 'typeorm';
import type { AppConfig } from '../libs/config/config';
import { loadLeefloonAmounts } from '../libs/config/leefloon-amounts';
import type { DeadlineRule } from '../libs/deadlines/types';
import type { LeefloonAmountTable } from '../libs/payments/amounts';
import { createCouncilActivities } from './council/council.activities';
import { createDeadlineActivities } from './deadlines/deadline.activities';
import { createDebtMediationActivities } from './debt-mediation/debt-mediation.activities';
import { createDossierActivities } from './dossiers/dossier.activities';
import { createFigureActivities } from './figures/workload-snapshot.activities';
import { createHeatingActivities } from './heating/heating.activities';
import { createPlacementActivities } from './placement-costs/placement.activities';
import { createLoiActivities } from './loi/loi.activities';
import { createPlaceActivities } from './loi/places.activities';
import { createNoticeActivities } from './notices/notice.activities';
import { createPaymentActivities } from './payments/payment.activities';
import { createTaskActivities } from './tasks/task.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  /** The deadline catalogue in force (built-in rules + the legal officer's corrections). */
  catalogue: DeadlineRule[];
  config: AppConfig;
  /** The dated leefloon amounts in force; when absent, loaded from config.payments.amountsFile (validated). */
  amounts?: LeefloonAmountTable;
}

/** Activities belong to capabilities; each is idempotent on a business key, since Temporal runs them at least once. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDossierActivities(deps),
    ...createTaskActivities(deps),
    ...createDeadlineActivities(deps),
    ...createNoticeActivities(deps),
    ...createCouncilActivities(deps),
    ...createFigureActivities(deps),
    ...createDebtMediationActivities(deps),
    ...createLoiActivities(deps),
    ...createHeatingActivities(deps),
    ...createPlacementActivities(deps),
    ...createPlaceActivities(deps),
    ...createPaymentActivities({ ...deps, amounts: deps.amounts ?? loadLeefloonAmounts(deps.config.payments.amountsFile) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
