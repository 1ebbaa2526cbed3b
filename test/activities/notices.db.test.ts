import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '../support/database';
import { createNoticeActivities } from '../../activities/notices/notice.activities';
import { AppConfig, loadConfig } from '../../libs/config/config';
import { DossierEntity, NoticeEntity, PersonEntity, PersonIdentifierEntity, UserEntity } from '../../libs/db/entities';
import { dateInZone } from '../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { freePort } from '../../libs/infra/embedded-postgres';
import { failureOf } from '../support/failure-of';
import { pdfText } from '../support/pdf-text';

const COURT = 'Arbeidsrechtbank Gent, afdeling Dendermonde, Noordlaan 31, 9200 Dendermonde';

/** A real SMTP server on a free port that keeps every message it accepts. */
async function startSmtp() {
  const messages: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Message queued as TEST42');
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Just enough MIME for the test: unfolded headers, RFC 2047 subjects, base64 parts of a multipart message. */
function parseMime(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const decodeWords = (v: string) =>
    v.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1] ?? '';
  const body = rest.join('\n\n');
  const parts = body.split(`--${boundary}`).slice(1, -1).map((part) => {
    const [h, ...b] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    return { headers: h.replace(/\r?\n[ \t]+/g, ' '), body: b.join('\n\n') };
  });
  return { subject: decodeWords(headers.get('subject') ?? ''), messageId: headers.get('message-id'), parts };
}

const grantData = {
  decisionDate: '2026-10-27',
  legalReasons: 'U voldoet aan de voorwaarden van artikel 3 van de RMI-wet.',
  factualReasons: 'Uit het sociaal onderzoek van 20 oktober 2026 blijkt dat u geen inkomen hebt.',
  category: 2 as const,
  categoryReason: 'U woont alleen in een studio.',
  amount: { monthlyCents: 131420, computation: 'Categoriebedrag € 1.314,20; er zijn geen bestaansmiddelen in rekening gebracht.', frequency: 'maandelijks' },
  effectiveDate: '2026-10-01',
};

describe('notices activities (db, real SMTP)', () => {
  let dataSource: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let config: AppConfig;
  let dossierId: string;
  let acts: ReturnType<typeof createNoticeActivities>;

  beforeAll(async () => {
    dataSource = await migratedDataSource('notices', 3);
    smtp = await startSmtp();
    config = loadConfig({
      OCMW_NAME: 'OCMW Teststad',
      OCMW_ADDRESS: 'Stationsstraat 2, 9200 Dendermonde',
      OCMW_ENTERPRISE_NUMBER: '0212.345.668',
      OCMW_NIS_CODE: '42006',
      OCMW_LABOUR_COURT_ADDRESS: COURT,
      OCMW_MAIL_FROM: 'sociale.dienst@teststad.example',
      SMTP_URL: smtp.url,
    });
    acts = createNoticeActivities({ dataSource, config, catalogue: DEFAULT_CATALOGUE });
    const user = await dataSource.getRepository(UserEntity).save({ username: 'sofie', passwordHash: 'x', displayName: 'Sofie Claes', role: 'social-worker', team: 'demo' });
    const person = await dataSource.getRepository(PersonEntity).save({
      nationalNumber: '93051822361', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9200', city: 'Dendermonde',
      email: 'jan.peeters@example.org',
    });
    dossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: dossierId, reference: 'LL-2026-000042', procedure: 'leefloon', personId: person.id, status: 'DECIDED',
      team: 'demo', responsibleUserId: user.id, workflowId: `dossier-${dossierId}`, requestDate: '2026-10-05', channel: 'counter',
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await smtp?.close();
  });

  const count = async (sql: string, ...params: unknown[]) => Number((await dataSource.query(sql, params))[0].count);
  const storedPdf = async (key: string) =>
    (await dataSource.getRepository(NoticeEntity).createQueryBuilder('n').addSelect('n.pdf')
      .where('n.dossier_id = :dossierId AND n.key = :key', { dossierId, key }).getOneOrFail());

  it('issues a registered decision letter: a PDF with reference, amount, labour court and appeal end date; once', async () => {
    const input = {
      dossierId, key: 'decision-letter', template: 'decision-grant' as const, dueDate: '2026-11-04',
      data: { ...grantData, date: '2026-10-30' },
      delivery: { mode: 'registered' as const, postedOn: '2026-10-30', trackingNumber: 'RR123456785BE' },
    };
    const result = await acts.issueLetter(input);
    // Posted Friday 30 Oct 2026 → notified Wednesday 4 Nov (3rd working day); appeal 3 judicial months → 4 Feb 2027.
    expect(result).toEqual({ noticeId: expect.any(String), notifiedOn: '2026-11-04', appealUntil: '2027-02-04' });

    const notice = await storedPdf('decision-letter');
    expect(notice.pdf!.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(notice.pdf!);
    for (const part of ['LL-2026-000042', '€ 1.314,20', COURT, '4 februari 2027', '4 november 2026', 'OCMW Teststad', 'Jan Peeters',
      'Het beroep schorst de beslissing niet', 'Sofie Claes', 'Juridische gronden', 'Feitelijke gronden', 'categorie 2']) {
      expect(text).toContain(part);
    }
    expect(notice).toMatchObject({
      kind: 'decision-grant', deliveryMode: 'registered', trackingNumber: 'RR123456785BE', postedOn: '2026-10-30',
      notifiedOn: '2026-11-04', appealUntil: '2027-02-04', dueDate: '2026-11-04',
    });
    expect(notice.document?.fields['Beroep uiterlijk op']).toBe('4 februari 2027');

    // A retry (the worker crashed after the commit) stores nothing new and returns the same.
    expect(await acts.issueLetter(input)).toEqual(result);
    expect((await storedPdf('decision-letter')).pdf!.equals(notice.pdf!)).toBe(true);
    expect(await count(`SELECT count(*) FROM notices WHERE dossier_id = $1 AND key = 'decision-letter'`, dossierId)).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'notice.issued' AND dossier_id = $1`, dossierId)).toBe(1);
    expect(await count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND key = 'notice:decision-letter'`, dossierId)).toBe(1);

    // Recording the same delivery again is a no-op; other data for it is a conflict.
    expect(await acts.recordDelivery({ dossierId, key: 'decision-letter', mode: 'registered', postedOn: '2026-10-30', trackingNumber: 'RR123456785BE' }))
      .toMatchObject({ notifiedOn: '2026-11-04', appealUntil: '2027-02-04' });
    const conflict = await failureOf(acts.recordDelivery({ dossierId, key: 'decision-letter', mode: 'registered', postedOn: '2026-11-02', trackingNumber: 'RR123456785BE' }));
    expect(conflict).toMatchObject({ type: 'DeliveryConflict', nonRetryable: true });
  });

  it('records the posting of a registered letter after it was issued', async () => {
    const issued = await acts.issueLetter({
      dossierId, key: 'refusal-letter', template: 'decision-refusal',
      data: { ...grantData, date: '2026-11-09', category: undefined, categoryReason: undefined, amount: undefined },
      delivery: { mode: 'registered' },
    });
    // Not posted yet: no notification date stored (the letter shows the one expected from its own date).
    expect(issued.notifiedOn).toBeUndefined();
    const delivered = await acts.recordDelivery({ dossierId, key: 'refusal-letter', mode: 'registered', postedOn: '2026-11-09', trackingNumber: 'RR000000017BE' });
    // Tue 10 (1), Wed 11 Nov Wapenstilstand, Thu 12 (2), Fri 13 (3); 13 Feb 2027 is a Saturday → Monday 15 Feb.
    expect(delivered).toMatchObject({ notifiedOn: '2026-11-13', appealUntil: '2027-02-15' });
    expect(delivered.appealSummary).toContain('art. 47 RMI-wet');
    expect(await acts.recordDelivery({ dossierId, key: 'refusal-letter', mode: 'registered', postedOn: '2026-11-09', trackingNumber: 'RR000000017BE' }))
      .toMatchObject({ notifiedOn: '2026-11-13', appealUntil: '2027-02-15' });
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'notice.delivered' AND details->>'key' = 'refusal-letter'`)).toBe(1);
    const [row] = await dataSource.query(`SELECT notified_on, appeal_until, tracking_number, posted_on FROM notices WHERE key = 'refusal-letter'`);
    expect(row).toEqual({ notified_on: '2026-11-13', appeal_until: '2027-02-15', tracking_number: 'RR000000017BE', posted_on: '2026-11-09' });

    expect(await failureOf(acts.recordDelivery({ dossierId, key: 'nope', mode: 'against-receipt', signedOn: '2026-11-10' }))).toMatchObject({ type: 'NoticeNotFound' });
    expect(await failureOf(acts.recordDelivery({ dossierId, key: 'refusal-letter', mode: 'registered', postedOn: '2026-11-09' }))).toMatchObject({ type: 'DeliveryInvalid' });
  });

  it('refuses an incomplete decision letter before anything is stored or sent, naming what is missing', async () => {
    const failure = await failureOf(acts.issueLetter({
      dossierId, key: 'bad-letter', template: 'decision-refusal',
      data: { decisionDate: '2026-10-27', legalReasons: '', factualReasons: 'Geen medewerking.' },
      delivery: { mode: 'registered', postedOn: '2026-10-30', trackingNumber: 'RR1' },
    }));
    expect(failure.type).toBe('LetterIncomplete');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('legal-reasons');
    expect((failure.details?.[0] as { element: string }[]).map((m) => m.element)).toEqual(['legal-reasons']);

    // Without a configured labour court the letter is refused too: the appeal term would not start.
    const noCourt = createNoticeActivities({ dataSource, config: { ...config, labourCourtAddress: '' }, catalogue: DEFAULT_CATALOGUE });
    const courtFailure = await failureOf(noCourt.issueLetter({
      dossierId, key: 'bad-letter', template: 'decision-grant', data: grantData, delivery: { mode: 'against-receipt', signedOn: '2026-10-30' },
    }));
    expect((courtFailure.details?.[0] as { element: string }[]).map((m) => m.element)).toEqual(['labour-court-address']);
    // An ordinary letter proves no notification date: no appeal term, so no decision letter.
    const ordinary = await failureOf(acts.issueLetter({ dossierId, key: 'bad-letter', template: 'decision-grant', data: grantData, delivery: { mode: 'letter' } }));
    expect((ordinary.details?.[0] as { element: string }[]).map((m) => m.element)).toEqual(['appeal-term']);

    expect(await count(`SELECT count(*) FROM notices WHERE key = 'bad-letter'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'notice.refused'`)).toBe(3);
    expect(smtp.messages).toHaveLength(0);
  });

  it('e-mails a letter over SMTP with its PDF attached, keeps the server answer as proof, and sends it once', async () => {
    const input = { dossierId, key: 'receipt-mail', template: 'receipt' as const, data: { requestDate: '2026-10-05', decisionDueDate: '2026-11-04' }, delivery: { mode: 'e-mail' as const } };
    const result = await acts.issueLetter(input);
    const today = dateInZone(Date.now(), 'Europe/Brussels');
    expect(result).toEqual({ noticeId: expect.any(String), notifiedOn: today });

    expect(smtp.messages).toHaveLength(1);
    const [message] = smtp.messages;
    expect(message.to).toEqual(['jan.peeters@example.org']);
    expect(message.from).toBe('sociale.dienst@teststad.example');
    const mime = parseMime(message.raw);
    expect(mime.subject).toBe('Ontvangstbewijs van uw aanvraag — dossier LL-2026-000042');
    expect(mime.messageId).toBe(`<notice-${result.noticeId}@ocmw-flow>`);
    const attachment = mime.parts.find((p) => /application\/pdf/.test(p.headers));
    expect(attachment?.headers).toContain('LL-2026-000042-receipt-mail.pdf');
    const attached = Buffer.from(attachment!.body.replace(/\s+/g, ''), 'base64');
    const notice = await storedPdf('receipt-mail');
    expect(attached.equals(notice.pdf!)).toBe(true);
    const text = await pdfText(attached);
    expect(text).toContain('uiterlijk op 4 november 2026');
    expect(text).toMatch(/recht om gehoord te worden/);

    expect(notice.proof?.email).toMatchObject({ messageId: `<notice-${result.noticeId}@ocmw-flow>`, accepted: ['jan.peeters@example.org'] });
    expect((notice.proof?.email as { response: string }).response).toMatch(/^250 .*TEST42/);
    expect(notice.notifiedOn).toBe(today);

    // The retry of an activity whose e-mail was accepted sends nothing again.
    expect(await acts.issueLetter(input)).toEqual(result);
    expect(smtp.messages).toHaveLength(1);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'notice.sent'`)).toBe(1);
  });

  it('stores the letter when the mail server is down, and sends it on the retry', async () => {
    const down = createNoticeActivities({ dataSource, config: { ...config, notices: { ...config.notices, smtpUrl: `smtp://127.0.0.1:${await freePort()}` } }, catalogue: DEFAULT_CATALOGUE });
    const input = { dossierId, key: 'hearing-mail', template: 'hearing-right' as const, data: {}, delivery: { mode: 'e-mail' as const, to: 'raadsman@example.org' } };
    const before = smtp.messages.length;
    await expect(down.issueLetter(input)).rejects.toThrow(); // retryable: Temporal retries the activity
    const stored = await storedPdf('hearing-mail');
    expect(stored).toMatchObject({ deliveryMode: 'e-mail', proof: null, notifiedOn: null });
    const retried = await acts.issueLetter(input);
    expect(retried).toMatchObject({ noticeId: stored.id, notifiedOn: dateInZone(Date.now(), 'Europe/Brussels') });
    expect(smtp.messages.slice(before).map((m) => m.to)).toEqual([['raadsman@example.org']]);
  });

  it('keeps a reminder linked to the request it reminds of, due after the configured number of days', async () => {
    await acts.issueLetter({ dossierId, key: 'documents', template: 'documents-request', data: { date: '2026-10-06', documents: ['huurcontract'] }, delivery: { mode: 'letter' } });
    await acts.issueLetter({ dossierId, key: 'documents-reminder-1', template: 'documents-reminder', reminderOf: 'documents', data: { date: '2026-10-20', documents: ['huurcontract'] }, delivery: { mode: 'letter' } });
    const rows = await dataSource.query(`SELECT id, key, reminder_of, document FROM notices WHERE key LIKE 'documents%' ORDER BY key`);
    expect(rows[1].reminder_of).toBe(rows[0].id);
    expect(rows[0].document.fields['Te bezorgen uiterlijk op']).toBe('20 oktober 2026'); // 6 Oct + 14 days
    expect(rows[1].document.fields['Eerste vraag op']).toBe('6 oktober 2026');
  });

  it('gives an ontvangstbewijs recorded the old way its letter when issued under the same key', async () => {
    await acts.recordNotice({
      dossierId, key: 'receipt', kind: 'ontvangstbewijs', recipient: 'client', channel: 'hand', dueDate: '2026-10-05', sentAt: '2026-10-05T09:00:00Z',
      content: { reference: 'LL-2026-000042', requestDate: '2026-10-05', decisionDueDate: '2026-11-04' }, description: 'Ontvangstbewijs uitgereikt',
    });
    const [old] = await dataSource.query(`SELECT id, document FROM notices WHERE key = 'receipt'`);
    expect(old.document).toBeNull();
    const issued = await acts.issueLetter({ dossierId, key: 'receipt', template: 'receipt', data: { date: '2026-10-05', requestDate: '2026-10-05', decisionDueDate: '2026-11-04' }, delivery: { mode: 'hand' } });
    expect(issued).toEqual({ noticeId: old.id, notifiedOn: '2026-10-05' });
    expect((await storedPdf('receipt')).document?.title).toBe('Ontvangstbewijs van uw aanvraag');
  });

  it('forwards a request to the competent OCMW through the partner outbox, never without reasons', async () => {
    const forwarding = {
      requestDate: '2026-10-05',
      applicant: { name: 'Jan Peeters', nationalNumber: '93.05.18-223.61', address: ['Markt 1', '9200 Dendermonde'] },
      competentOcmw: { name: 'OCMW Aalst', address: ['Gasthuisstraat 40', '9300 Aalst'] },
      reasons: 'De aanvrager verblijft gewoonlijk in Aalst.',
    };
    const noReasons = await failureOf(acts.issueLetter({
      dossierId, key: 'forwarding', template: 'forwarding-ocmw', data: { ...forwarding, reasons: '' },
      delivery: { mode: 'partner-outbox', partner: 'ocmw', partnerRef: 'OCMW Aalst' },
    }));
    expect((noReasons.details?.[0] as { element: string }[]).map((m) => m.element)).toEqual(['incompetence-reasons']);

    const issued = await acts.issueLetter({
      dossierId, key: 'forwarding', template: 'forwarding-ocmw', data: { ...forwarding, date: '2026-10-07' },
      delivery: { mode: 'partner-outbox', partner: 'ocmw', partnerRef: 'OCMW Aalst', dueDate: '2026-10-12' },
    });
    const [message] = await dataSource.query(`SELECT partner, kind, due_date, payload FROM partner_messages WHERE kind = 'forwarding' AND partner_ref = 'OCMW Aalst'`);
    expect(message).toMatchObject({ partner: 'ocmw', kind: 'forwarding', due_date: '2026-10-12' });
    expect(message.payload).toMatchObject({ noticeId: issued.noticeId, dossierReference: 'LL-2026-000042', template: 'forwarding-ocmw' });
    expect(message.payload.document.recipient).toBe('OCMW Aalst\nGasthuisstraat 40\n9300 Aalst');
    expect(message.payload.document.fields['Redenen van onbevoegdheid']).toBe('De aanvrager verblijft gewoonlijk in Aalst.');
    const notice = await storedPdf('forwarding');
    expect(notice).toMatchObject({ recipient: 'ocmw', deliveryMode: 'partner-outbox', notifiedOn: null });
    expect(await pdfText(notice.pdf!)).toContain('Redenen: De aanvrager verblijft gewoonlijk in Aalst.');
  });

  it('makes up both forwarding letters from the directory by the competent OCMW\'s NIS code, the applicant read from the dossier; an unknown code is refused', async () => {
    const unknown = await failureOf(acts.issueLetter({
      dossierId, key: 'forwarding-ocmw-x', template: 'forwarding-ocmw', data: { requestDate: '2026-10-05', reasons: 'Woont in Antwerpen.', competentOcmwNis: '99999' } as never,
      delivery: { mode: 'partner-outbox', partner: 'ocmw', partnerRef: '99999' },
    }));
    expect(unknown.type).toBe('RecipientPartyInvalid');
    expect(await count(`SELECT count(*) FROM notices WHERE dossier_id = $1 AND key = 'forwarding-ocmw-x'`, dossierId)).toBe(0);

    await acts.issueLetter({
      dossierId, key: 'forwarding-ocmw-dir', template: 'forwarding-ocmw', data: { requestDate: '2026-10-05', reasons: 'Woont gewoonlijk in Antwerpen.', competentOcmwNis: '11002' } as never,
      delivery: { mode: 'partner-outbox', partner: 'ocmw', partnerRef: '11002', dueDate: '2026-10-12' },
    });
    const [message] = await dataSource.query(`SELECT payload FROM partner_messages WHERE kind = 'forwarding' AND partner_ref = '11002'`);
    expect(message.payload.document.recipient).toBe('OCMW Antwerpen\nDemostraat 1\n2000 Antwerpen');
    const ocmwText = await pdfText((await storedPdf('forwarding-ocmw-dir')).pdf!);
    for (const part of ['Jan Peeters', '93.05.18-223.61', 'Markt 1', 'Woont gewoonlijk in Antwerpen.']) expect(ocmwText).toContain(part);

    await acts.issueLetter({
      dossierId, key: 'forwarding-applicant-dir', template: 'forwarding-applicant',
      data: { requestDate: '2026-10-05', forwardDate: '2026-10-07', reasons: 'Woont gewoonlijk in Antwerpen.', competentOcmwNis: '11002' } as never, delivery: { mode: 'letter' },
    });
    const applicantText = await pdfText((await storedPdf('forwarding-applicant-dir')).pdf!);
    for (const part of ['OCMW Antwerpen', 'Demostraat 1', '7 oktober 2026', 'Woont gewoonlijk in Antwerpen.']) expect(applicantText).toContain(part);
  });

  it('builds POD MI form B from the configuration and the client, once; refuses a form that does not fit the decision', async () => {
    const input = { dossierId, form: 'B' as const, decision: 'grant' as const, decisionDate: '2026-10-27', category: 2 as const, monthlyAmountCents: 131420, periodFrom: '2026-10-01' };
    const first = await acts.sendPodMiForm(input);
    // LL-5: 8 days after the end of the decision month.
    expect(first).toMatchObject({ created: true, dueDate: '2026-11-08' });
    const again = await acts.sendPodMiForm(input);
    expect(again).toEqual({ ...first, created: false });
    const rows = await dataSource.query(`SELECT partner, kind, partner_ref, payload, due_date FROM partner_messages WHERE dossier_id = $1 AND partner = 'pod-mi'`, [dossierId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ partner: 'pod-mi', kind: 'form-B', partner_ref: 'LL-2026-000042:2026-10-27', due_date: '2026-11-08' });
    expect(rows[0].payload).toEqual({
      form: 'B',
      formTitle: expect.stringContaining('Formulier B'),
      legalBasis: 'art. 21 §6 RMI-wet',
      ocmw: { name: 'OCMW Teststad', enterpriseNumber: '0212345668', nisCode: '42006' },
      client: { nationalNumber: '93051822361' },
      dossierReference: 'LL-2026-000042',
      decision: { type: 'grant', date: '2026-10-27', category: 2, monthlyAmountCents: 131420, periodFrom: '2026-10-01', periodTo: null },
      dueDate: '2026-11-08',
    });
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'partner-message.queued' AND details->>'kind' = 'form-B'`)).toBe(1);

    const wrong = await failureOf(acts.sendPodMiForm({ ...input, form: 'C' }));
    expect(wrong).toMatchObject({ type: 'PodMiFormInvalid', nonRetryable: true });
    expect(wrong.message).toContain('form C is for a refusal or a stop');
    const noAmount = await failureOf(acts.sendPodMiForm({ ...input, monthlyAmountCents: undefined, category: undefined }));
    expect(noAmount.message).toMatch(/category[\s\S]*monthly amount/);
    expect((await acts.sendPodMiForm({ dossierId, form: 'C', decision: 'refusal', decisionDate: '2026-10-27' })).created).toBe(true);
  });

  it('refuses POD MI form B for a client without a national number yet (the refusal escalates), queueing nothing', async () => {
    const person = await dataSource.getRepository(PersonEntity).save({
      nationalNumber: null, noNationalNumberReason: 'international-protection-applicant', birthDate: '1994-04-04',
      firstName: 'Amina', lastName: 'Haddad', street: 'Markt 3', postalCode: '9200', city: 'Dendermonde',
    });
    const id = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id, reference: 'LL-2026-000043', procedure: 'leefloon', personId: person.id, status: 'DECIDED',
      team: 'demo', workflowId: `dossier-${id}`, requestDate: '2026-10-05', channel: 'counter',
    });
    const refused = await failureOf(acts.sendPodMiForm({ dossierId: id, form: 'B', decision: 'grant', decisionDate: '2026-10-27', category: 2, monthlyAmountCents: 131420, periodFrom: '2026-10-01' }));
    expect(refused).toMatchObject({ type: 'PodMiFormInvalid', nonRetryable: true });
    expect(refused.message).toContain('the client has no national number (INSZ)');
    expect(await count(`SELECT count(*) FROM partner_messages WHERE dossier_id = $1`, id)).toBe(0);
  });

  it('identifies a client and a beneficiary known only by a BIS number (a `bis` identifier) by that INSZ', async () => {
    const bis = '94440412302';
    const person = await dataSource.getRepository(PersonEntity).save({
      nationalNumber: null, noNationalNumberReason: 'bis-requested', birthDate: '1994-04-04',
      firstName: 'Yara', lastName: 'Haddad', street: 'Markt 3', postalCode: '9200', city: 'Dendermonde',
    });
    await dataSource.getRepository(PersonIdentifierEntity).insert({ personId: person.id, type: 'bis', value: bis });
    const id = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id, reference: 'LL-2026-000044', procedure: 'leefloon', personId: person.id, status: 'DECIDED',
      team: 'demo', workflowId: `dossier-${id}`, requestDate: '2026-10-05', channel: 'counter',
    });
    const formB = await acts.sendPodMiForm({ dossierId: id, form: 'B', decision: 'grant', decisionDate: '2026-10-27', category: 2, monthlyAmountCents: 131420, periodFrom: '2026-10-01' });
    const [b] = await dataSource.query(`SELECT payload FROM partner_messages WHERE id = $1`, [formB.partnerMessageId]);
    expect(b.payload.client).toEqual({ nationalNumber: bis });
    const formA = await acts.sendPartnerForm({ dossierId: id, formId: 'wet1965:A', content: { startDate: '2026-10-15', beneficiaries: [{ role: 'applicant' }, { personId: person.id, role: 'other' }] } });
    const [a] = await dataSource.query(`SELECT payload FROM partner_messages WHERE id = $1`, [formA.partnerMessageId]);
    expect(a.payload.beneficiaries).toEqual([{ role: 'applicant', nationalNumber: bis }, { role: 'other', nationalNumber: bis }]);
  });

  it('queues the Wet 1965 forms B1 and A from the registry, once, due SA-6 days after the start; refuses bad content and a beneficiary without INSZ', async () => {
    const [{ person_id: clientId }] = await dataSource.query(`SELECT person_id FROM dossiers WHERE id = $1`, [dossierId]);
    const content = { decisionDate: '2026-10-27', aidForm: 'equivalent-leefloon', category: 2, amountCents: 131420, frequency: 'monthly', startDate: '2026-10-15' };
    const first = await acts.sendPartnerForm({ dossierId, formId: 'wet1965:B1', content });
    // SA-6 [U]: 45 calendar days from the start of the aid.
    expect(first).toMatchObject({ created: true, dueDate: '2026-11-29' });
    expect(await acts.sendPartnerForm({ dossierId, formId: 'wet1965:B1', content })).toEqual({ ...first, created: false });
    const [row] = await dataSource.query(`SELECT partner, kind, partner_ref, payload, due_date FROM partner_messages WHERE id = $1`, [first.partnerMessageId]);
    expect(row).toMatchObject({ partner: 'pod-mi', kind: 'wet1965-B1', partner_ref: 'LL-2026-000042:2026-10-27', due_date: '2026-11-29' });
    expect(row.payload).toEqual({
      form: 'B1',
      formId: 'wet1965:B1',
      formTitle: expect.stringContaining('Formulier B1'),
      legalBasis: expect.stringContaining('Wet 2 april 1965'),
      ocmw: { name: 'OCMW Teststad', enterpriseNumber: '0212345668', nisCode: '42006' },
      client: { nationalNumber: '93051822361' },
      dossierReference: 'LL-2026-000042',
      content,
      dueDate: '2026-11-29',
    });

    const formA = await acts.sendPartnerForm({ dossierId, formId: 'wet1965:A', content: { startDate: '2026-10-15', beneficiaries: [{ role: 'applicant' }, { personId: clientId, role: 'other' }] } });
    const [a] = await dataSource.query(`SELECT kind, partner_ref, payload FROM partner_messages WHERE id = $1`, [formA.partnerMessageId]);
    expect(a).toMatchObject({ kind: 'wet1965-A', partner_ref: 'LL-2026-000042:2026-10-15', payload: { beneficiaries: [{ role: 'applicant', nationalNumber: '93051822361' }, { role: 'other', nationalNumber: '93051822361' }] } });

    const noAmount = await failureOf(acts.sendPartnerForm({ dossierId, formId: 'wet1965:B1', content: { ...content, decisionDate: '2026-10-28', amountCents: undefined } }));
    expect(noAmount).toMatchObject({ type: 'PodMiFormInvalid', nonRetryable: true });
    expect(noAmount.message).toContain('amountCents');
    const stranger = await dataSource.getRepository(PersonEntity).save({
      nationalNumber: null, noNationalNumberReason: 'international-protection-applicant', birthDate: '2019-04-04',
      firstName: 'Sami', lastName: 'Haddad', street: 'Markt 3', postalCode: '9200', city: 'Dendermonde',
    });
    const withChild = await failureOf(acts.sendPartnerForm({
      dossierId, formId: 'wet1965:A', content: { startDate: '2026-10-20', beneficiaries: [{ personId: clientId, role: 'applicant' }, { personId: stranger.id, role: 'child' }] },
    }));
    expect(withChild).toMatchObject({ type: 'PodMiFormInvalid', nonRetryable: true });
    expect(withChild.message).toContain('/beneficiaries/1 has no national number (INSZ)');
    expect(await failureOf(acts.sendPartnerForm({ dossierId, formId: 'wet1965:Z' as never, content: {} }))).toMatchObject({ type: 'PodMiFormInvalid' });
    expect(await count(`SELECT count(*) FROM partner_messages WHERE dossier_id = $1 AND kind LIKE 'wet1965-%'`, dossierId)).toBe(2);
  });

  it('queues a partner message once per (dossier, kind, partner reference)', async () => {
    const message = { dossierId, partner: 'fedasil' as const, kind: 'transfer', partnerRef: 'LOI-17', payload: { reasons: 'gewone verblijfplaats' }, dueDate: '2026-10-10' };
    const first = await acts.queuePartnerMessage(message);
    const second = await acts.queuePartnerMessage({ ...message, payload: { reasons: 'changed' } });
    expect(second).toEqual({ partnerMessageId: first.partnerMessageId, created: false });
    const other = await acts.queuePartnerMessage({ ...message, partnerRef: 'LOI-18' });
    expect(other.created).toBe(true);
    expect(await count(`SELECT count(*) FROM partner_messages WHERE kind = 'transfer' AND partner_ref = 'LOI-17'`)).toBe(1);
    expect((await dataSource.query(`SELECT payload FROM partner_messages WHERE id = $1`, [first.partnerMessageId]))[0].payload).toEqual({ reasons: 'gewone verblijfplaats' });
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'partner-message.queued' AND details->>'kind' = 'transfer'`)).toBe(2);
    expect(await failureOf(acts.queuePartnerMessage({ ...message, partner: 'bank' as never }))).toMatchObject({ type: 'DeliveryInvalid' });
  });
});
