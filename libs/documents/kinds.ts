/** The kinds of a document on a dossier (what it is evidence of), English codes with their Dutch labels. */
export const DOCUMENT_KINDS = ['identity', 'lease', 'invoice', 'pay-slip', 'bank-statement', 'certificate', 'petition', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  identity: 'identiteitsbewijs',
  lease: 'huurcontract',
  invoice: 'factuur',
  'pay-slip': 'loonfiche',
  'bank-statement': 'rekeninguittreksel',
  certificate: 'attest',
  petition: 'verzoekschrift',
  other: 'andere',
};

/** The file types accepted, recognised by their first bytes (never by the name or the Content-Type the browser sends). */
export const DOCUMENT_TYPES = {
  'application/pdf': { extension: 'pdf', signature: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  'image/png': { extension: 'png', signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'image/jpeg': { extension: 'jpg', signature: [0xff, 0xd8, 0xff] },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** The type of these bytes by their signature ("magic bytes"), or null when they are none of the accepted types. */
export function sniffType(bytes: Buffer): DocumentType | null {
  for (const [type, { signature }] of Object.entries(DOCUMENT_TYPES) as [DocumentType, (typeof DOCUMENT_TYPES)[DocumentType]][]) {
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

const EXTENSIONS: Record<DocumentType, string[]> = { 'application/pdf': ['pdf'], 'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'] };

/**
 * The name a document is kept and downloaded under: the uploaded name without folders, control characters or quotes,
 * at most 200 characters, with the extension of its real type — "scan.pdf" that is a PNG is kept as "scan.png" (the
 * content decides the type; the name follows it), "foto" as "foto.jpg".
 */
export function fileNameFor(uploaded: string, type: DocumentType): string {
  const base = (uploaded.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  // A short extension is the name's claim about its type: replaced by the real one when it claims another.
  const stem = (/^[a-z0-9]{1,5}$/.test(ext) ? base.slice(0, dot) : base).slice(0, 200) || 'document';
  const keep = EXTENSIONS[type].includes(ext) ? ext : DOCUMENT_TYPES[type].extension;
  return `${stem}.${keep}`;
}
