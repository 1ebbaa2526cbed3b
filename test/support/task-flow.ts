import { eventually } from './temporal';
import { VALID_NATIONAL_NUMBERS } from './factories';
import type { TestSystem } from './system';

/** A person and a leefloon dossier of theirs, opened by `user` on `requestDate`; its id. */
export async function openLeefloonDossier(sys: TestSystem, user: string, requestDate: string, person: { nn: number; firstName: string; lastName: string }): Promise<string> {
  const created = await sys.http.post('/persons').set(sys.as(user)).send({
    nationalNumber: VALID_NATIONAL_NUMBERS[person.nn], firstName: person.firstName, lastName: person.lastName,
    address: { street: 'Veldstraat 1', postalCode: '9000', city: 'Gent' },
  });
  const dossier = await sys.http.post('/dossiers').set(sys.as(user)).send({ procedure: 'leefloon', personId: created.body.id, requestDate });
  if (dossier.status !== 201) throw new Error(`dossier not opened: ${dossier.status} ${JSON.stringify(dossier.body)}`);
  return dossier.body.id;
}

/**
 * A person registered without a national number (reason: unknown) and a dossier of theirs (leefloon unless another
 * procedure is named), opened today by `user`; the dossier's id. The person's other fields (names, birth date, address) as given.
 */
export async function openDossierWithoutNationalNumber(sys: TestSystem, user: string, person: Record<string, unknown>, procedure = 'leefloon'): Promise<string> {
  const created = await sys.http.post('/persons').set(sys.as(user)).send({ noNationalNumberReason: 'unknown', ...person });
  if (created.status !== 201) throw new Error(`person not registered: ${created.status} ${JSON.stringify(created.body)}`);
  const dossier = await sys.http.post('/dossiers').set(sys.as(user)).send({ procedure, personId: created.body.id });
  if (dossier.status !== 201) throw new Error(`dossier not opened: ${dossier.status} ${JSON.stringify(dossier.body)}`);
  return dossier.body.id;
}

/** The open task of `kind` in the dossier, as `user`'s task list shows it once the workflow has opened it. */
export function openTaskOf(sys: TestSystem, user: string, dossierId: string, kind: string): Promise<{ id: string; kind: string }> {
  return eventually(async () => {
    const res = await sys.http.get('/tasks').set(sys.as(user));
    return res.body.items.find((t: { kind: string; dossierId: string }) => t.kind === kind && t.dossierId === dossierId);
  });
}
