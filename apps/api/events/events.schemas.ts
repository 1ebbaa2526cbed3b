/** The request schemas of external events (no Nest import here: the import validates each line against them too). */
import { PROCEDURE_NAMES } from '../../../libs/procedures';
import type { JsonSchema } from '../../../libs/validation/schema';
import { NEW_PERSON } from '../persons/persons.schemas';

const TYPE: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$', description: "An event kind of the dossier's procedure (GET /procedures: events)" };
// The day it happened outside (the date of the letter, the order, the report): never in the future.
const OCCURRED_ON: JsonSchema = { type: 'string', format: 'date', 'x-notFuture': true };
const REFERENCE: JsonSchema = { type: 'string', minLength: 1, maxLength: 100, description: "The sender's reference (letter or file number): the same reference recorded twice is one event" };
// Checked against the event kind's schema once the type is known.
const DATA: JsonSchema = { type: 'object', description: "The event's data, as its kind's schema says" };

/** POST /dossiers/:id/events */
export const RECORD_EVENT: JsonSchema = {
  type: 'object',
  required: ['type', 'occurredOn', 'data'],
  properties: { type: TYPE, occurredOn: OCCURRED_ON, reference: { ...REFERENCE, type: ['string', 'null'] }, data: DATA },
  additionalProperties: false,
};

/** The person an intake opens the dossier for: one already registered (`{personId}`), or the data POST /persons takes. */
const INTAKE_PERSON: JsonSchema = { type: 'object', description: 'Either {personId} of a registered person, or a new person as POST /persons takes it' };
export const PERSON_REF: JsonSchema = {
  type: 'object', required: ['personId'], properties: { personId: { type: 'string', format: 'uuid' } }, additionalProperties: false,
};
export { NEW_PERSON };

/** POST /intake/events: an event that opens a dossier; its reference makes it one dossier however often it is posted. */
export const INTAKE_EVENT: JsonSchema = {
  type: 'object',
  required: ['procedure', 'type', 'occurredOn', 'reference', 'person', 'data'],
  properties: { procedure: { enum: [...PROCEDURE_NAMES] }, type: TYPE, occurredOn: OCCURRED_ON, reference: REFERENCE, person: INTAKE_PERSON, data: DATA },
  additionalProperties: false,
};

/** A line of an import file for a dossier: as POST /dossiers/:id/events, with the dossier and a reference. */
export const IMPORT_DOSSIER_LINE: JsonSchema = {
  type: 'object',
  required: ['dossierId', 'type', 'occurredOn', 'reference', 'data'],
  properties: { dossierId: { type: 'string', format: 'uuid' }, type: TYPE, occurredOn: OCCURRED_ON, reference: REFERENCE, data: DATA },
  additionalProperties: false,
};

/** POST /intake/imports: the file's text, JSON lines (one event a line). */
export const IMPORT_FILE: JsonSchema = {
  type: 'object',
  required: ['fileName', 'content'],
  properties: {
    fileName: { type: 'string', minLength: 1, maxLength: 255 },
    content: { type: 'string', minLength: 1, maxLength: 200_000, description: 'JSON lines: one event a line, for a dossier (dossierId) or an intake (procedure, person)' },
  },
  additionalProperties: false,
};
