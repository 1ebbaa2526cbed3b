/** Every word the screens show (Dutch), by screen. Status labels and task titles come from GET /procedures instead. */
export const nl = {
  app: { name: 'ocmw-flow', skipLink: 'Naar de inhoud', mainMenu: 'Hoofdmenu', logout: 'Afmelden', loading: 'Bezig met laden…', who: (u: { username: string; role: string; team: string }) => `${u.username} · ${u.role} · team ${u.team}` },
  menu: { tasks: 'Mijn taken', newRequest: 'Nieuwe aanvraag', intake: 'Intake', team: 'Team', council: 'BCSD', payments: 'Betalingen' },
  login: { title: 'Aanmelden', username: 'Gebruikersnaam', password: 'Wachtwoord', submit: 'Aanmelden', wrong: 'Gebruikersnaam of wachtwoord is niet juist.', throttled: 'Te veel mislukte pogingen. Probeer later opnieuw.', required: 'Vul gebruikersnaam en wachtwoord in.' },
  tasks: {
    title: 'Mijn taken', none: 'Geen taken.', caption: (count: string) => `${count}, dringendste eerst`, one: 'taak', many: 'taken',
    columns: ['Taak', 'Dossier', 'Cliënt', 'Uiterlijk', 'Resterend', 'Status'],
    daysLeft: (d: number) => (d < 0 ? `${-d} ${-d === 1 ? 'dag' : 'dagen'} te laat` : `${d} ${d === 1 ? 'dag' : 'dagen'}`),
    status: { open: 'open', claimed: 'in behandeling', completed: 'afgerond', cancelled: 'geannuleerd' } as Record<string, string>,
  },
  notYetPorted: { title: (what: string) => what, text: 'Dit scherm wordt nog naar de nieuwe webtoepassing overgezet.' },
  notFound: { title: 'Pagina niet gevonden', text: 'Deze pagina bestaat niet.' },
  errors: {
    generic: 'Er ging iets mis. Probeer opnieuw.',
    forbidden: 'U hebt geen toegang tot deze gegevens.',
    notFound: 'Niet gevonden.',
    required: 'Dit veld is verplicht.',
  },
};
