/**
 * The attestation "in debt mediation" for the heating allowance in category 3 (domain §7 and §3 documents): persons in
 * debt mediation or in a collective debt settlement who cannot pay their heating invoice (programme act of 27 December
 * 2004, KB of 9 January 2005; verwarmingsfonds.be "voorwaarden"). Until the heating allowance procedure exists the
 * attestation is the one action the debt mediation dossier offers: a PDF in its documents the client or the heating
 * allowance file uses. Pure: the API gathers the data, renderPdf prints it.
 */
import type { IsoDate } from '../deadlines/calendar-date';
import { formatDateNl } from '../format/dutch';
import type { LetterDocument } from './templates';

export interface HeatingAttestationData {
  reference: string;
  date: IsoDate;
  client: { name: string; birthDate: IsoDate | null; address: string };
  /** What the OCMW does: "budgetbeheer", "budgetbegeleiding", "minnelijke schuldbemiddeling" (the BCSD's decision). */
  guidanceLabel: string;
  /** The day the agreement was signed: the trajectory runs since then. */
  since: IsoDate;
  /** The collective debt settlement: the court's admissibility order, when there is one. */
  csrOrder: { court: string; orderDate: IsoDate } | null;
  /** The heating invoice is unpaid: the allowance goes to the supplier (HF-3). */
  invoiceUnpaid: boolean;
  ocmwName: string;
}

/** The court opening a sentence: "De arbeidsrechtbank Gent"; a name given with its article keeps it, capitalised. */
function courtAsSubject(court: string): string {
  return /^(de|het) /i.test(court) ? court.charAt(0).toUpperCase() + court.slice(1) : `De ${court}`;
}

export function heatingAttestationDocument(d: HeatingAttestationData): LetterDocument {
  const c = d.client;
  return {
    title: 'Attest schuldbemiddeling voor de verwarmingstoelage (categorie 3)',
    recipient: `${c.name}\n${c.address}`,
    date: d.date,
    reference: d.reference,
    paragraphs: [
      `Het ${d.ocmwName} verklaart dat ${c.name}` + (c.birthDate ? `, geboren op ${formatDateNl(c.birthDate)}` : '') +
        `, sinds ${formatDateNl(d.since)} een traject van ${d.guidanceLabel} volgt bij de sociale dienst van het OCMW.`,
      ...(d.csrOrder
        ? [`${courtAsSubject(d.csrOrder.court)} heeft het verzoek tot collectieve schuldenregeling toelaatbaar verklaard op ${formatDateNl(d.csrOrder.orderDate)}.`]
        : []),
      `De sociale dienst stelt vast dat de cliënt de factuur voor de verwarming niet kan betalen. De cliënt behoort daarom tot ` +
        `categorie 3 van de verwarmingstoelage van het Sociaal Verwarmingsfonds (personen met schuldoverlast).`,
      d.invoiceUnpaid
        ? 'De factuur is nog niet betaald: de toelage wordt aan de leverancier betaald.'
        : 'De factuur is betaald: de toelage wordt aan de cliënt betaald.',
      'De aanvraag van de toelage gebeurt binnen 60 dagen na de levering (de leveringsdatum op de factuur).',
      `Opgemaakt door de sociale dienst van het ${d.ocmwName} op ${formatDateNl(d.date)}.`,
    ],
    fields: {
      Cliënt: c.name,
      Begeleiding: d.guidanceLabel,
      'Sinds': formatDateNl(d.since),
      'Collectieve schuldenregeling': d.csrOrder ? `toelaatbaar sinds ${formatDateNl(d.csrOrder.orderDate)}` : 'nee',
      'Toelage betaald aan': d.invoiceUnpaid ? 'de leverancier' : 'de cliënt',
    },
  };
}
