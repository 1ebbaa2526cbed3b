import 'reflect-metadata';
import { auditCheckpointKeysOf, ConfigError, loadConfig } from '../../libs/config/config';
import { AuditVerification, chainAllAuditEvents, verifyAuditChain } from '../../libs/db/audit-chain';
import { formatCountNl, formatDateNl } from '../../libs/format/dutch';
import { withCommandDataSource } from './database';

const REASONS: Record<NonNullable<AuditVerification['broken']>['reason'], string> = {
  'event-changed': 'de gebeurtenis (of de hash van haar schakel) werd gewijzigd nadat ze werd vastgelegd',
  'event-missing': 'de gebeurtenis werd verwijderd',
  'link-changed': 'de schakel verwijst niet naar de vorige: de keten werd gewijzigd',
  'link-missing': 'deze schakel ontbreekt: ze werd verwijderd',
  'checkpoint-forged': 'de handtekening van dit controlepunt klopt niet: het werd vervalst of gewijzigd',
  'checkpoint-unknown-key': 'dit controlepunt is ondertekend met een sleutel die niet in OCMW_AUDIT_CHECKPOINT_KEYS staat',
};

const n = formatCountNl;

/** The operator's report of a verification, in Dutch; the exit code says whether the trail holds. */
export function verificationReport(v: AuditVerification, signaturesChecked = true): { text: string; ok: boolean } {
  const lines: string[] = [];
  if (v.broken && v.broken.reason.startsWith('checkpoint-')) {
    lines.push(`Audittrail GEBROKEN bij het controlepunt na schakel ${n(v.broken.seq)}: ${REASONS[v.broken.reason]}.`);
  } else if (v.broken) {
    const what = v.broken.eventId ? ` (gebeurtenis ${v.broken.eventId}${v.broken.action ? `, ${v.broken.action}` : ''}${v.broken.at ? `, ${formatDateNl(v.broken.at.slice(0, 10) as never)} ${v.broken.at.slice(11, 19)} UTC` : ''})` : '';
    lines.push(`Audittrail GEBROKEN bij schakel ${n(v.broken.seq)}${what}: ${REASONS[v.broken.reason]}.`);
    lines.push(`De ${n(v.checked)} schakels ervoor zijn in orde.`);
  } else {
    lines.push(`Audittrail in orde: ${n(v.checked)} schakels nagerekend.`);
  }
  if (v.checkpoint) {
    lines.push(
      `Vanaf het controlepunt na schakel ${n(v.checkpoint.seq)} (archief ${v.checkpoint.archive}${signaturesChecked ? ', handtekeningen nagegaan' : ', handtekeningen NIET nagegaan: geen sleutel'}); ` +
        `${n(v.archivedChecked)} gearchiveerde schakels van nog bewaarde gebeurtenissen nagerekend.`,
    );
  }
  if (v.unchained.length) lines.push(`Niet in de keten en niet in de wachtrij (uit de wachtrij gehaald): gebeurtenis ${v.unchained.join(', ')}.`);
  if (v.stale) lines.push(`${n(v.stale)} gebeurtenis(sen) wachten langer dan 10 minuten op de keten: draait de worker?`);
  return { text: lines.join('\n'), ok: !v.broken && !v.unchained.length };
}

/**
 * `npm run audit:verify`: recomputes the audit trail's hash chain and names the first broken link (exit code 1), or
 * says it holds (0). With `--chain` it first links what is waiting (as the worker does every few seconds).
 */
async function main() {
  const config = loadConfig();
  await withCommandDataSource(config, async (dataSource) => {
    if (process.argv.includes('--chain')) await chainAllAuditEvents(dataSource);
    const keys = auditCheckpointKeysOf(config, false);
    const report = verificationReport(await verifyAuditChain(dataSource, { checkpointKeys: keys?.keys ?? null }), keys !== null);
    console.log(report.text);
    process.exitCode = report.ok ? 0 : 1;
  });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
