import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDebtMediationActivities } from '../../activities/debt-mediation/debt-mediation.activities';
import { DossierEntity, PartyEntity, PaymentEntity, PersonEntity, UserEntity } from '../../libs/db/entities';
import { migratedDataSource } from '../support/database';

/** The debt mediation activities against the inventory tables, on a real PostgreSQL. */
describe('debt mediation activities (db)', () => {
  let dataSource: DataSource;
  let acts: ReturnType<typeof createDebtMediationActivities>;

  beforeAll(async () => {
    dataSource = await migratedDataSource('debt_mediation_acts', 3);
    acts = createDebtMediationActivities({ dataSource });
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function aDossier(reference: string) {
    const user = await dataSource.getRepository(UserEntity).save({ username: `sw-${randomUUID().slice(0, 8)}`, passwordHash: 'x', displayName: 'Sofie Claes', role: 'social-worker', team: 'demo' });
    const person = await dataSource.getRepository(PersonEntity).save({ nationalNumber: null, noNationalNumberReason: 'bis-requested', birthDate: '1993-05-18', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9200', city: 'Dendermonde' });
    const dossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: dossierId, reference, procedure: 'debt-mediation', personId: person.id, status: 'TRAJECTORY_ACTIVE',
      team: 'demo', responsibleUserId: user.id, workflowId: `dossier-${dossierId}`, requestDate: '2026-10-05', channel: 'counter',
    });
    return { dossierId, userId: user.id };
  }

  it('budgetAccountBalance: money in up to the day, less other money out, less every payment ordered from the account and not cancelled', async () => {
    const { dossierId, userId } = await aDossier('SB-2026-000012');
    expect(await acts.budgetAccountBalance({ dossierId, on: '2026-12-31' })).toEqual({ iban: null, incomingCents: 0, otherOutgoingCents: 0, orderedCents: 0, balanceCents: 0 });
    const account = 'BE68539007547034';
    await dataSource.query(
      `INSERT INTO budget_plans (dossier_id, version, valid_from, account_iban, plan, created_by) VALUES ($1, 1, '2026-12-01', $2, '{}', $3)`,
      [dossierId, account, userId],
    );
    const move = (day: string, cents: number, ref: string, paymentId: string | null = null) => dataSource.query(
      `INSERT INTO budget_account_movements (dossier_id, account_iban, booking_date, amount_cents, bank_reference, payment_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [dossierId, account, day, cents, ref, paymentId],
    );
    const payment = (key: string, cents: number, status: 'due' | 'cancelled', debtorIban: string | null = account) => dataSource.getRepository(PaymentEntity).save({
      dossierId, kind: 'leefgeld', period: key, paymentKey: `leefgeld:client:${key}`, amountCents: cents, iban: 'BE71096123456769', creditorName: 'Jan Peeters',
      ...(debtorIban ? { debtorName: 'OCMW Teststad budgetbeheer', debtorIban, debtorBic: 'GKCCBEBB' } : {}), remittance: 'Leefgeld', dueDate: '2026-12-07', status, method: 'transfer',
    });
    const paid = await payment('2026-W50', 10_000, 'due');
    await payment('2026-W51', 10_000, 'cancelled');
    await payment('2026-W52', 99_999, 'due', null); // from the OCMW's own account: not this account's
    await move('2026-12-01', 165_000, 'STMT-1');
    await move('2026-12-03', -1_250, 'STMT-2'); // bank costs
    await move('2026-12-08', -10_000, 'STMT-3', paid.id); // the leefgeld executed: already counted as ordered
    await move('2026-12-20', 50_000, 'STMT-4'); // after the day asked about
    expect(await acts.budgetAccountBalance({ dossierId, on: '2026-12-10' })).toEqual({
      iban: account, incomingCents: 165_000, otherOutgoingCents: -1_250, orderedCents: 10_000, balanceCents: 153_750,
    });
  });

  it('debtCreditors: one row per open debt for its creditor and one more for its bailiff, in the order the debts were entered', async () => {
    const { dossierId, userId } = await aDossier('SB-2026-000011');
    const user = { id: userId };
    const parties = dataSource.getRepository(PartyEntity);
    const energy = await parties.save({ name: 'Energie Vlaanderen', kind: 'creditor' });
    const bank = await parties.save({ name: 'Bank Kredietnet', kind: 'creditor' });
    const bailiff = await parties.save({ name: 'Gerechtsdeurwaarder Smet', kind: 'bailiff' });
    const debt = (values: string) => dataSource.query(
      `INSERT INTO dossier_debts (dossier_id, created_by, updated_by, creditor_party_id, creditor_reference, original_cents, outstanding_cents,
         collector_party_id, collector_reference, disputed, priority_kind, status, created_at)
       VALUES ${values} RETURNING id`,
    );
    const [first] = await debt(`('${dossierId}', '${user.id}', '${user.id}', '${energy.id}', 'EV-77', 120000, 90000, NULL, NULL, false, 'energy', 'open', now() - interval '2 minutes')`);
    const [second] = await debt(`('${dossierId}', '${user.id}', '${user.id}', '${bank.id}', NULL, 500000, 450000, '${bailiff.id}', 'GD-2026-3', true, NULL, 'open', now() - interval '1 minute')`);
    await debt(`('${dossierId}', '${user.id}', '${user.id}', '${bank.id}', 'OLD', 1000, 0, NULL, NULL, false, NULL, 'paid', now())`);

    expect(await acts.debtCreditors({ dossierId })).toEqual([
      { debtId: first.id, partyId: energy.id, role: 'creditor', fileNumber: 'EV-77', outstandingCents: 90000, disputed: false, priorityKind: 'energy' },
      { debtId: second.id, partyId: bank.id, role: 'creditor', fileNumber: null, outstandingCents: 450000, disputed: true, priorityKind: null },
      { debtId: second.id, partyId: bailiff.id, role: 'collector', fileNumber: 'GD-2026-3', outstandingCents: 450000, disputed: true, priorityKind: null },
    ]);
    expect(await acts.debtCreditors({ dossierId: randomUUID() })).toEqual([]);
  });
  it('recordCreditorLetter: one row per (dossier, letter key); the same record again changes nothing, facts are kept and the status never goes back', async () => {
    const { dossierId } = await aDossier('SB-2026-000013');
    const agency = await dataSource.getRepository(PartyEntity).save({ name: 'Incasso Vlaanderen', kind: 'collection-agency' });
    const row = (status: 'awaiting' | 'reminded' | 'no-answer' | 'answered', extra: Record<string, unknown> = {}) => ({
      dossierId, letterKey: `statement-request:dossier:${agency.id}`, partyId: agency.id, debtId: null, template: 'creditor-statement-request',
      subject: 'Vraag om een actueel overzicht van de schuld', sentOn: '2026-12-03', answerDue: '2026-12-24', status, ...extra,
    });
    const stored = async () => {
      const rows = await dataSource.query(
        `SELECT letter_key, status, sent_on, answer_due, reminder_on, reminder_answer_due, answered_on, answer, amount_cents, answer_note, follow_up
           FROM creditor_letters WHERE dossier_id = $1`, [dossierId],
      );
      return rows;
    };
    expect(await acts.recordCreditorLetter(row('awaiting'))).toEqual({ status: 'awaiting' });
    expect(await acts.recordCreditorLetter(row('awaiting'))).toEqual({ status: 'awaiting' }); // a retried activity
    expect(await stored()).toEqual([expect.objectContaining({ status: 'awaiting', sent_on: '2026-12-03', answer_due: '2026-12-24', reminder_on: null })]);

    await acts.recordCreditorLetter(row('reminded', { reminderOn: '2026-12-25', reminderAnswerDue: '2027-01-15' }));
    await acts.recordCreditorLetter(row('answered', { reminderOn: '2026-12-25', reminderAnswerDue: '2027-01-15', answeredOn: '2027-01-04', answer: 'accepted', amountCents: 90_000, answerNote: 'Akkoord.' }));
    // An out-of-date write (the reminder's record retried late, without the answer) undoes nothing.
    expect(await acts.recordCreditorLetter(row('reminded', { reminderOn: '2026-12-25', reminderAnswerDue: '2027-01-15' }))).toEqual({ status: 'answered' });
    expect(await stored()).toEqual([{
      letter_key: `statement-request:dossier:${agency.id}`, status: 'answered', sent_on: '2026-12-03', answer_due: '2026-12-24', reminder_on: '2026-12-25',
      reminder_answer_due: '2027-01-15', answered_on: '2027-01-04', answer: 'accepted', amount_cents: 90_000, answer_note: 'Akkoord.', follow_up: null,
    }]);
    // The same key in another dossier is another letter.
    const other = await aDossier('SB-2026-000014');
    await acts.recordCreditorLetter({ ...row('awaiting'), dossierId: other.dossierId });
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM creditor_letters WHERE letter_key = $1`, [`statement-request:dossier:${agency.id}`])).toEqual([{ n: 2 }]);
  });

  it('recordCollectiveSettlement: the file and a row per creditor, the same record twice changes nothing, a waiver then a late declaration update the row', async () => {
    const { dossierId } = await aDossier('SB-2026-000015');
    const parties = dataSource.getRepository(PartyEntity);
    const energy = await parties.save({ name: 'Energie Vlaanderen', kind: 'creditor' });
    const bank = await parties.save({ name: 'Bank Kredietnet', kind: 'creditor' });
    const record = {
      dossierId, petitionFiledOn: '2026-03-02', court: 'arbeidsrechtbank Gent', orderDate: '2026-03-09', orderSentOn: '2026-03-10', mediator: 'ocmw' as const,
      mediatorPartyId: null, ocmwMediator: true, status: 'CSR_CLAIMS', planSentOn: null, outcome: null, reminderOn: '2026-04-11', declareBy: '2026-04-27',
      claims: [
        { partyId: energy.id, declaredOn: '2026-03-20', amountCents: 90_000, waived: false },
        { partyId: bank.id, declaredOn: null, amountCents: null, waived: true },
      ],
    };
    await acts.recordCollectiveSettlement(record);
    await acts.recordCollectiveSettlement(record);
    const files = await dataSource.query(`SELECT order_date::text, order_sent_on::text, mediator, ocmw_mediator, status, declare_by::text FROM csr_files WHERE dossier_id = $1`, [dossierId]);
    expect(files).toEqual([{ order_date: '2026-03-09', order_sent_on: '2026-03-10', mediator: 'ocmw', ocmw_mediator: true, status: 'CSR_CLAIMS', declare_by: '2026-04-27' }]);
    const claims = () => dataSource.query(`SELECT party_id, declared_on::text, amount_cents, waived FROM csr_claims WHERE dossier_id = $1 ORDER BY amount_cents NULLS LAST`, [dossierId]);
    expect(await claims()).toEqual([
      { party_id: energy.id, declared_on: '2026-03-20', amount_cents: 90_000, waived: false },
      { party_id: bank.id, declared_on: null, amount_cents: null, waived: true },
    ]);
    await acts.recordCollectiveSettlement({ ...record, status: 'CSR_AMICABLE_PLAN', claims: [{ partyId: bank.id, declaredOn: '2026-05-02', amountCents: 450_000, waived: true }] });
    expect(await claims()).toEqual([
      { party_id: energy.id, declared_on: '2026-03-20', amount_cents: 90_000, waived: false },
      { party_id: bank.id, declared_on: '2026-05-02', amount_cents: 450_000, waived: true },
    ]);
    expect((await dataSource.query(`SELECT status FROM csr_files WHERE dossier_id = $1`, [dossierId]))[0].status).toBe('CSR_AMICABLE_PLAN');
  });
});
