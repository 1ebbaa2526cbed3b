import { t } from '../i18n';
import type { Procedure } from '../procedures';
import type { Picks } from './picks';
import { dutchError, type FieldError, type FormState, type ObjectSchema, SchemaForm, toValue } from './SchemaForm';

/** An event kind of a procedure (GET /procedures: events), with the procedure it belongs to. */
export type EventKind = Procedure['events'][number] & { procedure: Procedure };

export interface EventState {
  kind: string;
  data: FormState;
  occurredOn: string;
  reference: string;
}
export const emptyEvent: EventState = { kind: '', data: {}, occurredOn: '', reference: '' };

export const chosenKind = (kinds: EventKind[], s: EventState): EventKind | undefined => (s.kind === '' ? undefined : kinds[Number(s.kind)]);

/** The event as the API takes it (without the dossier or the person). */
export function eventBody(kinds: EventKind[], s: EventState) {
  const k = chosenKind(kinds, s);
  return { type: k?.kind ?? '', occurredOn: s.occurredOn, reference: s.reference.trim() || null, data: k ? toValue(k.schema as ObjectSchema, s.data) : {} };
}

/** The paths shown next to a field of these fields (the others are for the form's general line). */
export const atEventField = (e: FieldError) => ['/type', '/occurredOn', '/reference'].includes(e.path) || e.path.startsWith('/data/');

interface Props {
  prefix: string;
  kinds: EventKind[];
  value: EventState;
  onChange(v: EventState): void;
  errors: FieldError[];
  optionLabel?(k: EventKind): string;
  referenceRequired?: boolean;
  /** The lists the kinds' id fields are picked from (usePicks; the dossier page's parties). */
  picks?: Picks;
}

/**
 * The fields of an event from outside, for the dossier page and the intake alike: the kind, its data as the form of
 * the kind's JSON schema (Dutch titles and choices), the date it occurred and the sender's reference; errors beside.
 */
export function EventFields({ prefix, kinds, value, onChange, errors, optionLabel = (k) => k.title, referenceRequired = false, picks }: Props) {
  const id = (name: string) => `${prefix}-${name}`;
  const kind = chosenKind(kinds, value);
  const line = (name: string) => {
    const e = errors.find((x) => x.path === `/${name}`);
    return <p className="error" id={id(`${name}-error`)} aria-live="polite">{e ? dutchError(e) : ''}</p>;
  };
  return (
    <>
      <label htmlFor={id('type')}>{t.event.kind}</label>
      <select id={id('type')} aria-required aria-describedby={id('type-error')} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value, data: {} })}>
        <option value="">{t.event.chooseKind}</option>
        {kinds.map((k, i) => (
          <option key={`${k.procedure.name}-${k.kind}`} value={String(i)}>{optionLabel(k)}</option>
        ))}
      </select>
      {line('type')}
      {kind && <SchemaForm schema={kind.schema as ObjectSchema} state={value.data} onChange={(data) => onChange({ ...value, data })} errors={errors} base="/data" idPrefix={id('data')} picks={picks} />}
      <label htmlFor={id('occurredOn')}>{t.event.occurredOn}</label>
      <input id={id('occurredOn')} type="date" aria-required aria-describedby={id('occurredOn-error')} value={value.occurredOn} onChange={(e) => onChange({ ...value, occurredOn: e.target.value })} />
      {line('occurredOn')}
      <label htmlFor={id('reference')}>{t.event.reference(referenceRequired)}</label>
      <input id={id('reference')} maxLength={100} aria-required={referenceRequired || undefined} aria-describedby={id('reference-error')} value={value.reference} onChange={(e) => onChange({ ...value, reference: e.target.value })} />
      {line('reference')}
    </>
  );
}
