/**
 * The Belgian structured communication (gestructureerde mededeling, OGM/VCS): `+++123/4567/89002+++`, twelve digits of
 * which the last two check the first ten — their number modulo 97, and 97 where that is 0 (Febelfin standard). Money
 * that comes back (the repayment plan of a rent guarantee, an advance repaid by the client) carries one per plan, so
 * that a bank statement's line is matched to its plan without reading names. Pure.
 */

/** The two check digits of a ten-digit base: base mod 97, 97 for 0. */
export function ogmCheck(base: string): string {
  if (!/^\d{10}$/.test(base)) throw new RangeError(`an OGM base is ten digits: ${base}`);
  const rest = Number(BigInt(base) % 97n);
  return String(rest === 0 ? 97 : rest).padStart(2, '0');
}

/** The structured communication of a ten-digit base, written as banks print it: `+++123/4567/89002+++`. */
export function formatOgm(base: string): string {
  const digits = `${base}${ogmCheck(base)}`;
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

/**
 * The twelve digits of a communication as a statement or a client writes it (`+++…+++`, `***…***`, with or without
 * slashes and spaces), or null when it is not a valid structured communication (wrong length or check digits).
 */
export function parseOgm(text: string): string | null {
  const trimmed = text.trim().replace(/^(\+{3}|\*{3})/, '').replace(/(\+{3}|\*{3})$/, '');
  if (!/^[\d\s/]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[\s/]/g, '');
  if (!/^\d{12}$/.test(digits)) return null;
  return ogmCheck(digits.slice(0, 10)) === digits.slice(10) ? digits : null;
}

export const isValidOgm = (text: string): boolean => parseOgm(text) !== null;

/**
 * One digit per procedure whose dossiers carry plans, so that two procedures' dossier numbers never give the same
 * communication (their references share year and number: LL-2026-000001, HW-2026-000001). Fixed: a digit once given
 * is printed on transfers and never reused.
 */
export const OGM_PROCEDURE_DIGITS: Readonly<Record<string, number>> = { HW: 1, VU: 2, MD: 3, LL: 4, SB: 5, VT: 6, PK: 7 };

/**
 * The communication of a dossier's repayment plan, from business names only: the reference's prefix (its digit),
 * year (two digits) and number (six), and the plan's number in the dossier (1–9) — `HW-2026-000123` plan 1 is
 * `1 26 000123 1` and its check digits. The same plan always gets the same communication, however often it is made.
 */
export function planOgm(reference: string, plan: number): string {
  const match = /^([A-Z]+)-(\d{4})-(\d{6})$/.exec(reference);
  if (!match) throw new RangeError(`not a dossier reference: ${reference}`);
  const digit = OGM_PROCEDURE_DIGITS[match[1]];
  if (digit === undefined) throw new RangeError(`no OGM digit for the procedure of ${reference}`);
  if (!Number.isInteger(plan) || plan < 1 || plan > 9) throw new RangeError(`a plan number is 1–9: ${plan}`);
  return formatOgm(`${digit}${match[2].slice(2)}${match[3]}${plan}`);
}

/**
 * The dossier reference and plan number a communication was made for by planOgm, or null when its digits name no
 * procedure with plans (another payer's communication that happens to be valid). The inverse of planOgm.
 */
export function planOfOgm(digits: string): { reference: string; plan: number } | null {
  if (!/^\d{12}$/.test(digits) || ogmCheck(digits.slice(0, 10)) !== digits.slice(10)) return null;
  const digit = Number(digits[0]);
  const prefix = Object.keys(OGM_PROCEDURE_DIGITS).find((p) => OGM_PROCEDURE_DIGITS[p] === digit);
  const plan = Number(digits[9]);
  if (!prefix || plan < 1) return null;
  return { reference: `${prefix}-20${digits.slice(1, 3)}-${digits.slice(3, 9)}`, plan };
}
