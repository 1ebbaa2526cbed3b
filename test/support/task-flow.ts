import { addDays } from '../../libs/deadlines/calendar-date';
import { treatTodayAtExtraordinarySession } from './council';
import { eventually } from './temporal';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from './factories';
import type { TestSystem } from './system';

/** A person and a leefloon dossier of theirs, opened by `user` on `requestDate`; its id. */
export async function openLeefloonDossier(sys: TestSystem, user: string, requestDate: string, person: { nn: number; firstName: string; lastName: string }): Promise<string> {
  const created = await sys.http.post('/persons').set(sys.as(user)).send({
    nationalNumber: VALID_NATIONAL_NUMBERS[person.nn], firstName: person.firstName, lastName: person.lastName,
    address: { street: 'Veldstraat 1', postalCode: '9000', city: 'Gent' },
  });
  const dossier = await sys.http.post('/dossiers').set(sys.as(user)).send({ procedure: 'leefloon', personId: created.body.id, requestDate });
  if (dossier.status !== 201) throw new Error(`dossier not opened: ${dossier.status} ${JSON.stringify(dossier.body)}`);
  return dossier.body.id;
}

/**
 * A person registered without a national number (reason: unknown) and a dossier of theirs (leefloon unless another
 * procedure is named), opened today by `user`; the dossier's id. The person's other fields (names, birth date, address) as given.
 */
export async function openDossierWithoutNationalNumber(sys: TestSystem, user: string, person: Record<string, unknown>, procedure = 'leefloon'): Promise<string> {
  const created = await sys.http.post('/persons').set(sys.as(user)).send({ noNationalNumberReason: 'unknown', ...person });
  if (created.status !== 201) throw new Error(`person not registered: ${created.status} ${JSON.stringify(created.body)}`);
  const dossier = await sys.http.post('/dossiers').set(sys.as(user)).send({ procedure, personId: created.body.id });
  if (dossier.status !== 201) throw new Error(`dossier not opened: ${dossier.status} ${JSON.stringify(dossier.body)}`);
  return dossier.body.id;
}

/** The open task of `kind` in the dossier, as `user`'s task list shows it once the workflow has opened it. */
export function openTaskOf(sys: TestSystem, user: string, dossierId: string, kind: string): Promise<{ id: string; kind: string }> {
  return eventually(async () => {
    const res = await sys.http.get('/tasks').set(sys.as(user));
    return res.body.items.find((t: { kind: string; dossierId: string }) => t.kind === kind && t.dossierId === dossierId);
  });
}

/**
 * A social aid dossier whose state-reimbursed equivalent leefloon (Wet 1965) runs, requested `daysAgo` days ago and
 * granted today at an extraordinary BCSD session (no test depends on the council's weekday), its first payments paid
 * through a SEPA batch finance executed; forms A and B1 are in POD MI's outbox. The dossier's id and the amount paid.
 */
export async function grantStateReimbursedAid(sys: TestSystem, person: { nn: number; firstName: string; lastName: string }, daysAgo = 20): Promise<{ id: string; paidCents: number }> {
  const today = todayInBrussels();
  const requestDate = addDays(today, -daysAgo);
  const created = await sys.http.post('/persons').set(sys.as('social-worker')).send({
    nationalNumber: VALID_NATIONAL_NUMBERS[person.nn], firstName: person.firstName, lastName: person.lastName, iban: VALID_IBANS[0],
    address: { street: 'Sleepstraat 3', postalCode: '9000', city: 'Gent' },
  });
  if (created.status !== 201) throw new Error(`person: ${created.status} ${JSON.stringify(created.body)}`);
  const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'social-aid', personId: created.body.id, requestDate });
  if (dossier.status !== 201) throw new Error(`dossier: ${dossier.status} ${JSON.stringify(dossier.body)}`);
  const id = dossier.body.id as string;
  const complete = async (kind: string, outcome: Record<string, unknown>) => {
    const task = await openTaskOf(sys, 'social-worker', id, kind);
    const res = await sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);
    if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await complete('competence-check', { competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '44021' });
  await complete('aid-inquiry', {
    homeVisitDate: requestDate, residenceStatus: 'foreigners-register', rijksregisterCode: 'none', stateReimbursed: true,
    householdType: 'single', monthlyResourcesCents: 0, hearingRequested: false,
  });
  await complete('aid-report', { proposal: 'grant', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: requestDate, motivation: 'Geen recht op leefloon.' });
  const place = await treatTodayAtExtraordinarySession(sys, id);
  const decided = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
    .send({ result: 'granted', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: requestDate, motivation: 'Toegekend.' });
  if (decided.status !== 200) throw new Error(`decision: ${decided.status} ${JSON.stringify(decided.body)}`);
  await complete('decision-notification', { mode: 'against-receipt', date: today });
  await eventually(async () => ((await sys.db.query(`SELECT count(*)::int AS n FROM partner_messages WHERE dossier_id = $1 AND kind LIKE 'wet1965-%'`, [id])).rows[0].n === 2 ? true : undefined));
  await eventually(async () => ((await sys.db.query(`SELECT count(*)::int AS n FROM payments WHERE dossier_id = $1`, [id])).rows[0].n > 0 ? true : undefined));
  // The first payment's due date (the arrears'): the batch carries what is due by then.
  const firstDue = (await sys.db.query(`SELECT min(due_date)::text AS due FROM payments WHERE dossier_id = $1`, [id])).rows[0].due as string;
  const batch = await sys.http.post('/payment-batches').set(sys.as('finance')).send({ requestedExecutionDate: firstDue < today ? today : firstDue });
  if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
  const executed = await sys.http.post(`/payment-batches/${batch.body.id}/executed`).set(sys.as('finance'));
  if (executed.status !== 200) throw new Error(`executed: ${executed.status} ${JSON.stringify(executed.body)}`);
  const paidCents = (await sys.db.query(`SELECT coalesce(sum(amount_cents), 0)::int AS cents FROM payments WHERE dossier_id = $1 AND status = 'paid'`, [id])).rows[0].cents as number;
  return { id, paidCents };
}
