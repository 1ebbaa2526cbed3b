import { randomUUID } from 'node:crypto';
import type { DossierInput } from '../../workflows/shared/dossier-input';
import { dateInZone } from '../../libs/deadlines/calendar-date';

export const VALID_NATIONAL_NUMBERS = ['93051822361', '85073003328', '05031412496'];
export const VALID_IBANS = ['BE68539007547034', 'BE48001123456727'];

export function todayInBrussels(now = Date.now()): string {
  return dateInZone(now, 'Europe/Brussels');
}

export function aDossierInput(overrides: Partial<DossierInput> = {}): DossierInput {
  return {
    dossierId: randomUUID(),
    reference: 'LL-2026-000001',
    procedure: 'leefloon',
    team: 'demo',
    responsibleUserId: randomUUID(),
    requestDate: todayInBrussels(),
    channel: 'counter',
    settings: { warningDays: 7, timeZone: 'Europe/Brussels' },
    ...overrides,
  };
}

export const outcomes = {
  // With the facts new dossiers require (this OCMW is Gent, 44021; Antwerpen is 11002): the rules agree with the answer.
  competent: { situation: 'usual-residence', usualResidence: '44021', competent: true, rule: 'usual-residence' },
  notCompetent: { situation: 'usual-residence', usualResidence: '11002', competent: false, rule: 'usual-residence', competentOcmw: 'OCMW Antwerpen', reasons: 'Gewoonlijke verblijfplaats in Antwerpen' },
  inquiry: (homeVisitDate: string) => ({
    homeVisitDate,
    householdType: 'single',
    householdSize: 1,
    monthlyResourcesCents: 0,
    proposedCategory: 2,
    hearingRequested: false,
  }),
  report: (startDate: string) => ({
    proposal: 'grant',
    category: 2,
    monthlyAmountCents: 130_000,
    startDate,
    motivation: 'Geen bestaansmiddelen, voldoet aan de voorwaarden.',
  }),
  decision: (decisionDate: string) => ({
    result: 'granted',
    decisionDate,
    body: 'bcsd',
    category: 2,
    monthlyAmountCents: 130_000,
    startDate: decisionDate,
    motivation: 'Voldoet aan de voorwaarden van art. 3 RMI-wet.',
  }),
  notification: (date: string) => ({ mode: 'registered', date, trackingNumber: 'RR123456789BE' }),
};
