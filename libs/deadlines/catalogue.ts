/**
 * The default catalogue of legal terms (shared/domain/ocmw-procedures.md, per-procedure tables and §13). Dated: a change in
 * the law adds a version with its own validFrom, the old one gets a validTo; an OCMW overrides through mergeCatalogue.
 *
 * Corrections are not changes of the law: where the domain reference was corrected (§0.3, §2.2, §3.2, §7.2, §13), the
 * rule's version stays and is corrected in place, so running dossiers get the corrected dates (recomputeDeadlines).
 *
 * source: V = public primary source, V-sec = secondary source (check against the law text), U = unconfirmed (configuration
 * to check with a lawyer, never a hard truth). validFrom is the date of the law where the document gives it; otherwise a
 * default per statute (RMI-wet 2002-10-01, OCMW-wet 1976-07-08, Wet 1965 1965-04-02), said so in sourceNote.
 *
 * Not in the catalogue: the BCSD convocation (8 or 5 days BEFORE the session) and the members' 5-day limit are backward
 * terms counted from a future session, which no CountingMethod expresses; the council scheduling computes them. Steps
 * without a computable term (LL-11, LL-12, CO-4, LOI-8, HF-4, CSR-7) and terms that bind others or are a range
 * (LOI-4 Fedasil collective centres, LOI-5 "45 days – 2 months") are left out as well. CSR-5 ("max. 7 years") is in as
 * its upper bound: the latest end of a judicial settlement plan, counted from the plan's start.
 */
import { DeadlineRule } from './types';

const RMI = '2002-10-01';
const OCMW_WET = '1976-07-08';
const WET_1965 = '1965-04-02';
/** Collective debt settlement: law of 5 July 1998, in force 1 January 1999 (later amended, e.g. 26 March 2012). */
const CSR_LAW = '1999-01-01';

type RuleInput = Omit<DeadlineRule, 'version' | 'validTo' | 'suspension' | 'extension'> &
  Partial<Pick<DeadlineRule, 'version' | 'validTo' | 'suspension' | 'extension'>>;

const rule = (r: RuleInput): DeadlineRule => ({
  version: 1,
  validTo: null,
  suspension: { allowed: false },
  extension: { allowed: false },
  ...r,
});

const LEEFLOON = ['leefloon'];
const SOCIAL_AID = ['social-aid'];
const BOTH = ['leefloon', 'social-aid'];
// §3: a request for debt mediation follows the social aid pipeline (OCMW-wet art. 58, 62bis, 71; §0.1).
const SOCIAL_AID_PIPELINE = ['social-aid', 'debt-mediation'];

export const DEFAULT_CATALOGUE: DeadlineRule[] = [
  // §1.2 Leefloon (RMI-wet 26 May 2002, KB 11 July 2002)
  rule({
    id: 'LL-1',
    title: 'Registratie van de aanvraag en ontvangstbewijs',
    action: 'De aanvraag in het register inschrijven en het ontvangstbewijs overhandigen of versturen',
    trigger: 'Ontvangst van de aanvraag',
    procedures: LEEFLOON,
    legalBasis: 'art. 18 RMI-wet; Handvest sociaal verzekerde',
    duration: 0,
    counting: 'same-day',
    ifMissed: 'De aanvrager kan het ontvangstbewijs eisen of een aangetekende brief of e-mail als bewijs sturen; de termijnen lopen toch vanaf de werkelijke aanvraag.',
    source: 'V',
    sourceNote: 'primabook "De procedure" https://primabook.mi-is.be/nl/recht-op-maatschappelijke-integratie/de-procedure ; https://bdas-wwsb.brussels/?p=7846 (artikelnummer [U]).',
    maxWarningDays: 0,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-2',
    title: 'Aanvraag doorsturen naar het bevoegde OCMW',
    action: 'De aanvraag met redenen doorsturen naar het bevoegde OCMW en de aanvrager schriftelijk inlichten',
    trigger: 'Beslissing dat het OCMW niet bevoegd is',
    procedures: LEEFLOON,
    legalBasis: 'art. 18 §4 RMI-wet; art. 58 §3 OCMW-wet',
    duration: 5,
    counting: 'calendar-days',
    ifMissed: 'Het OCMW blijft gehouden de aanvraag te behandelen zolang het niet met redenen heeft doorgestuurd.',
    source: 'V',
    sourceNote:
      'https://www.mi-is.be/nl/tools-ocmw/bevoegdheidsconflicten ; VVSG bevoegdheidsconflicten; voorbeeld vaststelling 1 juni → 6 juni: ' +
      'https://www.mi-is.be/nl/faq/wanneer-gaat-de-termijn-van-5-kalenderdagen . Eén Franstalige mi-is FAQ zegt "5 jours ouvrables"; ' +
      'kalenderdagen gekozen (strenger).',
    maxWarningDays: 2,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-3',
    title: 'Beslissing over de aanvraag leefloon',
    action: 'Beslissing van het BCSD over de aanvraag',
    trigger: 'Ontvangst van de aanvraag (datum van het ontvangstbewijs)',
    procedures: LEEFLOON,
    legalBasis: 'art. 21 §1 RMI-wet',
    duration: 30,
    counting: 'calendar-days',
    ifMissed: 'De aanvrager kan beroep instellen bij de arbeidsrechtbank wegens het uitblijven van een beslissing; verwijlinterest (zie LL-6-INTEREST).',
    source: 'V',
    sourceNote: 'http://www.mi-is.be/fr/faq/comment-le-cpas-peut-il-faire-face-lafflux-de-demandeurs-en-janvier-et-fevrier-en-raison-des ; voorbeeld aanvraag 2 maart → 1 april (§0.3).',
    maxWarningDays: 7,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-4',
    title: 'Kennisgeving van de beslissing',
    action: 'De beslissing ter kennis brengen (aangetekend, tegen ontvangstbewijs of brief met ontvangstbevestiging)',
    trigger: 'Datum van de beslissing',
    procedures: LEEFLOON,
    legalBasis: 'art. 21 §3 RMI-wet',
    duration: 8,
    counting: 'calendar-days',
    ifMissed: 'De beroepstermijn begint niet te lopen; de aanvrager kan nog altijd beroep instellen.',
    source: 'V',
    sourceNote: 'https://www.mi-is.be/nl/faq/binnen-welke-termijn-moet-de-beslissing-worden-bekendgemaakt ; https://bdas-wwsb.brussels/?p=7722',
    maxWarningDays: 3,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-5',
    title: 'Beslissing meedelen aan de POD MI (formulier B/C)',
    action: 'Elke beslissing tot toekenning, weigering of herziening meedelen aan de minister (POD MI): formulier B, C of D',
    trigger: 'Datum van de beslissing (de termijn loopt vanaf het einde van die maand)',
    procedures: LEEFLOON,
    legalBasis: 'art. 21 §6 RMI-wet',
    duration: 8,
    counting: 'after-month-end',
    ifMissed: 'Het OCMW verliest de staatstoelage voor de periode vanaf de 45e dag na het einde van de beslissingsmaand tot de dag van mededeling (zie LL-5-LOSS).',
    source: 'V',
    sourceNote: 'https://primabook.mi-is.be/nl/terugbetalingsprocedure/wet-rmi',
    maxWarningDays: 3,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-5-LOSS',
    title: 'Verlies van de staatstoelage bij laattijdige mededeling aan de POD MI',
    action: 'Formulier B/C uiterlijk op deze dag meedelen: vanaf de dag erna (de 45e dag na het einde van de beslissingsmaand) gaat de staatstoelage verloren tot de dag van mededeling',
    trigger: 'Datum van de beslissing (de termijn loopt vanaf het einde van die maand)',
    procedures: LEEFLOON,
    legalBasis: 'art. 21 §6 RMI-wet',
    // Art. 21 §6 RMI-wet: the subsidy is lost from the 45th day after the end of the decision month until the day of
    // communication. The due date is the last day still on time (the 44th day); the loss starts the day after.
    duration: 44,
    counting: 'after-month-end',
    ifMissed: 'Geen staatstoelage voor de periode tussen de 45e dag na het einde van de beslissingsmaand en de dag van mededeling.',
    consequenceFrom: 'verlies van de staatstoelage tot de dag van mededeling',
    source: 'V',
    sourceNote:
      'https://primabook.mi-is.be/nl/terugbetalingsprocedure/wet-rmi ; het verlies loopt vanaf de 45e dag na het einde van de maand: ' +
      'de vervaldag is de 44e dag, de laatste dag zonder verlies (gecorrigeerd: vroeger stond de eerste dag van het verlies als vervaldag). ' +
      'Geldt voor beslissingen vanaf 1 oktober 2006.',
    maxWarningDays: 7,
    validFrom: '2006-10-01',
  }),
  rule({
    id: 'LL-6',
    title: 'Eerste betaling van het leefloon',
    action: 'De eerste termijn betalen; daarna op vaste data volgens de beslissing',
    trigger: 'Datum van de beslissing',
    procedures: LEEFLOON,
    legalBasis: 'art. 23 §1–2 RMI-wet; art. 36 KB RMI; Handvest art. 20',
    duration: 15,
    counting: 'calendar-days',
    ifMissed: 'Wettelijke interest verschuldigd vanaf de dag na de vervaldag.',
    source: 'V-sec',
    sourceNote: 'https://www.droitsquotidiens.be/fr/question/quand-le-ris-est-il-paye?o=1256 ("au plus tard dans les 15 jours"); na te kijken tegen de wettekst.',
    maxWarningDays: 5,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-6-INTEREST',
    title: 'Interest bij laattijdige beslissing over het leefloon',
    action: 'Uiterlijk op deze dag beslissen: vanaf de dag erna (de 46e dag na de aanvraag) is interest verschuldigd als de beslissing door de fout van het OCMW laattijdig is',
    trigger: 'Ontvangst van de aanvraag (datum van het ontvangstbewijs)',
    procedures: LEEFLOON,
    legalBasis: 'art. 23 §1–2 RMI-wet; art. 36 KB RMI; Handvest art. 20',
    // Art. 23 RMI-wet, art. 36 KB RMI, Handvest art. 20 (§13 "from day 46"): interest runs from the 46th day after the
    // request; the due date is the 45th day, the last day without interest.
    duration: 45,
    counting: 'calendar-days',
    ifMissed: 'Wettelijke interest op het leefloon vanaf de 46e dag na de aanvraag.',
    consequenceFrom: 'wettelijke interest op het leefloon (laattijdige beslissing door de fout van het OCMW)',
    source: 'V-sec',
    sourceNote:
      'https://www.droitsquotidiens.be/fr/question/quand-le-ris-est-il-paye?o=1256 ; §13 "Interest on late decision: from day 46". ' +
      'De vervaldag is de 45e dag, de laatste dag zonder interest; de interest loopt vanaf de 46e dag (gecorrigeerd: vroeger stond de 46e dag als vervaldag).',
    maxWarningDays: 7,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-7',
    title: 'Huisbezoek (actualisering van het sociaal onderzoek)',
    action: 'Huisbezoek afleggen: bij de opening van het dossier en daarna minstens één keer per jaar',
    trigger: 'Opening van het dossier of het vorige huisbezoek',
    procedures: LEEFLOON,
    legalBasis: 'KB 1 december 2013 (RMI art. 19 §1)',
    duration: 12,
    counting: 'months',
    ifMissed: 'Vaststelling door de inspectie van de POD MI; mogelijk verlies van toelage [U].',
    source: 'V',
    sourceNote: 'KB van 1 december 2013, geciteerd op https://www.adasasbl.be/2020/09/14/fiche-info-suis-je-oblige-daccepter-une-visite-a-domicile/page/2/?et_blog',
    maxWarningDays: 30,
    validFrom: '2013-12-01',
  }),
  rule({
    id: 'LL-8',
    title: 'GPMI ondertekenen',
    action: 'Het geïndividualiseerd project voor maatschappelijke integratie (GPMI) opstellen en laten ondertekenen',
    trigger: 'Toekenning van het leefloon',
    procedures: LEEFLOON,
    legalBasis: 'art. 11 RMI-wet; omzendbrief 12 oktober 2016',
    duration: 3,
    counting: 'months',
    ifMissed: 'De bijzondere toelage van 10 % voor het GPMI is niet verschuldigd of wordt teruggevorderd door de POD MI.',
    source: 'V',
    sourceNote:
      'VVSG https://www.vvsg.be/kennisitem/vvsg/geindividualiseerd-project-maatschappelijke-integratie-gpmi ; ' +
      'https://www.mi-is.be/nl/faq/welke-datum-moet-er-worden-ingevuld-op-de-terugbetalingsformulieren-voor-de-bijzondere-toelage . ' +
      'Exacte artikels [U]. validFrom: standaarddatum RMI-wet.',
    maxWarningDays: 14,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-9',
    title: 'Evaluatie van het GPMI',
    action: 'Schriftelijke evaluatie van het GPMI (minstens 3 per jaar, waarvan minstens 2 face to face)',
    trigger: 'Ondertekening van het GPMI of de vorige evaluatie',
    procedures: LEEFLOON,
    legalBasis: 'KB RMI (GPMI-afdeling)',
    duration: 4,
    counting: 'months',
    ifMissed: 'Risico voor de toelage; zonder evaluatie geen sanctie mogelijk [U].',
    source: 'V',
    sourceNote:
      'VVSG GPMI (minstens 3 evaluaties per jaar); een gemeentelijke pagina zegt minstens 1 per kwartaal [V-sec] ' +
      'https://www.tielt-winge.be/geindividualiseerd-project-maatschappelijke-integratie-gpmi . Gemodelleerd als 4 maanden na de vorige ' +
      'evaluatie (3 per jaar); wie per kwartaal evalueert, zet een eigen versie met 3 maanden.',
    maxWarningDays: 14,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-10',
    title: 'Beroep bij de arbeidsrechtbank',
    action: 'De aanvrager kan beroep instellen bij de arbeidsrechtbank (brief aan de griffie, kosteloos)',
    trigger: 'Kennisgeving van de beslissing',
    procedures: LEEFLOON,
    legalBasis: 'art. 47 RMI-wet',
    // Art. 52–54 Ger.W. (judicial months, month-end reading configured) and the art. 53 shift (§0.3).
    duration: 3,
    counting: 'judicial-months',
    ifMissed: 'Het beroep is laattijdig (vervaltermijn).',
    source: 'V',
    sourceNote:
      'mi-is FAQ https://www.mi-is.be/nl/faq?page=37 ("binnen 3 maanden na de kennisgeving"); Herentals https://www.herentals.be/ocmw/beroep [V-sec]. ' +
      'Bij kennisgeving per aangetekende brief loopt de termijn voor de geadresseerde mogelijk pas vanaf de 3e werkdag na afgifte ' +
      'bij de post (art. 53bis Ger.W.) [U]: de aanleidingsdatum is dan die dag.',
    maxWarningDays: 14,
    validFrom: RMI,
  }),
  rule({
    id: 'LL-10-NO-DECISION',
    title: 'Beroep bij de arbeidsrechtbank zonder beslissing',
    action: 'De aanvrager kan beroep instellen bij de arbeidsrechtbank omdat het OCMW niet (tijdig) heeft beslist',
    trigger: 'Verstrijken van de beslissingstermijn (LL-3) zonder beslissing',
    procedures: LEEFLOON,
    legalBasis: 'art. 47 RMI-wet',
    duration: 3,
    counting: 'judicial-months',
    offsetDays: 8,
    ifMissed:
      'Geen verval op deze termijn alleen: een beroepstermijn loopt niet zolang de aanvrager geen kennis kreeg (GwH nr. 35/2008); ' +
      'de einddatum is indicatief.',
    // GwH nr. 35/2008 of 4 March 2008 (art. 71 OCMW-wet against art. 10–11 Constitution; art. 23, second paragraph,
    // Handvest sociaal verzekerde): the appeal term for the absence of a decision does not run without the applicant
    // knowing. The dossier never marks this window as forfeited.
    noForfeitureWithoutNotice: 'GwH nr. 35/2008 van 4 maart 2008; art. 23, tweede lid, Handvest sociaal verzekerde',
    source: 'U',
    sourceNote:
      'mi-is FAQ https://www.mi-is.be/nl/faq?page=37: "binnen 4 maanden en 8 dagen indien het OCMW geen beslissing nam" [V]. ' +
      'Gelezen als: beslissingstermijn (30 dagen, ongeveer 1 maand) + kennisgevingstermijn (8 dagen) + 3 maanden beroep; dus ' +
      '3 gerechtelijke maanden vanaf de laatste dag waarop de beslissing ter kennis had moeten gebracht zijn (offsetDays 8 na het ' +
      'verstrijken van de beslissingstermijn). Die aanvang is een interpretatie [U]: rechtspraak voor de maatschappelijke ' +
      'dienstverlening laat de 3 maanden lopen vanaf het verstrijken van de beslissingstermijn zelf (Arbrb. Ieper 18 december 2009, ' +
      'https://www.agii.be/arbeidsrechtbank-ieper-2009-12-18), wat tot 8 dagen vroeger uitkomt: bevestigt een jurist die lezing, ' +
      'dan volstaat een versie met offsetDays 0.',
    maxWarningDays: 14,
    validFrom: RMI,
  }),

  // §2.2 Equivalent leefloon / financial social aid (OCMW-wet 8 July 1976)
  rule({
    id: 'SA-1',
    title: 'Registratie van de aanvraag en ontvangstbewijs',
    action: 'De aanvraag in het register inschrijven en het ontvangstbewijs overhandigen of versturen',
    trigger: 'Ontvangst van de aanvraag',
    procedures: SOCIAL_AID_PIPELINE,
    legalBasis: 'art. 58 §1 OCMW-wet',
    duration: 0,
    counting: 'same-day',
    ifMissed: 'Zoals LL-1: de aanvrager kan een bewijs eisen; de termijnen lopen vanaf de werkelijke aanvraag.',
    source: 'V',
    sourceNote: 'https://bdas-wwsb.brussels/?p=7649 ; artikelnummer [U]. validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 0,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-2',
    title: 'Aanvraag doorsturen naar het bevoegde OCMW',
    action: 'De aanvraag met redenen doorsturen naar het bevoegde OCMW en de aanvrager schriftelijk inlichten',
    trigger: 'Vaststelling van onbevoegdheid',
    procedures: SOCIAL_AID_PIPELINE,
    legalBasis: 'art. 58 §3 OCMW-wet',
    duration: 5,
    counting: 'calendar-days',
    ifMissed: 'Het OCMW moet de aanvraag blijven behandelen.',
    source: 'V',
    sourceNote: 'mi-is FAQ (FR, citeert art. 58) https://www.mi-is.be/fr/faq/des-sanctions-sont-elles-prevues-en-cas-de-non-respect-du-delai-de-5-jours-calendrier-pour-la . validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 2,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-3',
    title: 'Beslissing over de aanvraag maatschappelijke dienstverlening',
    action: 'Beslissing van het BCSD over de aanvraag',
    trigger: 'Ontvangst van de aanvraag (datum van het ontvangstbewijs)',
    procedures: SOCIAL_AID_PIPELINE,
    legalBasis: 'art. 58 §2 / art. 71 al. 2 OCMW-wet',
    // "Binnen de maand" (§0.3, §2.2): one calendar month, a duty of the OCMW: the request's day number in the next month,
    // clamped (31 January → 28/29 February), no shift. Not 30 days, which for a request in February ends after the month.
    duration: 1,
    counting: 'months',
    ifMissed: 'Beroep wegens het uitblijven van een beslissing; de beroepstermijn (SA-5-NO-DECISION) begint bij het verstrijken van de termijn.',
    source: 'V',
    sourceNote:
      'Zonnebeke https://www.zonnebeke.be/leven_welzijn/OCMW/Dienstverlening/Aanvragen_individuele_dienstverlening ; ' +
      'http://wordscope.be/neerlandais/francais/71+aldus.html . "Binnen de maand": één kalendermaand (gecorrigeerd: vroeger 30 kalenderdagen). ' +
      'Artikelnummering [U]. validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 7,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-4',
    title: 'Kennisgeving van de beslissing',
    action: 'De beslissing ter kennis brengen bij aangetekende brief of tegen ontvangstbewijs',
    trigger: 'Datum van de beslissing',
    procedures: SOCIAL_AID_PIPELINE,
    legalBasis: 'art. 62bis OCMW-wet',
    duration: 8,
    counting: 'calendar-days',
    ifMissed: 'De beroepstermijn begint niet te lopen.',
    source: 'V',
    sourceNote: 'art. 62bis geciteerd op http://www.wordscope.be/duits/nederlands/der+beschlussfassung+mitgeteilt.html . validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 3,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-5',
    title: 'Beroep bij de arbeidsrechtbank',
    action: 'De aanvrager kan beroep instellen bij de arbeidsrechtbank',
    trigger: 'Kennisgeving van de beslissing (afgifte van de aangetekende brief / datum van ontvangst)',
    procedures: SOCIAL_AID_PIPELINE,
    legalBasis: 'art. 71 OCMW-wet',
    // Art. 52–54 Ger.W. (judicial months, month-end reading configured) and the art. 53 shift (§0.3).
    duration: 3,
    counting: 'judicial-months',
    ifMissed: 'Verval: het beroep is laattijdig.',
    source: 'V',
    sourceNote:
      'Zonnebeke; http://wordscope.be/neerlandais/francais/71+aldus.html ; https://www.antwerpen.be/product/in-beroep-gaan-tegen-een-beslissing-van-het-subcomite . ' +
      'Zonder beslissing: SA-5-NO-DECISION. validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 14,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-5-NO-DECISION',
    title: 'Beroep bij de arbeidsrechtbank zonder beslissing (maatschappelijke dienstverlening)',
    action: 'De aanvrager kan beroep instellen bij de arbeidsrechtbank omdat het OCMW niet (tijdig) heeft beslist',
    trigger: 'Verstrijken van de beslissingstermijn van één maand (SA-3) zonder beslissing',
    procedures: SOCIAL_AID_PIPELINE,
    legalBasis: 'art. 71 OCMW-wet',
    duration: 3,
    counting: 'judicial-months',
    ifMissed:
      'Geen verval op deze termijn alleen: een beroepstermijn loopt niet zolang de aanvrager geen kennis kreeg (GwH nr. 35/2008); ' +
      'de einddatum is indicatief.',
    // GwH nr. 35/2008 of 4 March 2008: art. 71, third paragraph, OCMW-wet violates art. 10–11 of the Constitution where
    // the appeal term runs against an applicant who received no decision; art. 23, second paragraph, Handvest sociaal
    // verzekerde: the term starts only once the institution's default has been established.
    noForfeitureWithoutNotice: 'GwH nr. 35/2008 van 4 maart 2008; art. 23, tweede lid, Handvest sociaal verzekerde',
    source: 'V',
    sourceNote:
      'Zonnebeke; wordscope 71+aldus ("de beroepstermijn begint bij het verstrijken van de termijn van één maand"); ' +
      'GwH nr. 35/2008 https://etaamb.openjustice.be/nl/arrest_n2008201346.html . validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 14,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-6',
    title: 'Formulier B1 (en A) naar de POD MI (Wet 1965)',
    action: 'Formulier B1 (en A) meedelen aan de POD MI voor de terugbetaling onder de Wet van 1965; ook formulier C bij de stopzetting ([U])',
    // libs/partner-forms: A and B1 count from the start of the aid, C from the stop decision. The term is configuration
    // (OCMW_WET1965_FORM_DAYS), to confirm with POD MI.
    trigger: 'Begin van de hulp / datum van de beslissing',
    procedures: SOCIAL_AID,
    legalBasis: 'art. 9/11 Wet 1965',
    duration: 45,
    counting: 'calendar-days',
    ifMissed: 'Terugbetaling pas vanaf een latere datum.',
    source: 'U',
    sourceNote: 'Een mededelingstermijn van 45 dagen wordt vaak geciteerd; primabook "Wet 65" vermeldt een "berekening van de termijn van 45 dagen", de tekst zelf was niet beschikbaar. Na te kijken (vraag 2 in §15).',
    maxWarningDays: 7,
    validFrom: WET_1965,
  }),
  rule({
    id: 'SA-7',
    title: 'Verjaring van de terugvordering van maatschappelijke dienstverlening',
    action: 'Onterecht betaalde steun terugvorderen',
    trigger: 'Betaling van de maatschappelijke dienstverlening',
    procedures: SOCIAL_AID,
    legalBasis: 'art. 102 OCMW-wet',
    duration: 60,
    counting: 'months',
    ifMissed: 'De terugvordering is verjaard.',
    source: 'V',
    sourceNote: 'Arbeidshof Brussel 28 november 2013 (werkelijke verjaringstermijn van 5 jaar) https://lex.be/en/doc/be/case-law-bruxelles/cour-du-travail-arret-28-november-2013-bejc_2013112811_nl . validFrom: standaarddatum OCMW-wet.',
    maxWarningDays: 90,
    validFrom: OCMW_WET,
  }),
  rule({
    id: 'SA-9',
    title: 'Einde van de steun na een definitieve negatieve beslissing over de asielaanvraag',
    action: 'De lopende maatschappelijke dienstverlening stopzetten: de steun loopt tot en met deze dag',
    trigger: 'Kennisgeving van de definitieve negatieve beslissing over het verzoek om internationale bescherming',
    procedures: SOCIAL_AID,
    legalBasis: 'wet van 14 maart 2024 (einde van de opvang 30 kalenderdagen na de kennisgeving); art. 57 §2 OCMW-wet',
    // [U] configuration: the end of the right to social aid after a final negative decision (§2.1). The law of 14 March
    // 2024 ends the reception 30 calendar days after notification [V]; that it ends social aid after the same period is
    // not confirmed: the days are configurable (OCMW_ASYLUM_END_OF_AID_DAYS), the rule is dated.
    duration: 30,
    counting: 'calendar-days',
    ifMissed: 'Steun betaald na het einde van het recht (terugvordering nodig).',
    source: 'U',
    sourceNote: 'https://vvsg.be/kennisitem/vvsg/materiele-opvang (einde van de opvang sinds 27 juni 2024); toepassing op de maatschappelijke dienstverlening na te kijken.',
    maxWarningDays: 7,
    validFrom: '2024-06-27',
  }),
  rule({
    id: 'SA-8',
    title: 'Huisbezoek (steun terugbetaald onder de Wet 1965)',
    action: 'Huisbezoek afleggen: bij de opening van het dossier en daarna minstens één keer per jaar',
    trigger: 'Opening van het dossier of het vorige huisbezoek',
    procedures: SOCIAL_AID,
    legalBasis: 'KB 1 december 2013 (art. 9bis Wet 1965)',
    duration: 12,
    counting: 'months',
    ifMissed: 'Vaststelling door de inspectie.',
    source: 'V',
    sourceNote: 'https://etaamb.openjustice.be/fr/arrete-royal-du-01-decembre-2013_n2014011138 ; adasasbl.',
    maxWarningDays: 30,
    validFrom: '2013-12-01',
  }),
  rule({
    // SA-10 is this catalogue's id (the domain reference lists no such term; §5.3 has the Wet 1965 forms only).
    id: 'SA-10',
    title: 'Terugbetaling door de Staat aanvragen na het einde van de steun (Wet 1965)',
    action: 'De laatste aanvragen tot terugbetaling (formulieren D1, D2, F) indienen voor de steun tot het einde; daarna wordt het dossier afgesloten',
    trigger: 'Laatste dag van de steun (of de betaling van eenmalige steun)',
    procedures: SOCIAL_AID,
    legalBasis: 'art. 9 en 11 Wet 1965',
    // [U] configuration: how long after the aid the OCMW may still claim its costs from the state is not in the domain
    // reference. 12 months keeps the file open long enough for the last D1 and late invoices (D2, F); a legal officer
    // corrects the term through the rules file (OCMW_DEADLINE_RULES_FILE).
    duration: 12,
    counting: 'months',
    ifMissed: 'Kosten die niet tijdig teruggevraagd zijn, blijven ten laste van het OCMW.',
    source: 'U',
    sourceNote: 'Geen bron voor een termijn na het einde van de steun; 12 maanden is een keuze van dit systeem, na te kijken met de POD MI.',
    maxWarningDays: 30,
    validFrom: WET_1965,
  }),

  // §3 Debt mediation and collective debt settlement (Ger.W. art. 1675/2–1675/19)
  rule({
    id: 'CSR-1',
    title: 'Beschikking van toelaatbaarheid (collectieve schuldenregeling)',
    action: 'De rechter beslist over de toelaatbaarheid en stelt de schuldbemiddelaar aan',
    trigger: 'Neerlegging van het verzoekschrift',
    procedures: ['collectieve-schuldenregeling'],
    legalBasis: 'art. 1675/6 Ger.W.',
    duration: 8,
    counting: 'judicial-days',
    ifMissed: 'Geen rechtsgevolg vermeld (termijn voor de rechter).',
    source: 'U',
    sourceNote: 'De termijn van 8 dagen is niet bevestigd [U]; de aanstelling van de schuldbemiddelaar bij de toelaatbaarheid wel: https://advocatenkantoorverte.be/specialisaties/hoe-verloopt-een-collectieve-schuldenregeling . validFrom: inwerkingtreding wet 5 juli 1998.',
    maxWarningDays: 3,
    validFrom: CSR_LAW,
  }),
  rule({
    id: 'CSR-2',
    title: 'Aangifte van schuldvordering door de schuldeisers',
    action: 'De schuldeisers doen aangifte van hun schuldvordering bij de schuldbemiddelaar (aangetekende brief met ontvangstbewijs)',
    trigger: 'Verzending van de beschikking van toelaatbaarheid aan de schuldeisers',
    procedures: ['collectieve-schuldenregeling'],
    legalBasis: 'art. 1675/9 §2–3 Ger.W.',
    duration: 1,
    counting: 'judicial-months',
    ifMissed: 'Na een herinnering van de schuldbemiddelaar nog 15 dagen vanaf die herinnering; zonder reactie wordt de schuldeiser geacht af te zien van zijn schuldvordering.',
    source: 'V',
    sourceNote:
      'https://www.droitsquotidiens.be/fr/question/que-doivent-faire-les-creanciers-lors-du-reglement-collectif-de-dettes ; ' +
      'http://ahistoryofart.unblog.fr/2019/07/18/812-le-reglement-collectif-de-dettes/ . De 15 dagen lopen vanaf de herinnering ' +
      '(art. 1675/9 §3 Ger.W.), niet vanaf het einde van de maand: gemodelleerd als één verlenging met de datum van de herinnering ' +
      '(gecorrigeerd). validFrom: inwerkingtreding wet 5 juli 1998.',
    // Art. 1675/9 §2 Ger.W.: one judicial month (art. 52–54, art. 53 shift); §3: after the mediator's reminder, 15 more
    // days counted from the reminder (judicial days: the reminder's day not counted, then the art. 53 shift).
    extension: {
      allowed: true,
      basis: 'art. 1675/9 §3 Ger.W.: herinnering door de schuldbemiddelaar, 15 dagen vanaf de herinnering',
      maxTimes: 1,
      maxDays: 15,
      fromEvent: 'herinnering van de schuldbemiddelaar',
    },
    maxWarningDays: 7,
    validFrom: CSR_LAW,
  }),
  rule({
    id: 'CSR-3',
    title: 'Ontwerp van minnelijke aanzuiveringsregeling',
    action: 'De schuldbemiddelaar stelt een ontwerp van minnelijke aanzuiveringsregeling op',
    trigger: 'Beschikking van toelaatbaarheid',
    procedures: ['collectieve-schuldenregeling'],
    legalBasis: 'art. 1675/10–11 Ger.W.',
    // A court-procedure term (§3.2): judicial months, art. 52–54 Ger.W. with the art. 53 shift.
    duration: 6,
    counting: 'judicial-months',
    ifMissed: 'Zonder minnelijke regeling na hoogstens 1 jaar: gerechtelijke aanzuiveringsregeling of totale kwijtschelding.',
    source: 'V-sec',
    sourceNote: 'https://www.dyzo.be/wat-houdt-de-minnelijke-aanzuiveringsregeling-en-hoelang-duurt-dat . validFrom: inwerkingtreding wet 5 juli 1998 (wijzigingen van 26 maart 2012 niet afzonderlijk gedateerd).',
    extension: { allowed: true, basis: 'art. 1675/10–11 Ger.W.: eenmaal verlengbaar met hoogstens 6 maanden', maxTimes: 1, maxMonths: 6 },
    maxWarningDays: 14,
    validFrom: CSR_LAW,
  }),
  rule({
    id: 'CSR-4',
    title: 'Bezwaar tegen de minnelijke aanzuiveringsregeling',
    action: 'Schuldenaar of schuldeisers kunnen bezwaar maken (aangetekende brief of verklaring aan de schuldbemiddelaar)',
    trigger: 'Verzending van het ontwerp van regeling',
    procedures: ['collectieve-schuldenregeling'],
    legalBasis: 'art. 1675/10 §4 Ger.W.',
    // A court-procedure term (§3.2): judicial months, art. 52–54 Ger.W. with the art. 53 shift.
    duration: 2,
    counting: 'judicial-months',
    ifMissed: 'Geen bezwaar = aanvaard; de rechter homologeert de regeling.',
    source: 'V',
    sourceNote: 'droitsquotidiens; dyzo. validFrom: inwerkingtreding wet 5 juli 1998.',
    maxWarningDays: 14,
    validFrom: CSR_LAW,
  }),
  rule({
    id: 'CSR-5',
    title: 'Einde van de gerechtelijke aanzuiveringsregeling',
    action: 'De gerechtelijke aanzuiveringsregeling loopt ten hoogste 7 jaar; daarna kwijtschelding van de resterende schulden (onder voorwaarden)',
    trigger: 'Begin van de gerechtelijke aanzuiveringsregeling',
    procedures: ['collectieve-schuldenregeling'],
    legalBasis: 'art. 1675/12–13 Ger.W.',
    // "Max. 7 years" (§3.2): the upper bound as 84 months from the plan's start; a longer plan on the debtor's request
    // (to keep the home) is the judge's, not a term this rule computes.
    duration: 84,
    counting: 'months',
    ifMissed: 'Kwijtschelding van de resterende schulden aan het einde van de regeling (onder voorwaarden).',
    source: 'V-sec',
    sourceNote:
      'https://www.dyzo.be/wat-houdt-de-minnelijke-aanzuiveringsregeling-en-hoelang-duurt-dat ; ' +
      'https://www.schuldbemiddeling.be/wat-zijn-de-gevolgen-van-een-collectieve-schuldenregeling/ . Hoogstens 7 jaar, tenzij de ' +
      'schuldenaar om een langere regeling vraagt (hervorming van 26 maart 2012; dossiers toegelaten vóór 23 april 2012 volgen de oude ' +
      'regels). Gemodelleerd als de bovengrens van 84 maanden na het begin. validFrom: inwerkingtreding wet 5 juli 1998.',
    maxWarningDays: 90,
    validFrom: CSR_LAW,
  }),
  rule({
    id: 'CSR-6',
    title: 'Jaarverslag van de schuldbemiddelaar',
    action: 'De schuldbemiddelaar legt een jaarverslag en een staat van kosten neer ter griffie',
    trigger: 'Beschikking van toelaatbaarheid of het vorige jaarverslag',
    procedures: ['collectieve-schuldenregeling'],
    legalBasis: 'art. 1675/17 Ger.W.',
    duration: 12,
    counting: 'months',
    ifMissed: 'Geen gevolg vermeld in de bron.',
    source: 'V-sec',
    sourceNote: 'https://advocatenkantoorverte.be/specialisaties/hoe-verloopt-een-collectieve-schuldenregeling ; "jaarlijks" gemodelleerd als 12 maanden na de vorige. validFrom: inwerkingtreding wet 5 juli 1998.',
    maxWarningDays: 14,
    validFrom: CSR_LAW,
  }),
  rule({
    id: 'DEBT-1',
    title: 'Jaarverslag en basisregistratie van de erkende instelling voor schuldbemiddeling',
    action: 'Jaarverslag en basisregistratie van het aantal dossiers indienen',
    trigger: 'Werkjaar waarover gerapporteerd wordt (einde van het jaar)',
    procedures: ['schuldhulpverlening'],
    legalBasis: 'decreet van 24 juli 1996; uitvoeringsbesluit van 25 maart 1997',
    duration: 1,
    counting: 'annual-date',
    annualDate: '03-31',
    ifMissed: 'Risico voor de erkenning en subsidiëring (geen gevolg vermeld in de bron).',
    source: 'V',
    sourceNote:
      'https://departementwvg.be/welzijn-en-samenleving/subsidies/samenwerkingsverbanden-instellingen-schuldbemiddeling ; ' +
      'https://www.vlaanderen.be/erkenning-en-subsidiering-van-de-instellingen-voor-schuldbemiddeling . Een uitgebreide registratie ' +
      'minstens om de 5 jaar (SAM) is niet opgenomen.',
    maxWarningDays: 30,
    validFrom: '1997-03-25',
  }),

  // §4.2 LOI (Opvangwet 12 January 2007)
  rule({
    id: 'LOI-1',
    title: 'Eerste evaluatie van de opvangbehoeften',
    action: 'De opvangbehoeften van de bewoner evalueren',
    trigger: 'Toewijzing / aankomst in het LOI',
    procedures: ['loi'],
    legalBasis: 'KB 25 april 2007',
    duration: 30,
    counting: 'calendar-days',
    ifMissed: 'Transfer en behoeften niet beoordeeld; vaststelling bij inspectie [U].',
    source: 'V',
    sourceNote: 'https://www.agii.be/nieuws/nieuwe-instructies-fedasil-over-transfers-naar-een-aangepaste-opvangplaats',
    maxWarningDays: 7,
    validFrom: '2007-04-25',
  }),
  rule({
    id: 'LOI-2',
    title: 'Evaluatieverslag van de opvang',
    action: 'Een evaluatieverslag opstellen',
    trigger: 'Vorige evaluatie',
    procedures: ['loi'],
    legalBasis: 'KB 25 april 2007',
    duration: 6,
    counting: 'months',
    ifMissed: 'Idem LOI-1: vaststelling bij inspectie [U].',
    source: 'V',
    sourceNote: 'https://www.agii.be/nieuws/nieuwe-instructies-fedasil-over-transfers-naar-een-aangepaste-opvangplaats',
    maxWarningDays: 14,
    validFrom: '2007-04-25',
  }),
  rule({
    id: 'LOI-3',
    title: 'Vertrekmelding in Match-IT',
    action: 'Het vertrek van de bewoner melden in Match-IT',
    trigger: 'Dag van vertrek',
    procedures: ['loi'],
    legalBasis: 'Fedasil-omzendbrief LOI (versie 2021)',
    duration: 1,
    counting: 'next-working-day-at',
    timeOfDay: '10:00',
    ifMissed: 'De plaats wordt automatisch geschorst vanaf de dag na het vertrek (lagere toelage).',
    source: 'V',
    sourceNote: 'https://5dok.net/article/gebruik-van-match-it-het-beheer-van-opvangplaatsen.zkw0jj18 . validFrom: 2021-versie van de omzendbrief, exacte datum niet gekend.',
    maxWarningDays: 1,
    validFrom: '2021-01-01',
  }),
  rule({
    id: 'LOI-3-ARRIVAL',
    title: 'Aankomstmelding in Match-IT',
    action: 'De aankomst van de bewoner melden in Match-IT',
    trigger: 'Dag van aankomst in het LOI',
    procedures: ['loi'],
    legalBasis: 'Fedasil-omzendbrief LOI (versie 2021) [U]',
    duration: 1,
    counting: 'next-working-day-at',
    timeOfDay: '10:00',
    ifMissed: 'Bezetting in Match-IT niet juist; de maandelijkse aanvraag (formulier I) stemt niet overeen [U].',
    source: 'U',
    sourceNote:
      'De bron noemt de termijn van 10:00 op de volgende werkdag voor het vertrek (LOI-3); voor de aankomst is hij niet bevestigd en ' +
      'standaard gelijk aan LOI-3 gezet. Aan te passen in een eigen regelbestand (OCMW_DEADLINE_RULES_FILE).',
    maxWarningDays: 1,
    validFrom: '2021-01-01',
  }),
  rule({
    id: 'LOI-APPEAL',
    title: 'Beroep tegen een sanctie of ordemaatregel',
    action: 'De bewoner kan beroep instellen bij de arbeidsrechtbank',
    trigger: 'Kennisgeving van de sanctie of ordemaatregel',
    procedures: ['loi'],
    legalBasis: 'art. 47 Opvangwet [U]',
    duration: 3,
    counting: 'judicial-months',
    ifMissed: 'Verval: het beroep is laattijdig [U].',
    source: 'U',
    sourceNote: 'De bron zegt "Appeal and complaint terms: [U]" (§4.1 stap 6); drie maanden zoals de andere beroepen bij de arbeidsrechtbank, te bevestigen.',
    maxWarningDays: 14,
    validFrom: '2014-08-04',
  }),
  rule({
    id: 'LOI-6',
    title: 'Einde van de materiële hulp na een definitieve negatieve beslissing',
    action: 'De materiële hulp eindigt; de bewoner verlaat de opvang op de eerste werkdag daarna',
    trigger: 'Kennisgeving van de definitieve negatieve beslissing',
    procedures: ['loi'],
    legalBasis: 'Opvangwet zoals gewijzigd op 14 maart 2024',
    duration: 30,
    counting: 'calendar-days',
    ifMissed: 'Geen gevolg vermeld in de bron.',
    source: 'V',
    sourceNote: 'https://vvsg.be/kennisitem/vvsg/materiele-opvang ; in werking sinds 27 juni 2024.',
    maxWarningDays: 7,
    validFrom: '2024-06-27',
  }),
  rule({
    id: 'LOI-7',
    title: 'Opzeg van de LOI-conventie',
    action: 'Sluiting van de plaatsen volgens de conventie (opzegtermijn)',
    trigger: 'Beslissing van het OCMW om het LOI te stoppen (opzegging)',
    procedures: ['loi'],
    legalBasis: 'Fedasil-conventie',
    duration: 6,
    counting: 'months',
    ifMissed: 'Geen gevolg vermeld in de bron.',
    source: 'V-sec',
    sourceNote: 'Notulen gemeenteraad Tielt 2025 https://tielt-raadpleegomgeving.csecho.be/zittingen/f856ba2d-282b-4bcc-bf83-b567e8f88122/notulen . validFrom: datum van de Opvangwet (12 januari 2007), datum van de conventie niet gekend.',
    maxWarningDays: 14,
    validFrom: '2007-01-12',
  }),

  // §5.2 Competence conflict (Wet 1965)
  rule({
    id: 'CO-1',
    title: 'Aanvraag doorsturen naar het bevoegde OCMW (bevoegdheidsconflict)',
    action: 'Ontvangstbewijs afgeven, de aanvraag met redenen doorsturen naar OCMW B en de aanvrager schriftelijk inlichten',
    trigger: 'OCMW A beslist dat het niet bevoegd is (bij verhuizing: de datum waarop het niet meer bevoegd is)',
    procedures: ['bevoegdheidsconflict', ...BOTH],
    legalBasis: 'art. 58 §3 OCMW-wet; art. 18 §4 RMI-wet',
    duration: 5,
    counting: 'calendar-days',
    ifMissed: 'OCMW A blijft bevoegd en moet de aanvraag behandelen; de wet voorziet geen andere sanctie; mogelijke aansprakelijkheid.',
    source: 'V',
    sourceNote: 'mi-is bevoegdheidsconflicten; VVSG; https://www.mi-is.be/nl/faq/wanneer-gaat-de-termijn-van-5-kalenderdagen',
    maxWarningDays: 2,
    validFrom: RMI,
  }),
  rule({
    id: 'CO-2',
    title: 'Bevoegdheidsconflict voorleggen aan de POD MI',
    action: 'Het conflict voorleggen aan de POD MI, dienst Bevoegdheidsconflicten (interactief formulier op mi-is.be)',
    trigger: 'OCMW B acht zich ook niet bevoegd',
    procedures: ['bevoegdheidsconflict'],
    legalBasis: 'art. 15 al. 4 Wet 1965; omzendbrief van 8 april 2003',
    duration: 5,
    counting: 'working-days',
    ifMissed: 'Geen gevolg vermeld in de bron.',
    source: 'V',
    sourceNote: 'https://www.mi-is.be/fr/faq/que-doit-faire-le-cpas-sil-pense-ne-pas-etre-competent-pour-une-demande-daide-qui-lui-est ("cinq jours ouvrables"); VVSG zegt "onmiddellijk".',
    maxWarningDays: 2,
    validFrom: '2003-04-08',
  }),
  rule({
    id: 'CO-3',
    title: 'Voorlopige aanwijzing van het bevoegde OCMW door de POD MI',
    action: 'De minister / POD MI wijst voorlopig aan welk OCMW de aanvraag moet behandelen',
    trigger: 'Voorlegging van het conflict',
    procedures: ['bevoegdheidsconflict'],
    legalBasis: 'omzendbrief van 8 april 2003',
    duration: 5,
    counting: 'working-days',
    ifMissed: 'Geen gevolg vermeld in de bron.',
    source: 'V',
    sourceNote: 'https://www.mi-is.be/nl/tools-ocmw/bevoegdheidsconflicten',
    maxWarningDays: 2,
    validFrom: '2003-04-08',
  }),

  // §7.2 Heating allowance (programme act 27 Dec 2004, KB 9 Jan 2005)
  rule({
    id: 'HF-1',
    title: 'Aanvraag verwarmingstoelage',
    action: 'De aanvrager dient de aanvraag in bij het OCMW',
    trigger: 'Leveringsdatum (op de factuur)',
    procedures: ['heating-allowance'],
    legalBasis: 'programmawet 2004; KB 9 januari 2005',
    duration: 60,
    counting: 'calendar-days',
    ifMissed: 'Weigering, behalve bij overmacht bevestigd door het OCMW.',
    source: 'V',
    sourceNote:
      'https://www.verwarmingsfonds.be/voorwaarden/toelage-aanvragen ; overmacht: https://www.mi-is.be/nl/faq?f%5B0%5D=im_field_theme%3A185&page=1 . ' +
      'Overmacht is gemodelleerd als schorsing van de termijn. Een Franstalige gemeentepagina telt "vanaf de dag na de levering", zoals hier.',
    suspension: {
      allowed: true,
      basis: 'Overmacht, bevestigd door het OCMW (de laattijdigheid mag niet te wijten zijn aan nalatigheid van de aanvrager; aanvraag zo snel mogelijk)',
    },
    maxWarningDays: 7,
    validFrom: '2005-01-09',
  }),
  rule({
    id: 'HF-2',
    title: 'Beslissing over de verwarmingstoelage',
    action: 'Beslissing van het OCMW en schriftelijke kennisgeving van het bedrag',
    trigger: 'Aanvraag',
    procedures: ['heating-allowance'],
    legalBasis: 'algemene OCMW-regels',
    // "Binnen de maand" (§0.3, §7.2): one calendar month, a duty of the OCMW: day number clamped, no shift.
    duration: 1,
    counting: 'months',
    ifMissed: 'Beroep bij de arbeidsrechtbank.',
    source: 'V',
    sourceNote: 'verwarmingsfonds.be ("binnen de maand"): één kalendermaand (gecorrigeerd: vroeger 30 kalenderdagen); Hoeilaart [V-sec].',
    maxWarningDays: 7,
    validFrom: '2005-01-09',
  }),
  rule({
    id: 'HF-3',
    title: 'Betaling van de verwarmingstoelage',
    action: 'De toelage storten op de rekening van de aanvrager (categorie 3: aan de leverancier als de factuur onbetaald is)',
    trigger: 'Beslissing',
    procedures: ['heating-allowance'],
    legalBasis: 'KB 9 januari 2005',
    duration: 15,
    counting: 'calendar-days',
    ifMissed: 'Interest [U].',
    source: 'V',
    sourceNote: 'verwarmingsfonds.be ("15 dagen later staat de toelage op jouw rekening"); https://www.verwarmingsfonds.be/index.php/hoeveel-bedraagt-de-toelage . Artikel [U].',
    maxWarningDays: 5,
    validFrom: '2005-01-09',
  }),
  rule({
    // PB-1 is this catalogue's id for no legal term: the OCMW's own service norm for the counselling dossier (seed task
    // 5: "no legal clocks, but a service norm for the first appointment"). Its days are configuration
    // (OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS); it runs on the same clocks as the legal terms so that a late first
    // conversation warns the social worker and reaches the team lead's dashboard like any other term.
    id: 'PB-1',
    title: 'Eerste gesprek psychosociale begeleiding (dienstverleningsnorm)',
    action: 'Het intakegesprek voeren met de cliënt',
    trigger: 'Aanvraag van de begeleiding',
    procedures: ['counselling'],
    legalBasis: 'dienstverleningsnorm van het OCMW (geen wettelijke termijn)',
    duration: 10,
    counting: 'working-days',
    ifMissed: 'De dienstverleningsnorm van het OCMW is niet gehaald (geen rechtsgevolg).',
    source: 'U',
    sourceNote: 'Geen wettelijke termijn: de norm van het OCMW zelf, standaard 10 werkdagen (in te stellen met OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS).',
    maxWarningDays: 3,
    validFrom: '1976-07-08',
  }),
];

