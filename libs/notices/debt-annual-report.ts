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
