/**
 * How a letter reaches its addressee, and from when it counts as notified (shared/domain/ocmw-procedures.md §0.2, §0.3):
 *
 * - registered post (aangetekend): tracking number + posting date; for the addressee the letter counts as notified on
 *   the N-th working day after it was handed to the post (N = config.notices.registeredMailWorkingDays, 3 by default:
 *   art. 53bis Ger.W. [U] — configuration, to be confirmed by a lawyer), Saturdays, Sundays and legal holidays skipped;
 * - against a signed receipt (tegen ontvangstbewijs): the date of the signature;
 * - e-mail over SMTP: the day the OCMW's mail server accepted it [U: e-mail is not one of the modes of art. 62bis
 *   OCMW-wet; the proof kept is the server's answer and message id];
 * - handed over (the ontvangstbewijs at the counter): that day;
 * - an ordinary letter or a partner message: no notification date can be proved.
 *
 * The notification date starts the client's appeal term: 3 judicial months (rule LL-10 for leefloon, SA-5 for social
 * aid), computed by the deadline engine.
 */
import nodemailer from 'nodemailer';
import { IsoDate, isValidIsoDate } from '../deadlines/calendar-date';
import { computeDeadline, findRule } from '../deadlines/engine';
import { addWorkingDays } from '../deadlines/holidays';
import type { DeadlineComputation, DeadlineRule, JudicialMonthEnd } from '../deadlines/types';
import { formatDateNl } from './templates';

export const DELIVERY_MODES = ['registered', 'against-receipt', 'e-mail', 'hand', 'letter', 'partner-outbox'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface DeliveryFacts {
  mode: DeliveryMode;
  /** Registered post: the day the letter was handed to the post. */
  postedOn?: IsoDate;
  /** Against receipt: the day the client signed for it. */
  signedOn?: IsoDate;
  /** E-mail: the day the mail server accepted it; hand: the day it was handed over. */
  sentOn?: IsoDate;
}

export interface NotificationDate {
  date: IsoDate;
  /** Dutch, for the letter and the timeline: how the date follows from the delivery. */
  note: string;
}

export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * The day the addressee counts as notified, or null when the mode proves none (ordinary letter, partner message).
 * Throws DeliveryError when the date the mode needs is missing.
 */
export function notificationDate(facts: DeliveryFacts, options: { registeredMailWorkingDays: number }): NotificationDate | null {
  const need = (value: IsoDate | undefined, what: string): IsoDate => {
    if (!isValidIsoDate(value)) throw new DeliveryError(`A ${facts.mode} delivery needs ${what} (YYYY-MM-DD), got ${String(value)}`);
    return value;
  };
  switch (facts.mode) {
    case 'registered': {
      const posted = need(facts.postedOn, 'the posting date');
      const n = options.registeredMailWorkingDays;
      return {
        date: addWorkingDays(posted, n),
        note:
          n === 0
            ? `aangetekend verstuurd op ${formatDateNl(posted)}`
            : `aangetekend verstuurd op ${formatDateNl(posted)}; de kennisgeving geldt op de ${n}e werkdag na de afgifte ter post`,
      };
    }
    case 'against-receipt': {
      const signed = need(facts.signedOn, 'the date of the signed receipt');
      return { date: signed, note: `overhandigd tegen ontvangstbewijs, ondertekend op ${formatDateNl(signed)}` };
    }
    case 'e-mail': {
      const sent = need(facts.sentOn, 'the sending date');
      return { date: sent, note: `per e-mail verstuurd op ${formatDateNl(sent)}` };
    }
    case 'hand': {
      const handed = need(facts.sentOn, 'the date it was handed over');
      return { date: handed, note: `overhandigd op ${formatDateNl(handed)}` };
    }
    case 'letter':
    case 'partner-outbox':
      return null;
  }
}

/**
 * The appeal term that the notification starts, by the engine (e.g. LL-10: 3 judicial months, art. 53 Ger.W. shift).
 * `ruleId` is the catalogue rule the procedure's appeal rule names (its definition, libs/procedures).
 */
export function appealTerm(
  catalogue: DeadlineRule[],
  notifiedOn: IsoDate,
  options: { ruleId: string; timeZone: string; judicialMonthEnd?: JudicialMonthEnd },
): DeadlineComputation & { dueDate: IsoDate } {
  const rule = findRule(catalogue, options.ruleId, notifiedOn);
  const computed = computeDeadline(rule, notifiedOn, { warningDays: 0, timeZone: options.timeZone, judicialMonthEnd: options.judicialMonthEnd });
  if (computed.dueDate === null) throw new DeliveryError(`The appeal term of ${rule.id} has no due date`);
  return computed as DeadlineComputation & { dueDate: IsoDate };
}

// ---------------------------------------------------------------------------------------------------------------
// E-mail

export interface EmailLetter {
  from: string;
  to: string;
  subject: string;
  text: string;
  pdf: Buffer;
  filename: string;
  /** A stable Message-ID (one per notice): a resend after a crash is recognisable as the same message. */
  messageId: string;
}

/** What the SMTP server answered: the proof of sending kept with the notice. */
export interface EmailProof {
  messageId: string;
  response: string;
  accepted: string[];
  rejected: string[];
  envelope: { from: string | false; to: string[] };
  sentAt: string;
}

/** Sends the letter with its PDF attached over SMTP (nodemailer); throws when the server does not accept the recipient. */
export async function sendEmail(smtpUrl: string, letter: EmailLetter): Promise<EmailProof> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const info = await transport.sendMail({
      from: letter.from,
      to: letter.to,
      subject: letter.subject,
      text: letter.text,
      messageId: letter.messageId,
      attachments: [{ filename: letter.filename, content: letter.pdf, contentType: 'application/pdf' }],
    });
    const accepted = (info.accepted ?? []).map(String);
    const rejected = (info.rejected ?? []).map(String);
    if (!accepted.some((a) => a.toLowerCase() === letter.to.toLowerCase())) {
      throw new DeliveryError(`The mail server did not accept ${letter.to}: ${info.response}`);
    }
    return {
      messageId: info.messageId,
      response: info.response,
      accepted,
      rejected,
      envelope: { from: info.envelope.from, to: info.envelope.to },
      sentAt: new Date().toISOString(),
    };
  } finally {
    transport.close();
  }
}
