import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The one validated configuration object. Every process reads the environment here, once, and nowhere else.
 * A bad value stops the start with a ConfigError naming every bad key.
 */
export interface AppConfig {
  production: boolean;
  port: number;
  dataDir: string;
  /** null: start the embedded PostgreSQL under dataDir (local default). */
  databaseUrl: string | null;
  embeddedPostgresPort: number;
  /** null: start the Temporal dev server under dataDir (local default). */
  temporalAddress: string | null;
  temporalPort: number;
  temporalUiPort: number;
  temporalNamespace: string;
  taskQueue: string;
  tokenSecret: string;
  tokenTtlMinutes: number;
  demoPassword: string;
  seedDemoData: boolean;
  /** Days before a legal deadline at which the team lead is warned. */
  deadlineWarningDays: number;
  /** A legal officer's corrections to the deadline catalogue (JSON); null: the built-in catalogue. */
  deadlineRulesFile: string | null;
  /** Europe/Brussels is where legal dates are counted; kept configurable for tests only. */
  timeZone: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

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
  const temporalAddress = env.TEMPORAL_ADDRESS ? env.TEMPORAL_ADDRESS : null;
  if (temporalAddress !== null && !/^[\w.-]+:\d{1,5}$/.test(temporalAddress)) {
    problems.push({ key: 'TEMPORAL_ADDRESS', message: 'must be host:port, e.g. 127.0.0.1:7233' });
  }
  const timeZone = str('OCMW_TIME_ZONE', 'Europe/Brussels');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push({ key: 'OCMW_TIME_ZONE', message: `unknown time zone "${timeZone}"` });
  }

  let tokenSecret = env.OCMW_TOKEN_SECRET ?? '';
  if (tokenSecret !== '' && tokenSecret.length < 32) {
    problems.push({ key: 'OCMW_TOKEN_SECRET', message: 'must be at least 32 characters' });
  } else if (tokenSecret === '' && production) {
    problems.push({ key: 'OCMW_TOKEN_SECRET', message: 'is required when NODE_ENV=production (at least 32 characters)' });
  }

  const config: AppConfig = {
    production,
    port: int('PORT', 3000, 0, 65535),
    dataDir,
    databaseUrl,
    embeddedPostgresPort: int('OCMW_EMBEDDED_PG_PORT', 5433, 1, 65535),
    temporalAddress,
    temporalPort: int('TEMPORAL_PORT', 7233, 1, 65535),
    temporalUiPort: int('TEMPORAL_UI_PORT', 8233, 1, 65535),
    temporalNamespace: str('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: str('TEMPORAL_TASK_QUEUE', 'ocmw-flow'),
    tokenSecret,
    tokenTtlMinutes: int('OCMW_TOKEN_TTL_MINUTES', 480, 1, 7 * 24 * 60),
    demoPassword: str('OCMW_DEMO_PASSWORD', 'demo'),
    seedDemoData: bool('OCMW_SEED_DEMO', !production) && !production,
    deadlineWarningDays: int('OCMW_DEADLINE_WARNING_DAYS', 7, 0, 60),
    deadlineRulesFile: env.OCMW_DEADLINE_RULES_FILE ? path.resolve(env.OCMW_DEADLINE_RULES_FILE) : null,
    timeZone,
  };
  if (config.deadlineRulesFile && !fs.existsSync(config.deadlineRulesFile)) {
    problems.push({ key: 'OCMW_DEADLINE_RULES_FILE', message: `no such file: ${config.deadlineRulesFile}` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * The local default keeps a generated token secret in the data folder, so tokens survive a restart.
 * Production never gets here: loadConfig refuses to start without OCMW_TOKEN_SECRET.
 */
export function ensureTokenSecret(config: AppConfig): AppConfig {
  if (config.tokenSecret) return config;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'token-secret');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return { ...config, tokenSecret: fs.readFileSync(file, 'utf8').trim() };
}
