// Intake: what arrived from outside and opens a dossier (a request another OCMW forwarded, …), recorded by a social
// worker for a registered or a new person, one at a time or as an import file (JSON lines, all or nothing).
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import { Loading, Page } from '../components/Page';
import { atEventField, chosenKind, EventFields, type EventKind, type EventState, emptyEvent, eventBody } from '../components/EventFields';
import { DuplicateNotice, PersonFields, personBody, type PersonState } from '../components/PersonFields';
import { type FoundPerson, PersonSearch } from '../components/PersonSearch';
import { dutchError, type FieldError } from '../components/SchemaForm';
import { t } from '../i18n';
import type { Catalogue } from '../procedures';
import { useCatalogue } from '../procedures';
import { may, useSession } from '../session';
import { refusal } from './TaskScreen';

const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Where an error is, in Dutch: the data's properties by the titles of the event kinds' schemas (GET /procedures). */
function fieldName(path: string, catalogue: Catalogue): string {
  const parts = path.split('/').filter(Boolean);
  const last = parts.at(-1);
  if (!last) return '';
  if (parts.includes('data')) {
    for (const p of catalogue.all) for (const k of p.events) {
      const title = (k.schema as { properties?: Record<string, { title?: string }> }).properties?.[last]?.title;
      if (title) return title;
    }
  }
  return t.intake.fields[last] ?? last;
}

export function IntakeScreen() {
  const catalogue = useCatalogue();
  const { user } = useSession();
  if (!catalogue) return <Page title={t.intake.title}><Loading /></Page>;
  return (
    <Page title={t.intake.title}>
      <section>
        <IntakeForm catalogue={catalogue} />
      </section>
      {may(user, 'intake:import') && (
        <section>
          <ImportForm catalogue={catalogue} />
        </section>
      )}
    </Page>
  );
}

/** The event that opens a dossier, for a person already registered (found by national number) or a new one. */
function IntakeForm({ catalogue }: { catalogue: Catalogue }) {
  const navigate = useNavigate();
  const kinds: EventKind[] = catalogue.all.flatMap((p) => p.events.filter((k) => k.opensDossier).map((k) => ({ ...k, procedure: p })));
  const [event, setEvent] = useState<EventState>(emptyEvent);
  const [isNew, setIsNew] = useState(false);
  const [found, setFound] = useState<FoundPerson | null>(null);
  const [person, setPerson] = useState<PersonState>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const [duplicates, setDuplicates] = useState(0);

  const open = async (confirmNotDuplicate: boolean) => {
    setErrors([]);
    setGeneral('');
    setDuplicates(0);
    if (!isNew && !found) return setGeneral(t.intake.searchFirst);
    const body = { procedure: chosenKind(kinds, event)?.procedure.name, ...eventBody(kinds, event), person: isNew ? personBody(person, confirmNotDuplicate) : { personId: found?.id } };
    const { data, error, response } = await api.POST('/intake/events', { body: body as never });
    if (data) return void navigate(`/dossiers/${(data as { dossierId: string }).dossierId}`);
    const problem = error as (ApiProblem & { code?: string; candidateIds?: string[]; existingId?: string }) | undefined;
    if (response.status === 409 && problem?.code === 'possible-duplicate') return setDuplicates(problem.candidateIds?.length ?? 1);
    if (problem?.existingId) return setGeneral(t.intake.openAlready);
    const errs = (problem?.errors ?? []) as FieldError[];
    // The person's errors next to the person's fields (PersonFields shows paths without the /person prefix).
    setErrors(errs.map((e) => (e.path.startsWith('/person/') ? { ...e, path: e.path.slice('/person'.length) } : e)));
    const rest = errs.filter((e) => !atEventField(e) && !e.path.startsWith('/person/'));
    setGeneral(errs.length ? rest.map((e) => `${capital(fieldName(e.path, catalogue))}: ${dutchError(e)}`).join(' ') : refusal(response.status));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(false);
  };
  return (
    <form aria-label={t.intake.form} noValidate onSubmit={submit}>
      <h2>{t.intake.form}</h2>
      <EventFields prefix="in" kinds={kinds} value={event} onChange={setEvent} errors={errors} optionLabel={(k) => t.intake.option(k.title, k.procedure.title)} referenceRequired />
      <fieldset>
        <legend>{t.intake.forWhom}</legend>
        <label className="inline">
          <input type="radio" name="in-person" value="existing" checked={!isNew} onChange={() => setIsNew(false)} /> {t.intake.registered}
        </label>
        <label className="inline">
          <input type="radio" name="in-person" value="new" checked={isNew} onChange={() => setIsNew(true)} /> {t.intake.fresh}
        </label>
      </fieldset>
      {isNew ? (
        <fieldset id="in-new">
          <legend>{t.intake.freshLegend}</legend>
          <PersonFields value={person} onChange={setPerson} errors={errors} />
        </fieldset>
      ) : (
        <fieldset id="in-existing">
          <legend>{t.intake.existingLegend}</legend>
          <PersonSearch prefix="in" label={t.intake.nn} onFound={setFound} />
        </fieldset>
      )}
      <button type="submit">{t.intake.submit}</button>
      <DuplicateNotice count={duplicates} onConfirm={() => void open(true)} />
      <p className="error" role="alert">{general}</p>
    </form>
  );
}

interface Imported {
  lines: number;
  recorded: number;
  duplicates: number;
  items: { line: number; dossierId: string; duplicate: boolean }[];
}

/** An import file: every line checked by the API first; one bad line and nothing is recorded ("regel 3: …"). */
function ImportForm({ catalogue }: { catalogue: Catalogue }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ name: string; ok: Imported } | { refused: string; lines: string[] } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    const { data, error, response } = await api.POST('/intake/imports', { body: { fileName: file.name, content: await file.text() } as never });
    if (data) return setResult({ name: file.name, ok: data as Imported });
    const errors = ((error as ApiProblem | undefined)?.errors ?? []) as FieldError[];
    setResult({
      refused: errors.length ? t.intake.importRefused : refusal(response.status),
      lines: errors.map((err) => {
        const m = /^\/lines\/(\d+)(.*)$/.exec(err.path);
        const where = fieldName(m ? m[2] : err.path, catalogue);
        const text = ['json', 'line-kind'].includes(err.code ?? '') || !where ? dutchError(err) : `${where}: ${dutchError(err)}`;
        return m ? t.intake.line(m[1], text) : text;
      }),
    });
  };
  return (
    <form aria-label={t.intake.importForm} noValidate onSubmit={(e) => void submit(e)}>
      <h2>{t.intake.importForm}</h2>
      <p>{t.intake.importHelp}</p>
      <label htmlFor="import-file">{t.intake.file}</label>
      <input id="import-file" type="file" accept=".jsonl,.json,.txt,application/json" aria-required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <button type="submit">{t.intake.importSubmit}</button>
      <div id="import-result" role="status">
        {result && 'ok' in result && (
          <>
            <p>{t.intake.imported(result.name, result.ok.lines, result.ok.recorded, result.ok.duplicates)}</p>
            <ul>
              {result.ok.items.map((i) => (
                <li key={i.line}>
                  {t.intake.line(i.line, '')}
                  <Link to={`/dossiers/${i.dossierId}`}>{t.intake.toDossier}</Link>
                  {i.duplicate ? t.intake.earlier : ''}
                </li>
              ))}
            </ul>
          </>
        )}
        {result && 'refused' in result && (
          <>
            <p className="error">{result.refused}</p>
            <ul className="error">
              {result.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
