import { FormEvent, useEffect, useState } from 'react';
import { PARTY_KIND_LABELS, PARTY_KINDS, PARTY_ROLE_LABELS, PARTY_ROLES } from '../../../../libs/domain/parties';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { ConfirmButton } from '../components/Confirm';
import { t } from '../i18n';
import { errorLine, generalText, fieldErrors } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type Dossier = paths['/dossiers/{id}']['get']['responses']['200']['content']['application/json'];
type Parties = paths['/parties']['get']['responses']['200']['content']['application/json']['items'];
const emptyLink = { partyId: '', role: '', reference: '' };
const emptyParty = { name: '', kind: 'private-person', street: '', postalCode: '', city: '', iban: '' };
const FIELDS = ['/partyId', '/role', '/reference', '/name', '/kind', '/iban', '/address/street', '/address/postalCode', '/address/city'];

/**
 * "Betrokken partijen": who the dossier deals with besides the client — the care home and the maintenance debtors of
 * placement costs, a landlord, a bank, creditors, another OCMW — each in its role. For who may link (party:link): an
 * existing party from the registry (searched by name or enterprise number), or a new one (party:manage) created and
 * linked in one go; and "Niet langer betrokken" for a link that ends (it stays listed with its end).
 */
export function PartiesSection({ dossier: d, done }: { dossier: Dossier; done: (text: string) => void }) {
  const form = useSectionForm(FIELDS, !!d.closedAt, 'party:read', 'party:link');
  const { errors, general, message, writable } = form;
  const [link, setLink] = useState(emptyLink);
  const [party, setParty] = useState(emptyParty);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Parties>([]);
  const search = async (query: string) => {
    const { data } = await api.GET('/parties', { params: { query: { active: 'true', pageSize: '50', ...(query.trim() ? { q: query.trim() } : {}) } } });
    setFound(data?.items ?? []);
  };
  useEffect(() => {
    if (writable) void search('');
  }, [writable]);
  const links = d.parties ?? [];
  if (!form.readable) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    let partyId = link.partyId;
    let name = found.find((p) => p.id === partyId)?.name ?? '';
    if (!partyId && party.name.trim()) {
      const address = party.street || party.postalCode || party.city ? { street: party.street, postalCode: party.postalCode, city: party.city } : undefined;
      const created = await api.POST('/parties', {
        body: { name: party.name.trim(), kind: party.kind, ...(address ? { address } : {}), ...(party.iban.trim() ? { iban: party.iban.trim() } : {}) } as never,
      });
      if (!created.data) return form.refused(created.error, created.response.status);
      partyId = created.data.id;
      name = created.data.name;
    }
    if (!partyId) return form.refusedWith(t.parties.pickOrNew);
    const linked = await api.POST('/dossiers/{id}/parties', {
      params: { path: { id: d.id } }, body: { partyId, role: link.role, ...(link.reference.trim() ? { reference: link.reference.trim() } : {}) } as never,
    });
    if (!linked.data) return form.refused(linked.error, linked.response.status);
    setLink(emptyLink);
    setParty(emptyParty);
    form.done('');
    done(t.parties.linked(name, PARTY_ROLE_LABELS[link.role as keyof typeof PARTY_ROLE_LABELS] ?? link.role));
  };
  const unlink = async (linkId: string, name: string): Promise<string | void> => {
    const { error, response } = await api.DELETE('/dossiers/{id}/parties/{linkId}', { params: { path: { id: d.id, linkId } } });
    if (!response.ok) return generalText(fieldErrors(error), response.status, () => false);
    done(t.parties.unlinked(name));
  };
  const described = (id: string, path: string) => ({ id, 'aria-describedby': `${id}-error`, 'aria-invalid': form.invalid(path) });

  return (
    <section aria-label={t.dossier.parties}>
      <h2>{t.dossier.parties}</h2>
      {links.length === 0 ? <p>{t.dossier.none}</p> : (
        <ul>
          {links.map((l) => (
            <li key={l.id}>
              {t.dossier.party(l.roleLabel, l.party.name, l.reference, !!l.endedAt)}
              {writable && !l.endedAt && (
                <> <ConfirmButton label={t.parties.unlink} question={t.parties.unlinkQuestion(l.party.name, l.roleLabel)} confirmLabel={t.parties.unlink}
                  onConfirm={() => unlink(l.id, l.party.name)} /></>
              )}
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <form aria-label={t.parties.form} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{t.parties.form}</h3>
          <label htmlFor="party-search">{t.parties.search}</label>
          <input id="party-search" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="button" className="secondary" onClick={() => void search(q)}>{t.parties.searchButton}</button>
          <label htmlFor="party-partyId">{t.parties.existing}</label>
          <select {...described('party-partyId', '/partyId')} value={link.partyId} onChange={(e) => setLink({ ...link, partyId: e.target.value })}>
            <option value="">{t.parties.choose}</option>
            {found.map((p) => <option key={p.id} value={p.id}>{`${p.name} (${p.kindLabel})`}</option>)}
          </select>
          {errorLine('party-partyId-error', errors, '/partyId')}
          {!link.partyId && (
            <fieldset>
              <legend>{t.parties.newParty}</legend>
              <label htmlFor="party-name">{t.parties.name}</label>
              <input {...described('party-name', '/name')} value={party.name} onChange={(e) => setParty({ ...party, name: e.target.value })} />
              {errorLine('party-name-error', errors, '/name')}
              <label htmlFor="party-kind">{t.parties.kind}</label>
              <select {...described('party-kind', '/kind')} value={party.kind} onChange={(e) => setParty({ ...party, kind: e.target.value })}>
                {PARTY_KINDS.map((k) => <option key={k} value={k}>{PARTY_KIND_LABELS[k]}</option>)}
              </select>
              {errorLine('party-kind-error', errors, '/kind')}
              <label htmlFor="party-street">{t.parties.street}</label>
              <input {...described('party-street', '/address/street')} value={party.street} onChange={(e) => setParty({ ...party, street: e.target.value })} />
              {errorLine('party-street-error', errors, '/address/street')}
              <label htmlFor="party-postalCode">{t.parties.postalCode}</label>
              <input {...described('party-postalCode', '/address/postalCode')} inputMode="numeric" value={party.postalCode} onChange={(e) => setParty({ ...party, postalCode: e.target.value })} />
              {errorLine('party-postalCode-error', errors, '/address/postalCode')}
              <label htmlFor="party-city">{t.parties.city}</label>
              <input {...described('party-city', '/address/city')} value={party.city} onChange={(e) => setParty({ ...party, city: e.target.value })} />
              {errorLine('party-city-error', errors, '/address/city')}
              <label htmlFor="party-iban">{t.parties.iban}</label>
              <input {...described('party-iban', '/iban')} value={party.iban} onChange={(e) => setParty({ ...party, iban: e.target.value })} />
              {errorLine('party-iban-error', errors, '/iban')}
            </fieldset>
          )}
          <label htmlFor="party-role">{t.parties.role}</label>
          <select {...described('party-role', '/role')} value={link.role} onChange={(e) => setLink({ ...link, role: e.target.value })}>
            <option value="">{t.parties.chooseRole}</option>
            {PARTY_ROLES.map((r) => <option key={r} value={r}>{PARTY_ROLE_LABELS[r]}</option>)}
          </select>
          {errorLine('party-role-error', errors, '/role')}
          <label htmlFor="party-reference">{t.parties.reference}</label>
          <input {...described('party-reference', '/reference')} value={link.reference} onChange={(e) => setLink({ ...link, reference: e.target.value })} />
          {errorLine('party-reference-error', errors, '/reference')}
          <button type="submit">{t.parties.submit}</button>
          <p className="error" role="alert">{general}</p>
          <p role="status">{message}</p>
        </form>
      )}
    </section>
  );
}
