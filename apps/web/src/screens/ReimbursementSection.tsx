// The state-reimbursement file of a social aid dossier (Wet 1965, §5.3): the forms sent to POD MI with their status,
// term and answer, the amounts claimed, reimbursed, refused and outstanding; finance (and the team lead) claim the
// costs and record POD MI's answers. The API decides; the screen offers each action only to who may do it.
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { atEventField, EventFields, type EventKind, type EventState, emptyEvent, eventBody } from '../components/EventFields';
import { usePicks } from '../components/picks';
import type { FieldError, ObjectSchema } from '../components/SchemaForm';
import { dateLong, euro, parseEuro, todayInBrussels } from '../format';
import { t } from '../i18n';
import type { Catalogue } from '../procedures';
import { may, useSession } from '../session';
import { type Done, errorLine, fieldErrors, generalText } from './DossierActions';

type File = paths['/dossiers/{id}/reimbursement']['get']['responses']['200']['content']['application/json'];
type Form = File['forms'][number];
const CLAIM_KINDS = ['wet1965-claim', 'wet1965-medical-aid'];

export function ReimbursementSection({ dossierId, procedure, closed, catalogue, version, done }: {
  dossierId: string; procedure: string; closed: boolean; catalogue: Catalogue; version: number; done: Done;
}) {
  const { user } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const tr = t.reimbursement;
  const readable = procedure === 'social-aid' && may(user, 'partner-message:read');
  useEffect(() => {
    if (!readable) return;
    void api.GET('/dossiers/{id}/reimbursement', { params: { path: { id: dossierId } } }).then(({ data }) => setFile(data ?? null));
  }, [dossierId, version, readable]);
  const definition = catalogue.get(procedure);
  const kinds: EventKind[] = definition ? definition.events.filter((k) => CLAIM_KINDS.includes(k.kind)).map((k) => ({ ...k, procedure: definition })) : [];
  const claimable = may(user, 'reimbursement:claim') && !closed && kinds.length > 0;
  if (!readable || !file || (file.forms.length === 0 && !claimable)) return null;
  const totals = file.totals;
  return (
    <section aria-label={tr.title}>
      <h2>{tr.title}</h2>
      {file.forms.length === 0 ? <p>{tr.none}</p> : (
        <table>
          <caption>{tr.caption}</caption>
          <thead><tr>{tr.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {file.forms.map((f) => (
              <tr key={f.id}>
                <th scope="row">{tr.form(f.form)}</th>
                <td>{f.description}</td>
                <td>{tr.status[f.status] ?? f.status}{f.dueDate && f.status === 'pending' ? ` ${tr.due(dateLong(f.dueDate))}` : ''}</td>
                <td>{f.answer ? tr.answered(tr.answers[f.answer] ?? f.answer, dateLong(f.answeredOn ?? ''), f.answerReason ?? null) : tr.noAnswer}</td>
                <td className="amount">{f.claimedCents === null ? '—' : euro(f.claimedCents)}</td>
                <td className="amount">{f.reimbursedCents === null || f.reimbursedCents === undefined ? '—' : euro(f.reimbursedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{tr.totals(euro(totals.claimedCents), euro(totals.reimbursedCents), euro(totals.refusedCents), euro(totals.outstandingCents))}</p>
      {may(user, 'partner-message:answer') && file.forms.filter((f) => f.status !== 'pending' && !f.answer).map((f) => <AnswerForm key={f.id} form={f} done={done} />)}
      {claimable && <ClaimForm dossierId={dossierId} kinds={kinds} version={version} done={done} />}
    </section>
  );
}

/** POD MI's answer to one form: accepted, partly accepted (the amount and why) or refused (why). */
function AnswerForm({ form, done }: { form: Form; done: Done }) {
  const tr = t.reimbursement;
  const [answer, setAnswer] = useState('');
  const [answeredOn, setAnsweredOn] = useState(todayInBrussels());
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const id = `answer-${form.id}`;
  const claim = form.claimedCents !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setGeneral('');
    const cents = amount.trim() ? parseEuro(amount) : null;
    if (amount.trim() && cents === null) return setErrors([{ path: '/reimbursedCents', code: 'euro', message: 'not an amount' }]);
    const body = { answer, answeredOn, ...(cents !== null ? { reimbursedCents: cents } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) };
    const { data, error, response } = await api.POST('/partner-messages/{id}/answer', { params: { path: { id: form.id } }, body: body as never });
    if (!data) {
      const errs = fieldErrors(error);
      setErrors(errs);
      return setGeneral(generalText(errs, response.status, (x) => ['/answer', '/answeredOn', '/reimbursedCents', '/reason'].includes(x.path)));
    }
    done(tr.recorded(form.form));
  };
  const field = (path: string) => ({ 'aria-describedby': `${id}${path.replace('/', '-')}-error`, 'aria-invalid': errors.some((x) => x.path === path) || undefined });
  return (
    <form aria-label={tr.answerForm(form.form)} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{tr.answerForm(form.form)}</h3>
      <label htmlFor={`${id}-answer`}>{tr.answerLabel} *</label>
      <select id={`${id}-answer`} value={answer} onChange={(e) => setAnswer(e.target.value)} {...field('/answer')}>
        <option value="">{t.task.choose}</option>
        {Object.entries(tr.answers).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      {errorLine(`${id}-answer-error`, errors, '/answer')}
      <label htmlFor={`${id}-answeredOn`}>{tr.answeredOn} *</label>
      <input id={`${id}-answeredOn`} type="date" value={answeredOn} onChange={(e) => setAnsweredOn(e.target.value)} {...field('/answeredOn')} />
      {errorLine(`${id}-answeredOn-error`, errors, '/answeredOn')}
      {claim && answer !== 'refused' && (
        <>
          <label htmlFor={`${id}-reimbursedCents`}>{tr.amount(euro(form.claimedCents!))}</label>
          <input id={`${id}-reimbursedCents`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} {...field('/reimbursedCents')} />
          {errorLine(`${id}-reimbursedCents-error`, errors, '/reimbursedCents')}
        </>
      )}
      <label htmlFor={`${id}-reason`}>{answer && answer !== 'accepted' ? `${tr.reason} *` : tr.reason}</label>
      <textarea id={`${id}-reason`} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} {...field('/reason')} />
      {errorLine(`${id}-reason-error`, errors, '/reason')}
      <button type="submit">{tr.answerSubmit}</button>
      <p className="error" role="alert">{general}</p>
    </form>
  );
}

/** A claim of the state's reimbursement (D1 from the payments, D2 or F from an invoice) or the decision on medical aid (B2). */
function ClaimForm({ dossierId, kinds, version, done }: { dossierId: string; kinds: EventKind[]; version: number; done: Done }) {
  const tr = t.reimbursement;
  const [event, setEvent] = useState<EventState>(emptyEvent);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const picks = usePicks(kinds.map((k) => k.schema as ObjectSchema), dossierId, version);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setGeneral('');
    const { data, error, response } = await api.POST('/dossiers/{id}/events', { params: { path: { id: dossierId } }, body: eventBody(kinds, event) as never });
    if (!data) {
      const errs = fieldErrors(error);
      setErrors(errs);
      return setGeneral(generalText(errs, response.status, atEventField));
    }
    setEvent(emptyEvent);
    done(tr.claimed);
  };
  return (
    <form aria-label={tr.claimForm} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{tr.claimForm}</h3>
      <p className="help">{tr.claimHelp}</p>
      <EventFields prefix="claim" kinds={kinds} value={event} onChange={setEvent} errors={errors} picks={picks} />
      <button type="submit">{tr.claimSubmit}</button>
      <p className="error" role="alert">{general}</p>
    </form>
  );
}
