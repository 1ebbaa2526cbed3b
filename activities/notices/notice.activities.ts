import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { audit, SYSTEM } from '../../libs/db/audit';
import { NoticeEntity, PartnerMessageEntity, PartyEntity, PersonEntity, PersonIdentifierEntity } from '../../libs/db/entities';
import { formatIban, formatNationalNumber, validateNationalNumber } from '../../libs/domain/identifiers';
import { clockTrigger, isPartnerFormId, PARTNER_NAMES, PartnerFormId, partnerForm, partnerMessageLabel, partnerRefOf } from '../../libs/partner-forms/registry';
import { validateSchema } from '../../libs/validation/schema';
import { Partner, PARTNERS } from '../../libs/db/entities/partner-message.entity';
import { insertOnce } from '../../libs/db/insert-once';
import { partyTakesPart } from '../../libs/db/party-part';
import { addToTimeline } from '../../libs/db/timeline';
import { addDays, dateInZone, IsoDate, isValidIsoDate } from '../../libs/deadlines/calendar-date';
import { computeDeadline, findRule } from '../../libs/deadlines/engine';
import { DeadlineError, DeadlineRule } from '../../libs/deadlines/types';
import { appealTerm, DeliveryError, DeliveryFacts, DeliveryMode, notificationDate, NotificationDate, sendEmail } from '../../libs/notices/delivery';
import { letterhead, LetterContext, loadLetterContext, partyAddressee } from '../../libs/notices/letter-context';
import { NOTICE_FAILURES } from '../../libs/notices/failures';
import { ocmwDirectoryOf } from '../../libs/config/ocmw-directory';
import { renderPdf } from '../../libs/notices/pdf';
import {
  AppealInfo,
  formatDateNl,
  isCreditorTemplate,
  isClientPartyTemplate,
  isAppealableTemplate,
  LetterBase,
  LetterDocument,
  LetterIncompleteError,
  renderLetter,
  TemplateData,
  TemplateName,
} from '../../libs/notices/templates';

export interface NoticeInput {
  dossierId: string;
  /** Idempotency key within the dossier, e.g. "receipt". */
  key: string;
  kind: string;
  recipient: 'client' | 'pod-mi' | 'ocmw' | 'partner';
  channel: 'hand' | 'letter' | 'registered' | 'e-mail' | 'partner-outbox';
  dueDate: string;
  sentAt: string | null;
  content: Record<string, unknown>;
  description: string;
}

export { NOTICE_FAILURES };

const refuse = (type: string, message: string, details: unknown[] = []) => ApplicationFailure.create({ type, message, details, nonRetryable: true });

/** How the letter is to reach its addressee. Dates default to the letter's date (handed over or posted that day). */
export type LetterDelivery =
  | { mode: 'registered'; postedOn?: IsoDate; trackingNumber?: string }
  | { mode: 'against-receipt'; signedOn?: IsoDate }
  | { mode: 'e-mail'; /** Default: the person's e-mail address. */ to?: string }
  | { mode: 'hand' }
  | { mode: 'letter' }
  | { mode: 'partner-outbox'; partner: Partner; partnerRef: string; dueDate?: IsoDate };

/** The parts of a letter the activity fills from the dossier and the configuration (the caller may override them). */
type ContextKey = keyof LetterBase | 'appeal';
/**
 * Defaulted by the activity: answerBy = letter date + config.notices.documentReminderDays (documents letters);
 * firstRequestDate from reminderOf; debtor (creditor letters) and client (guarantee letters) = the dossier's client;
 * ocmwIban (repayment letters) = OCMW_IBAN; landlord (bank request) = the name of the party `landlordPartyId`.
 */
type DefaultedKey = 'answerBy' | 'firstRequestDate' | 'debtor' | 'client' | 'ocmwIban' | 'landlord';
export type LetterInput<T extends TemplateName> = Omit<TemplateData[T], ContextKey | DefaultedKey | (T extends 'forwarding-ocmw' ? 'competentOcmw' : never)> &
  Partial<Pick<TemplateData[T], DefaultedKey & keyof TemplateData[T]>> &
  Partial<Omit<LetterBase, 'recipient'>> & { recipient?: LetterBase['recipient'] } &
  // A forwarding addressed to the competent OCMW as a party (recipient.partyId) names that OCMW from the party.
  (T extends 'forwarding-ocmw' ? { competentOcmw?: TemplateData[T]['competentOcmw'] } : unknown) &
  (T extends 'guarantee-bank-request' ? { landlordPartyId?: string } : unknown) & {
    appeal?: T extends `decision-${string}` ? Partial<AppealInfo> : never;
  };

export type IssueLetterInput = {
  [T in TemplateName]: {
    dossierId: string;
    /** Idempotency key within the dossier, e.g. "decision-letter". */
    key: string;
    template: T;
    data: LetterInput<T>;
    delivery: LetterDelivery;
    /** The legal due date of the notice (e.g. the LL-4 notification term); default: the letter's date. */
    dueDate?: IsoDate;
    /** A reminder: the key of the notice it reminds of (documents-reminder takes its first request date from it). */
    reminderOf?: string;
    /**
     * A letter to a party linked to the dossier (a creditor, another OCMW, …) instead of the client: addressed to the
     * party's name and address, e-mailed to the party's address. Only the id travels through the workflow's history.
     */
    recipient?: { partyId: string };
  };
}[TemplateName];

export interface IssueLetterResult {
  noticeId: string;
  /** Known once the letter is delivered (handed over, signed for, posted with a date, or accepted by the mail server). */
  notifiedOn?: IsoDate;
  /** Decision letters: last day of the client's appeal term (engine, LL-10), from notifiedOn. */
  appealUntil?: IsoDate;
}

export interface RecordDeliveryInput {
  dossierId: string;
  key: string;
  mode: DeliveryMode;
  trackingNumber?: string;
  postedOn?: IsoDate;
  signedOn?: IsoDate;
  sentOn?: IsoDate;
}

export interface RecordDeliveryResult {
  noticeId: string;
  notifiedOn: IsoDate;
  appealUntil?: IsoDate;
  /** The engine's one-line explanation of the appeal term (Dutch). */
  appealSummary?: string;
}

export interface QueuePartnerMessageInput {
  dossierId: string;
  partner: Partner;
  kind: string;
  partnerRef: string;
  payload: Record<string, unknown>;
  dueDate?: IsoDate | null;
}

export interface SendPodMiFormInput {
  dossierId: string;
  /** B: grant or revision (with the reimbursement claim); C: refusal or stop (not a suspension). */
  form: 'B' | 'C';
  decision: 'grant' | 'revision' | 'refusal' | 'stop';
  decisionDate: IsoDate;
  category?: 1 | 2 | 3;
  monthlyAmountCents?: number;
  /** Period the decision covers: from (start of the right, or the day a stop takes effect), to (optional end). */
  periodFrom?: IsoDate;
  periodTo?: IsoDate;
  /** Default: "<dossier reference>:<decision date>". */
  partnerRef?: string;
}

export interface SendPartnerFormInput {
  dossierId: string;
  /** A form of the registry (libs/partner-forms): 'wet1965:B1', ... */
  formId: PartnerFormId;
  /** What the form's contentSchema describes; names no person (beneficiaries by person id). */
  content: Record<string, unknown>;
  /** Default: the form's reference from business names ("<dossier reference>:<decision / period and date>"). */
  partnerRef?: string;
}

interface DeliveryRecord {
  mode: DeliveryMode;
  trackingNumber: string | null;
  postedOn: IsoDate | null;
  signedOn: IsoDate | null;
  sentOn: IsoDate | null;
  notifiedOn: IsoDate;
  note: string;
  appealUntil: IsoDate | null;
  recordedAt: string;
}

export interface NoticeDeps {
  dataSource: DataSource;
  config: AppConfig;
  /** The deadline catalogue in force: the appeal term (LL-10) and the POD MI term (LL-5) come from it. */
  catalogue: DeadlineRule[];
}

export function createNoticeActivities({ dataSource, config, catalogue }: NoticeDeps) {
  const today = () => dateInZone(Date.now(), config.timeZone);
  const registered = () => ({ registeredMailWorkingDays: config.notices.registeredMailWorkingDays });

  async function findNotice(manager: EntityManager, dossierId: string, key: string): Promise<NoticeEntity | null> {
    return manager.findOneBy(NoticeEntity, { dossierId, key });
  }

  function appealFor(ctx: LetterContext, notifiedOn: IsoDate) {
    return appealTerm(catalogue, notifiedOn, { ruleId: ctx.base.procedure.appeal.ruleId, timeZone: config.timeZone, judicialMonthEnd: config.deadlineJudicialMonthEnd });
  }

  /** The facts the letter's delivery gives at issue time (dates default to the letter's date). */
  function plannedDelivery(delivery: LetterDelivery, date: IsoDate): { facts: DeliveryFacts; known: boolean } {
    switch (delivery.mode) {
      case 'registered':
        return { facts: { mode: 'registered', postedOn: delivery.postedOn ?? date }, known: delivery.postedOn !== undefined };
      case 'against-receipt':
        return { facts: { mode: 'against-receipt', signedOn: delivery.signedOn ?? date }, known: delivery.signedOn !== undefined };
      case 'e-mail':
        return { facts: { mode: 'e-mail', sentOn: date }, known: false };
      case 'hand':
        return { facts: { mode: 'hand', sentOn: date }, known: true };
      default:
        return { facts: { mode: delivery.mode }, known: false };
    }
  }

  /** Template data = context from the dossier and configuration, overridden by the caller's data. */
  async function letterData(input: IssueLetterInput, ctx: LetterContext, date: IsoDate, planned: NotificationDate | null): Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = { ...ctx.base, date, ...input.data };
    if (input.template === 'forwarding-ocmw' || input.template === 'forwarding-applicant') {
      // The competent OCMW by its NIS code, from the directory (OCMW_DIRECTORY_FILE): the workflow names no address.
      const nis = (input.data as { competentOcmwNis?: string }).competentOcmwNis;
      if (nis) {
        const entry = ocmwDirectoryOf(config).get(nis);
        if (!entry) throw refuse(NOTICE_FAILURES.recipientParty, `Dossier ${ctx.dossier.reference}: no OCMW with NIS code ${nis} in the directory`);
        data.competentOcmw = { name: entry.name, address: entry.address.split(',').map((l) => l.trim()).filter(Boolean) };
        delete data.competentOcmwNis;
      }
    }
    if (input.template === 'forwarding-ocmw') {
      data.competentOcmw ??= ctx.party ? ctx.base.recipient : undefined;
      if (!input.data.recipient && !ctx.party) data.recipient = data.competentOcmw;
      // The applicant as the other OCMW identifies them: their name, national number and address never travel
      // through the workflow (privacy), the activity reads them from the dossier's person.
      const p = ctx.person;
      data.applicant ??= {
        name: `${p.firstName} ${p.lastName}`,
        ...(p.nationalNumber ? { nationalNumber: formatNationalNumber(p.nationalNumber) } : {}),
        address: [p.street, `${p.postalCode ?? ''} ${p.city ?? ''}`.trim()].filter((l): l is string => typeof l === 'string' && l.trim() !== ''),
      };
    }
    if (input.template === 'documents-request' || input.template === 'documents-reminder') {
      data.answerBy ??= addDays(date, config.notices.documentReminderDays);
    }
    if (input.template === 'documents-reminder' && data.firstRequestDate === undefined && input.reminderOf) {
      const first = await findNotice(dataSource.manager, input.dossierId, input.reminderOf);
      data.firstRequestDate = first?.document?.date ?? (first ? dateInZone(first.createdAt.getTime(), config.timeZone) : undefined);
    }
    // The client as a party knows them (a creditor's debtor, a landlord's or a bank's tenant): their name and address
    // never travel through the workflow.
    const client = () => ({ name: `${ctx.person.firstName} ${ctx.person.lastName}`, address: [ctx.person.street, `${ctx.person.postalCode} ${ctx.person.city}`].filter((l) => l && l.trim() !== '') });
    if (isCreditorTemplate(input.template)) data.debtor ??= client();
    if (input.template === 'guarantee-bank-request' && typeof (input.data as { landlordPartyId?: unknown }).landlordPartyId === 'string') {
      // The landlord the bank guarantee is for, by its party id: a landlord may be a person, whose name stays out of the workflow.
      const landlordPartyId = (input.data as { landlordPartyId: string }).landlordPartyId;
      const landlord = await dataSource.manager.findOneBy(PartyEntity, { id: landlordPartyId });
      if (!landlord || !(await partyTakesPart(dataSource.manager, ctx.dossier.id, landlordPartyId))) {
        throw refuse(NOTICE_FAILURES.recipientParty, `Dossier ${ctx.dossier.reference}: the landlord ${landlordPartyId} is not a party of the dossier`);
      }
      data.landlord = landlord.name;
      delete data.landlordPartyId;
    }
    if (isClientPartyTemplate(input.template)) data.client ??= client();
    if (input.template === 'guarantee-repayment-plan' || input.template === 'guarantee-instalment-reminder' || input.template === 'maintenance-debtor-decision' || input.template === 'maintenance-contribution-reminder') {
      // The client pays back into the OCMW's own account (OCMW_IBAN), the one its payments leave from.
      data.ocmwIban ??= formatIban(config.ocmw.iban);
    }
    if (isAppealableTemplate(input.template)) {
      const appeal = planned ? appealFor(ctx, planned.date) : null;
      data.appeal = {
        possible: true,
        how: ctx.base.procedure.appeal.how,
        suspensive: false,
        labourCourtAddress: config.labourCourtAddress,
        notifiedOn: planned?.date,
        until: appeal?.dueDate,
        deliveryNote: planned?.note,
        ...((input.data as { appeal?: Partial<AppealInfo> }).appeal ?? {}),
      };
    }
    return data;
  }

  async function sendByEmail(notice: NoticeEntity, document: LetterDocument, pdf: Buffer, to: string, ctx: LetterContext): Promise<IssueLetterResult> {
    const proof = await sendEmail(config.notices.smtpUrl as string, {
      from: config.notices.mailFrom,
      to,
      subject: `${document.title} — dossier ${document.reference}`,
      text:
        `Geachte ${ctx.base.recipient.name},\n\nIn de bijlage vindt u een brief van ${config.ocmw.name} over ${ctx.party ? 'ons' : 'uw'} dossier ` +
        `${document.reference}: "${document.title}".\n\nMet vriendelijke groeten,\n${ctx.base.service}\n`,
      pdf,
      filename: `${document.reference}-${notice.key}.pdf`,
      messageId: `<notice-${notice.id}@ocmw-flow>`,
    });
    const sentOn = dateInZone(Date.parse(proof.sentAt), config.timeZone);
    const appealUntil = isAppealableTemplate(notice.kind) ? appealFor(ctx, sentOn).dueDate : null;
    await dataSource.transaction(async (tx) => {
      await tx.update(NoticeEntity, { id: notice.id }, {
        sentAt: new Date(proof.sentAt),
        notifiedOn: sentOn,
        appealUntil,
        proof: { ...(notice.proof ?? {}), email: proof } as never,
      });
      await addToTimeline(tx, {
        dossierId: notice.dossierId,
        key: `notice:${notice.key}:sent`,
        at: new Date(proof.sentAt),
        type: 'notice',
        description: `${document.title} per e-mail verstuurd op ${formatDateNl(sentOn)}` + (appealUntil ? `; beroep mogelijk tot en met ${formatDateNl(appealUntil)}` : ''),
        data: { kind: notice.kind, channel: 'e-mail', messageId: proof.messageId },
      });
      await audit(tx, SYSTEM, 'notice.sent', { dossierId: notice.dossierId, details: { key: notice.key, messageId: proof.messageId, response: proof.response } });
    });
    return { noticeId: notice.id, notifiedOn: sentOn, ...(appealUntil ? { appealUntil } : {}) };
  }

  /**
   * The letter's context addressed to a party instead of the client. The party must be active and take part in the
   * dossier — linked to it (a link that has not ended), or the creditor, bailiff or collection agency of a debt in its
   * budget inventory: a dossier's letter never goes to someone who has no part in it.
   */
  async function addressedToParty(ctx: LetterContext, partyId: string): Promise<LetterContext> {
    const party = await dataSource.manager.findOneBy(PartyEntity, { id: partyId });
    if (!party) throw refuse(NOTICE_FAILURES.recipientParty, `Dossier ${ctx.dossier.reference}: no party ${partyId}`);
    if (!party.active) throw refuse(NOTICE_FAILURES.recipientParty, `Dossier ${ctx.dossier.reference}: party ${partyId} is no longer active`);
    const linked = await partyTakesPart(dataSource.manager, ctx.dossier.id, partyId);
    if (!linked) throw refuse(NOTICE_FAILURES.recipientParty, `Dossier ${ctx.dossier.reference}: party ${partyId} is not linked to the dossier`);
    return { ...ctx, party, base: { ...ctx.base, recipient: partyAddressee(party) } };
  }

  const resultOf = (n: NoticeEntity): IssueLetterResult => ({
    noticeId: n.id,
    ...(n.notifiedOn ? { notifiedOn: n.notifiedOn } : {}),
    ...(n.appealUntil ? { appealUntil: n.appealUntil } : {}),
  });

  async function queue(tx: EntityManager, input: QueuePartnerMessageInput): Promise<{ partnerMessageId: string; created: boolean }> {
    const created = await insertOnce(tx, PartnerMessageEntity, {
      dossierId: input.dossierId,
      partner: input.partner,
      partnerRef: input.partnerRef,
      kind: input.kind,
      payload: input.payload as never,
      dueDate: input.dueDate ?? null,
    });
    const row = await tx.findOneByOrFail(PartnerMessageEntity, { dossierId: input.dossierId, kind: input.kind, partnerRef: input.partnerRef });
    if (created) {
      await addToTimeline(tx, {
        dossierId: input.dossierId,
        key: `partner:${input.kind}:${input.partnerRef}`,
        at: new Date(),
        type: 'partner-message',
        description: `Bericht ${partnerMessageLabel(input.kind)} voor ${PARTNER_NAMES[input.partner]} klaargezet${input.dueDate ? ` (uiterlijk ${formatDateNl(input.dueDate)})` : ''}`,
        data: { partner: input.partner, kind: input.kind, partnerMessageId: row.id },
      });
      await audit(tx, SYSTEM, 'partner-message.queued', { dossierId: input.dossierId, details: { partnerMessageId: row.id, partner: input.partner, kind: input.kind } });
    }
    return { partnerMessageId: row.id, created };
  }

  /** Validates, identifies and queues a registered partner form (sendPodMiForm and sendPartnerForm). */
  async function queueForm(
    formId: PartnerFormId,
    dossierId: string,
    content: Record<string, unknown>,
    partnerRef: string | undefined,
  ): Promise<{ partnerMessageId: string; dueDate: IsoDate | null; created: boolean }> {
    const form = partnerForm(formId);
    const trigger = clockTrigger(form, content);
    const ctx = await loadLetterContext(dataSource.manager, config, dossierId, trigger && isValidIsoDate(trigger) ? trigger : today());
    if (!ctx) throw refuse(NOTICE_FAILURES.dossierNotFound, `Dossier ${dossierId} not found`);
    const problems = [
      ...form.check?.(content) ?? [],
      ...validateSchema(form.contentSchema, content).map((e) => `${e.path || '/'} ${e.message}`),
    ];
    // POD MI forms identify people by INSZ only (§12.1: a national number or a BIS number): a person without one yet
    // (noNationalNumberReason) is refused, and the refusal escalates like an incomplete letter. A BIS number that KSZ
    // assigned is an INSZ even while it is stored as the person's `bis` identifier rather than as the national number.
    let identity: Record<string, unknown>;
    if (form.identity === 'client') {
      const insz = (await inszOf(dataSource.manager, [ctx.person])).get(ctx.person.id) ?? null;
      if (!insz) problems.push('the client has no national number (INSZ); ask KSZ for a BIS number');
      identity = { client: { nationalNumber: insz } };
    } else {
      // A beneficiary without personId is the dossier's client.
      const listed = Array.isArray(content.beneficiaries) ? (content.beneficiaries as { personId?: string; role: string }[]) : [];
      const ids = listed.map((b) => b.personId).filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id));
      const persons = ids.length ? await dataSource.manager.findBy(PersonEntity, { id: In(ids) }) : [];
      const insz = await inszOf(dataSource.manager, [ctx.person, ...persons]);
      const beneficiaries = listed.map((b, i) => {
        const person = b.personId === undefined ? ctx.person : persons.find((p) => p.id === b.personId);
        if (!person) problems.push(`/beneficiaries/${i} is not a registered person`);
        else if (!insz.has(person.id)) problems.push(`/beneficiaries/${i} has no national number (INSZ); ask KSZ for a BIS number`);
        return { role: b.role, nationalNumber: (person && insz.get(person.id)) ?? null };
      });
      identity = { beneficiaries };
    }
    // A form addressed to a party of the dossier (the paying body): its name and address go with the message.
    let addressee: Record<string, unknown> = {};
    if (form.addressee && typeof content[form.addressee] === 'string' && /^[0-9a-f-]{36}$/i.test(content[form.addressee] as string)) {
      const partyId = content[form.addressee] as string;
      const party = await dataSource.manager.findOneBy(PartyEntity, { id: partyId });
      if (!party || !(await partyTakesPart(dataSource.manager, dossierId, partyId))) problems.push(`/${form.addressee} is not a party of the dossier`);
      else addressee = { addressee: { ...partyAddressee(party), enterpriseNumber: party.enterpriseNumber } };
    }
    if (problems.length) throw refuse(NOTICE_FAILURES.podMiForm, `${PARTNER_NAMES[form.partner]} form ${form.code} refused: ${problems.join('; ')}`, [problems]);

    let dueDate: IsoDate | null = null;
    if (form.clock && trigger) {
      try {
        dueDate = computeDeadline(findRule(catalogue, form.clock.ruleId, trigger), trigger, { warningDays: 0, timeZone: config.timeZone }).dueDate as IsoDate;
      } catch (err) {
        if (err instanceof DeadlineError) throw refuse(NOTICE_FAILURES.podMiForm, err.message);
        throw err;
      }
    }
    // The RMI forms B/C keep the payload their exports always had; the other forms carry their content as it is.
    const body = form.activity === 'sendPodMiForm'
      ? {
          decision: {
            type: content.decision,
            date: content.decisionDate,
            category: content.category ?? null,
            monthlyAmountCents: content.monthlyAmountCents ?? null,
            periodFrom: content.periodFrom ?? null,
            periodTo: content.periodTo ?? null,
          },
        }
      : { formId: form.id, content };
    const payload = {
      form: form.code,
      formTitle: form.title,
      legalBasis: form.legalBasis,
      ocmw: { name: config.ocmw.name, enterpriseNumber: config.ocmw.enterpriseNumber, nisCode: config.ocmw.nisCode },
      ...identity,
      ...addressee,
      dossierReference: ctx.dossier.reference,
      ...body,
      dueDate,
    };
    const queued = await dataSource.transaction((tx) =>
      queue(tx, {
        dossierId,
        partner: form.partner,
        kind: form.kind,
        partnerRef: partnerRef ?? partnerRefOf(form, ctx.dossier.reference, content),
        payload,
        dueDate,
      }),
    );
    return { ...queued, dueDate };
  }

  return {
    /** Records a notice without a letter (kept as it is: running workflows call it). */
    async recordNotice(input: NoticeInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        if (!(await insertOnce(tx, NoticeEntity, {
            dossierId: input.dossierId,
            key: input.key,
            kind: input.kind,
            recipient: input.recipient,
            channel: input.channel,
            dueDate: input.dueDate,
            sentAt: input.sentAt ? new Date(input.sentAt) : null,
            content: input.content,
          }))) return;
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `notice:${input.key}`,
          at: new Date(input.sentAt ?? Date.now()),
          type: 'notice',
          description: input.description,
          data: { kind: input.kind, channel: input.channel },
        });
        await audit(tx, SYSTEM, 'notice.recorded', { dossierId: input.dossierId, details: { key: input.key, kind: input.kind } });
      });
    },

    /**
     * Renders a letter from its template (client and dossier data from the read model, OCMW and labour court from the
     * configuration, the appeal term from the engine), refuses it when a mandatory element is missing (non-retryable
     * 'LetterIncomplete', details[0] = the missing elements), stores the document and its PDF, and delivers it: e-mail
     * over SMTP, a partner message in the outbox, or — for post and hand delivery — recorded for the people who send it
     * (recordDelivery records the posting or signature). Idempotent on (dossierId, key): a retry returns the stored
     * letter, and only re-sends an e-mail that was not accepted yet.
     */
    async issueLetter(input: IssueLetterInput): Promise<IssueLetterResult> {
      const emailPending = (n: NoticeEntity) => input.delivery.mode === 'e-mail' && config.notices.smtpUrl !== null && !n.proof?.email;
      let notice = await findNotice(dataSource.manager, input.dossierId, input.key);
      if (notice?.document && !emailPending(notice)) return resultOf(notice);

      const date = (input.data as { date?: IsoDate }).date ?? today();
      const clientCtx = await loadLetterContext(dataSource.manager, config, input.dossierId, date);
      if (!clientCtx) throw refuse(NOTICE_FAILURES.dossierNotFound, `Dossier ${input.dossierId} not found`);
      const ctx = input.recipient ? await addressedToParty(clientCtx, input.recipient.partyId) : clientCtx;
      if (!ctx.base.procedure.templates.includes(input.template)) {
        throw refuse(NOTICE_FAILURES.templateNotInProcedure, `Dossier ${ctx.dossier.reference}: the ${ctx.dossier.procedure} procedure has no ${input.template} letter`);
      }
      const emailTo = input.delivery.mode === 'e-mail' ? (input.delivery.to ?? (ctx.party ? ctx.party.email : ctx.person.email) ?? null) : null;
      if (input.delivery.mode === 'e-mail' && !emailTo) {
        throw refuse(NOTICE_FAILURES.delivery, `Dossier ${ctx.dossier.reference}: the ${ctx.party ? 'party' : 'client'} has no e-mail address; send the letter by post or hand it over`);
      }

      if (!notice?.document) {
        const { facts, known } = plannedDelivery(input.delivery, date);
        let planned: NotificationDate | null;
        let data: Record<string, unknown>;
        let document: LetterDocument;
        try {
          planned = notificationDate(facts, registered());
          data = await letterData(input, ctx, date, planned);
          document = renderLetter(input.template, data as never);
        } catch (err) {
          if (err instanceof LetterIncompleteError) {
            await audit(dataSource.manager, SYSTEM, 'notice.refused', { dossierId: input.dossierId, details: { key: input.key, template: input.template, missing: err.missing } });
            throw refuse(NOTICE_FAILURES.incomplete, `Dossier ${ctx.dossier.reference}: ${err.message}`, [err.missing]);
          }
          if (err instanceof DeliveryError || err instanceof DeadlineError) throw refuse(NOTICE_FAILURES.delivery, err.message);
          throw err;
        }
        const pdf = await renderPdf(document, letterhead(config));
        const decision = isAppealableTemplate(input.template);
        const notifiedOn = known && planned ? planned.date : null;
        const appealUntil = decision && notifiedOn ? ((data.appeal as AppealInfo).until ?? null) : null;
        const delivery = input.delivery;
        const tracking = delivery.mode === 'registered' ? (delivery.trackingNumber ?? null) : null;
        const record: DeliveryRecord | null =
          notifiedOn && planned && (delivery.mode !== 'registered' || tracking)
            ? {
                mode: delivery.mode, trackingNumber: tracking, postedOn: facts.postedOn ?? null, signedOn: facts.signedOn ?? null,
                sentOn: facts.sentOn ?? null, notifiedOn, note: planned.note, appealUntil, recordedAt: new Date().toISOString(),
              }
            : null;
        const reminderOf = input.reminderOf ? ((await findNotice(dataSource.manager, input.dossierId, input.reminderOf))?.id ?? null) : null;
        const recipient = delivery.mode === 'partner-outbox' ? delivery.partner : ctx.party ? 'party' : 'client';
        await dataSource.transaction(async (tx) => {
          const values = {
            kind: input.template,
            recipient,
            channel: delivery.mode,
            dueDate: input.dueDate ?? date,
            sentAt: notifiedOn ? new Date() : null,
            content: input.data as Record<string, unknown>,
            document,
            pdf,
            deliveryMode: delivery.mode,
            trackingNumber: tracking,
            postedOn: delivery.mode === 'registered' && known ? (facts.postedOn ?? null) : null,
            notifiedOn,
            appealUntil,
            reminderOf,
            recipientPartyId: ctx.party?.id ?? null,
            proof: record ? { delivery: record } : null,
          };
          const inserted = await insertOnce(tx, NoticeEntity, { dossierId: input.dossierId, key: input.key, ...values } as never);
          if (!inserted) {
            // A notice recorded under this key without a letter (recordNotice): give it its letter, once.
            const upgraded = await tx.createQueryBuilder().update(NoticeEntity).set(values as never)
              .where('dossier_id = :d AND key = :k AND document IS NULL', { d: input.dossierId, k: input.key }).execute();
            if (!upgraded.affected) return;
          }
          await addToTimeline(tx, {
            dossierId: input.dossierId,
            key: `notice:${input.key}`,
            at: new Date(),
            type: 'notice',
            description:
              `${document.title} opgemaakt${ctx.party ? ` voor ${ctx.party.name}` : ''} (${DELIVERY_LABELS[delivery.mode]})` +
              (delivery.mode === 'e-mail' && !config.notices.smtpUrl ? ' — geen mailserver ingesteld: nog te versturen' : '') +
              (notifiedOn ? `; ter kennis gebracht op ${formatDateNl(notifiedOn)}` : '') +
              (appealUntil ? `; beroep mogelijk tot en met ${formatDateNl(appealUntil)}` : ''),
            data: { kind: input.template, channel: delivery.mode, ...(ctx.party ? { partyId: ctx.party.id } : {}) },
          });
          await audit(tx, SYSTEM, 'notice.issued', {
            dossierId: input.dossierId,
            details: { key: input.key, template: input.template, delivery: delivery.mode, ...(ctx.party ? { recipientPartyId: ctx.party.id } : {}) },
          });
          if (delivery.mode === 'partner-outbox') {
            const row = await findNotice(tx, input.dossierId, input.key);
            await queue(tx, {
              dossierId: input.dossierId,
              partner: delivery.partner,
              kind: input.template === 'forwarding-ocmw' ? 'forwarding' : `letter:${input.template}`,
              partnerRef: delivery.partnerRef,
              payload: { noticeId: row?.id, dossierReference: document.reference, template: input.template, document },
              dueDate: delivery.dueDate ?? input.dueDate ?? null,
            });
          }
        });
        notice = await findNotice(dataSource.manager, input.dossierId, input.key);
        if (!notice) throw new Error(`notice ${input.key} of dossier ${input.dossierId} vanished`);
      }

      if (input.delivery.mode === 'e-mail' && config.notices.smtpUrl && !notice.proof?.email) {
        const withPdf = await dataSource.getRepository(NoticeEntity).createQueryBuilder('n').addSelect('n.pdf')
          .where('n.id = :id', { id: notice.id }).getOneOrFail();
        return sendByEmail(withPdf, withPdf.document as LetterDocument, withPdf.pdf as Buffer, emailTo as string, ctx);
      }
      return resultOf(notice);
    },

    /**
     * Records how a letter was delivered — registered post (tracking number + posting date: notified on the N-th working
     * day after posting, N from config, [U]), against a signed receipt (the signature date), by hand or e-mail — and
     * returns the notification date and, for a decision, the last day of the client's appeal term (engine, LL-10).
     * Idempotent: the same delivery again returns the same dates; different data for an already delivered notice is a
     * non-retryable 'DeliveryConflict'.
     */
    async recordDelivery(input: RecordDeliveryInput): Promise<RecordDeliveryResult> {
      const notice = await findNotice(dataSource.manager, input.dossierId, input.key);
      if (!notice) throw refuse(NOTICE_FAILURES.noticeNotFound, `No notice ${input.key} in dossier ${input.dossierId}`);
      if (input.mode === 'registered' && !input.trackingNumber?.trim()) {
        throw refuse(NOTICE_FAILURES.delivery, 'A registered letter needs its tracking number');
      }
      let notified: NotificationDate | null;
      try {
        notified = notificationDate({ mode: input.mode, postedOn: input.postedOn, signedOn: input.signedOn, sentOn: input.sentOn }, registered());
      } catch (err) {
        if (err instanceof DeliveryError) throw refuse(NOTICE_FAILURES.delivery, err.message);
        throw err;
      }
      if (!notified) throw refuse(NOTICE_FAILURES.delivery, `A delivery by ${input.mode} proves no notification date`);

      const previous = (notice.proof?.delivery ?? null) as DeliveryRecord | null;
      const same = (r: DeliveryRecord) =>
        r.mode === input.mode && r.trackingNumber === (input.trackingNumber ?? null) && r.postedOn === (input.postedOn ?? null) &&
        r.signedOn === (input.signedOn ?? null) && r.sentOn === (input.sentOn ?? null);
      if (previous) {
        if (same(previous)) {
          return { noticeId: notice.id, notifiedOn: previous.notifiedOn, ...(previous.appealUntil ? { appealUntil: previous.appealUntil } : {}) };
        }
        throw refuse(NOTICE_FAILURES.deliveryConflict, `Notice ${input.key} was already delivered (${previous.mode}, notified on ${previous.notifiedOn})`, [previous]);
      }

      const ctx = await loadLetterContext(dataSource.manager, config, input.dossierId, notified.date);
      if (!ctx) throw refuse(NOTICE_FAILURES.dossierNotFound, `Dossier ${input.dossierId} not found`);
      const appeal = isAppealableTemplate(notice.kind) ? appealFor(ctx, notified.date) : null;
      const record: DeliveryRecord = {
        mode: input.mode,
        trackingNumber: input.trackingNumber ?? null,
        postedOn: input.postedOn ?? null,
        signedOn: input.signedOn ?? null,
        sentOn: input.sentOn ?? null,
        notifiedOn: notified.date,
        note: notified.note,
        appealUntil: appeal?.dueDate ?? null,
        recordedAt: new Date().toISOString(),
      };
      await dataSource.transaction(async (tx) => {
        const updated = await tx.createQueryBuilder().update(NoticeEntity)
          .set({
            deliveryMode: input.mode,
            channel: input.mode,
            trackingNumber: record.trackingNumber,
            postedOn: record.postedOn,
            notifiedOn: record.notifiedOn,
            appealUntil: record.appealUntil,
            sentAt: notice.sentAt ?? new Date(),
            proof: { ...(notice.proof ?? {}), delivery: record } as never,
          })
          .where(`id = :id AND (proof IS NULL OR NOT proof ? 'delivery')`, { id: notice.id })
          .execute();
        if (!updated.affected) return;
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `notice:${input.key}:delivered`,
          at: new Date(),
          type: 'notice',
          description:
            `${notice.document?.title ?? notice.kind} ter kennis gebracht op ${formatDateNl(notified!.date)} (${notified!.note})` +
            (appeal ? `; beroep mogelijk tot en met ${formatDateNl(appeal.dueDate)}` : ''),
          data: { kind: notice.kind, channel: input.mode, trackingNumber: record.trackingNumber },
        });
        await audit(tx, SYSTEM, 'notice.delivered', { dossierId: input.dossierId, details: { key: input.key, mode: input.mode, notifiedOn: record.notifiedOn, appealUntil: record.appealUntil } });
      });
      const stored = await findNotice(dataSource.manager, input.dossierId, input.key);
      const kept = (stored?.proof?.delivery ?? record) as DeliveryRecord;
      if (!same(kept)) throw refuse(NOTICE_FAILURES.deliveryConflict, `Notice ${input.key} was delivered concurrently with other data`, [kept]);
      return {
        noticeId: notice.id,
        notifiedOn: kept.notifiedOn,
        ...(kept.appealUntil ? { appealUntil: kept.appealUntil, appealSummary: appeal?.summary } : {}),
      };
    },

    /** Queues a message for a partner in the outbox, once per (dossier, kind, partner reference). */
    async queuePartnerMessage(input: QueuePartnerMessageInput): Promise<{ partnerMessageId: string; created: boolean }> {
      if (!PARTNERS.includes(input.partner)) throw refuse(NOTICE_FAILURES.delivery, `Unknown partner ${String(input.partner)}`);
      if (input.dueDate != null && !isValidIsoDate(input.dueDate)) throw refuse(NOTICE_FAILURES.delivery, `dueDate is not a date: ${input.dueDate}`);
      return dataSource.transaction((tx) => queue(tx, input));
    },

    /**
     * Form B (grant or revision, with the reimbursement claim) or C (refusal or stop) to POD MI (art. 21 §6 RMI-wet),
     * due 8 days after the end of the decision month (LL-5, engine): the activity type the leefloon's histories
     * recorded, kept as it is; the form itself is the registry's rmi:B / rmi:C, queued like every partner form.
     */
    async sendPodMiForm(input: SendPodMiFormInput): Promise<{ partnerMessageId: string; dueDate: IsoDate; created: boolean }> {
      const { dossierId, form, partnerRef, ...content } = input;
      const sent = await queueForm(form === 'B' ? 'rmi:B' : 'rmi:C', dossierId, content, partnerRef);
      return { ...sent, dueDate: sent.dueDate as IsoDate };
    },

    /**
     * Any registered partner form (libs/partner-forms): its content validated against the form's schema and rules, the
     * client (or each beneficiary) identified by INSZ — a person without a national or BIS number is refused, never a
     * form sent with null —, its due date from the form's clock rule, queued once per (dossier, kind, partner
     * reference). A refusal is non-retryable: the workflow escalates it (dossier.attempt).
     */
    async sendPartnerForm(input: SendPartnerFormInput): Promise<{ partnerMessageId: string; dueDate: IsoDate | null; created: boolean }> {
      if (!isPartnerFormId(input.formId)) throw refuse(NOTICE_FAILURES.podMiForm, `Unknown partner form ${String(input.formId)}`);
      return queueForm(input.formId, input.dossierId, input.content ?? {}, input.partnerRef);
    },
  };
}

const DELIVERY_LABELS: Record<DeliveryMode, string> = {
  registered: 'aangetekende zending',
  'against-receipt': 'af te geven tegen ontvangstbewijs',
  'e-mail': 'per e-mail',
  hand: 'overhandigd',
  letter: 'gewone brief',
  'partner-outbox': 'bericht aan partner',
};

/**
 * The INSZ of each person that has one: the national number, else a valid BIS number stored as the person's `bis`
 * identifier (person_identifiers). A person with neither is left out.
 */
async function inszOf(manager: EntityManager, persons: PersonEntity[]): Promise<Map<string, string>> {
  const insz = new Map<string, string>();
  for (const p of persons) if (p.nationalNumber && /^\d{11}$/.test(p.nationalNumber)) insz.set(p.id, p.nationalNumber);
  const without = persons.filter((p) => !insz.has(p.id)).map((p) => p.id);
  if (without.length === 0) return insz;
  const bis = await manager.findBy(PersonIdentifierEntity, { personId: In(without), type: 'bis' });
  for (const b of bis) {
    const checked = validateNationalNumber(b.value);
    if (checked.valid && checked.kind === 'bis' && !insz.has(b.personId)) insz.set(b.personId, checked.value);
  }
  return insz;
}
