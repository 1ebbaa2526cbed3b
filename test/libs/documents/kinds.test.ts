import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, fileNameFor, sniffType } from '../../../libs/documents';

describe('document types by content', () => {
  it.each([
    ['%PDF-1.7\n', 'application/pdf'],
    ['\x89PNG\r\n\x1a\n....', 'image/png'],
    ['\xff\xd8\xff\xe0..JFIF', 'image/jpeg'],
    ['%PDF', null], // too short to be a PDF header
    ['hello, this is text', null],
    ['GIF89a', null],
    ['', null],
  ])('%j is %s', (text, type) => {
    expect(sniffType(Buffer.from(text, 'latin1'))).toBe(type);
  });

  it.each([
    ['scan.pdf', 'application/pdf', 'scan.pdf'],
    ['scan.PDF', 'application/pdf', 'scan.pdf'],
    ['scan.pdf', 'image/png', 'scan.png'], // the content decides, the name follows
    ['foto', 'image/jpeg', 'foto.jpg'],
    ['foto.jpeg', 'image/jpeg', 'foto.jpeg'],
    ['C:\\Users\\an\\loonfiche maart.pdf', 'application/pdf', 'loonfiche maart.pdf'],
    ['../../etc/pass"wd.png', 'image/png', 'passwd.png'],
    ['', 'image/png', 'document.png'],
    ['huur.contract 2026.pdf', 'application/pdf', 'huur.contract 2026.pdf'],
  ])('%j of type %s is kept as %j', (name, type, kept) => {
    expect(fileNameFor(name, type as never)).toBe(kept);
  });

  it('labels every kind in Dutch', () => {
    expect(DOCUMENT_KINDS.map((k) => DOCUMENT_KIND_LABELS[k])).toEqual(['identiteitsbewijs', 'huurcontract', 'factuur', 'loonfiche', 'rekeninguittreksel', 'attest', 'verzoekschrift', 'andere']);
  });
});
