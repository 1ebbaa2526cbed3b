import { FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { ConfirmButton } from '../components/Confirm';
import type { FieldError } from '../components/SchemaForm';
import { dayOf, fileSize } from '../format';
import { t } from '../i18n';
import { may, useSession } from '../session';
import { errorLine, fieldErrors, generalText } from './DossierActions';
import { refusal } from './TaskScreen';

type Documents = paths['/dossiers/{id}/documents']['get']['responses']['200']['content']['application/json']['items'];
type Kinds = paths['/document-kinds']['get']['responses']['200']['content']['application/json'];
type Upload = paths['/dossiers/{id}/documents']['post']['requestBody']['content']['multipart/form-data'];
const FIELDS = ['/kind', '/file'];

/**
 * "Documenten": the dossier's documents (kind, name, size, day, uploader; a download link, every download audited by
 * the API), the upload form (a kind and a PDF, JPEG or PNG) and deleting one's own (the team lead: any) after a confirmation.
 */
export function DocumentsSection(props: { dossierId: string } | { personId: string }) {
  // On the person page: every document of the person's dossiers the caller may read, to read; uploads go to a dossier.
  const dossierId = 'dossierId' in props ? props.dossierId : undefined;
  const personId = 'personId' in props ? props.personId : undefined;
  const { user } = useSession();
  const [items, setItems] = useState<Documents | null>(null);
  const [kinds, setKinds] = useState<Kinds | null>(null);
  const [kind, setKind] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const [message, setMessage] = useState('');
  const [version, setVersion] = useState(0);
  const file = useRef<HTMLInputElement>(null);
  const readable = may(user, 'document:read');
  const uploadable = may(user, 'document:upload') && dossierId !== undefined;
  useEffect(() => {
    if (!readable) return;
    const list = dossierId
      ? api.GET('/dossiers/{id}/documents', { params: { path: { id: dossierId } } })
      : api.GET('/persons/{id}/documents', { params: { path: { id: personId! } } });
    void list.then(({ data }) => setItems(data?.items ?? []));
  }, [dossierId, personId, version, readable]);
  useEffect(() => {
    if (uploadable) void api.GET('/document-kinds').then(({ data }) => setKinds(data ?? null));
  }, [uploadable]);
  if (!readable) return null;
  const mayDelete = (d: Documents[number]) => may(user, 'document:delete') && (d.uploadedBy === user?.id || user?.role === 'team-lead');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setGeneral('');
    setMessage('');
    const chosen = file.current?.files?.[0];
    const form = new FormData();
    form.append('kind', kind);
    if (chosen) form.append('file', chosen, chosen.name);
    const { data, error, response } = await api.POST('/dossiers/{id}/documents', {
      params: { path: { id: dossierId! } },
      body: {} as Upload,
      bodySerializer: () => form,
    });
    if (!data) {
      const errs = fieldErrors(error);
      setErrors(errs);
      return setGeneral(generalText(errs, response.status, (x) => FIELDS.includes(x.path)));
    }
    setKind('');
    if (file.current) file.current.value = '';
    setMessage(t.documents.uploaded(data.fileName));
    setVersion((v) => v + 1);
  };
  const remove = async (d: Documents[number]) => {
    const { response } = await api.DELETE('/documents/{id}', { params: { path: { id: d.id } } });
    if (!response.ok) return refusal(response.status);
    setMessage(t.documents.deleted(d.fileName));
    setVersion((v) => v + 1);
  };
  const described = (id: string, path: string) => ({ 'aria-describedby': `${id}-error`, 'aria-invalid': errors.some((x) => x.path === path) || undefined });
  return (
    <section aria-label={t.documents.section}>
      <h2>{t.documents.section}</h2>
      {items && items.length === 0 && <p>{t.documents.none}</p>}
      {items && items.length > 0 && (
        <table id="documents">
          <thead>
            <tr>{t.documents.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>{d.kindLabel}</td>
                <td>{d.fileName}</td>
                <td>{fileSize(d.sizeBytes)}</td>
                <td>{dayOf(d.uploadedAt)}</td>
                <td>{d.uploadedByName}</td>
                <td>
                  <a href={`/documents/${d.id}/content`} download={d.fileName} aria-label={t.documents.downloadOf(d.fileName)}>{t.documents.download}</a>{' '}
                  {mayDelete(d) && (
                    <ConfirmButton label={t.documents.delete} question={t.documents.deleteQuestion(d.fileName)} confirmLabel={t.documents.deleteConfirm} onConfirm={() => remove(d)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {uploadable && (
        <form aria-label={t.documents.form} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{t.documents.form}</h3>
          <label htmlFor="document-kind">{t.documents.kind}</label>
          <select id="document-kind" {...described('document-kind', '/kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t.documents.chooseKind}</option>
            {(kinds?.items ?? []).map((k) => (
              <option key={k.code} value={k.code}>{k.label}</option>
            ))}
          </select>
          {errorLine('document-kind-error', errors, '/kind')}
          <label htmlFor="document-file">{t.documents.file(fileSize(kinds?.maxBytes ?? 10 * 1024 * 1024))}</label>
          <input id="document-file" type="file" ref={file} accept="application/pdf,image/jpeg,image/png" {...described('document-file', '/file')} />
          {errorLine('document-file-error', errors, '/file')}
          <button type="submit">{t.documents.submit}</button>
          <p className="error" role="alert">{general}</p>
          <p role="status">{message}</p>
        </form>
      )}
    </section>
  );
}
