import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { JUDICIAL_MONTH_END_READINGS, JudicialMonthEnd } from '../deadlines/types';
import { DEFAULT_RETENTION_TEXT, parseRetentionPolicy, type RetentionPolicy } from '../domain/audit-retention-policy';
import { newPayloadKey, parsePayloadKeys, PayloadKeys } from '../temporal/payload-codec';

/**
 * The one validated configuration object. Every process reads the environment here, once, and nowhere else.
 * A bad value stops the start with a ConfigError naming every bad key.
 */
export interface AppConfig {
  production: boolean;
  /**
   * The keys of the Temporal payload encryption (libs/temporal/payload-codec.ts): OCMW_PAYLOAD_KEYS (`id:base64,…`, the
   * first current) or OCMW_PAYLOAD_KEY_FILE (the same text in a file); required in production. Null in the local default
   * until ensureTokenSecret generates one in the data folder.
   */
  payloadKeys: PayloadKeys | null;
  port: number;
  /** The interface the API listens on: loopback unless configured (docker-compose sets 0.0.0.0 in its containers). */
  bindAddress: string;
  dataDir: string;
  /** null: start the embedded PostgreSQL under dataDir (local default). */
  databaseUrl: string | null;
  /**
   * DATABASE_OWNER_URL: the role that owns the schema and runs the migrations (the API and the CLIs; the worker needs
   * none); DATABASE_URL is then the application's role, granted rows only (libs/db/roles.ts). Without it the
   * migrations run on DATABASE_URL — and in production the API and the worker refuse to start on a role that owns
   * tables or may change the audit trail (checkApplicationRole), so production runs with two roles.
   */
  databaseOwnerUrl: string | null;
  /**
   * The audit checkpoints' signing keys (libs/db/audit-retention.ts): OCMW_AUDIT_CHECKPOINT_KEYS, `id:base64,…` of 32
   * random bytes, the first current (the payload keys' format). Required by the retention in production; the local
   * default generates one in the data folder (ensureAuditCheckpointKeys).
   */
  auditCheckpointKeys: PayloadKeys | null;
  /** OCMW_AUDIT_RETENTION: days per kind of event, `default=3650,auth.*=365` [U]. */
  auditRetention: RetentionPolicy;
  /** OCMW_AUDIT_ARCHIVE_AFTER_DAYS: links chained longer ago are archived behind a checkpoint (default 90) [U]. */
  auditArchiveAfterDays: number;
  /** OCMW_AUDIT_ARCHIVE_DIR: where the archived segments go (default <data folder>/audit-archive; production: WORM storage). */
  auditArchiveDir: string;
  /** OCMW_AUDIT_CHAIN_INTERVAL_SECONDS: how often the worker links new audit events into the hash chain (default 5). */
  auditChainIntervalSeconds: number;
  embeddedPostgresPort: number;
  /** null: start the Temporal dev server under dataDir (local default). */
  temporalAddress: string | null;
  temporalPort: number;
  temporalUiPort: number;
  temporalNamespace: string;
  taskQueue: string;
  tokenSecret: string;
  tokenTtlMinutes: number;
  /** The web session cookie's Secure attribute: null = when the request came over https (req.secure). */
  secureCookie: boolean | null;
  /** Single sign-on with an OpenID Connect provider (authorization code + PKCE) beside local users; null = local only. */
  oidc: OidcConfig | null;
  /** Failed logins counted in PostgreSQL (so the limits hold across API processes); see the README. */
  login: {
    /** Failures for one username within the window that lock that username. */
    maxFailuresPerUser: number;
    /** Failures from one address within the window that lock that address (every username). */
    maxFailuresPerAddress: number;
    windowMinutes: number;
    /** How long a lock lasts after the failure that set it. */
    lockoutMinutes: number;
  };
  demoPassword: string;
  seedDemoData: boolean;
  /** Days before a legal deadline at which the team lead is warned. */
  deadlineWarningDays: number;
  /** A legal officer's corrections to the deadline catalogue (JSON); null: the built-in catalogue. */
  deadlineRulesFile: string | null;
  /**
   * Art. 54 Ger.W. for a judicial month term whose act falls on the last day of its month (OCMW_JUDICIAL_MONTH_END):
   * 'last-day' (default, shared/domain/ocmw-procedures.md §0.3: the last day of the month N months later) or
   * 'same-day' (the act's day number). A documented configuration choice, named in every explanation it affects.
   */
  deadlineJudicialMonthEnd: JudicialMonthEnd;
  /**
   * [U] SA-6: the days within which the Wet 1965 forms (A, B1, C) go to POD MI (OCMW_WET1965_FORM_DAYS; a 45-day rule is
   * widely cited but unconfirmed, §2.2). null: the catalogue's value (45, or a legal officer's correction of SA-6).
   */
  wet1965FormDays: number | null;
  /**
   * [U] SA-9: the calendar days after the notification of a final negative asylum decision until social aid ends
   * (OCMW_ASYLUM_END_OF_AID_DAYS). null: the catalogue's value (30, or a legal officer's correction of SA-9).
   */
  asylumEndOfAidDays: number | null;
  /**
   * PB-1, no legal term: the OCMW's service norm, the working days from a counselling request to the intake
   * conversation (OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS). null: the catalogue's value (10).
   */
  counsellingFirstAppointmentDays: number | null;
  /**
   * [U] §3: the date from which the OCMW is recognised as an institution for debt mediation (decree of 24 July 1996;
   * OCMW_DEBT_MEDIATION_RECOGNISED_SINCE, YYYY-MM-DD). null (default): not recognised, so no amicable mediation.
   */
  debtMediationRecognisedSince: string | null;
  /**
   * Budget management (domain §3.1 steps 5–6), local policy [U]: the ISO weekday (1 Monday … 7 Sunday) the weekly living
   * money is paid (OCMW_LEEFGELD_WEEKDAY, default 1), the months between two evaluation interviews with the client
   * (OCMW_DEBT_EVALUATION_MONTHS, default 3) and the calendar days a creditor has to answer a letter before its one
   * reminder, and again after it (OCMW_CREDITOR_ANSWER_DAYS, default 21). A recognised OCMW submits its annual report to
   * the Flemish department by 31 March (DEBT-1): the team whose lead sees that clock and submits it
   * (OCMW_DEBT_REPORT_TEAM, default "demo", the local default's one team).
   */
  debtMediation: { leefgeldWeekday: number; evaluationMonths: number; creditorAnswerDays: number; reportTeam: string };
  /**
   * The LOI (domain §4, libs/payments/loi-leefgeld.ts): the OCMW's dated leefgeld scale, a JSON file
   * (OCMW_LOI_LEEFGELD_SCALE_FILE; absent: the indicative built-in scale, [U]), and the months a recognised resident may
   * stay after the positive decision (LOI-5 "45 days – 2 months", extensions [U]: OCMW_LOI_TRANSITION_MONTHS, default 2).
   * The leefgeld is paid on OCMW_LEEFGELD_WEEKDAY like budget management's. Fedasil's dated rates per place and day
   * for the monthly claim (form I): OCMW_LOI_CLAIM_RATES_FILE (absent: placeholder rates, [U]). Fedasil's address on
   * the OCMW's letters to it (the LOI-7 notice): OCMW_FEDASIL_ADDRESS.
   */
  loiResidency: { leefgeldScaleFile: string | null; transitionMonths: number; claimRatesFile: string | null; fedasilAddress: string };
  /**
   * The rent guarantee (domain §6): the calendar days after an instalment's due day before the client is reminded of it
   * (OCMW_INSTALMENT_GRACE_DAYS; [U] local practice, no rule in the domain reference).
   */
  rentGuarantee: { instalmentGraceDays: number };
  /**
   * The heating allowance (domain §7, libs/domain/heating-allowance.ts): the Sociaal Verwarmingsfonds' dated scale, a
   * JSON file (OCMW_HEATING_SCALE_FILE: an array of versions {validFrom, brackets, maxLitresPerYear, pumpFlatCents,
   * incomeLimitCents, perDependantCents, source, reference}) that replaces the built-in one ([U] in part).
   */
  heating: { scaleFile: string | null };
  /**
   * The contribution to placement costs (domain §11, libs/domain/placement-costs.ts): the dated legal minimum pocket
   * money (OCMW_POCKET_MONEY_FILE: an array of {validFrom, yearlyCents, source}, replacing the built-in € 1.337,31 of
   * 1 November 2022), the OCMW's monthly top-up (OCMW_POCKET_MONEY_TOP_UP_CENTS, [U] local, default 0) and its savings
   * ceilings for a single resident and a couple (OCMW_SAVINGS_CEILING_SINGLE_CENTS / _COUPLE_CENTS, [U] local; defaults
   * € 3.750 and € 6.250 as seen at Zonnebeke, [V-sec]).
   */
  placementCosts: { pocketMoneyFile: string | null; pocketMoneyTopUpCents: number; savingsCeilingSingleCents: number; savingsCeilingCoupleCents: number; maintenanceScaleFile: string | null; maintenanceDebtorReplyDays: number };
  /**
   * The OCMWs competence names (libs/domain/ocmw-directory.ts): the import file OCMW_DIRECTORY_FILE (CSV
   * nisCode;name;address;enterpriseNumber), absent: the demo list. This OCMW is `ocmw.nisCode`.
   */
  ocmwDirectoryFile: string | null;
  /**
   * [U] A request another OCMW forwarded: do this OCMW's clocks run from the request's date there (`original`,
   * default) or from the day it arrived here (`receipt`)? OCMW_FORWARDED_REQUEST_CLOCKS (issue 14).
   */
  forwardedRequestClocks: 'original' | 'receipt';
  /**
   * [U] Do the 5 working days of the competence conflict (CO-2: this OCMW to POD MI; CO-3: POD MI's provisional
   * designation) count Saturday? The source says "jours ouvrables"; OCMW_CONFLICT_SATURDAY: `excluded` (default,
   * Monday–Friday as the catalogue counts) or `included` (Monday–Saturday). Legal holidays never count.
   */
  conflictSaturday: 'excluded' | 'included';
  /** Europe/Brussels is where legal dates are counted; kept configurable for tests only. */
  timeZone: string;
  /** The OCMW itself: on letters, POD MI forms and as the debtor of SEPA payments. */
  ocmw: {
    name: string;
    address: string;
    enterpriseNumber: string;
    nisCode: string;
    iban: string;
    bic: string;
  };
  /** The competent labour court, named in every decision letter (§0.2): without it the appeal term does not start. */
  labourCourtAddress: string;
  notices: {
    /** null: e-mail notices stay in the outbox (no SMTP server configured). */
    smtpUrl: string | null;
    mailFrom: string;
    /** Ger.W. art. 53bis [U]: a registered letter counts as received this many working days after posting. */
    registeredMailWorkingDays: number;
    documentReminderDays: number;
    partnerReminderDays: number;
  };
  payments: {
    /** Day of the month monthly payments are made (moved earlier over a weekend or legal holiday). */
    payday: number;
    /** A legal officer's corrections to the dated leefloon amounts (JSON); null: the built-in table. */
    amountsFile: string | null;
  };
  /** Uploaded documents (libs/documents): where their bytes are kept, and how large one may be. */
  documents: {
    /** 'fs' (default): files under dataDir/documents; 's3': an S3-compatible bucket (MinIO in docker-compose). */
    store: 'fs' | 's3';
    /** The folder of the filesystem store. */
    dir: string;
    /** The largest file accepted (OCMW_DOCUMENT_MAX_BYTES, default 10 MB): larger is 413. */
    maxBytes: number;
    /** The S3-compatible store (OCMW_DOCUMENT_STORE=s3): null for the filesystem store. */
    s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } | null;
  };
  /**
   * The bank statements of budget-management accounts (POST /dossiers/:id/budget-account/statements): the CSV export
   * of the OCMW's bank, its columns named by their header (OCMW_BANK_CSV_*; see README "Configuration").
   */
  bankCsv: BankCsvConfig;
  /** House rules of the BCSD (Bijzonder Comité voor de Sociale Dienst). */
  council: {
    rhythm: 'weekly' | 'biweekly' | 'monthly';
    /** ISO weekday of the sessions: 1 = Monday … 7 = Sunday. */
    weekday: number;
    /** For monthly sessions: which occurrence of the weekday in the month (1–4). */
    weekOfMonth: number;
    /** A date of a session, anchoring the biweekly rhythm. */
    anchorDate: string;
    time: string;
    place: string;
    /** Agenda cut-off: session date minus these calendar days (8, or 5 by the house rules). */
    noticeDays: number;
    /** Sessions the calendar keeps generated ahead. */
    monthsAhead: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export const BANK_CSV_DATE_FORMATS = ['DD/MM/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'] as const;
export type BankCsvDateFormat = (typeof BANK_CSV_DATE_FORMATS)[number];

export interface BankCsvConfig {
  /** The field separator (OCMW_BANK_CSV_DELIMITER, default ';'). */
  delimiter: string;
  /** The header of each column the import reads. */
  columns: {
    date: string;
    amount: string;
    reference: string;
    counterpartyIban: string;
    counterpartyName: string;
    description: string;
    /** The account the row is booked on; null: every row is the dossier's budget-management account. */
    account: string | null;
  };
  dateFormat: BankCsvDateFormat;
  /** ',' (default: "1.314,20", the point groups thousands) or '.' ("1,314.20"). */
  decimalSeparator: ',' | '.';
  /** The largest file accepted (OCMW_BANK_CSV_MAX_BYTES, default 2 MB): larger is 413. */
  maxBytes: number;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: { key: string; message: string }[] = [];
  const str = (key: string, fallback: string): string => {
    const v = env[key];
    if (v === undefined || v === '') return fallback;
    return v;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
      problems.push({ key, message: `must be a whole number from ${min} to ${max}, got "${raw}"` });
      return fallback;
    }
    return Number(raw);
  };
  const oneOf = <T extends string>(key: string, values: readonly T[], fallback: T): T => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      problems.push({ key, message: `must be one of ${values.join(', ')}, got "${raw}"` });
      return fallback;
    }
    return raw as T;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push({ key, message: `must be true or false, got "${raw}"` });
    return fallback;
  };

  const nodeEnv = str('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push({ key: 'NODE_ENV', message: `must be development, production or test, got "${nodeEnv}"` });
  }
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(str('OCMW_DATA_DIR', './.data'));

  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    problems.push({ key: 'DATABASE_URL', message: 'must be a postgres:// or postgresql:// URL' });
  }
  const databaseOwnerUrl = env.DATABASE_OWNER_URL ? env.DATABASE_OWNER_URL : null;
  if (databaseOwnerUrl !== null && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseOwnerUrl)) {
    problems.push({ key: 'DATABASE_OWNER_URL', message: 'must be a postgres:// or postgresql:// URL' });
  } else if (databaseOwnerUrl !== null && databaseUrl === null) {
    problems.push({ key: 'DATABASE_OWNER_URL', message: 'goes with DATABASE_URL (the application role); the embedded PostgreSQL makes both itself' });
  }
  let auditCheckpointKeys: PayloadKeys | null = null;
  if (env.OCMW_AUDIT_CHECKPOINT_KEYS) {
    const parsed = parsePayloadKeys(env.OCMW_AUDIT_CHECKPOINT_KEYS);
    for (const message of parsed.problems) problems.push({ key: 'OCMW_AUDIT_CHECKPOINT_KEYS', message });
    auditCheckpointKeys = parsed.keys ?? null;
  }
  const retention = parseRetentionPolicy(env.OCMW_AUDIT_RETENTION || DEFAULT_RETENTION_TEXT);
  for (const message of retention.problems) problems.push({ key: 'OCMW_AUDIT_RETENTION', message });
  const temporalAddress = env.TEMPORAL_ADDRESS ? env.TEMPORAL_ADDRESS : null;
  if (temporalAddress !== null && !/^[\w.-]+:\d{1,5}$/.test(temporalAddress)) {
    problems.push({ key: 'TEMPORAL_ADDRESS', message: 'must be host:port, e.g. 127.0.0.1:7233' });
  }
  const bankDelimiter = str('OCMW_BANK_CSV_DELIMITER', ';');
  if (bankDelimiter.length !== 1 || /[\r\n"]/.test(bankDelimiter)) {
    problems.push({ key: 'OCMW_BANK_CSV_DELIMITER', message: `must be one character (not a quote or a line break), got "${bankDelimiter}"` });
  }
  const bankDateFormat = str('OCMW_BANK_CSV_DATE_FORMAT', 'DD/MM/YYYY');
  if (!(BANK_CSV_DATE_FORMATS as readonly string[]).includes(bankDateFormat)) {
    problems.push({ key: 'OCMW_BANK_CSV_DATE_FORMAT', message: `must be one of ${BANK_CSV_DATE_FORMATS.join(', ')}, got "${bankDateFormat}"` });
  }
  const bankDecimal = str('OCMW_BANK_CSV_DECIMAL_SEPARATOR', ',');
  if (![',', '.'].includes(bankDecimal)) {
    problems.push({ key: 'OCMW_BANK_CSV_DECIMAL_SEPARATOR', message: `must be "," or ".", got "${bankDecimal}"` });
  }
  const debtMediationRecognisedSince = env.OCMW_DEBT_MEDIATION_RECOGNISED_SINCE ? env.OCMW_DEBT_MEDIATION_RECOGNISED_SINCE.trim() : null;
  if (debtMediationRecognisedSince !== null && !/^\d{4}-\d{2}-\d{2}$/.test(debtMediationRecognisedSince)) {
    problems.push({ key: 'OCMW_DEBT_MEDIATION_RECOGNISED_SINCE', message: `must be a date YYYY-MM-DD, got "${debtMediationRecognisedSince}"` });
  }
  const timeZone = str('OCMW_TIME_ZONE', 'Europe/Brussels');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push({ key: 'OCMW_TIME_ZONE', message: `unknown time zone "${timeZone}"` });
  }

  let payloadKeys: PayloadKeys | null = null;
  const keyFile = env.OCMW_PAYLOAD_KEY_FILE ? path.resolve(env.OCMW_PAYLOAD_KEY_FILE) : null;
  const keyText = env.OCMW_PAYLOAD_KEYS ?? (keyFile && fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8') : null);
  if (env.OCMW_PAYLOAD_KEYS && keyFile) {
    problems.push({ key: 'OCMW_PAYLOAD_KEY_FILE', message: 'is set together with OCMW_PAYLOAD_KEYS: set one of them' });
  } else if (keyFile && keyText === null) {
    problems.push({ key: 'OCMW_PAYLOAD_KEY_FILE', message: `no such file: ${keyFile}` });
  } else if (keyText !== null) {
    const parsed = parsePayloadKeys(keyText);
    for (const message of parsed.problems) problems.push({ key: keyFile ? 'OCMW_PAYLOAD_KEY_FILE' : 'OCMW_PAYLOAD_KEYS', message });
    payloadKeys = parsed.keys ?? null;
  } else if (production) {
    problems.push({ key: 'OCMW_PAYLOAD_KEYS', message: 'is required when NODE_ENV=production: id:base64 of 32 random bytes (see README, Payload encryption)' });
  }
  let tokenSecret = env.OCMW_TOKEN_SECRET ?? '';
  if (tokenSecret !== '' && tokenSecret.length < 32) {
    problems.push({ key: 'OCMW_TOKEN_SECRET', message: 'must be at least 32 characters' });
  } else if (tokenSecret === '' && production) {
    problems.push({ key: 'OCMW_TOKEN_SECRET', message: 'is required when NODE_ENV=production (at least 32 characters)' });
  }

  if (production && env.OCMW_DEMO_PASSWORD) {
    problems.push({ key: 'OCMW_DEMO_PASSWORD', message: 'has no place in production: there are no demo users, and a demo password is refused there' });
  }

  const enterpriseNumber = (env.OCMW_ENTERPRISE_NUMBER ?? '0207123407').replace(/[^0-9]/g, '');
  if (!/^[01]\d{9}$/.test(enterpriseNumber) || 97 - (Number(enterpriseNumber.slice(0, 8)) % 97) !== Number(enterpriseNumber.slice(8))) {
    problems.push({ key: 'OCMW_ENTERPRISE_NUMBER', message: 'must be a valid KBO enterprise number (10 digits, mod-97 check)' });
  }
  const nisCode = str('OCMW_NIS_CODE', '44021');
  if (!/^\d{5}$/.test(nisCode)) problems.push({ key: 'OCMW_NIS_CODE', message: 'must be the 5-digit NIS code of the municipality' });
  const iban = str('OCMW_IBAN', 'BE48001123456727').replace(/\s/g, '').toUpperCase();
  if (!/^BE\d{14}$/.test(iban) || !ibanMod97(iban)) problems.push({ key: 'OCMW_IBAN', message: 'must be a valid Belgian IBAN of the OCMW (debtor account of payments)' });
  const bic = str('OCMW_BIC', 'GEBABEBB');
  if (!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) problems.push({ key: 'OCMW_BIC', message: 'must be a BIC (8 or 11 characters)' });
  const labourCourtAddress = env.OCMW_LABOUR_COURT_ADDRESS ?? (production ? '' : 'Arbeidsrechtbank Gent, afdeling Gent, Opgeëistenlaan 401 E, 9000 Gent');
  if (!labourCourtAddress.trim()) problems.push({ key: 'OCMW_LABOUR_COURT_ADDRESS', message: 'is required in production: decision letters must name the competent labour court' });
  const smtpUrl = env.SMTP_URL ? env.SMTP_URL : null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push({ key: 'SMTP_URL', message: 'must be smtp://host:port or smtps://…' });
  const rhythm = str('OCMW_COUNCIL_RHYTHM', 'weekly');
  if (!['weekly', 'biweekly', 'monthly'].includes(rhythm)) problems.push({ key: 'OCMW_COUNCIL_RHYTHM', message: 'must be weekly, biweekly or monthly' });
  const councilTime = str('OCMW_COUNCIL_TIME', '19:00');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(councilTime)) problems.push({ key: 'OCMW_COUNCIL_TIME', message: 'must be HH:MM' });
  const anchorDate = str('OCMW_COUNCIL_ANCHOR_DATE', '2026-01-06');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(anchorDate) || Number.isNaN(Date.parse(`${anchorDate}T00:00:00Z`))) {
    problems.push({ key: 'OCMW_COUNCIL_ANCHOR_DATE', message: 'must be a date YYYY-MM-DD' });
  }
  const noticeDays = int('OCMW_COUNCIL_NOTICE_DAYS', 8, 1, 30);
  const bindAddress = str('OCMW_BIND_ADDRESS', '127.0.0.1');
  if (net.isIP(bindAddress) === 0 && bindAddress !== 'localhost') {
    problems.push({ key: 'OCMW_BIND_ADDRESS', message: `must be an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got "${bindAddress}"` });
  }
  const judicialMonthEnd = str('OCMW_JUDICIAL_MONTH_END', 'last-day');
  if (!JUDICIAL_MONTH_END_READINGS.includes(judicialMonthEnd as JudicialMonthEnd)) {
    problems.push({ key: 'OCMW_JUDICIAL_MONTH_END', message: `must be ${JUDICIAL_MONTH_END_READINGS.join(' or ')}, got "${judicialMonthEnd}"` });
  }
  const documentStore = str('OCMW_DOCUMENT_STORE', 'fs');
  if (!['fs', 's3'].includes(documentStore)) problems.push({ key: 'OCMW_DOCUMENT_STORE', message: `must be fs or s3, got "${documentStore}"` });
  let s3: AppConfig['documents']['s3'] = null;
  if (documentStore === 's3') {
    const required = (key: string) => {
      const v = env[key] ?? '';
      if (v === '') problems.push({ key, message: 'is required when OCMW_DOCUMENT_STORE=s3' });
      return v;
    };
    const endpoint = required('OCMW_S3_ENDPOINT');
    if (endpoint !== '' && !/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push({ key: 'OCMW_S3_ENDPOINT', message: 'must be an http:// or https:// URL' });
    s3 = { endpoint, bucket: required('OCMW_S3_BUCKET'), region: str('OCMW_S3_REGION', 'us-east-1'), accessKeyId: required('OCMW_S3_ACCESS_KEY'), secretAccessKey: required('OCMW_S3_SECRET_KEY') };
  }
  const core = {
    production,
    payloadKeys,
    port: int('PORT', 3000, 0, 65535),
    bindAddress,
    dataDir,
    databaseUrl,
    databaseOwnerUrl,
    auditCheckpointKeys,
    auditRetention: retention.policy ?? parseRetentionPolicy(DEFAULT_RETENTION_TEXT).policy!,
    auditArchiveAfterDays: int('OCMW_AUDIT_ARCHIVE_AFTER_DAYS', 90, 1, 36500),
    auditArchiveDir: path.resolve(env.OCMW_AUDIT_ARCHIVE_DIR || path.join(dataDir, 'audit-archive')),
    auditChainIntervalSeconds: int('OCMW_AUDIT_CHAIN_INTERVAL_SECONDS', 5, 1, 3600),
    embeddedPostgresPort: int('OCMW_EMBEDDED_PG_PORT', 5433, 1, 65535),
    temporalAddress,
    temporalPort: int('TEMPORAL_PORT', 7233, 1, 65535),
    temporalUiPort: int('TEMPORAL_UI_PORT', 8233, 1, 65535),
    temporalNamespace: str('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: str('TEMPORAL_TASK_QUEUE', 'ocmw-flow'),
    tokenSecret,
    tokenTtlMinutes: int('OCMW_TOKEN_TTL_MINUTES', 480, 1, 7 * 24 * 60),
    secureCookie: env.OCMW_SECURE_COOKIE === undefined || env.OCMW_SECURE_COOKIE === 'auto' ? null : bool('OCMW_SECURE_COOKIE', true),
    oidc: oidcConfigOf(env, production, problems),
    login: {
      maxFailuresPerUser: int('OCMW_LOGIN_MAX_FAILURES_PER_USER', 5, 1, 100),
      maxFailuresPerAddress: int('OCMW_LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 10_000),
      windowMinutes: int('OCMW_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
      lockoutMinutes: int('OCMW_LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    },
    demoPassword: str('OCMW_DEMO_PASSWORD', 'demo'),
    seedDemoData: bool('OCMW_SEED_DEMO', !production) && !production,
    deadlineWarningDays: int('OCMW_DEADLINE_WARNING_DAYS', 7, 0, 60),
    deadlineRulesFile: env.OCMW_DEADLINE_RULES_FILE ? path.resolve(env.OCMW_DEADLINE_RULES_FILE) : null,
    deadlineJudicialMonthEnd: judicialMonthEnd as JudicialMonthEnd,
    wet1965FormDays: env.OCMW_WET1965_FORM_DAYS ? int('OCMW_WET1965_FORM_DAYS', 45, 1, 365) : null,
    asylumEndOfAidDays: env.OCMW_ASYLUM_END_OF_AID_DAYS ? int('OCMW_ASYLUM_END_OF_AID_DAYS', 30, 1, 365) : null,
    counsellingFirstAppointmentDays: env.OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS ? int('OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS', 10, 1, 60) : null,
    debtMediationRecognisedSince,
    debtMediation: {
      leefgeldWeekday: int('OCMW_LEEFGELD_WEEKDAY', 1, 1, 7),
      evaluationMonths: int('OCMW_DEBT_EVALUATION_MONTHS', 3, 1, 24),
      creditorAnswerDays: int('OCMW_CREDITOR_ANSWER_DAYS', 21, 1, 180),
      reportTeam: str('OCMW_DEBT_REPORT_TEAM', 'demo'),
    },
    loiResidency: {
      leefgeldScaleFile: env.OCMW_LOI_LEEFGELD_SCALE_FILE ? path.resolve(env.OCMW_LOI_LEEFGELD_SCALE_FILE) : null,
      transitionMonths: int('OCMW_LOI_TRANSITION_MONTHS', 2, 1, 12),
      claimRatesFile: env.OCMW_LOI_CLAIM_RATES_FILE ? path.resolve(env.OCMW_LOI_CLAIM_RATES_FILE) : null,
      fedasilAddress: str('OCMW_FEDASIL_ADDRESS', 'Kartuizersstraat 19-21, 1000 Brussel'),
    },
    rentGuarantee: { instalmentGraceDays: int('OCMW_INSTALMENT_GRACE_DAYS', 10, 0, 60) },
    placementCosts: {
      pocketMoneyFile: env.OCMW_POCKET_MONEY_FILE ? path.resolve(env.OCMW_POCKET_MONEY_FILE) : null,
      pocketMoneyTopUpCents: int('OCMW_POCKET_MONEY_TOP_UP_CENTS', 0, 0, 100_000),
      savingsCeilingSingleCents: int('OCMW_SAVINGS_CEILING_SINGLE_CENTS', 375_000, 0, 100_000_000),
      savingsCeilingCoupleCents: int('OCMW_SAVINGS_CEILING_COUPLE_CENTS', 625_000, 0, 100_000_000),
      maintenanceScaleFile: env.OCMW_MAINTENANCE_SCALE_FILE ? path.resolve(env.OCMW_MAINTENANCE_SCALE_FILE) : null,
      // [U] local practice: the days a maintenance debtor has to send the tax assessment before the reminder.
      maintenanceDebtorReplyDays: int('OCMW_MAINTENANCE_DEBTOR_REPLY_DAYS', 30, 7, 90),
    },
    heating: { scaleFile: env.OCMW_HEATING_SCALE_FILE ? path.resolve(env.OCMW_HEATING_SCALE_FILE) : null },
    ocmwDirectoryFile: env.OCMW_DIRECTORY_FILE ? path.resolve(env.OCMW_DIRECTORY_FILE) : null,
    forwardedRequestClocks: oneOf('OCMW_FORWARDED_REQUEST_CLOCKS', ['original', 'receipt'] as const, 'original'),
    conflictSaturday: oneOf('OCMW_CONFLICT_SATURDAY', ['excluded', 'included'] as const, 'excluded'),
    timeZone,
  };
  const config: AppConfig = {
    ...core,
    ocmw: {
      name: str('OCMW_NAME', 'OCMW Demo'),
      address: str('OCMW_ADDRESS', 'Marktplein 1, 9000 Gent'),
      enterpriseNumber,
      nisCode,
      iban,
      bic,
    },
    labourCourtAddress,
    notices: {
      smtpUrl,
      mailFrom: str('OCMW_MAIL_FROM', 'sociale.dienst@ocmw.example'),
      registeredMailWorkingDays: int('OCMW_REGISTERED_MAIL_WORKING_DAYS', 3, 0, 10),
      documentReminderDays: int('OCMW_DOCUMENT_REMINDER_DAYS', 14, 1, 90),
      partnerReminderDays: int('OCMW_PARTNER_REMINDER_DAYS', 30, 1, 180),
    },
    payments: {
      payday: int('OCMW_PAYDAY', 1, 1, 28),
      amountsFile: env.OCMW_LEEFLOON_AMOUNTS_FILE ? path.resolve(env.OCMW_LEEFLOON_AMOUNTS_FILE) : null,
    },
    documents: {
      store: documentStore as AppConfig['documents']['store'],
      dir: path.join(dataDir, 'documents'),
      maxBytes: int('OCMW_DOCUMENT_MAX_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024),
      s3,
    },
    bankCsv: {
      delimiter: bankDelimiter,
      columns: {
        date: str('OCMW_BANK_CSV_DATE_COLUMN', 'Datum'),
        amount: str('OCMW_BANK_CSV_AMOUNT_COLUMN', 'Bedrag'),
        reference: str('OCMW_BANK_CSV_REFERENCE_COLUMN', 'Referentie'),
        counterpartyIban: str('OCMW_BANK_CSV_COUNTERPARTY_IBAN_COLUMN', 'Rekening tegenpartij'),
        counterpartyName: str('OCMW_BANK_CSV_COUNTERPARTY_NAME_COLUMN', 'Naam tegenpartij'),
        description: str('OCMW_BANK_CSV_DESCRIPTION_COLUMN', 'Mededeling'),
        account: env.OCMW_BANK_CSV_ACCOUNT_COLUMN === undefined ? 'Rekening' : env.OCMW_BANK_CSV_ACCOUNT_COLUMN.trim() || null,
      },
      dateFormat: bankDateFormat as BankCsvDateFormat,
      decimalSeparator: bankDecimal as ',' | '.',
      maxBytes: int('OCMW_BANK_CSV_MAX_BYTES', 2 * 1024 * 1024, 1, 100 * 1024 * 1024),
    },
    council: {
      rhythm: rhythm as AppConfig['council']['rhythm'],
      weekday: int('OCMW_COUNCIL_WEEKDAY', 2, 1, 7),
      weekOfMonth: int('OCMW_COUNCIL_WEEK_OF_MONTH', 2, 1, 4),
      anchorDate,
      time: councilTime,
      place: str('OCMW_COUNCIL_PLACE', 'Raadzaal, Marktplein 1, 9000 Gent'),
      noticeDays,
      monthsAhead: int('OCMW_COUNCIL_MONTHS_AHEAD', 3, 1, 24),
    },
  };
  if (config.ocmwDirectoryFile && !fs.existsSync(config.ocmwDirectoryFile)) {
    problems.push({ key: 'OCMW_DIRECTORY_FILE', message: `no such file: ${config.ocmwDirectoryFile}` });
  }
  if (config.loiResidency.claimRatesFile && !fs.existsSync(config.loiResidency.claimRatesFile)) {
    problems.push({ key: 'OCMW_LOI_CLAIM_RATES_FILE', message: `no such file: ${config.loiResidency.claimRatesFile}` });
  }
  if (config.placementCosts.pocketMoneyFile && !fs.existsSync(config.placementCosts.pocketMoneyFile)) {
    problems.push({ key: 'OCMW_POCKET_MONEY_FILE', message: `no such file: ${config.placementCosts.pocketMoneyFile}` });
  }
  if (config.placementCosts.maintenanceScaleFile && !fs.existsSync(config.placementCosts.maintenanceScaleFile)) {
    problems.push({ key: 'OCMW_MAINTENANCE_SCALE_FILE', message: `no such file: ${config.placementCosts.maintenanceScaleFile}` });
  }
  if (config.heating.scaleFile && !fs.existsSync(config.heating.scaleFile)) {
    problems.push({ key: 'OCMW_HEATING_SCALE_FILE', message: `no such file: ${config.heating.scaleFile}` });
  }
  if (config.loiResidency.leefgeldScaleFile && !fs.existsSync(config.loiResidency.leefgeldScaleFile)) {
    problems.push({ key: 'OCMW_LOI_LEEFGELD_SCALE_FILE', message: `no such file: ${config.loiResidency.leefgeldScaleFile}` });
  }
  if (config.payments.amountsFile && !fs.existsSync(config.payments.amountsFile)) {
    problems.push({ key: 'OCMW_LEEFLOON_AMOUNTS_FILE', message: `no such file: ${config.payments.amountsFile}` });
  }
  if (config.deadlineRulesFile && !fs.existsSync(config.deadlineRulesFile)) {
    problems.push({ key: 'OCMW_DEADLINE_RULES_FILE', message: `no such file: ${config.deadlineRulesFile}` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** ISO 13616 mod-97 (the full check, with the BBAN check, lives in libs/domain/identifiers). */
function ibanMod97(iban: string): boolean {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/**
 * The local default keeps a generated token secret in the data folder, so tokens survive a restart.
 * Production never gets here: loadConfig refuses to start without OCMW_TOKEN_SECRET.
 */
export function ensureTokenSecret(config: AppConfig): AppConfig {
  const withKeys = ensurePayloadKeys(config);
  if (withKeys.tokenSecret) return withKeys;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'token-secret');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return { ...withKeys, tokenSecret: fs.readFileSync(file, 'utf8').trim() };
}

/**
 * Likewise the payload keys: the local default generates one key in the data folder (`payload-keys`, the format of
 * OCMW_PAYLOAD_KEYS), so the histories of its Temporal dev server stay readable after a restart. A process on its own
 * (the worker, the api) calls this too: in one data folder they share the key; apart, they need OCMW_PAYLOAD_KEYS.
 */
export function ensurePayloadKeys(config: AppConfig): AppConfig {
  if (config.payloadKeys) return config;
  return { ...config, payloadKeys: localKeyFile(config.dataDir, 'payload-keys', true)! };
}

/**
 * A key list (`id:base64,…`) the local default keeps in its data folder, generated with one key when missing and
 * `create` (null when missing and not): the payload keys, the audit checkpoint keys.
 */
function localKeyFile(dataDir: string, name: string, create: boolean): PayloadKeys | null {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) {
    if (!create) return null;
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `local-1:${newPayloadKey()}\n`, { mode: 0o600 });
  }
  const parsed = parsePayloadKeys(fs.readFileSync(file, 'utf8'));
  if (!parsed.keys) throw new ConfigError(parsed.problems.map((message) => ({ key: file, message })));
  return parsed.keys;
}

/**
 * The audit checkpoint keys for the retention and the verification: OCMW_AUDIT_CHECKPOINT_KEYS, or (not in production)
 * the data folder's `audit-checkpoint-keys`, generated when `create` and missing. Null: none (verification then trusts
 * the stored checkpoints and says so).
 */
export function auditCheckpointKeysOf(config: AppConfig, create: boolean): PayloadKeys | null {
  if (config.auditCheckpointKeys) return config.auditCheckpointKeys;
  if (config.production) return null;
  return localKeyFile(config.dataDir, 'audit-checkpoint-keys', create);
}

export interface OidcConfig {
  /** The provider's issuer URL (its discovery document at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the user back: this API's /auth/oidc/callback, as registered with the provider. */
  redirectUri: string;
  scopes: string;
  /** The claim that names the user for good: `sub`, or `oid` for Microsoft Entra ID (its sub differs per application). */
  subjectClaim: string;
  /** The button's text on the login screen ("Aanmelden via …"). */
  label: string;
}

/**
 * OCMW_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET and _REDIRECT_URI together switch single sign-on on (all four or
 * none); OCMW_OIDC_SCOPES (default "openid"), OCMW_OIDC_SUBJECT_CLAIM (default "sub"), OCMW_OIDC_LABEL. In production
 * the issuer and the redirect URI must be https.
 */
function oidcConfigOf(env: Env, production: boolean, problems: { key: string; message: string }[]): OidcConfig | null {
  const keys = ['OCMW_OIDC_ISSUER', 'OCMW_OIDC_CLIENT_ID', 'OCMW_OIDC_CLIENT_SECRET', 'OCMW_OIDC_REDIRECT_URI'] as const;
  const given = keys.filter((k) => (env[k] ?? '').trim() !== '');
  if (given.length === 0) return null;
  if (given.length < keys.length) {
    for (const k of keys.filter((k) => !given.includes(k))) problems.push({ key: k, message: `is required with ${given.join(', ')} (single sign-on)` });
    return null;
  }
  const [issuer, clientId, clientSecret, redirectUri] = keys.map((k) => env[k]!.trim());
  for (const [key, value] of [['OCMW_OIDC_ISSUER', issuer], ['OCMW_OIDC_REDIRECT_URI', redirectUri]] as const) {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      problems.push({ key, message: `must be a URL, got "${value}"` });
      continue;
    }
    if (url.protocol !== 'https:' && (production || !['127.0.0.1', 'localhost'].includes(url.hostname))) {
      problems.push({ key, message: 'must be https (http only for 127.0.0.1 or localhost outside production)' });
    }
  }
  const scopes = (env.OCMW_OIDC_SCOPES ?? 'openid').trim();
  if (!scopes.split(/\s+/).includes('openid')) problems.push({ key: 'OCMW_OIDC_SCOPES', message: 'must include openid' });
  const subjectClaim = (env.OCMW_OIDC_SUBJECT_CLAIM ?? 'sub').trim();
  if (!/^[a-z_][a-z0-9_]*$/i.test(subjectClaim)) problems.push({ key: 'OCMW_OIDC_SUBJECT_CLAIM', message: `must be a claim name like sub or oid, got "${subjectClaim}"` });
  return { issuer, clientId, clientSecret, redirectUri, scopes, subjectClaim, label: (env.OCMW_OIDC_LABEL ?? '').trim() || 'de aanmelddienst van de gemeente' };
}
