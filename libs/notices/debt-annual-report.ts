/**
 * The annual report and basic registration of debt mediation files for the Flemish department (Welzijn,
 * Volksgezondheid en Gezin), due by 31 March for the year before (recognition of institutions for debt mediation,
 * decree of 24 July 1996; domain §3 "Reporting"): the number of files per type, opened and closed in the year and
 * running at its end, per team. Pure: the API counts, this lays the figures out for renderPdf.
 */
import type { IsoDate } from '../deadlines/calendar-date';
import { formatDateNl } from '../format/dutch';
import type { LetterDocument } from './templates';

/** The kinds of file the registration counts (the BCSD's decision on the kind of help; a CSR with the OCMW as mediator). */
export const DEBT_REPORT_TYPES = {
  'budget-guidance': 'Budgetbegeleiding',
  'budget-management': 'Budgetbeheer',
  'amicable-mediation': 'Minnelijke schuldbemiddeling',
  csr: 'Collectieve schuldenregeling (OCMW als schuldbemiddelaar)',
  none: 'Aanvraag zonder traject (geweigerd, doorgestuurd of nog niet beslist)',
} as const;
export type DebtReportType = keyof typeof DEBT_REPORT_TYPES;

export interface DebtReportRow {
  team: string;
  type: DebtReportType;
  typeLabel: string;
  opened: number;
  closed: number;
  runningAtYearEnd: number;
}

export function debtAnnualReportDocument(d: { year: number; date: IsoDate; ocmwName: string; team: string | null; rows: DebtReportRow[] }): LetterDocument {
  const sum = (key: 'opened' | 'closed' | 'runningAtYearEnd') => d.rows.reduce((n, r) => n + r[key], 0);
  const teams = [...new Set(d.rows.map((r) => r.team))].sort();
  return {
    title: `Jaarverslag en basisregistratie schuldbemiddeling ${d.year}`,
    recipient: 'Departement Welzijn, Volksgezondheid en Gezin\nAfdeling Welzijn en Samenleving',
    date: d.date,
    reference: `schuldbemiddeling-${d.year}${d.team ? `-${d.team}` : ''}`,
    paragraphs: [
      `Het ${d.ocmwName} bezorgt de basisregistratie van de dossiers schuldbemiddeling van ${formatDateNl(`${d.year}-01-01`)} tot en met ` +
        `${formatDateNl(`${d.year}-12-31`)}, uiterlijk op ${formatDateNl(`${d.year + 1}-03-31`)}.`,
      `In totaal: ${sum('opened')} dossier(s) geopend, ${sum('closed')} afgesloten, ${sum('runningAtYearEnd')} lopend op 31 december ${d.year}.`,
      ...(d.rows.length === 0 ? ['Geen dossiers schuldbemiddeling in dit jaar.'] : []),
      ...teams.flatMap((team) => [
        `Team ${team}:`,
        ...d.rows.filter((r) => r.team === team).map((r) => `- ${r.typeLabel}: ${r.opened} geopend, ${r.closed} afgesloten, ${r.runningAtYearEnd} lopend op 31 december`),
      ]),
    ],
    fields: {
      Jaar: String(d.year),
      Team: d.team ?? 'alle teams',
      Geopend: String(sum('opened')),
      Afgesloten: String(sum('closed')),
      'Lopend op 31 december': String(sum('runningAtYearEnd')),
    },
  };
}

/** The key of the DEBT-1 clock of `year` among the clocks without a dossier (deadlines.key). */
export const debtReportDeadlineKey = (year: number) => `debt-report:${year}`;
/** What a person reads for that clock (dashboard, escalation). */
export const debtReportSubject = (year: number) => `Jaarverslag schuldbemiddeling ${year}`;
/** One workflow per task queue (deployment) and year: the id both the yearly schedule and the worker's start use. */
export const debtReportWorkflowId = (taskQueue: string, year: number) => `debt-mediation-report-${taskQueue}-${year}`;

/**
 * The year whose report is owed on `today` (Brussels date), if any: from 1 January to 31 March the year before, if the OCMW
 * was recognised (decree of 24 July 1996) on or before that year's last day. A worker starting in that window makes
 * sure the clock runs (the yearly schedule may have fired while nothing ran); after 31 March it starts nothing, so a
 * new installation does not open a clock that was never its own.
 */
export function debtReportYearOwed(today: IsoDate, recognisedSince: IsoDate | null): number | null {
  if (!recognisedSince) return null;
  const year = Number(today.slice(0, 4)) - 1;
  if (today.slice(5) > '03-31') return null;
  return recognisedSince <= `${year}-12-31` ? year : null;
}
