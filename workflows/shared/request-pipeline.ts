import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { IssueLetterInput } from '../../activities/notices/notice.activities';
import { IsoDate, maxDate } from '../../libs/deadlines/calendar-date';
import { COMPETENCE_DESIGNATION_EVENT_TYPE, FORWARDED_REQUEST_EVENT_TYPE } from '../../libs/procedures/pipeline';
import { formatDateNl } from '../../libs/format/dutch';
import { procedureDefinition } from '../../libs/procedures/registry';
import { CHANNEL_LABELS, type Channel } from '../../libs/procedures/channels';
import type { DecisionTemplate } from '../../libs/notices/templates';
import type { PipelineDeadlines } from '../../libs/procedures/types';
import type { CompletedTask } from '../../libs/tasks/task-outcomes';
import type { AgendaProposal } from '../../libs/db/entities/agenda-item.entity';
import type { CouncilDecision, DeadlineHandle, Dossier } from './dossier-runtime';
import { DUTCH_DATES_PATCH } from './deadline-clock';

/**
 * The generic request → decision pipeline of shared/domain/ocmw-procedures.md §0.1, shared by every procedure that
 * decides on a request (leefloon, social aid): receipt, competence check and forwarding with reasons, missing
 * documents with their reminder, the decision taken and the decision notified with its appeal window. Each step is
 * parameterised by the dossier's procedure definition (its deadline rules, its wording); the procedure's workflow
 * calls them in its own order, with its own inquiry, report and decision in between.
 */

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The key of the appeal window for the absence of a decision (started when the decision term lapses). */
export const SILENT_REFUSAL_APPEAL = 'appeal-no-decision';

/** The deadline rules of the dossier's procedure (libs/procedures/<procedure>.ts, `deadlines`). */
export function pipelineRules(dossier: Dossier): PipelineDeadlines & { appeal: string } {
  const definition = procedureDefinition(dossier.input.procedure);
  // Only a procedure opened by a request runs the pipeline (the LOI, opened by an event, has no pipeline rules).
  if (!definition.deadlines) throw new Error(`procedure ${definition.name} has no request pipeline (deadlines)`);
  return { ...definition.deadlines, appeal: definition.letters.appeal.ruleId };
}

/**
 * Steps 1–3 of §0.1: the request registered, the decision term started from the request date (it keeps running while
 * a forwarding is pending: the OCMW stays bound until it has forwarded with reasons; when it lapses without a decision,
 * the client may appeal for the absence of a decision — a window rule of its own, started by the lapse), and the
 * ontvangstbewijs the same day stating the decision period, the file reference and the handling service, the right to
 * be heard and the duty to report new facts.
 */
export async function registerRequest(dossier: Dossier, registered: string): Promise<DeadlineHandle> {
  const { input } = dossier;
  const rules = pipelineRules(dossier);
  const dutch = patched(DUTCH_DATES_PATCH);
  const channel = dutch ? (CHANNEL_LABELS[input.channel as Channel] ?? input.channel) : input.channel;
  await dossier.event('request-registered', `${registered} geregistreerd (${channel})`, { status: 'REQUEST_REGISTERED' });
  const decisionTerm = await dossier.deadline('decision', rules.decision, input.requestDate, {
    onLapse: (lapsedOn) => dossier.deadline(SILENT_REFUSAL_APPEAL, rules.noDecisionAppeal, lapsedOn, { kind: 'window' }),
  });
  await dossier.notice({
    key: 'receipt',
    kind: 'ontvangstbewijs',
    recipient: 'client',
    channel: input.channel === 'counter' ? 'hand' : 'letter',
    dueDate: input.requestDate,
    sentAt: new Date().toISOString(),
    content: {
      reference: input.reference,
      requestDate: input.requestDate,
      decisionDueDate: decisionTerm.dueDate(),
      rightToBeHeard: true,
      dutyToReportNewFacts: true,
    },
    description: `Ontvangstbewijs uitgereikt; beslissing uiterlijk ${dutch && decisionTerm.dueDate() ? formatDateNl(decisionTerm.dueDate()!) : decisionTerm.dueDate()}`,
  });
  await dossier.event('receipt-issued', 'Ontvangstbewijs uitgereikt', { status: 'COMPETENCE_CHECK' });
  return decisionTerm;
}

/** New runs ask the competence check's facts (issue 14): running dossiers complete it with the yes/no as before. */
export const COMPETENCE_FACTS_PATCH = 'competence-facts-required';

/**
 * The competence check of §5.1 at intake: the guided task (libs/tasks/competence-check.ts) — new runs require its
 * situation, so the rules of the Wet 1965 decide and explain the competent OCMW; runs before the patch keep the
 * optional facts and the social worker's yes/no.
 */
export function competenceCheck(dossier: Dossier, decisionTerm: DeadlineHandle): Promise<CompletedTask<'competence-check'>> {
  return dossier.task('competence-check', { deadline: decisionTerm, ...(patched(COMPETENCE_FACTS_PATCH) ? { require: ['situation'] } : {}) });
}

/** New runs record the competence check's explanation (issue 14): the patch keeps older histories replaying. */
export const COMPETENCE_EXPLAINED_PATCH = 'competence-explained';

/**
 * The competence check was completed with its facts: the timeline keeps what the rules found (the competent OCMW by
 * name, the rule, its basis of the Wet 1965 and the reasoning), the dossier shows it as "Waarom dit OCMW?". Nothing
 * is recorded for a check completed without facts.
 */
export async function explainCompetence(dossier: Dossier, competence: CompletedTask<'competence-check'>): Promise<void> {
  if (!competence.situation || !patched(COMPETENCE_EXPLAINED_PATCH)) return;
  const { situation, usualResidence, registeredIn, institutionKind, registeredOnAdmission, firstAdmissionRegisteredIn, studentRegisteredIn, actualStay, registrationPlace } = competence;
  const outcome = { situation, usualResidence, registeredIn, institutionKind, registeredOnAdmission, firstAdmissionRegisteredIn, studentRegisteredIn, actualStay, registrationPlace };
  const explained = await dossier.attempt('uitleg van de bevoegdheid', () => acts.explainCompetence({ requestDate: dossier.input.requestDate, outcome }));
  if (explained) await dossier.event('competence-determined', explained.description, { data: explained.data });
}

/**
 * The opening steps every request shares (§0.1 steps 1–4): registered with its receipt the same day and its decision
 * term (the procedure's rule: LL-3, SA-3, HF-2), the competence check with its explanation, and — not competent — the
 * forwarding (CO-1) or, for a request another OCMW forwarded, the conflict with POD MI (CO-2, CO-3). Returns the
 * decision term to go on with, or `handled` when the request went elsewhere (the dossier has ended).
 */
export async function openRequest(dossier: Dossier, registered: string): Promise<{ decisionTerm: DeadlineHandle } | { handled: { status: 'FORWARDED' } }> {
  const decisionTerm = await registerRequest(dossier, registered);
  const competence = await competenceCheck(dossier, decisionTerm);
  await explainCompetence(dossier, competence);
  if (competence.competent === false) {
    const handled = await notCompetent(dossier, decisionTerm, competence);
    if (handled !== 'designated-here') return { handled };
  }
  return { decisionTerm };
}

/** New runs take a received request they are not competent for to POD MI (CO-2) instead of forwarding it again. */
export const COMPETENCE_CONFLICT_PATCH = 'competence-conflict';

/**
 * This OCMW is not competent. A request it registered itself is forwarded (CO-1, forwardToCompetentOcmw); a request
 * another OCMW forwarded to it is a competence conflict (§5.2): within 5 working days it goes to POD MI's Competence
 * Conflicts service (CO-2, art. 15 al. 4 Wet 1965; omzendbrief 8 april 2003), whose provisional designation (CO-3,
 * within 5 working days; whether Saturday counts is [U], OCMW_CONFLICT_SATURDAY) says who handles the request
 * meanwhile: this OCMW — the request goes on here ('designated-here') — or another, to which this OCMW sends it with
 * reasons and of which it tells the applicant (the CO-1 steps, from the designation). The decision term keeps running
 * throughout: the applicant is not left waiting on the OCMWs' dispute. Runs before the patch forward every request.
 */
export async function notCompetent(
  dossier: Dossier,
  decisionTerm: DeadlineHandle,
  competence: CompletedTask<'competence-check'>,
): Promise<{ status: 'FORWARDED' } | 'designated-here'> {
  if (!patched(COMPETENCE_CONFLICT_PATCH)) return forwardToCompetentOcmw(dossier, decisionTerm, competence);
  const opened = await dossier.attempt('herkomst van de aanvraag', () => acts.dossierOpenedBy({ dossierId: dossier.input.dossierId }));
  if (opened?.type !== FORWARDED_REQUEST_EVENT_TYPE) return forwardToCompetentOcmw(dossier, decisionTerm, competence);

  const from = opened.forwardingOcmw ? `doorgestuurd door ${opened.forwardingOcmw}` : 'doorgestuurd door een ander OCMW';
  await dossier.event('competence-conflict', `Aanvraag ${from}, maar ook dit OCMW is niet bevoegd: bevoegdheidsconflict, voor te leggen aan de POD MI`, {
    status: 'COMPETENCE_CONFLICT',
  });
  const submission = await dossier.deadline('competence-conflict', 'CO-2', competence.completedOn);
  const submitted = await dossier.task('submit-competence-conflict', { deadline: submission });
  await submission.met(submitted.submittedOn);
  await dossier.event('competence-conflict-submitted', `Bevoegdheidsconflict voorgelegd aan de POD MI op ${formatDateNl(submitted.submittedOn)}${submitted.podMiReference ? ` (kenmerk ${submitted.podMiReference})` : ''}`, {
    status: 'AWAITING_DESIGNATION',
  });
  // POD MI's term: its lapse warns and escalates to the team lead (who calls POD MI); the dossier keeps waiting.
  const designationTerm = await dossier.deadline('competence-designation', 'CO-3', submitted.submittedOn);
  const designation = await dossier.waitForEvent(COMPETENCE_DESIGNATION_EVENT_TYPE);
  await designationTerm.met(designation.occurredOn);
  const data = designation.data as { designated: 'this-ocmw' | 'other-ocmw'; designatedOcmw?: string };
  if (data.designated === 'this-ocmw') {
    await dossier.event('designated-here', `De POD MI wees op ${formatDateNl(designation.occurredOn)} dit OCMW voorlopig aan: de aanvraag wordt hier behandeld`);
    return 'designated-here';
  }
  const names = await dossier.attempt('naam van het aangewezen OCMW', () => acts.ocmwNames({ nisCodes: [data.designatedOcmw!] }));
  const name = names?.[data.designatedOcmw!] ?? data.designatedOcmw!;
  return forwardToCompetentOcmw(dossier, decisionTerm, competence, {
    from: designation.occurredOn,
    description: `De POD MI wees op ${formatDateNl(designation.occurredOn)} voorlopig ${name} aan: de aanvraag gaat er met redenen heen`,
  });
}

/**
 * Not competent (Wet 1965): forward the request with reasons to the competent OCMW and inform the applicant in
 * writing, both within 5 calendar days of the finding (LL-2: art. 18 §4 RMI-wet; SA-2: art. 58 §3 OCMW-wet) — or, in a
 * conflict, of POD MI's designation of another OCMW (`designated`). The dossier ends as forwarded only once both are
 * recorded.
 */
export async function forwardToCompetentOcmw(
  dossier: Dossier,
  decisionTerm: DeadlineHandle,
  competence: CompletedTask<'competence-check'>,
  designated?: { from: IsoDate; description: string },
): Promise<{ status: 'FORWARDED' }> {
  await dossier.event('not-competent', designated?.description ?? `Niet bevoegd; bevoegd OCMW: ${competence.competentOcmw ?? '–'}`, { status: 'FORWARDING' });
  const forwardingTerm = await dossier.deadline('forwarding', pipelineRules(dossier).forwarding, designated?.from ?? competence.completedOn);
  const letters = patched(FORWARDING_LETTERS_PATCH);
  const [forwarded, letter] = await Promise.all([
    dossier.task('forward-request', { deadline: forwardingTerm }).then(async (f) => {
      if (letters && f.forwardedToOcmw) await issueForwardingLetters(dossier, f, f.forwardedToOcmw, forwardingTerm);
      return f;
    }),
    dossier.task('forwarding-letter', { deadline: forwardingTerm }),
  ]);
  await forwardingTerm.met(maxDate(forwarded.forwardDate, letter.sentDate));
  await decisionTerm.cancel('forwarded');
  await dossier.event('forwarded', `Aanvraag doorgestuurd naar ${forwarded.forwardedTo}`, { status: 'FORWARDED', closed: true });
  if (forwarded.decidedBy === 'chair-urgent' && patched(FORWARDING_URGENCY_PATCH)) chairForwardedInUrgency(dossier, forwarded);
  await dossier.finish();
  return { status: 'FORWARDED' };
}

/** New runs make up the forwarding letters when the competent OCMW is picked from the directory. */
export const FORWARDING_LETTERS_PATCH = 'forwarding-letters';

/**
 * CO-1's two letters (art. 58 §3 OCMW-wet; art. 18 §4 RMI-wet), made up once the forwarding names the competent OCMW by
 * its NIS code: the request with the reasons to that OCMW (through the partner outbox, its address from the directory,
 * due by the forwarding term) and the letter telling the applicant where the request went and why. The applicant's
 * name and address are read by the activity, never carried by the workflow. A letter the activity refuses (an unknown
 * code, no reasons) is escalated; the social worker still records the sending (forwarding-letter).
 */
async function issueForwardingLetters(dossier: Dossier, forwarded: CompletedTask<'forward-request'>, nisCode: string, term: DeadlineHandle): Promise<void> {
  const { dossierId, requestDate } = dossier.input;
  const dueDate = term.dueDate() ?? undefined;
  await dossier.attempt('doorzending naar het bevoegde OCMW', () =>
    acts.issueLetter({
      dossierId, key: 'forwarding-ocmw', template: 'forwarding-ocmw', data: { requestDate, reasons: forwarded.reasons, competentOcmwNis: nisCode },
      delivery: { mode: 'partner-outbox', partner: 'ocmw', partnerRef: nisCode, dueDate }, dueDate,
    } as never),
  );
  await dossier.attempt('brief aan de aanvrager over de doorzending', () =>
    acts.issueLetter({
      dossierId, key: 'forwarding-applicant', template: 'forwarding-applicant',
      data: { requestDate, forwardDate: forwarded.forwardDate, reasons: forwarded.reasons, competentOcmwNis: nisCode }, delivery: { mode: 'letter' }, dueDate,
    } as never),
  );
}

/** New runs put the chair's urgent finding of incompetence on the next BCSD for ratification. */
export const FORWARDING_URGENCY_PATCH = 'forwarding-chair-ratified';

/**
 * The chair found this OCMW not competent in urgency (CO-1: the 5 days rarely reach a session): the next BCSD ratifies
 * it (§8; DLB art. 113: the ratification of the chair's urgent decisions). The dossier stays open until it has; the
 * item says what was decided and why. Not ratified, this OCMW was competent after all: the team lead is told to take
 * the request back and decide it here (the forwarding term was met, the applicant must not lose the request's date).
 */
function chairForwardedInUrgency(dossier: Dossier, forwarded: CompletedTask<'forward-request'>): void {
  dossier.ratifyChairDecision(
    'forwarding',
    forwarded.forwardDate,
    `niet bevoegd, de aanvraag doorgestuurd naar ${forwarded.forwardedTo}`,
    { reference: dossier.input.reference, proposal: 'not-competent', motivation: forwarded.reasons },
    `het BCSD bekrachtigde de doorzending niet: dit OCMW is bevoegd. Vraag de aanvraag terug bij ${forwarded.forwardedTo} en beslis ze hier, met de oorspronkelijke aanvraagdatum.`,
  );
}

/**
 * Missing documents: a letter asks for them (with the date to answer by); if they have not come in after the
 * configured number of days, a reminder goes out once; the social worker records what arrived (§1.4). Insufficient
 * cooperation may justify a refusal, which the social report weighs. Nothing is asked when the list is empty.
 */
export async function requestDocuments(dossier: Dossier, list: string | undefined, decisionTerm: DeadlineHandle): Promise<void> {
  if (typeof list !== 'string' || !list.trim()) return;
  const documents = list.split('\n').map((d) => d.trim()).filter(Boolean);
  const { dossierId } = dossier.input;
  const settings = dossier.settings;
  await dossier.event('documents-requested', `Ontbrekende stukken opgevraagd: ${documents.length}`, { status: 'DOCUMENTS_REQUESTED' });
  await dossier.attempt('opvraging ontbrekende stukken', () =>
    acts.issueLetter({ dossierId, key: 'documents-request', template: 'documents-request', data: { documents }, delivery: { mode: 'letter' } } as never),
  );
  let received = false;
  const reminder = (async () => {
    const answered = await condition(() => received, `${settings.documentReminderDays ?? 14} days`);
    if (answered) return;
    await dossier.attempt('herinnering ontbrekende stukken', () =>
      acts.issueLetter({
        dossierId, key: 'documents-reminder', template: 'documents-reminder', reminderOf: 'documents-request', data: { documents }, delivery: { mode: 'letter' },
      } as never),
    );
  })();
  await dossier.task('documents-received', { deadline: decisionTerm });
  received = true;
  await reminder;
}

/**
 * The decision taken (step 8 of §0.1): its date is the decision's (the session's), the decision term is met, and an
 * appeal, if any, is against the decision now, not against its absence.
 */
export async function recordDecision(dossier: Dossier, decisionTerm: DeadlineHandle, decisionDate: string, description: string, result: string): Promise<void> {
  dossier.facts.decisionDate = decisionDate;
  await decisionTerm.met(decisionDate);
  await dossier.deadlineOf(SILENT_REFUSAL_APPEAL)?.cancel('decided');
  await dossier.event('decided', description, { status: 'DECIDED', data: { result } });
}

/**
 * The BCSD decides on the social report's proposal (§0.1 steps 7–8): the item goes on the agenda under the decision
 * term, and once the session decided, the decision is recorded (recordDecision) as granted or refused. The same steps
 * for every procedure whose request ends in a BCSD decision; the proposal is the procedure's own (its proposalSchema).
 */
export async function councilDecides(
  dossier: Dossier, decisionTerm: DeadlineHandle, proposal: AgendaProposal, hearingRequested: boolean,
): Promise<{ decision: CouncilDecision; result: 'granted' | 'refused'; decisionDate: string }> {
  const decision = await dossier.council(proposal, { hearingRequested, deadline: decisionTerm });
  const result = decision.result as 'granted' | 'refused';
  const { decisionDate } = decision;
  await recordDecision(dossier, decisionTerm, decisionDate, `Beslissing BCSD van ${decisionDate}: ${result === 'granted' ? 'toegekend' : 'geweigerd'}`, result);
  return { decision, result, decisionDate };
}

/** The templates a decision letter is issued from (libs/notices/templates.ts). */
export type DecisionLetterTemplate = DecisionTemplate;

/**
 * Every decision (grant, refusal, revision, stop) reaches the client the same way: the letter with what §0.2 requires
 * (an incomplete one is refused and escalated), the social worker records how it was delivered (registered with a
 * tracking number, or against a signed receipt: art. 62bis OCMW-wet) within the procedure's notification term, and the
 * notification date opens the client's appeal window (the procedure's appeal rule: LL-10, art. 47 RMI-wet; SA-5,
 * art. 71 OCMW-wet — 3 judicial months).
 */
export async function notifyDecision(
  dossier: Dossier,
  term: DeadlineHandle,
  letter: { key: string; template: DecisionLetterTemplate; data: Record<string, unknown> },
  appealKey = 'appeal',
): Promise<{ notifiedOn: string; appealUntil?: string }> {
  const { dossierId } = dossier.input;
  await dossier.attempt('beslissingsbrief', () =>
    acts.issueLetter({
      dossierId,
      key: letter.key,
      template: letter.template,
      data: letter.data,
      delivery: { mode: 'registered' },
      dueDate: term.dueDate() ?? undefined,
    } as IssueLetterInput),
  );
  const notification = await dossier.task('decision-notification', { deadline: term });
  await term.met(notification.date);
  const delivered = await dossier.activity(() =>
    acts.recordDelivery({
      dossierId,
      key: letter.key,
      mode: notification.mode,
      trackingNumber: notification.trackingNumber,
      ...(notification.mode === 'registered' ? { postedOn: notification.date } : { signedOn: notification.date }),
    }),
  );
  await dossier.deadline(appealKey, pipelineRules(dossier).appeal, delivered.notifiedOn, { kind: 'window' });
  return delivered;
}
