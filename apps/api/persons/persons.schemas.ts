/** The request schemas of /persons (no Nest import here: the unit tests validate against them directly). */
import { IDENTIFIER_TYPES, NO_NATIONAL_NUMBER_REASONS } from '../../../libs/domain/person-identity';
import type { JsonSchema } from '../../../libs/validation/schema';

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const NATIONAL_NUMBER: JsonSchema = { type: 'string', format: 'national-number', description: 'Rijksregisternummer or BIS number (11 digits, dots and dashes allowed)' };
const options = (list: readonly (readonly [string, string])[]) => list.map(([value, label]) => ({ const: value, title: label }));

const ADDRESS: JsonSchema = {
  type: 'object',
  required: ['street', 'postalCode', 'city'],
  properties: {
    street: NAME,
    postalCode: { type: 'string', pattern: '^[0-9]{4}$' },
    city: NAME,
  },
  additionalProperties: false,
};
const EMAIL = { type: 'string', format: 'email', maxLength: 254 } as const;
const PHONE = { type: 'string', pattern: '^\\+?[0-9 ./()-]{6,20}$' } as const;

export const IDENTIFIER: JsonSchema = {
  type: 'object',
  required: ['type', 'value'],
  properties: {
    type: { title: 'Soort', oneOf: options(IDENTIFIER_TYPES) },
    value: { type: 'string', minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9 ./-]+$' },
  },
  additionalProperties: false,
};

export const NEW_PERSON: JsonSchema = {
  type: 'object',
  required: ['firstName', 'lastName', 'address'],
  properties: {
    nationalNumber: NATIONAL_NUMBER,
    noNationalNumberReason: { title: 'Reden zonder rijksregisternummer', oneOf: options(NO_NATIONAL_NUMBER_REASONS) },
    noNationalNumberNote: { type: 'string', minLength: 1, maxLength: 1000 },
    firstName: NAME,
    lastName: NAME,
    birthDate: { type: 'string', format: 'date', 'x-notFuture': true },
    address: ADDRESS,
    iban: { type: 'string', format: 'iban' },
    email: EMAIL,
    phone: PHONE,
    identifiers: { type: 'array', items: IDENTIFIER, maxItems: 10 },
    /** Sent after a 409 possible-duplicate: the caller checked the candidates and this is someone else (audited). */
    confirmNotDuplicate: { type: 'boolean' },
  },
  additionalProperties: false,
  // Without a national number the birth date cannot be derived, and why the number is missing must be said.
  if: { required: ['nationalNumber'] },
  else: { required: ['noNationalNumberReason', 'birthDate'], description: 'without a national number' },
};

export const ADD_NATIONAL_NUMBER: JsonSchema = {
  type: 'object',
  required: ['nationalNumber'],
  properties: { nationalNumber: NATIONAL_NUMBER },
  additionalProperties: false,
};

export const MERGE_PERSONS: JsonSchema = {
  type: 'object',
  required: ['duplicateId', 'reason'],
  properties: {
    duplicateId: { type: 'string', format: 'uuid', description: 'The record registered twice; it is merged into the one in the path' },
    reason: { type: 'string', minLength: 1, maxLength: 1000 },
  },
  additionalProperties: false,
};

export const FIND_PERSON: JsonSchema = {
  type: 'object',
  description: 'Either nationalNumber (an exact lookup) or q (a search)',
  properties: {
    nationalNumber: { type: 'string', format: 'national-number' },
    q: { type: 'string', minLength: 2, maxLength: 100, description: 'A name (accents and typos tolerated), a national number (11 digits, dots and dashes allowed) or a birth date (dd/mm/yyyy or yyyy-mm-dd)' },
  },
  additionalProperties: false,
};

/** PATCH /persons/:id: the contact details only (identity changes go through their own routes); null clears e-mail or phone. */
export const CHANGE_CONTACT: JsonSchema = {
  type: 'object',
  minProperties: 1,
  properties: {
    address: ADDRESS,
    email: { ...EMAIL, type: ['string', 'null'] },
    phone: { ...PHONE, type: ['string', 'null'] },
  },
  additionalProperties: false,
} as JsonSchema;
