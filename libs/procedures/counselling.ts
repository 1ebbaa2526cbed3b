/**
 * The counselling dossier (psychosociale begeleiding; seed task 5): for a client who needs guidance rather than money.
 * No BCSD decision and no legal clock: the social worker holds the intake (the first conversation under the OCMW's
 * service norm PB-1, configuration), agrees the goals with the client, holds the follow-up appointments (each a task
 * on its day, with its case note), evaluates the guidance periodically and closes it with a short report. Case notes
 * and referrals are the dossier's shared casework sections (the web app's "Notities" and "Doorverwijzingen"). Its
 * workflow is workflows/counselling/. Pure data.
 */
import { choice, COUNSELLING_TASK_KINDS, date, object, text } from '../tasks/task-kinds';
import { RATIFICATION } from './pipeline';
import { OCMW_WET_PIPELINE_LETTERS } from './social-aid';
import type { ProcedureDefinition } from './types';

export const COUNSELLING = {
  name: 'counselling',
  title: 'Psychosociale begeleiding',
  workflowType: 'counsellingDossier',
  workflowTypes: ['counsellingDossier', 'counsellingFollowUp'],
  referencePrefix: 'PB',
  // Every status workflows/counselling/ and the shared runtime set (test/libs/procedures/registry.test.ts scans them).
  statuses: [
    // The status every dossier opens in (libs/db/open-dossier.ts), until the workflow has started.
    { code: 'REQUEST_REGISTERED', label: 'Aanvraag geregistreerd', order: 1 },
    { code: 'INTAKE', label: 'Intakegesprek', order: 2 },
    { code: 'GOALS', label: 'Doelen afspreken', order: 3 },
    { code: 'COUNSELLING', label: 'Begeleiding loopt', order: 4 },
    { code: 'EVALUATION', label: 'Evaluatie', order: 5 },
    { code: 'CLOSING', label: 'Afsluiting', order: 6 },
    { code: 'CLOSED', label: 'Begeleiding afgesloten', order: 7, final: true },
    // The shared runtime's council step sets it (see council below: unused by the counselling workflows).
    { code: 'ON_AGENDA', label: 'Geagendeerd op het BCSD', order: 8 },
  ],
  taskKinds: COUNSELLING_TASK_KINDS,
  forms: {
    // The evaluation starts from the goals as last agreed.
    'counselling-evaluation': { prefill: { goals: ['tasks.counselling-evaluation.goals', 'tasks.counselling-goals.goals'] } },
  },
  // No council step in a counselling dossier (the social service guides on its own). The definition's council is
  // there for an OCMW whose BCSD wants to decide on ending a guidance; no counselling workflow puts one on the agenda.
  council: {
    proposalSchema: object(['reference', 'proposal', 'motivation'], {
      reference: text('Dossiernummer', 40),
      proposal: choice('Voorstel', [['stop', 'Begeleiding stopzetten']]),
      motivation: text('Motivering', 8000),
    }),
    decisions: {
      decision: {
        schema: object(['result', 'decisionDate', 'motivation'], {
          result: choice('Beslissing', [['stopped', 'Stopgezet'], ['refused', 'Niet stopgezet'], ['postponed', 'Uitgesteld']]),
          decisionDate: date('Datum van de beslissing'),
          motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
        }),
      },
      ratification: RATIFICATION,
    },
  },
  letters: {
    request: 'psychosociale begeleiding',
    right: 'psychosociale begeleiding',
    decidingBody: 'sociale dienst van het OCMW',
    article: 'de',
    categories: false,
    categoryOf: 'de begeleiding',
    // Art. 1 and 60 §2 OCMW-wet: the social service's guidance (dienstverlening) as a form of social aid.
    legalReasons: 'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn (OCMW-wet), art. 1 en art. 60 §2.',
    ...OCMW_WET_PIPELINE_LETTERS,
    // The shared council step's invitation to be heard (unused, as the council); the counselling issues no letter.
    templates: ['hearing-invitation'],
  },
  events: {
    // The client ends the guidance (a phone call, a letter): the closure with its report follows.
    'counselling-stopped-by-client': {
      title: 'De cliënt stopt de begeleiding',
      schema: object(['reason'], { reason: text('Wat de cliënt liet weten', 2000) }),
    },
  },
  settings: {
    counsellingFirstAppointmentDays: {
      label: 'Werkdagen tot het intakegesprek (dienstverleningsnorm, PB-1)',
      env: 'OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS', default: 10, unit: 'days',
    },
  },
} as const satisfies ProcedureDefinition<keyof typeof COUNSELLING_TASK_KINDS>;
