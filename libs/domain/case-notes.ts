/** The kinds of a case note (a contact in the social worker's journal), English codes with their Dutch labels. */
export const NOTE_KINDS = ['conversation', 'home-visit', 'phone', 'consultation', 'email', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  conversation: 'gesprek',
  'home-visit': 'huisbezoek',
  phone: 'telefoon',
  consultation: 'overleg',
  email: 'e-mail',
  other: 'andere',
};

/** The longest text of one note (characters). */
export const NOTE_TEXT_MAX = 20_000;
