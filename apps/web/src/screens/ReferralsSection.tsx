import { FormEvent, useEffect, useState } from 'react';
import { PARTY_KIND_LABELS, type PartyKind } from '../../../../libs/domain/parties';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong, todayInBrussels } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type Referrals = paths['/dossiers/{id}/referrals']['get']['responses']['200']['content']['application/json']['items'];
type Parties = paths['/parties']['get']['responses']['200']['content']['application/json']['items'];
const empty = { partyId: '', reason: '', referredOn: '', followUpOn: '' };
const FIELDS = ['/partyId', '/reason', '/referredOn', '/followUpOn'];

/**
 * "Doorverwijzingen": the dossier's referrals to partners (CAW, CGG, a lawyer, …) with their follow-up date — on that
 * date the task "Opvolging doorverwijzing" opens for the social worker — and, for who may, the form and the close.
 */
export function ReferralsSection({ dossierId, closed }: { dossierId: string; closed: boolean }) {
  const [items, setItems] = useState<Referrals | null>(null);
  const [parties, setParties] = useState<Parties>([]);
  const [referral, setReferral] = useState(empty);
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const form = useSectionForm(FIELDS, closed);
  const { errors, general, message, version, readable, writable } = form;
  useEffect(() => {
    if (!readable) return;
    void api.GET('/dossiers/{id}/referrals', { params: { path: { id: dossierId } } }).then(({ data }) => setItems(data?.items ?? []));
  }, [dossierId, version, readable]);
  useEffect(() => {
    if (writable) void api.GET('/parties', { params: { query: { active: 'true', pageSize: '200' } } }).then(({ data }) => setParties(data?.items ?? []));
  }, [writable]);
  if (!readable) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const { data, error, response } = await api.POST('/dossiers/{id}/referrals', { params: { path: { id: dossierId } }, body: referral as never });
    if (!data) return form.refused(error, response.status);
    setReferral(empty);
    form.done(t.referrals.saved(dateLong(data.followUpOn)));
  };
  const close = async (id: string) => {
    form.clear();
    const { data, error, response } = await api.POST('/referrals/{id}/close', { params: { path: { id } }, body: { outcome: outcomes[id] ?? '' } });
    if (!data) return form.refused(error, response.status);
    form.done(t.referrals.closedMessage);
  };
  const described = (id: string) => ({ 'aria-describedby': `${id}-error`, 'aria-invalid': form.invalid(`/${id.slice(9)}`) });
  const kindLabel = (kind: string) => PARTY_KIND_LABELS[kind as PartyKind] ?? kind;
  return (
    <section aria-label={t.referrals.section}>
      <h2>{t.referrals.section}</h2>
      {items && items.length === 0 && <p>{t.referrals.none}</p>}
      {items && items.length > 0 && (
        <ul id="referrals">
          {items.map((r) => (
            <li key={r.id}>
              <strong>{t.referrals.item(r.party.name, kindLabel(r.party.kind), dateLong(r.referredOn))}</strong>
              <p className="multiline">{r.reason}</p>
              <p>{r.closedAt ? t.referrals.closed(dateLong(todayInBrussels(new Date(r.closedAt))), r.outcome ?? '') : t.referrals.followUp(dateLong(r.followUpOn))}</p>
              {writable && !r.closedAt && (
                <p>
                  <label htmlFor={`referral-outcome-${r.id}`}>{t.referrals.outcome}</label>
                  <input id={`referral-outcome-${r.id}`} value={outcomes[r.id] ?? ''} onChange={(e) => setOutcomes({ ...outcomes, [r.id]: e.target.value })} />
                  <button type="button" onClick={() => void close(r.id)}>{t.referrals.close}</button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <form aria-label={t.referrals.form} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{t.referrals.form}</h3>
          <label htmlFor="referral-partyId">{t.referrals.party}</label>
          <select id="referral-partyId" {...described('referral-partyId')} value={referral.partyId} onChange={(e) => setReferral({ ...referral, partyId: e.target.value })}>
            <option value="">{t.referrals.chooseParty}</option>
            {parties.map((p) => (
              <option key={p.id} value={p.id}>{`${p.name} (${p.kindLabel})`}</option>
            ))}
          </select>
          {errorLine('referral-partyId-error', errors, '/partyId')}
          <label htmlFor="referral-reason">{t.referrals.reason}</label>
          <textarea id="referral-reason" rows={3} {...described('referral-reason')} value={referral.reason} onChange={(e) => setReferral({ ...referral, reason: e.target.value })} />
          {errorLine('referral-reason-error', errors, '/reason')}
          <label htmlFor="referral-referredOn">{t.referrals.referredOn}</label>
          <input id="referral-referredOn" type="date" {...described('referral-referredOn')} value={referral.referredOn} onChange={(e) => setReferral({ ...referral, referredOn: e.target.value })} />
          {errorLine('referral-referredOn-error', errors, '/referredOn')}
          <label htmlFor="referral-followUpOn">{t.referrals.followUpOn}</label>
          <input id="referral-followUpOn" type="date" aria-describedby="referral-followUpOn-help referral-followUpOn-error"
            aria-invalid={form.invalid('/followUpOn')} value={referral.followUpOn} onChange={(e) => setReferral({ ...referral, followUpOn: e.target.value })} />
          <p className="help" id="referral-followUpOn-help">{t.referrals.followUpHelp}</p>
          {errorLine('referral-followUpOn-error', errors, '/followUpOn')}
          <button type="submit">{t.referrals.submit}</button>
          <p className="error" role="alert">{general}</p>
          <p role="status">{message}</p>
        </form>
      )}
    </section>
  );
}
