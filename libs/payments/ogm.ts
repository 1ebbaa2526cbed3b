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
