import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import { Loading, Page } from '../components/Page';
import { DuplicateNotice, PersonFields, personBody, type PersonState } from '../components/PersonFields';
import { type FoundPerson, PersonFinder } from '../components/PersonSearch';
import { dutchError, type FieldError } from '../components/SchemaForm';
import { t } from '../i18n';
import { useCatalogue } from '../procedures';
import { refusal } from './TaskScreen';

/**
 * Find the person first (by name, national number or birth date; or come from the person page with ?persoon=<id>), or
 * else register them, and open a dossier of the procedure chosen by its Dutch title; then the dossier page.
 */
export function NewRequestScreen() {
  const catalogue = useCatalogue();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const preselected = params.get('persoon');
  const [chosenPerson, setChosenPerson] = useState<FoundPerson | null>(null);
  useEffect(() => {
    if (!preselected) return setChosenPerson(null);
    let stop = false;
    void api.GET('/persons/{id}', { params: { path: { id: preselected } } }).then(({ data }) => {
      if (!stop) setChosenPerson(data && !data.mergedInto ? data : null);
    });
    return () => {
      stop = true;
    };
  }, [preselected]);
  const choose = (p: FoundPerson | null) => {
    setChosenPerson(p);
    if (!p && preselected) setParams({}, { replace: true }); // another person: the ?persoon= of the link no longer holds
  };
  const [procedure, setProcedure] = useState('');
  const [person, setPerson] = useState<PersonState>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [duplicates, setDuplicates] = useState(0);
  const [general, setGeneral] = useState('');

  if (!catalogue) return <Page title={t.newRequest.title}><Loading /></Page>;
  // Only procedures a person asks for: the LOI is opened by Fedasil's assignment (Intake), not here.
  const requestable = catalogue.all.filter((p) => p.opensBy !== 'event');
  const chosen = procedure || requestable[0]?.name || '';

  const open = async (confirmNotDuplicate: boolean) => {
    setErrors([]);
    setGeneral('');
    setDuplicates(0);
    let personId = chosenPerson?.id;
    const nn = (person.nationalNumber ?? '').trim();
    if (!personId && nn) {
      const { data } = await api.GET('/persons', { params: { query: { nationalNumber: nn } } });
      personId = data?.items[0]?.id;
    }
    if (!personId) {
      const { data, error, response } = await api.POST('/persons', { body: personBody(person, confirmNotDuplicate) as never });
      const problem = error as (ApiProblem & { code?: string; candidateIds?: string[] }) | undefined;
      if (response.status === 409 && problem?.code === 'possible-duplicate') return setDuplicates(problem.candidateIds?.length ?? 1);
      if (!data) {
        setErrors((problem?.errors ?? []) as FieldError[]);
        return setGeneral(problem?.errors?.length ? '' : refusal(response.status));
      }
      personId = (data as { id: string }).id;
    }
    const opened = await api.POST('/dossiers', { body: { procedure: chosen, personId, channel: 'counter' } as never });
    if (!opened.data) {
      const problem = opened.error as ApiProblem | undefined;
      return setGeneral(problem?.errors?.length ? (problem.errors as FieldError[]).map(dutchError).join(' ') : refusal(opened.response.status));
    }
    void navigate(`/dossiers/${(opened.data as { id: string }).id}`); // nothing to wait for: the dossier page loads itself
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(false);
  };

  return (
    <Page title={t.newRequest.title}>
      <form aria-label={t.newRequest.title} noValidate onSubmit={submit}>
        <label htmlFor="procedure">{t.newRequest.procedure}</label>
        <select id="procedure" name="procedure" value={chosen} onChange={(e) => setProcedure(e.target.value)}>
          {requestable.map((p) => (
            <option key={p.name} value={p.name}>{p.title}</option>
          ))}
        </select>
        {chosenPerson ? (
          <p>
            <strong>{t.newRequest.chosen(`${chosenPerson.firstName} ${chosenPerson.lastName}`)}</strong>{' '}
            <button type="button" onClick={() => choose(null)}>{t.newRequest.other}</button>
          </p>
        ) : (
          <>
            <fieldset>
              <legend>{t.newRequest.find}</legend>
              <PersonFinder prefix="find" onChoose={choose} />
            </fieldset>
            <fieldset>
              <legend>{t.newRequest.register}</legend>
              <p>{t.newRequest.registerHint}</p>
              <PersonFields value={person} onChange={setPerson} errors={errors} />
            </fieldset>
          </>
        )}
        <button type="submit">{t.newRequest.open(catalogue.get(chosen)?.letters.right ?? '')}</button>
        <DuplicateNotice count={duplicates} onConfirm={() => void open(true)} />
        <p role="status" className="error">{general}</p>
      </form>
    </Page>
  );
}
