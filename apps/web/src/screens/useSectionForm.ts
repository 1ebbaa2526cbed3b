import { useState } from 'react';
import type { Action } from '../../../../libs/auth/permissions';
import type { FieldError } from '../components/SchemaForm';
import { may, useSession } from '../session';
import { fieldErrors, generalText } from './DossierActions';

/**
 * The feedback of a dossier section's form (Notities, Doorverwijzingen): the API's errors at their fields (`fields`:
 * the paths the form shows), the rest as one Dutch line, the message after a success, and a version to load the
 * section's list again. Casework sections: read with note:read, the form with note:write while the dossier is open
 * (or the section's own pair of actions: the budget inventory's inventory:read / inventory:write).
 */
export function useSectionForm(fields: readonly string[], closed: boolean, read: Action = 'note:read', write: Action = 'note:write') {
  const { user } = useSession();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const [message, setMessage] = useState('');
  const [version, setVersion] = useState(0);
  return {
    readable: may(user, read),
    writable: may(user, write) && !closed,
    errors,
    general,
    message,
    version,
    /** Before a request: nothing shown from the one before. */
    clear() {
      setErrors([]);
      setGeneral('');
      setMessage('');
    },
    /** The API's refusal: its errors at the fields shown (`fields`, or the ones given here), the rest as one line. */
    refused(error: unknown, status: number, shown: readonly string[] = fields) {
      const errs = fieldErrors(error);
      setErrors(errs);
      setGeneral(generalText(errs, status, (x) => shown.includes(x.path)));
    },
    /** A refusal the section says in its own words (a conflict it knows by its code). */
    refusedWith(text: string) {
      setErrors([]);
      setGeneral(text);
    },
    /** Done: the message, and the list loads again. */
    done(text: string) {
      setMessage(text);
      setVersion((v) => v + 1);
    },
    invalid: (path: string) => errors.some((x) => x.path === path) || undefined,
  };
}

/** The multipart body of a one-file upload (the field `file`; empty when none was chosen: the API says it is required). */
export function fileBody(input: HTMLInputElement | null): FormData {
  const body = new FormData();
  const chosen = input?.files?.[0];
  if (chosen) body.append('file', chosen, chosen.name);
  return body;
}
