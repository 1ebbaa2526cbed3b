import { FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type Notes = paths['/dossiers/{id}/notes']['get']['responses']['200']['content']['application/json']['items'];
type Kinds = paths['/note-kinds']['get']['responses']['200']['content']['application/json']['items'];
const empty = { contactDate: '', kind: '', text: '', confidential: false };
const FIELDS = ['/contactDate', '/kind', '/text', '/confidential'];

/** "Notities": the journal (latest contact first; a confidential note only for whom it is meant) and, for who may, the form. */
export function NotesSection({ dossierId, closed }: { dossierId: string; closed: boolean }) {
  const [items, setItems] = useState<Notes | null>(null);
  const [kinds, setKinds] = useState<Kinds>([]);
  const [note, setNote] = useState(empty);
  const form = useSectionForm(FIELDS, closed);
  const { errors, general, message, version, readable, writable } = form;
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
              <p className="multiline">{n.text}</p>
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
