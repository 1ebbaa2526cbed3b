import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { todayInBrussels } from '../format';
import { t } from '../i18n';
import { competenceOfOutcome, OUTCOME_RULE, type CompetenceFactsOutcome } from '../../../../libs/tasks/competence-check';
import { type FormState, type ObjectSchema, toValue } from './SchemaForm';

interface Ocmw { nisCode: string; name: string; self: boolean }

/**
 * The competence check's live explanation: as the facts are typed, what the rules of the Wet 1965 find (the same code
 * the workflow checks the outcome with: libs/tasks/competence-check.ts) — the competent OCMW, the rule and its basis,
 * the reasoning under "Waarom dit OCMW?", and a button that takes the answer over into the yes/no, the rule and the
 * competent OCMW's name. The API decides: a contradiction is refused there too.
 */
export function CompetenceExplanation({ schema, state, onTakeOver }: { schema: ObjectSchema; state: FormState; onTakeOver(next: FormState): void }) {
  const [ocmws, setOcmws] = useState<Ocmw[] | null>(null);
  useEffect(() => {
    void api.GET('/ocmws').then(({ data }) => setOcmws(data?.items ?? []));
  }, []);
  const self = ocmws?.find((o) => o.self)?.nisCode;
  const value = toValue(schema, state) as CompetenceFactsOutcome;
  const nameOf = (nis: string) => ocmws?.find((o) => o.nisCode === nis)?.name;
  const result = value.situation && self ? competenceOfOutcome(value, todayInBrussels(), self, nameOf) : undefined;

  let body;
  if (!value.situation || !self) body = <p>{t.competence.pending}</p>;
  else if (!result || result.rule === 'undetermined' || !result.competent) body = <p>{t.competence.undetermined}</p>;
  else {
    const competent = result.competent;
    const name = nameOf(competent) ?? competent;
    const takeOver = () => {
      const index = (field: string, v: unknown) => String(schema.properties?.[field]?.oneOf?.findIndex((o) => o.const === v) ?? '');
      const next: FormState = { ...state, competent: index('competent', result.thisOcmw), rule: index('rule', OUTCOME_RULE[result.rule as keyof typeof OUTCOME_RULE]) };
      if (!result.thisOcmw) next.competentOcmw = name;
      onTakeOver(next);
    };
    body = (
      <>
        <p><strong>{result.thisOcmw ? t.competence.thisOcmw(result.legalBasis) : t.competence.other(name, result.legalBasis)}</strong></p>
        <details>
          <summary>{t.competence.why}</summary>
          <ol>{result.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </details>
        <button type="button" onClick={takeOver}>{t.competence.takeOver}</button>
      </>
    );
  }
  return (
    <section aria-label={t.competence.title} aria-live="polite" className="computed">
      <h2>{t.competence.title}</h2>
      {body}
    </section>
  );
}
