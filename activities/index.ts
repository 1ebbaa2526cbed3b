import { DataSource } from 'typeorm';
import type { AppConfig } from '../libs/config/config';
import type { DeadlineRule } from '../libs/deadlines/types';
import { createCouncilActivities } from './council/council.activities';
import { createDeadlineActivities } from './deadlines/deadline.activities';
import { createDossierActivities } from './dossiers/dossier.activities';
import { createNoticeActivities } from './notices/notice.activities';
import { createTaskActivities } from './tasks/task.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  /** The deadline catalogue in force (built-in rules + the legal officer's corrections). */
  catalogue: DeadlineRule[];
  config: AppConfig;
}

/** Activities belong to capabilities; each is idempotent on a business key, since Temporal runs them at least once. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDossierActivities(deps),
    ...createTaskActivities(deps),
    ...createDeadlineActivities(deps),
    ...createNoticeActivities(deps),
    ...createCouncilActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
