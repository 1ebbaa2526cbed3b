import { FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import type { FieldError } from '../components/SchemaForm';
import { dateLong, dateTime } from '../format';
import { t } from '../i18n';
import { may, useSession } from '../session';
import { errorLine, fieldErrors, generalText } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type Notes = paths['/dossiers/{id}/notes']['get']['responses']['200']['content']['application/json']['items'];
type Kinds = paths['/note-kinds']['get']['responses']['200']['content']['application/json']['items'];
type Note = Notes[number];
const empty = { contactDate: '', kind: '', text: '', confidential: false };
const FIELDS = ['/contactDate', '/kind', '/text', '/confidential'];

/** "Notities": the journal (latest contact first; a confidential note only for whom it is meant) and, for who may, the form. */
export function NotesSection({ dossierId, closed }: { dossierId: string; closed: boolean }) {
  const [items, setItems] = useState<Notes | null>(null);
  const [kinds, setKinds] = useState<Kinds>([]);
  const [note, setNote] = useState(empty);
  const { user } = useSession();
  const form = useSectionForm(FIELDS, closed);
  const { errors, general, message, version, readable, writable } = form;
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    if (!readable) return;
    void api.GET('/dossiers/{id}/notes', { params: { path: { id: dossierId } } }).then(({ data }) => setItems(data?.items ?? []));
  }, [dossierId, version, readable]);
  useEffect(() => {
    if (writable) void api.GET('/note-kinds').then(({ data }) => setKinds(data?.items ?? []));
  }, [writable]);
  if (!readable) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const body = { contactDate: note.contactDate, kind: note.kind, text: note.text, confidential: note.confidential };
    const { data, error, response } = await api.POST('/dossiers/{id}/notes', { params: { path: { id: dossierId } }, body: body as never });
    if (!data) return form.refused(error, response.status);
    setNote(empty);
    form.done(t.notes.saved);
  };
  const described = (id: string) => ({ 'aria-describedby': `${id}-error`, 'aria-invalid': form.invalid(`/${id.slice(5)}`) });
  return (
    <section aria-label={t.notes.section}>
      <h2>{t.notes.section}</h2>
      {items && items.length === 0 && <p>{t.notes.none}</p>}
      {items && items.length > 0 && (
        <ul id="notes">
          {items.map((n) => (
            <li key={n.id}>
              <strong>{t.notes.item(dateLong(n.contactDate), n.kindLabel)}</strong>
              {n.confidential && <em className="confidential">{` (${t.notes.confidential})`}</em>}
              {(n.revision ?? 1) > 1 && n.updatedAt && <span className="help">{` (${t.notes.changed(dateTime(n.updatedAt))})`}</span>}
              {editing === n.id ? (
                <NoteEdit note={n} kinds={kinds} onDone={(changed) => { setEditing(null); if (changed) form.done(t.notes.changedSaved); }} />
              ) : (
                <>
                  <p className="multiline">{n.text}</p>
                  {writable && n.authorId === user?.id && (
                    <button type="button" className="secondary" aria-label={`${t.notes.edit}: ${t.notes.item(dateLong(n.contactDate), n.kindLabel)}`} onClick={() => { form.clear(); setEditing(n.id); }}>{t.notes.edit}</button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <form aria-label={t.notes.form} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{t.notes.form}</h3>
          <label htmlFor="note-contactDate">{t.notes.contactDate}</label>
          <input id="note-contactDate" type="date" {...described('note-contactDate')} value={note.contactDate} onChange={(e) => setNote({ ...note, contactDate: e.target.value })} />
          {errorLine('note-contactDate-error', errors, '/contactDate')}
          <label htmlFor="note-kind">{t.notes.kind}</label>
          <select id="note-kind" {...described('note-kind')} value={note.kind} onChange={(e) => setNote({ ...note, kind: e.target.value })}>
            <option value="">{t.notes.chooseKind}</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>{k.label}</option>
            ))}
          </select>
          {errorLine('note-kind-error', errors, '/kind')}
          <label htmlFor="note-text">{t.notes.text}</label>
          <textarea id="note-text" rows={5} {...described('note-text')} value={note.text} onChange={(e) => setNote({ ...note, text: e.target.value })} />
          {errorLine('note-text-error', errors, '/text')}
          <label>
            <input type="checkbox" checked={note.confidential} onChange={(e) => setNote({ ...note, confidential: e.target.checked })} /> {t.notes.confidentialBox}
          </label>
          <button type="submit">{t.notes.submit}</button>
          <p className="error" role="alert">{general}</p>
          <p role="status">{message}</p>
        </form>
      )}
    </section>
  );
}

/** One's own note rewritten in place (PATCH /notes/:id): the API keeps the wording it replaces as a revision. */
function NoteEdit({ note, kinds, onDone }: { note: Note; kinds: Kinds; onDone(changed: boolean): void }) {
  const [value, setValue] = useState({ contactDate: note.contactDate ?? '', kind: note.kind ?? '', text: note.text ?? '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { data, error, response } = await api.PATCH('/notes/{id}', { params: { path: { id: note.id ?? '' } }, body: value as never });
    if (data) return onDone(true);
    const errs = fieldErrors(error);
    setErrors(errs);
    setGeneral(generalText(errs, response.status, (x) => FIELDS.slice(0, 3).includes(x.path)));
  };
  const described = (field: string) => ({ id: `edit-${field}`, 'aria-describedby': `edit-${field}-error`, 'aria-invalid': errors.some((x) => x.path === `/${field}`) || undefined });
  return (
    <form aria-label={t.notes.editForm} noValidate onSubmit={(e) => void save(e)}>
      <label htmlFor="edit-contactDate">{t.notes.contactDate}</label>
      <input type="date" {...described('contactDate')} value={value.contactDate} onChange={(e) => setValue({ ...value, contactDate: e.target.value })} />
      {errorLine('edit-contactDate-error', errors, '/contactDate')}
      <label htmlFor="edit-kind">{t.notes.kind}</label>
      <select {...described('kind')} value={value.kind} onChange={(e) => setValue({ ...value, kind: e.target.value })}>
        {kinds.map((k) => (
          <option key={k.code} value={k.code}>{k.label}</option>
        ))}
      </select>
      {errorLine('edit-kind-error', errors, '/kind')}
      <label htmlFor="edit-text">{t.notes.text}</label>
      <textarea rows={5} {...described('text')} value={value.text} onChange={(e) => setValue({ ...value, text: e.target.value })} />
      {errorLine('edit-text-error', errors, '/text')}
      <button type="submit">{t.notes.save}</button>
      <button type="button" className="secondary" onClick={() => onDone(false)}>{t.confirm.cancel}</button>
      <p className="error" role="alert">{general}</p>
    </form>
  );
}
