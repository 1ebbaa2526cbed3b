import 'reflect-metadata';
import { auditCheckpointKeysOf, ConfigError, loadConfig } from '../../libs/config/config';
import { runAuditRetention, RetentionResult } from '../../libs/db/audit-retention';
import { formatCountNl } from '../../libs/format/dutch';
import { withCommandDataSource } from './database';

const n = formatCountNl;

/** What a run did, in Dutch for the operator (and its log). */
export function retentionReport(r: RetentionResult): string {
  const lines = [
    r.segment
      ? `Gearchiveerd: schakels ${n(r.segment.from)} tot ${n(r.segment.to)} (${n(r.segment.links)}) in ${r.segment.archive}, afgesloten met een ondertekend controlepunt.`
      : 'Geen nieuw segment om te archiveren.',
    r.eventsDeleted
      ? `Verwijderd na hun bewaartermijn: ${n(r.eventsDeleted)} gebeurtenissen (${Object.entries(r.deletedByAction).map(([a, c]) => `${a}: ${n(c)}`).join(', ')}).`
      : 'Geen gebeurtenissen voorbij hun bewaartermijn.',
  ];
  return lines.join('\n');
}

/**
 * `npm run audit:retention`: archives the audit chain's older segment behind a signed checkpoint and deletes the events
 * past their retention (libs/db/audit-retention.ts). Runs as the schema owner: DATABASE_OWNER_URL beside DATABASE_URL,
 * or the embedded PostgreSQL's superuser. Refuses when the trail does not hold.
 */
async function main() {
  const config = loadConfig();
  const keys = auditCheckpointKeysOf(config, true);
  if (!keys) throw new ConfigError([{ key: 'OCMW_AUDIT_CHECKPOINT_KEYS', message: 'is required for the retention in production: id:base64 of 32 random bytes' }]);
  await withCommandDataSource(
    config,
    async (owner) => {
      const result = await runAuditRetention(owner, {
        now: new Date(),
        policy: config.auditRetention,
        archiveAfterDays: config.auditArchiveAfterDays,
        archiveDir: config.auditArchiveDir,
        keys,
      });
      console.log(retentionReport(result));
    },
    { poolSize: 2, asOwner: 'the retention runs as the schema owner (the application role may not delete audit rows)' },
  );
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
