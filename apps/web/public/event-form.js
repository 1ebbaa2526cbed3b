// The fields of an event from outside, for the dossier's form and the intake's alike: the kind (from the procedure's
// definition, GET /procedures: events), its data as the form generated from the kind's JSON schema, the date it
// occurred and the sender's reference; the API's errors next to their fields, in Dutch.
import { el, errorLine, schemaForm, showApiErrors } from './common.js';

export function eventFields(kinds, { prefix, optionLabel = (k) => k.title, referenceRequired = false }) {
  const id = (name) => `${prefix}-${name}`;
  const lines = { '/type': errorLine(id('type-error')), '/occurredOn': errorLine(id('occurredOn-error')), '/reference': errorLine(id('reference-error')) };
  const kind = el('select', { id: id('type'), required: true, 'aria-describedby': id('type-error') },
    el('option', { value: '' }, '— kies een soort —'), kinds.map((k, i) => el('option', { value: String(i) }, optionLabel(k))));
  const occurredOn = el('input', { id: id('occurredOn'), type: 'date', required: true, 'aria-describedby': id('occurredOn-error') });
  const reference = el('input', { id: id('reference'), required: referenceRequired, maxlength: '100', 'aria-describedby': id('reference-error') });
  const dataFields = el('div', { id: id('data') });
  let data = null;
  const chosen = () => (kind.value === '' ? undefined : kinds[Number(kind.value)]);
  kind.addEventListener('change', () => {
    data = chosen() ? schemaForm(chosen().schema, id('data')) : null;
    dataFields.replaceChildren(...(data?.nodes ?? []));
  });
  return {
    nodes: [
      el('label', { for: id('type') }, 'Soort gebeurtenis *'), kind, lines['/type'], dataFields,
      el('label', { for: id('occurredOn') }, 'Datum waarop het gebeurde *'), occurredOn, lines['/occurredOn'],
      el('label', { for: id('reference') }, `Kenmerk van de afzender (brief- of dossiernummer${referenceRequired ? ') *' : ', optioneel)'}`), reference, lines['/reference'],
    ],
    chosen,
    /** The event as the API takes it (without the dossier or the person). */
    body: () => ({ type: chosen()?.kind ?? '', occurredOn: occurredOn.value, reference: reference.value.trim() || null, data: data?.value() ?? {} }),
    clearErrors: () => data?.clearErrors(),
    /** Each error next to its field; the others in `general`, written by `describe`. */
    showErrors: (res, general, describe) => showApiErrors(res, lines, general, data, describe),
  };
}
