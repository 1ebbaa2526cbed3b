import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createNoticeActivities, NOTICE_FAILURES } from '../../activities/notices/notice.activities';
import { AppConfig, loadConfig } from '../../libs/config/config';
import { DossierEntity, DossierPartyEntity, NoticeEntity, PartyEntity, PersonEntity, UserEntity } from '../../libs/db/entities';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { migratedDataSource } from '../support/database';
import { failureOf } from '../support/failure-of';
import { pdfText } from '../support/pdf-text';

/** A letter addressed to a party linked to the dossier (issueLetter's recipient.partyId), on a real PostgreSQL. */
describe('letters to a party (db)', () => {
  let dataSource: DataSource;
  let config: AppConfig;
  let acts: ReturnType<typeof createNoticeActivities>;
  let dossierId: string;
  let debtDossierId: string;
  let aalst: PartyEntity;
  let landlord: PartyEntity;

  const forwarding = {
    date: '2026-10-07',
    requestDate: '2026-10-05',
    applicant: { name: 'Jan Peeters', address: ['Markt 1', '9200 Dendermonde'] },
    reasons: 'De aanvrager verblijft gewoonlijk in Aalst.',
  };
  const notices = () => dataSource.getRepository(NoticeEntity).count({ where: { dossierId } });

  beforeAll(async () => {
    dataSource = await migratedDataSource('party_letters', 3);
    config = loadConfig({ OCMW_NAME: 'OCMW Teststad', OCMW_ADDRESS: 'Stationsstraat 2, 9200 Dendermonde', OCMW_LABOUR_COURT_ADDRESS: 'Arbeidsrechtbank Gent' });
    acts = createNoticeActivities({ dataSource, config, catalogue: DEFAULT_CATALOGUE });
    const user = await dataSource.getRepository(UserEntity).save({ username: 'sofie', passwordHash: 'x', displayName: 'Sofie Claes', role: 'social-worker', team: 'demo' });
    const person = await dataSource.getRepository(PersonEntity).save({
      nationalNumber: '93051822361', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9200', city: 'Dendermonde',
    });
    dossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: dossierId, reference: 'LL-2026-000077', procedure: 'leefloon', personId: person.id, status: 'COMPETENCE_CHECK',
      team: 'demo', responsibleUserId: user.id, workflowId: `dossier-${dossierId}`, requestDate: '2026-10-05', channel: 'counter',
    });
    const parties = dataSource.getRepository(PartyEntity);
    aalst = await parties.save({ name: 'OCMW Aalst', kind: 'ocmw', enterpriseNumber: '0212345668', street: 'Gasthuisstraat 40', postalCode: '9300', city: 'Aalst', contactPerson: 'Dienst Leefloon' });
    landlord = await parties.save({ name: 'Woonhaven Noord', kind: 'landlord', street: 'Kaai 3', postalCode: '9000', city: 'Gent' });
    await dataSource.getRepository(DossierPartyEntity).save({ dossierId, partyId: aalst.id, role: 'competent-ocmw', reference: 'AALST-2026-17' });
    debtDossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: debtDossierId, reference: 'SB-2026-000077', procedure: 'debt-mediation', personId: person.id, status: 'TRAJECTORY_ACTIVE',
      team: 'demo', responsibleUserId: user.id, workflowId: `dossier-${debtDossierId}`, requestDate: '2026-10-05', channel: 'counter',
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it("addresses the letter to the party's name and address, stores which party, and puts that address in the PDF", async () => {
    const input = {
      dossierId, key: 'forwarding', template: 'forwarding-ocmw' as const, data: forwarding,
      delivery: { mode: 'letter' as const }, recipient: { partyId: aalst.id },
    };
    const issued = await acts.issueLetter(input);
    const notice = await dataSource.getRepository(NoticeEntity).createQueryBuilder('n').addSelect('n.pdf').where('n.id = :id', { id: issued.noticeId }).getOneOrFail();
    expect(notice).toMatchObject({ recipient: 'party', recipientPartyId: aalst.id, deliveryMode: 'letter' });
    // The addressee block is the party's, not the client's; the competent OCMW named in the letter is the party too.
    expect(notice.document?.recipient).toBe('OCMW Aalst\nt.a.v. Dienst Leefloon\nGasthuisstraat 40\n9300 Aalst');
    expect(notice.document?.fields['Bevoegd OCMW']).toBe('OCMW Aalst');
    const text = await pdfText(notice.pdf!);
    for (const part of ['OCMW Aalst', 't.a.v. Dienst Leefloon', 'Gasthuisstraat 40', '9300 Aalst', 'LL-2026-000077']) expect(text).toContain(part);

    // A retried activity returns the stored letter: one notice.
    expect(await acts.issueLetter(input)).toEqual(issued);
    expect(await notices()).toBe(1);
    const [timeline] = await dataSource.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND key = 'notice:forwarding'`, [dossierId]);
    expect(timeline.description).toContain('voor OCMW Aalst');
  });

  it("without a recipient the same kind of letter still goes to the client's address", async () => {
    const issued = await acts.issueLetter({
      dossierId, key: 'hearing-right', template: 'hearing-right', data: { date: '2026-10-07' }, delivery: { mode: 'hand' },
    });
    const notice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: issued.noticeId });
    expect(notice).toMatchObject({ recipient: 'client', recipientPartyId: null });
    expect(notice.document?.recipient).toBe('Jan Peeters\nMarkt 1\n9200 Dendermonde');
  });

  it('refuses a party that is not linked to the dossier, unknown or inactive, and stores nothing', async () => {
    const before = await notices();
    const letter = (partyId: string, key: string) =>
      acts.issueLetter({ dossierId, key, template: 'hearing-right', data: { date: '2026-10-07' }, delivery: { mode: 'letter' }, recipient: { partyId } });

    const notLinked = await failureOf(letter(landlord.id, 'to-landlord'));
    expect(notLinked).toMatchObject({ type: NOTICE_FAILURES.recipientParty, nonRetryable: true });
    expect(notLinked.message).toContain('not linked');
    expect(await failureOf(letter(randomUUID(), 'to-nobody'))).toMatchObject({ type: NOTICE_FAILURES.recipientParty });

    // An ended link is no link.
    const link = await dataSource.getRepository(DossierPartyEntity).save({ dossierId, partyId: landlord.id, role: 'landlord', endedAt: new Date() });
    expect((await failureOf(letter(landlord.id, 'to-landlord'))).message).toContain('not linked');
    await dataSource.getRepository(DossierPartyEntity).update({ id: link.id }, { endedAt: null });
    await dataSource.getRepository(PartyEntity).update({ id: landlord.id }, { active: false });
    expect((await failureOf(letter(landlord.id, 'to-landlord'))).message).toContain('no longer active');
    expect(await notices()).toBe(before);
  });

  it('refuses a letter to a party without a postal address as incomplete', async () => {
    const noAddress = await dataSource.getRepository(PartyEntity).save({ name: 'Incasso Zonder Adres', kind: 'collection-agency' });
    await dataSource.getRepository(DossierPartyEntity).save({ dossierId, partyId: noAddress.id, role: 'collection-agency' });
    const refused = await failureOf(acts.issueLetter({
      dossierId, key: 'to-agency', template: 'hearing-right', data: { date: '2026-10-07' }, delivery: { mode: 'letter' }, recipient: { partyId: noAddress.id },
    }));
    expect(refused.type).toBe(NOTICE_FAILURES.incomplete);
    expect((refused.details?.[0] as { element: string }[]).map((m) => m.element)).toEqual(['recipient']);
  });
  it('a creditor letter to a collection agency names the client as the debtor and the answer date', async () => {
    const agency = await dataSource.getRepository(PartyEntity).save({ name: 'Incasso Vlaanderen NV', kind: 'collection-agency', street: 'Kaai 3', postalCode: '9000', city: 'Gent' });
    await dataSource.getRepository(DossierPartyEntity).save({ dossierId: debtDossierId, partyId: agency.id, role: 'collection-agency' });
    const issued = await acts.issueLetter({
      dossierId: debtDossierId, key: `statement-request:dossier:${agency.id}`, template: 'creditor-statement-request',
      data: { date: '2026-12-03', answerBy: '2026-12-24', fileNumber: 'INC-4711' }, delivery: { mode: 'letter' }, recipient: { partyId: agency.id },
    });
    const notice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: issued.noticeId });
    expect(notice).toMatchObject({ recipient: 'party', recipientPartyId: agency.id, kind: 'creditor-statement-request' });
    expect(notice.document?.recipient).toBe('Incasso Vlaanderen NV\nKaai 3\n9000 Gent');
    expect(notice.document?.fields).toMatchObject({ Schuldenaar: 'Jan Peeters', 'Uw dossier': 'INC-4711', 'Antwoord verwacht uiterlijk': '24 december 2026' });
    expect(notice.document?.paragraphs.join('\n')).toContain('begeleidt Jan Peeters, Markt 1, 9200 Dendermonde');
  });

  it("a creditor of the dossier's budget inventory takes part in it without a link; another dossier's creditor does not", async () => {
    const bank = await dataSource.getRepository(PartyEntity).save({ name: 'Bank Kredietnet', kind: 'creditor', street: 'Kouter 1', postalCode: '9000', city: 'Gent' });
    const letter = (dossier: string, key: string) => acts.issueLetter({
      dossierId: dossier, key, template: 'creditor-statement-request', data: { date: '2026-12-03', answerBy: '2026-12-24' }, delivery: { mode: 'letter' }, recipient: { partyId: bank.id },
    });
    expect((await failureOf(letter(debtDossierId, 'to-bank-before'))).message).toContain('not linked');
    const [user] = await dataSource.query(`SELECT id FROM users LIMIT 1`);
    await dataSource.query(
      `INSERT INTO dossier_debts (dossier_id, created_by, updated_by, creditor_party_id, original_cents, outstanding_cents, status) VALUES ($1, $2, $2, $3, 1000, 1000, 'open')`,
      [debtDossierId, user.id, bank.id],
    );
    const issued = await letter(debtDossierId, 'to-bank');
    expect((await dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: issued.noticeId })).recipientPartyId).toBe(bank.id);
    expect((await failureOf(acts.issueLetter({
      dossierId, key: 'to-bank-elsewhere', template: 'hearing-right', data: { date: '2026-10-07' }, delivery: { mode: 'letter' }, recipient: { partyId: bank.id },
    }))).message).toContain('not linked');
  });

  it('the rent guarantee: the bank request names the tenant and the landlord from their records, the plan the OCMW account; a landlord not in the dossier is refused', async () => {
    const person = await dataSource.getRepository(PersonEntity).save({ nationalNumber: '85073003328', firstName: 'Els', lastName: 'Maes', street: 'Kouter 3', postalCode: '9000', city: 'Gent' });
    const guaranteeDossier = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: guaranteeDossier, reference: 'HW-2026-000077', procedure: 'rent-guarantee', personId: person.id, status: 'NOTIFIED',
      team: 'demo', workflowId: `dossier-${guaranteeDossier}`, requestDate: '2026-10-05', channel: 'counter',
    });
    const bank = await dataSource.getRepository(PartyEntity).save({ name: 'Bank Gent NV', kind: 'bank', street: 'Veldstraat 1', postalCode: '9000', city: 'Gent' });
    await dataSource.getRepository(DossierPartyEntity).save({ dossierId: guaranteeDossier, partyId: bank.id, role: 'bank' });
    const request = (key: string) => ({
      dossierId: guaranteeDossier, key, template: 'guarantee-bank-request' as const,
      data: { date: '2026-10-20', decisionDate: '2026-10-19', amountCents: 195_000, monthlyRentCents: 65_000, leaseSignedOn: '2026-10-01', law: 'Vlaams Woninghuurdecreet van 9 november 2018', landlordPartyId: landlord.id },
      delivery: { mode: 'letter' as const }, recipient: { partyId: bank.id },
    });
    // The landlord takes no part in this dossier yet: refused, nothing stored.
    expect(await failureOf(acts.issueLetter(request('bank-request-early')))).toMatchObject({ type: NOTICE_FAILURES.recipientParty, nonRetryable: true });
    await dataSource.getRepository(DossierPartyEntity).save({ dossierId: guaranteeDossier, partyId: landlord.id, role: 'landlord' });
    const issued = await acts.issueLetter(request('bank-request'));
    const notice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: issued.noticeId });
    expect(notice.document?.recipient).toBe('Bank Gent NV\nVeldstraat 1\n9000 Gent');
    expect(notice.document?.fields).toMatchObject({ Huurder: 'Els Maes', Verhuurder: 'Woonhaven Noord', 'Bedrag van de waarborg': '€ 1.950,00' });
    expect(notice.document?.paragraphs.join(' ')).toContain('van Els Maes (Kouter 3, 9000 Gent) te laten stellen door uw bank');
    const plan = await acts.issueLetter({
      dossierId: guaranteeDossier, key: 'repayment-plan-1', template: 'guarantee-repayment-plan',
      data: { date: '2026-10-20', decisionDate: '2026-10-19', amountCents: 100_000, communication: '+++126/0000/77183+++', instalments: [{ number: 1, dueDate: '2026-11-15', amountCents: 100_000 }] },
      delivery: { mode: 'letter' },
    });
    const planNotice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ id: plan.noticeId });
    expect(planNotice.document?.fields).toMatchObject({ Rekening: 'BE48 0011 2345 6727', 'Gestructureerde mededeling': '+++126/0000/77183+++' });
    expect(planNotice.document?.recipient.split('\n')[0]).toBe('Els Maes');
  });
});
