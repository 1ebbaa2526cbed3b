import { types } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1764360000000 } from './migrations/1764360000000-initial-schema';
import { DeadlineEngine1764400000000 } from './migrations/1764400000000-deadline-engine';
import { Payments1764500000000 } from './migrations/1764500000000-payments';
import { Notices1764500000001 } from './migrations/1764500000001-notices';
import { Council1764500000002 } from './migrations/1764500000002-council';
import { TokenVersion1764600000000 } from './migrations/1764600000000-token-version';
import { LoginAttempts1764600000001 } from './migrations/1764600000001-login-attempts';
import { CouncilMovesAndOutbox1764700000000 } from './migrations/1764700000000-council-moves-and-outbox';
import { DeadlineInformative1764650000000 } from './migrations/1764650000000-deadline-informative';
import { Parties1764800000000 } from './migrations/1764800000000-parties';
import { PersonsWithoutNationalNumber1764810000000 } from './migrations/1764810000000-persons-without-national-number';
import { ExternalEvents1764910000000 } from './migrations/1764910000000-external-events';
import { PayeesAndPayments1764900000000 } from './migrations/1764900000000-payees-and-payments';
import { DossierLinksAndPersons1764920000000 } from './migrations/1764920000000-dossier-links-and-persons';
import { Documents1765000000000 } from './migrations/1765000000000-documents';
import { CaseNotes1765010000000 } from './migrations/1765010000000-case-notes';
import { Referrals1765010000001 } from './migrations/1765010000001-referrals';
import { PersonSearch1765020000000 } from './migrations/1765020000000-person-search';
import { Figures1765030000000 } from './migrations/1765030000000-figures';
import { TaskDrafts1765050000000 } from './migrations/1765050000000-task-drafts';
import { ReferralPartnerKinds1765070000000 } from './migrations/1765070000000-referral-partner-kinds';
import { BudgetInventory1765110000000 } from './migrations/1765110000000-budget-inventory';
import { BudgetManagement1765120000000 } from './migrations/1765120000000-budget-management';
import { CreditorLetters1765130000000 } from './migrations/1765130000000-creditor-letters';
import { CsrFiles1765140000000 } from './migrations/1765140000000-csr-files';
import { ObligationsWithoutDossier1765150000000 } from './migrations/1765150000000-obligations-without-dossier';
import { PartnerAnswers1765170000000 } from './migrations/1765170000000-partner-answers';
import { TaskRequiredFields1765180000000 } from './migrations/1765180000000-task-required-fields';
import { PayingBodies1765190000000 } from './migrations/1765190000000-paying-bodies';
import { Banks1765200000000 } from './migrations/1765200000000-banks';
import { MaintenanceDebtors1765210000000 } from './migrations/1765210000000-maintenance-debtors';
import { AuditChain1765220000000 } from './migrations/1765220000000-audit-chain';
import { PrivatePartyTeam1765230000000 } from './migrations/1765230000000-private-party-team';
import { UserIdentities1765240000000 } from './migrations/1765240000000-user-identities';
import { LoiPlaces1765160000000 } from './migrations/1765160000000-loi-places';

// Legal dates are calendar dates: keep PostgreSQL `date` values as 'YYYY-MM-DD' strings, never local-midnight Dates.
types.setTypeParser(1082, (value: string) => value);

export const MIGRATIONS = [InitialSchema1764360000000, DeadlineEngine1764400000000, Payments1764500000000, Notices1764500000001, Council1764500000002,
  TokenVersion1764600000000, LoginAttempts1764600000001, DeadlineInformative1764650000000, CouncilMovesAndOutbox1764700000000,
  Parties1764800000000, PersonsWithoutNationalNumber1764810000000, PayeesAndPayments1764900000000, ExternalEvents1764910000000,
  DossierLinksAndPersons1764920000000, Documents1765000000000, CaseNotes1765010000000, Referrals1765010000001,
  PersonSearch1765020000000, Figures1765030000000, TaskDrafts1765050000000, ReferralPartnerKinds1765070000000,
  BudgetInventory1765110000000, BudgetManagement1765120000000, CreditorLetters1765130000000, CsrFiles1765140000000,
  ObligationsWithoutDossier1765150000000, LoiPlaces1765160000000, PartnerAnswers1765170000000, TaskRequiredFields1765180000000, PayingBodies1765190000000,
  Banks1765200000000, MaintenanceDebtors1765210000000, AuditChain1765220000000,
  PrivatePartyTeam1765230000000, UserIdentities1765240000000];

/** The one data source definition, shared by the api, the worker, the migration CLI and the tests. */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: options.poolSize ?? 10 },
  });
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const done = await dataSource.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
}
