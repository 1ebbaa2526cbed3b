/**
 * SEPA credit-transfer batch file for the bank: ISO 20022 pain.001.001.09 as the EPC 2023 SCT rulebook prescribes it
 * between a customer and its bank (implementation guideline EPC132-08, "SCT C2PSP"; schema in
 * test/fixtures/iso20022/pain.001.001.09.xsd). Pure: a string in, a string out.
 *
 * Privacy: the file goes to the bank. It carries the beneficiary's name, IBAN, amount and an unstructured remittance
 * ("Leefloon 2026-03 LL-2026-000123") — never a national number: buildPain001 refuses a text that contains one.
 */
import { IsoDate, isValidIsoDate } from '../deadlines/calendar-date';
import { normalizeNationalNumber, validateIban, validateNationalNumber } from '../domain/identifiers';
import { PAYMENT_KIND_REMITTANCE, PaymentKind, periodRemittance } from './payment-key';

export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';
/** EPC usage rules: names are limited to 70 characters, unstructured remittance to 140, identifiers (Max35Text) to 35. */
export const MAX_NAME = 70;
export const MAX_REMITTANCE = 140;
export const MAX_ID = 35;
/** Amount must be 0.01 or more and 999999999.99 or less (AT-T002). */
const MAX_AMOUNT_CENTS = 99_999_999_999;
/** A BIC (ISO 9362), upper case: 8 or 11 characters. */
export const BIC = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

export interface SepaDebtor {
  name: string;
  iban: string;
  bic: string;
}

export interface SepaPayment {
  /** The payment's uuid: its EndToEndId (see endToEndId). */
  id: string;
  /**
   * The account it is paid from when not the batch's own debtor account: e.g. a client's budget-management account
   * (debt mediation). Each debtor account gets its own PmtInf in the file.
   */
  debtor?: SepaDebtor;
  amountCents: number;
  creditorName: string;
  iban: string;
  remittance: string;
}

export interface SepaBatch {
  /** Unique per file (Max35Text); the batch's id without dashes. */
  msgId: string;
  createdAt: Date;
  requestedExecutionDate: IsoDate;
  /** The OCMW: the initiating party, and the debtor of every payment that names no other account. */
  debtor: SepaDebtor;
  payments: SepaPayment[];
}

export class SepaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SepaError';
  }
}

/**
 * EndToEndId = the payment's id: a UUID is 36 characters with its dashes, EndToEndId is Max35Text, so the dashes go
 * (32 hexadecimal characters, lower case). The bank returns it on the account statement (camt.053) for
 * reconciliation: `paymentIdFromEndToEndId` puts the dashes back.
 */
export function endToEndId(paymentId: string): string {
  const hex = paymentId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new SepaError(`a payment id must be a UUID: ${paymentId}`);
  return hex;
}

export function paymentIdFromEndToEndId(id: string): string {
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

const SPECIALS: Record<string, string> = {
  ß: 'ss', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'O', ø: 'o', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Þ: 'TH', þ: 'th',
  '&': '+', '"': "'", '‘': "'", '’': "'", '‚': "'", '“': "'", '”': "'", '„': "'", _: '-', '–': '-', '—': '-',
};

/**
 * Text restricted to the SEPA (EPC basic Latin) character set `a-z A-Z 0-9 / - ? : ( ) . , ' + space`: accents are
 * transliterated (é→e, ç→c, ß→ss), a few signs mapped (& → +, quotes → '), anything else becomes a space; then
 * whitespace is collapsed and the text cut to `max` characters.
 */
export function sepaText(value: string, max: number): string {
  const latin = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]|[&"_]/g, (c) => SPECIALS[c] ?? ' ');
  return latin
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** Escapes the five XML special characters (after sepaText only the apostrophe can remain; this is the safety net). */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** 131420 → '1314.20' (the file's decimal notation: a point, two decimals, no grouping). */
export function formatAmount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * The unstructured remittance the beneficiary reads on the statement: "Leefloon 2026-03 LL-2026-000123". A party paid
 * for the client reads its own references first — the debt or invoice ("INV-1"), the file number it keeps for this
 * dossier (the link's `reference`) — then the dossier's reference and the client it is paid for, so it can book the
 * payment: "Leefloon huurwaarborg rent-guarantee INV-1 HW-77 LL-2026-000004 voor Jan Peeters" (cut at 140 characters,
 * the client's name first to go). Never a national number (buildPain001 refuses one).
 */
export function remittanceText(input: {
  procedure: string;
  kind: PaymentKind;
  period: string;
  reference: string;
  debtRef?: string | null;
  payeeReference?: string | null;
  /** The client's name, when a party is paid for the client. */
  onBehalfOf?: string | null;
}): string {
  const procedure = input.procedure.charAt(0).toUpperCase() + input.procedure.slice(1).replace(/-/g, ' ');
  const parts = [
    procedure,
    PAYMENT_KIND_REMITTANCE[input.kind],
    periodRemittance(input.period),
    input.debtRef,
    input.payeeReference,
    input.reference,
    input.onBehalfOf ? `voor ${input.onBehalfOf}` : null,
  ];
  return sepaText(parts.filter((p) => p).join(' '), MAX_REMITTANCE);
}

/** True when `text` holds something that checks out as a national number (11 digits, optionally written with . - or spaces). */
export function containsNationalNumber(text: string): boolean {
  // A lookahead, so every position is tried (overlapping candidates: '2026-000123 93.05.18-223.61').
  for (const match of text.matchAll(/(?=(\d(?:[\s.\-]?\d){10}))/g)) {
    if (validateNationalNumber(normalizeNationalNumber(match[1])).valid) return true;
  }
  return false;
}

function identifier(value: string, what: string): string {
  if (!/^[A-Za-z0-9/\-?:().,'+]{1,35}$/.test(value) || value.startsWith('/') || value.endsWith('/') || value.includes('//')) {
    throw new SepaError(`${what} must be 1–35 SEPA characters, not starting or ending with '/' nor containing '//': ${value}`);
  }
  return value;
}

function account(iban: string, what: string): string {
  const checked = validateIban(iban);
  if (!checked.valid) throw new SepaError(`${what}: not a valid IBAN (${checked.message})`);
  return checked.value;
}

function text(value: string, max: number, what: string): string {
  const cleaned = sepaText(value, max);
  if (cleaned === '') throw new SepaError(`${what} is empty once restricted to the SEPA character set: "${value}"`);
  if (containsNationalNumber(cleaned)) throw new SepaError(`${what} must not contain a national number`);
  return escapeXml(cleaned);
}

/**
 * The pain.001.001.09 document for one batch: one PmtInf per debtor account (the OCMW's own, a budget-management account
 * per client…), all on one execution date, in the order their first payment appears; the group header counts and sums
 * every transaction of the file, each PmtInf its own.
 */
export function buildPain001(batch: SepaBatch): string {
  if (batch.payments.length === 0) throw new SepaError('a batch needs at least one payment');
  if (!isValidIsoDate(batch.requestedExecutionDate)) throw new SepaError(`not a date YYYY-MM-DD: ${batch.requestedExecutionDate}`);
  const msgId = identifier(batch.msgId, 'MsgId');
  const seen = new Set<string>();
  const groups = new Map<string, { debtor: SepaDebtor; transactions: string[]; ctrlSumCents: number }>();
  let ctrlSumCents = 0;
  batch.payments.forEach((p, i) => {
    if (!Number.isSafeInteger(p.amountCents) || p.amountCents < 1 || p.amountCents > MAX_AMOUNT_CENTS) {
      throw new SepaError(`payment ${p.id}: the amount must be from 0.01 to 999999999.99 euro, got ${p.amountCents} cents`);
    }
    const e2e = endToEndId(p.id);
    if (seen.has(e2e)) throw new SepaError(`payment ${p.id} appears twice in the batch`);
    seen.add(e2e);
    ctrlSumCents += p.amountCents;
    const debtor = p.debtor ?? batch.debtor;
    const debtorIban = account(debtor.iban, `payment ${p.id}: debtor account`);
    const group = groups.get(debtorIban) ?? { debtor, transactions: [], ctrlSumCents: 0 };
    groups.set(debtorIban, group);
    group.ctrlSumCents += p.amountCents;
    group.transactions.push([
      '      <CdtTrfTxInf>',
      `        <PmtId><EndToEndId>${e2e}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="EUR">${formatAmount(p.amountCents)}</InstdAmt></Amt>`,
      `        <Cdtr><Nm>${text(p.creditorName, MAX_NAME, `payment ${i + 1}: creditor name`)}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><IBAN>${account(p.iban, `payment ${p.id}: creditor account`)}</IBAN></Id></CdtrAcct>`,
      `        <RmtInf><Ustrd>${text(p.remittance, MAX_REMITTANCE, `payment ${i + 1}: remittance`)}</Ustrd></RmtInf>`,
      '      </CdtTrfTxInf>',
    ].join('\n'));
  });
  // PmtInfId is Max35Text: the MsgId's first 32 characters and the group's number.
  if (groups.size > 99) throw new SepaError(`a batch holds at most 99 debtor accounts, got ${groups.size}`);
  const paymentInfos = [...groups.entries()].map(([iban, group], n) => {
    const bic = group.debtor.bic.toUpperCase();
    if (!BIC.test(bic)) throw new SepaError(`not a BIC: ${group.debtor.bic}`);
    return [
      '    <PmtInf>',
      `      <PmtInfId>${identifier(`${msgId.slice(0, 32)}-${n + 1}`, 'PmtInfId')}</PmtInfId>`,
      '      <PmtMtd>TRF</PmtMtd>',
      `      <NbOfTxs>${group.transactions.length}</NbOfTxs>`,
      `      <CtrlSum>${formatAmount(group.ctrlSumCents)}</CtrlSum>`,
      '      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
      `      <ReqdExctnDt><Dt>${batch.requestedExecutionDate}</Dt></ReqdExctnDt>`,
      `      <Dbtr><Nm>${text(group.debtor.name, MAX_NAME, 'debtor name')}</Nm></Dbtr>`,
      `      <DbtrAcct><Id><IBAN>${iban}</IBAN></Id></DbtrAcct>`,
      `      <DbtrAgt><FinInstnId><BICFI>${bic}</BICFI></FinInstnId></DbtrAgt>`,
      '      <ChrgBr>SLEV</ChrgBr>',
      ...group.transactions,
      '    </PmtInf>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN_001_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${msgId}</MsgId>`,
    `      <CreDtTm>${batch.createdAt.toISOString().slice(0, 19)}Z</CreDtTm>`,
    `      <NbOfTxs>${batch.payments.length}</NbOfTxs>`,
    `      <CtrlSum>${formatAmount(ctrlSumCents)}</CtrlSum>`,
    `      <InitgPty><Nm>${text(batch.debtor.name, MAX_NAME, 'debtor name')}</Nm></InitgPty>`,
    '    </GrpHdr>',
    ...paymentInfos,
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}
