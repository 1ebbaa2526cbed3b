import { t } from '../i18n';
import type { FieldError } from './SchemaForm';
import { dutchError } from './SchemaForm';

/** Checksums of the national number (as it is typed; the API checks again): 97 − (first nine digits mod 97), or with a 2 before them (born 2000 or later). */
export function nationalNumberValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 11) return false;
  const check = Number(digits.slice(9));
  const base = digits.slice(0, 9);
  return 97 - (Number(base) % 97) === check || 97 - (Number(`2${base}`) % 97) === check;
}

export type PersonState = Record<string, string>;

/** The new person as POST /persons takes it. */
export function personBody(p: PersonState, confirmNotDuplicate: boolean) {
  const v = (k: string) => (p[k] ?? '').trim();
  return {
    ...(v('nationalNumber')
      ? { nationalNumber: v('nationalNumber') }
      : { noNationalNumberReason: v('noNationalNumberReason'), birthDate: v('birthDate'), ...(v('noNationalNumberNote') ? { noNationalNumberNote: v('noNationalNumberNote') } : {}) }),
    firstName: v('firstName'),
    lastName: v('lastName'),
    address: { street: v('street'), postalCode: v('postalCode'), city: v('city') },
    ...(v('iban') ? { iban: v('iban') } : {}),
    ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
  };
}

const POINTER: Record<string, string> = { street: '/address/street', postalCode: '/address/postalCode', city: '/address/city' };

/** The fields of a person: the national number checked as it is typed; without one, the reason and the birth date. */
export function PersonFields({ value, onChange, errors }: { value: PersonState; onChange(v: PersonState): void; errors: FieldError[] }) {
  const set = (k: string, v: string) => onChange({ ...value, [k]: v });
  const nn = value.nationalNumber ?? '';
  const nnBad = nn.replace(/\D/g, '').length === 11 && !nationalNumberValid(nn);
  const errorAt = (name: string) => errors.find((e) => e.path === (POINTER[name] ?? `/${name}`));
  const line = (name: string) => <p className="error" id={`p-${name}-error`} aria-live="polite">{errorAt(name) ? dutchError(errorAt(name)!) : ''}</p>;
  return (
    <>
      <label htmlFor="nn">{t.person.nationalNumber}</label>
      <input id="nn" name="nationalNumber" inputMode="numeric" aria-describedby="nn-hint" value={nn} onChange={(e) => set('nationalNumber', e.target.value)} />
      <p id="nn-hint" className="error" aria-live="polite">{nnBad ? t.person.nnInvalid : errorAt('nationalNumber') ? dutchError(errorAt('nationalNumber')!) : ''}</p>
      {nn.trim() === '' && (
        <fieldset id="without-nn">
          <legend>{t.person.withoutNn}</legend>
          <label htmlFor="p-reason">{t.person.reason}</label>
          <select id="p-reason" name="noNationalNumberReason" aria-required value={value.noNationalNumberReason ?? ''} onChange={(e) => set('noNationalNumberReason', e.target.value)}>
            <option value="">{t.person.chooseReason}</option>
            {t.person.reasons.map(([v, label]) => (
              <option key={v} value={v}>{label}</option>
            ))}
          </select>
          {line('noNationalNumberReason')}
          <label htmlFor="p-birthDate">{t.person.birthDate}</label>
          <input id="p-birthDate" name="birthDate" type="date" aria-required value={value.birthDate ?? ''} onChange={(e) => set('birthDate', e.target.value)} />
          {line('birthDate')}
          <label htmlFor="p-note">{t.person.note}</label>
          <input id="p-note" name="noNationalNumberNote" value={value.noNationalNumberNote ?? ''} onChange={(e) => set('noNationalNumberNote', e.target.value)} />
        </fieldset>
      )}
      {t.person.fields.map(([name, label]) => (
        <div key={name}>
          <label htmlFor={`p-${name}`}>{label}</label>
          <input id={`p-${name}`} name={name} aria-required={name !== 'iban' || undefined} value={value[name] ?? ''} onChange={(e) => set(name, e.target.value)} />
          {line(name)}
        </div>
      ))}
    </>
  );
}

/** A possible duplicate (409 possible-duplicate): what to check, and "Toch registreren" to register anyway. */
export function DuplicateNotice({ count, onConfirm }: { count: number; onConfirm(): void }) {
  return (
    <div id="possible-duplicate" aria-live="polite">
      {count > 0 && (
        <>
          <p className="error">{t.person.duplicate(count)}</p>
          <button type="button" onClick={onConfirm}>{t.person.confirm}</button>
        </>
      )}
    </div>
  );
}
