import { FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong, euro, parseEuro } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type Correspondence = paths['/dossiers/{id}/creditor-correspondence']['get']['responses']['200']['content']['application/json'];
type Letter = Correspondence['items'][number];
type Template = paths['/dossiers/{id}/creditor-letters']['post']['requestBody']['content']['application/json']['template'];
const tc = t.creditors;

/**
 * "Correspondentie met schuldeisers" (domain §3.1 step 4): the letters of a debt mediation dossier to its creditors,
 * bailiffs and collection agencies — sent on, the answer expected by, the one reminder, the answer — as the workflow
 * keeps them (workflows/shared/party-correspondence.ts), and, for who keeps the inventory, a letter to ask for.
 */
export function CreditorCorrespondenceSection({ dossierId, closed, parties }: { dossierId: string; closed: boolean; parties: { id: string; name: string }[] }) {
  const [letters, setLetters] = useState<Letter[] | null>(null);
  const { readable, writable, version, done } = useSectionForm([], closed, 'inventory:read', 'inventory:write');
  useEffect(() => {
    if (!readable) return;
    void api.GET('/dossiers/{id}/creditor-correspondence', { params: { path: { id: dossierId } } }).then(({ data }) => setLetters(data?.items ?? null));
  }, [dossierId, version, readable]);
  if (!readable) return null;
  return (
    <section aria-label={tc.section}>
      <h2>{tc.section}</h2>
      {letters && (
        <table>
          <caption>{tc.letters}</caption>
          <thead>
            <tr>{tc.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {letters.length === 0 && <tr><td colSpan={tc.columns.length}>{tc.none}</td></tr>}
            {letters.map((l) => (
              <tr key={l.letterKey}>
                <td>{l.party.name}</td>
                <td>{l.subject}</td>
                <td>{dateLong(l.sentOn)}</td>
                <td>{tc.answerDue(dateLong(l.reminderAnswerDue ?? l.answerDue))}</td>
                <td>{l.reminderOn ? tc.reminded(dateLong(l.reminderOn)) : ''}</td>
                <td>{answerText(l)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writable && <RequestForm dossierId={dossierId} parties={parties} onDone={done} />}
    </section>
  );
}

function answerText(l: Letter): string {
  if (l.answer) {
    return [tc.answered(l.answerLabel ?? l.answer, l.answeredOn ? dateLong(l.answeredOn) : ''), l.amountCents !== null ? euro(l.amountCents) : '', l.answerNote ?? '']
      .filter(Boolean).join(' — ');
  }
  if (l.followUpLabel) return `${l.statusLabel}: ${l.followUpLabel}${l.followUpNote ? ` (${l.followUpNote})` : ''}`;
  return l.statusLabel;
}

const TEMPLATES: Template[] = ['creditor-statement-request', 'creditor-collection-suspension', 'creditor-repayment-proposal'];
const FIELDS = ['/partyId', '/template', '/data/monthlyCents', '/data/startDate', '/data/durationMonths'];

/** Ask the dossier for a letter to a party linked to it; the repayment proposal with its amount, start and duration. */
function RequestForm({ dossierId, parties, onDone }: { dossierId: string; parties: { id: string; name: string }[]; onDone(text: string): void }) {
  const [values, setValues] = useState<Record<string, string>>({ template: 'creditor-statement-request' });
  const form = useSectionForm(FIELDS, false, 'inventory:read', 'inventory:write');
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  const proposal = values.template === 'creditor-repayment-proposal';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const data: Record<string, unknown> = {};
    if (proposal) {
      const cents = parseEuro(values.monthly ?? '');
      if (cents !== null) data.monthlyCents = cents;
      if (values.startDate) data.startDate = values.startDate;
      if (/^\d+$/.test(values.duration ?? '')) data.durationMonths = Number(values.duration);
    }
    const { data: sent, error, response } = await api.POST('/dossiers/{id}/creditor-letters', {
      params: { path: { id: dossierId } },
      body: { partyId: values.partyId ?? '', template: values.template as Template, data },
    });
    if (!sent) return form.refused(error, response.status);
    setValues({ template: values.template });
    onDone(tc.requested(sent.subject));
    form.done(tc.requested(sent.subject));
  };
  const aria = (id: string, path: string) => ({ id, 'aria-describedby': `${id}-error`, 'aria-invalid': form.invalid(path) });
  return (
    <form aria-label={tc.request} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{tc.request}</h3>
      <label htmlFor="creditor-party">{tc.party}</label>
      <select {...aria('creditor-party', '/partyId')} value={values.partyId ?? ''} onChange={(e) => set('partyId', e.target.value)}>
        <option value="">{tc.chooseParty}</option>
        {parties.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
      {errorLine('creditor-party-error', form.errors, '/partyId')}
      <label htmlFor="creditor-template">{tc.template}</label>
      <select {...aria('creditor-template', '/template')} value={values.template} onChange={(e) => set('template', e.target.value)}>
        {TEMPLATES.map((x) => <option key={x} value={x}>{tc.templates[x as keyof typeof tc.templates]}</option>)}
      </select>
      {proposal && (
        <>
          <label htmlFor="creditor-monthly">{tc.monthly}</label>
          <input inputMode="decimal" {...aria('creditor-monthly', '/data/monthlyCents')} value={values.monthly ?? ''} onChange={(e) => set('monthly', e.target.value)} />
          {errorLine('creditor-monthly-error', form.errors, '/data/monthlyCents')}
          <label htmlFor="creditor-start">{tc.startDate}</label>
          <input type="date" {...aria('creditor-start', '/data/startDate')} value={values.startDate ?? ''} onChange={(e) => set('startDate', e.target.value)} />
          {errorLine('creditor-start-error', form.errors, '/data/startDate')}
          <label htmlFor="creditor-duration">{tc.duration}</label>
          <input inputMode="numeric" {...aria('creditor-duration', '/data/durationMonths')} value={values.duration ?? ''} onChange={(e) => set('duration', e.target.value)} />
          {errorLine('creditor-duration-error', form.errors, '/data/durationMonths')}
        </>
      )}
      <button type="submit">{tc.submit}</button>
      <p className="error" role="alert">{form.general}</p>
      <p role="status">{form.message}</p>
    </form>
  );
}
