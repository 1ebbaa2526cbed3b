/**
 * The petition for a collective debt settlement (verzoekschrift, art. 1675/4 Ger.W.; domain §3.1 step 7): the OCMW helps
 * the client draft it from the budget inventory. Pure: the API gathers the data, renderPdf prints it.
 *
 * Art. 1675/4 §2 asks for: the applicant's identity (and the spouse's or partner's, where relevant); the reasons of the
 * inability to pay; the creditors with the amount of each claim; the assets and the income and expenses. What the
 * inventory does not hold (assets, a spouse, earlier settlements) the client completes on the printed petition.
 */
import type { IsoDate } from '../deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../format/dutch';
import type { LetterDocument } from './templates';

export interface CsrPetitionData {
  reference: string;
  date: IsoDate;
  court: string;
  applicant: { name: string; birthDate: IsoDate | null; nationalNumber: string | null; address: string };
  debts: { creditor: string; reference: string | null; outstandingCents: number; collector: string | null; disputed: boolean; priority: string | null }[];
  incomes: { label: string; amountCents: number }[];
  expenses: { label: string; amountCents: number }[];
  reasons: string;
  /** The OCMW proposes itself as the mediator (recognised since that day), or null. */
  ocmwMediatorSince: IsoDate | null;
  ocmwName: string;
}

export function csrPetitionDocument(d: CsrPetitionData): LetterDocument {
  const total = (rows: { amountCents: number }[]) => rows.reduce((sum, r) => sum + r.amountCents, 0);
  const debtTotal = d.debts.reduce((sum, r) => sum + r.outstandingCents, 0);
  const a = d.applicant;
  return {
    title: 'Verzoekschrift collectieve schuldenregeling (art. 1675/4 Gerechtelijk Wetboek)',
    recipient: `Aan de voorzitter van de ${d.court}`,
    date: d.date,
    reference: d.reference,
    paragraphs: [
      `Verzoeker: ${a.name}` + (a.birthDate ? `, geboren op ${formatDateNl(a.birthDate)}` : '') + (a.nationalNumber ? `, rijksregisternummer ${a.nationalNumber}` : '') + `, wonende ${a.address}.`,
      `Verzoeker is niet in staat om op duurzame wijze zijn of haar opeisbare of nog te vervallen schulden te betalen en heeft niet ` +
        `kennelijk zijn of haar onvermogen bewerkstelligd. Verzoeker vraagt de toelating tot de collectieve schuldenregeling.`,
      `Redenen van de onmogelijkheid om de schulden te betalen: ${d.reasons}`,
      `Schuldeisers en bedragen (${d.debts.length}, samen ${formatEuro(debtTotal)}):`,
      ...d.debts.map((r, i) =>
        `${i + 1}. ${r.creditor}${r.reference ? ` (dossier ${r.reference})` : ''}: ${formatEuro(r.outstandingCents)}` +
          (r.collector ? `, ingevorderd door ${r.collector}` : '') + (r.priority ? `, prioritaire schuld (${r.priority})` : '') + (r.disputed ? ', betwist' : ''),
      ),
      `Inkomsten per maand (samen ${formatEuro(total(d.incomes))}):`,
      ...(d.incomes.length > 0 ? d.incomes.map((r) => `- ${r.label}: ${formatEuro(r.amountCents)}`) : ['- geen']),
      `Vaste lasten per maand (samen ${formatEuro(total(d.expenses))}):`,
      ...(d.expenses.length > 0 ? d.expenses.map((r) => `- ${r.label}: ${formatEuro(r.amountCents)}`) : ['- geen']),
      `Het actief (bezittingen), de gegevens van een echtgeno(o)t(e) of wettelijk samenwonende partner en eventuele vroegere ` +
        `regelingen vult verzoeker aan op dit verzoekschrift.`,
      d.ocmwMediatorSince
        ? `Verzoeker stelt voor het ${d.ocmwName}, erkend als instelling voor schuldbemiddeling sinds ${formatDateNl(d.ocmwMediatorSince)}, aan te stellen als schuldbemiddelaar.`
        : `Verzoeker laat de aanstelling van de schuldbemiddelaar aan de rechter over.`,
      `Opgemaakt met de hulp van de sociale dienst van het ${d.ocmwName} op ${formatDateNl(d.date)}. Handtekening van de verzoeker:`,
    ],
    fields: {
      Verzoeker: a.name,
      Rechtbank: d.court,
      'Aantal schuldeisers': String(d.debts.length),
      'Totaal van de schulden': formatEuro(debtTotal),
      'Inkomsten per maand': formatEuro(total(d.incomes)),
      'Vaste lasten per maand': formatEuro(total(d.expenses)),
    },
  };
}
