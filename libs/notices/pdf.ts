/**
 * Renders a letter (templates.ts) to an A4 PDF with the OCMW's letterhead. Deterministic: the PDF's dates come from the
 * letter date, so the same letter renders to the same bytes (tests compare them; a retried activity stores the same).
 *
 * The PDF uses the standard Helvetica font (no font file to ship). It covers the Windows-1252 (WinAnsi) characters —
 * Dutch and French accents, €, §, typographic quotes and dashes; other letters (ł, ş, ğ, ...) in names or addresses are
 * written without their diacritic (see toWinAnsi) rather than as garbage.
 */
import PDFDocument from 'pdfkit';
import type { LetterDocument } from './templates';
import { formatDateNl } from './templates';

export interface Letterhead {
  name: string;
  address: string;
  /** KBO enterprise number, 10 digits. */
  enterpriseNumber: string;
}

const MARGIN = 56; // 2 cm
const TEXT = 10;
const GREY = '#555555';

/** The KBO number as printed: 0207.123.407. */
export function formatEnterpriseNumber(digits: string): string {
  const d = digits.replace(/\D/g, '');
  return d.length === 10 ? `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}` : digits;
}

const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const FALLBACK: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', '\u2212': '-', '\u00a0': ' ' };

/** Text the standard PDF fonts can show: WinAnsi characters as they are, others without their diacritic. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || CP1252_EXTRA.has(ch)) {
      out += ch;
    } else if (FALLBACK[ch] !== undefined) {
      out += FALLBACK[ch];
    } else {
      const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += [...stripped].every((c) => (c.codePointAt(0) as number) <= 0xff) ? stripped : '?';
    }
  }
  return out;
}

/** The letter as a PDF Buffer (A4, Dutch, OCMW letterhead). */
export function renderPdf(letter: LetterDocument, letterhead: Letterhead): Promise<Buffer> {
  const instant = new Date(`${letter.date}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'nl-BE',
    info: {
      Title: toWinAnsi(letter.title),
      Author: toWinAnsi(letterhead.name),
      Subject: letter.reference,
      Creator: 'ocmw-flow',
      Producer: 'ocmw-flow',
      CreationDate: instant,
      ModDate: instant,
    },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const t = toWinAnsi;

  // Letterhead
  doc.font('Helvetica-Bold').fontSize(15).fillColor('black').text(t(letterhead.name), MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(9).fillColor(GREY)
    .text(t(`Sociale dienst — ${letterhead.address}`))
    .text(`Ondernemingsnummer ${formatEnterpriseNumber(letterhead.enterpriseNumber)}`);
  const ruleY = doc.y + 6;
  doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + width, ruleY).lineWidth(0.5).strokeColor(GREY).stroke();

  // Recipient (right, where a window envelope shows it), then date and reference
  doc.font('Helvetica').fontSize(TEXT).fillColor('black').text(t(letter.recipient), MARGIN + width / 2 + 20, ruleY + 40, { width: width / 2 - 20 });
  const metaY = Math.max(doc.y, ruleY + 110) + 20;
  doc.fontSize(9).fillColor(GREY)
    .text(`Datum: ${formatDateNl(letter.date)}`, MARGIN, metaY)
    .text(t(`Ons kenmerk: ${letter.reference}`));

  // Title and body
  doc.moveDown(1.5).font('Helvetica-Bold').fontSize(12).fillColor('black').text(t(letter.title), MARGIN, doc.y, { width });
  doc.moveDown(0.8).font('Helvetica').fontSize(TEXT);
  for (const paragraph of letter.paragraphs) {
    doc.text(t(paragraph), MARGIN, doc.y, { width, align: 'left', lineGap: 1.5 });
    doc.moveDown(0.7);
  }

  // Overview of the letter's key facts
  const entries = Object.entries(letter.fields);
  if (entries.length > 0) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(TEXT).text('Overzicht', MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    const labelWidth = 150;
    for (const [label, value] of entries) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(9).text(t(label), MARGIN, y, { width: labelWidth - 8 });
      const afterLabel = doc.y;
      doc.font('Helvetica').fontSize(9).text(t(value), MARGIN + labelWidth, y, { width: width - labelWidth });
      doc.y = Math.max(afterLabel, doc.y) + 2;
    }
  }

  // Footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(
      t(`${letterhead.name} — ${letter.reference} — pagina ${i - range.start + 1} van ${range.count}`),
      MARGIN,
      doc.page.height - MARGIN,
      { width, align: 'center', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
