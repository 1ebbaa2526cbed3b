/** How a request reaches the OCMW (pure: read by the API, the workflows and the web app). */
export const CHANNELS = ['counter', 'letter', 'e-mail', 'ex-officio', 'third-party'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a request reached the OCMW, as the timeline says it: "Aanvraag geregistreerd (aan het onthaal)". */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  counter: 'aan het onthaal',
  letter: 'per brief',
  'e-mail': 'per e-mail',
  'ex-officio': 'ambtshalve',
  'third-party': 'via een derde',
};
