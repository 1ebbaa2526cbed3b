import { DocumentsSection } from './DocumentsSection';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dutchError, type FieldError } from '../components/SchemaForm';
import { dateLong, todayInBrussels } from '../format';
import { t } from '../i18n';
import { may, useSession } from '../session';
import { refusal } from './TaskScreen';

type Person = paths['/persons/{id}']['get']['responses']['200']['content']['application/json'];
type Contact = Record<string, string>;

const POINTER: Record<string, string> = { street: '/address/street', postalCode: '/address/postalCode', city: '/address/city' };
const contactOf = (p: Person): Contact => ({
  street: p.address.street, postalCode: p.address.postalCode, city: p.address.city, phone: p.phone ?? '', email: p.email ?? '',
});

/** The contact details as PATCH /persons/:id takes them: an emptied phone or e-mail is cleared (null). */
const contactBody = (c: Contact) => ({
  address: { street: c.street.trim(), postalCode: c.postalCode.trim(), city: c.city.trim() },
  phone: c.phone.trim() || null,
  email: c.email.trim() || null,
});

/** The contact details, and a form to change them (audited by the API with the old and new values). */
function ContactSection({ person, saved }: { person: Person; saved(p: Person): void }) {
  const [value, setValue] = useState<Contact>(() => contactOf(person));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState('');
  const user = useSession().user;
  const errorAt = (name: string) => errors.find((e) => e.path === (POINTER[name] ?? `/${name}`));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setMessage('');
    const { data, error, response } = await api.PATCH('/persons/{id}', { params: { path: { id: person.id } }, body: contactBody(value) as never });
    if (!data) {
      const problem = error as ApiProblem | undefined;
      setErrors((problem?.errors ?? []) as FieldError[]);
      return setMessage(problem?.errors?.length ? '' : refusal(response.status));
    }
    setMessage(t.personPage.saved);
    saved({ ...person, ...data });
  };
  const a = person.address;
  return (
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t.personPage.contact}</h2>
      <dl>
        <dt>{t.personPage.address}</dt>
        <dd>{`${a.street}, ${a.postalCode} ${a.city}`}</dd>
        <dt>{t.personPage.phone}</dt>
        <dd>{person.phone || t.personPage.notGiven}</dd>
        <dt>{t.personPage.email}</dt>
        <dd>{person.email || t.personPage.notGiven}</dd>
      </dl>
      {may(user, 'person:update') && (
        <form aria-label={t.personPage.edit} noValidate onSubmit={(e) => void submit(e)}>
          <fieldset>
            <legend>{t.personPage.edit}</legend>
            {t.personPage.fields.map(([name, label]) => (
              <div key={name}>
                <label htmlFor={`c-${name}`}>{label}</label>
                <input
                  id={`c-${name}`}
                  name={name}
                  type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}
                  aria-required={name !== 'phone' && name !== 'email' ? true : undefined}
                  aria-describedby={`c-${name}-error`}
                  value={value[name] ?? ''}
                  onChange={(e) => setValue({ ...value, [name]: e.target.value })}
                />
                <p className="error" id={`c-${name}-error`} aria-live="polite">{errorAt(name) ? dutchError(errorAt(name)!) : ''}</p>
              </div>
            ))}
            <button type="submit">{t.personPage.save}</button>
          </fieldset>
        </form>
      )}
      <p role="status">{message}</p>
    </section>
  );
}

/** A person: identity, contact details (editable), household, every dossier of theirs the caller may read. */
export function PersonScreen() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const user = useSession().user;
  const [person, setPerson] = useState<Person | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let stop = false;
    setPerson(null);
    setMissing(false);
    void api.GET('/persons/{id}', { params: { path: { id } } }).then(({ data }) => {
      if (stop) return;
      if (data) setPerson(data);
      else setMissing(true);
    });
    return () => {
      stop = true;
    };
  }, [id]);

  if (missing) return <Page title={t.personPage.notFound}><p>{t.refusal[404]}</p></Page>;
  if (!person) return <Page title={t.app.loading}><Loading /></Page>;
  const p = person;
  return (
    <Page title={`${p.firstName} ${p.lastName}`}>
      {p.mergedInto && (
        <p>
          {`${t.personPage.merged} `}
          <Link to={`/clienten/${p.mergedInto}`}>{t.personPage.mergedLink}</Link>
        </p>
      )}
      {may(user, 'dossier:create') && !p.mergedInto && (
        <p>
          <button type="button" onClick={() => void navigate(`/nieuwe-aanvraag?persoon=${p.id}`)}>{t.personPage.newRequest}</button>
        </p>
      )}
      <section aria-labelledby="identity-heading">
        <h2 id="identity-heading">{t.personPage.identity}</h2>
        <dl>
          <dt>{t.personPage.name}</dt>
          <dd>{`${p.firstName} ${p.lastName}`}</dd>
          <dt>{t.personPage.nationalNumber}</dt>
          <dd>{p.nationalNumberFormatted ?? t.clients.noNn}</dd>
          <dt>{t.personPage.birthDate}</dt>
          <dd>{p.birthDate ? dateLong(p.birthDate) : t.clients.unknown}</dd>
          <dt>{t.personPage.iban}</dt>
          <dd>{p.ibanFormatted ?? t.personPage.notGiven}</dd>
        </dl>
      </section>
      <ContactSection key={p.id} person={p} saved={setPerson} />
      <section aria-labelledby="household-heading">
        <h2 id="household-heading">{t.personPage.household}</h2>
        {p.household.length === 0 ? (
          <p>{t.personPage.noHousehold}</p>
        ) : (
          <ul>
            {p.household.map((m) => (
              <li key={m.person.id}>
                <Link to={`/clienten/${m.person.id}`}>{t.personPage.member(m.roleLabel, `${m.person.firstName} ${m.person.lastName}`, m.dossierReference)}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="dossiers-heading">
        <h2 id="dossiers-heading">{t.personPage.dossiers}</h2>
        {p.dossiers.length === 0 ? (
          <p>{t.personPage.noDossiers}</p>
        ) : (
          <table aria-labelledby="dossiers-heading">
            <thead>
              <tr>{t.personPage.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {p.dossiers.map((d) => (
                <tr key={d.id}>
                  <td><Link to={`/dossiers/${d.id}`}>{d.reference}</Link></td>
                  <td>{d.procedureTitle}</td>
                  <td>{d.statusLabel}</td>
                  <td>{dateLong(todayInBrussels(new Date(d.openedAt)))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <DocumentsSection personId={p.id} />
      {may(user, 'person:export') && (
        <section aria-labelledby="subject-export-heading">
          <h2 id="subject-export-heading">{t.personPage.subjectExport}</h2>
          <p>{t.personPage.subjectExportText}</p>
          <p><a href={`/persons/${p.id}/export`} download>{t.personPage.subjectExportLink}</a></p>
        </section>
      )}
    </Page>
  );
}
