import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import { CHANNELS, isProcedureName, procedureDefinition } from '../procedures';
import { audit, SYSTEM } from './audit';
import { DossierEntity, DossierLinkEntity } from './entities';
import { findOpenDossier, PersonMergedError, registerDossier } from './open-dossier';
import { addToTimeline } from './timeline';

/**
 * One dossier opening another for the same person (an LOI recognition a leefloon request, an advance a leefloon, a
 * debt mediation's attestation a heating allowance): the workflows' activity (activities/dossiers/) and the API alike.
 */
export interface OpenLinkedInput {
  fromDossierId: string;
  procedure: string;
  /** The opening procedure's business name for this link (`leefloon:after-loi`): one dossier per key, however often it runs. */
  linkKey: string;
  /** Dutch, on both timelines: why the dossier was opened. */
  reason: string;
  requestDate: string;
  channel?: string;
  /** A current member of the dossier's household the dossier is opened for (default: the dossier's person). */
  personId?: string;
}

/** A linked dossier that can never be opened (an unknown procedure, a person not in the household): not retried. */
export class LinkedDossierRefused extends Error {}

/**
 * Opens a dossier of `procedure` for the person of `fromDossierId` in the caller's transaction, once per
 * (fromDossierId, linkKey): run again — retried, replayed, twice at once — it answers the same dossier and link. The
 * dossier is registered as POST /dossiers registers one (libs/db/open-dossier.ts: its reference, audit and the
 * `startWorkflow` outbox row) with the link and both timeline entries; its workflow starts after the commit, through
 * the outbox. A person has one open dossier per procedure: when one is already open, it is linked instead.
 */
export async function openLinkedInTx(
  tx: EntityManager, config: AppConfig, input: OpenLinkedInput,
): Promise<{ to: DossierEntity; link: DossierLinkEntity; existing: boolean }> {
  if (!isProcedureName(input.procedure)) throw new LinkedDossierRefused(`unknown procedure ${input.procedure}`);
  const procedure = input.procedure;
  if (input.channel !== undefined && !(CHANNELS as readonly string[]).includes(input.channel)) throw new LinkedDossierRefused(`unknown channel ${input.channel}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.requestDate)) throw new LinkedDossierRefused('requestDate must be a date (YYYY-MM-DD)');
  if (!input.linkKey || !input.reason?.trim()) throw new LinkedDossierRefused('a linked dossier needs a link key and a reason');
    let from = await tx.findOneBy(DossierEntity, { id: input.fromDossierId });
    if (!from) throw new LinkedDossierRefused(`dossier ${input.fromDossierId} does not exist`);
    // Two runs at once for the same key: the first holds this lock until its commit, the second then finds its link.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dossier-link:${from.id}:${input.linkKey}`]);
    const link = await tx.findOneBy(DossierLinkEntity, { fromDossierId: from.id, linkKey: input.linkKey });
    if (link) {
      const to = await tx.findOneByOrFail(DossierEntity, { id: link.toDossierId });
      // A dossier opened for the link has the link's transaction time as its opening time.
      return { to, link, existing: to.openedAt.getTime() !== link.createdAt.getTime() };
    }
    const member = input.personId !== undefined && input.personId !== from.personId ? await currentMember(tx, from.id, input.personId) : null;
    let to = member ? await findOpenDossier(tx, member, procedure) : await openDossierOfClient(tx, from.id, from.personId, procedure);
    // A person merge that committed while this waited moved the dossier to the person kept.
    from = await tx.findOneByOrFail(DossierEntity, { id: from.id });
    if (to?.id === from.id) throw new LinkedDossierRefused(`dossier ${from.reference} cannot open itself`);
    const existing = to !== null;
    if (!to) {
      ({ dossier: to } = await registerDossier(
        tx,
        config,
        SYSTEM,
        { procedure, personId: member ?? from.personId, team: from.team, responsibleUserId: from.responsibleUserId, requestDate: input.requestDate, channel: input.channel ?? from.channel },
        { openedFrom: from.id, linkKey: input.linkKey },
      ));
    }
    const created = await tx.save(tx.create(DossierLinkEntity, { fromDossierId: from.id, toDossierId: to.id, kind: 'opened', linkKey: input.linkKey, reason: input.reason.trim(), createdBy: null }));
    await recordOpenedLink(tx, from, to, created, existing);
    return { to, link: created, existing };
}

/**
 * findOpenDossier for the client of dossier `dossierId`. When the client was merged into another record while this
 * waited for the opening lock, the merge has moved the dossier to the person kept: that person's dossier is looked
 * for instead, so nothing is opened for a merged record.
 */
async function openDossierOfClient(tx: EntityManager, dossierId: string, personId: string, procedure: string): Promise<DossierEntity | null> {
  for (;;) {
    try {
      return await findOpenDossier(tx, personId, procedure);
    } catch (err) {
      if (!(err instanceof PersonMergedError)) throw err;
      const moved = await tx.findOneByOrFail(DossierEntity, { id: dossierId });
      if (moved.personId === personId) throw err;
      personId = moved.personId;
    }
  }
}

/**
 * The member of the dossier's household the dossier is opened for: their membership has not ended (refused otherwise);
 * a member merged into another record counts as the record kept.
 */
async function currentMember(tx: EntityManager, dossierId: string, personId: string): Promise<string> {
  const [row] = await tx.query(
    `SELECT COALESCE(p.merged_into, p.id) AS person_id FROM dossier_persons m JOIN persons p ON p.id = m.person_id
      WHERE m.dossier_id = $1 AND m.ended_at IS NULL AND (m.person_id = $2 OR p.merged_into = $2) LIMIT 1`,
    [dossierId, personId],
  );
  if (!row) throw new LinkedDossierRefused(`person ${personId} is not a member of the household of dossier ${dossierId}`);
  return row.person_id as string;
}

/** Both timelines in Dutch, and an audit event on each dossier. */
async function recordOpenedLink(tx: EntityManager, from: DossierEntity, to: DossierEntity, link: DossierLinkEntity, existing: boolean): Promise<void> {
  // Another team's dossier stays unnamed, as everywhere (the API's link views, POST /dossiers' conflict): a person's
  // open dossier that is linked, not opened, may be another team's; then each timeline names only its procedure.
  const title = (d: DossierEntity) =>
    from.team === to.team ? `${d.reference}, ${procedureDefinition(d.procedure).title}` : `${procedureDefinition(d.procedure).title} van een ander team`;
  const sides = [
    { shown: from, seen: to, text: existing ? 'Gekoppeld aan het lopende dossier' : 'Gekoppeld dossier geopend:' },
    { shown: to, seen: from, text: existing ? 'Gekoppeld aan dossier' : 'Geopend vanuit dossier' },
  ];
  const at = new Date();
  const details = { linkId: link.id, kind: link.kind, linkKey: link.linkKey, fromDossierId: from.id, toDossierId: to.id, existing };
  for (const { shown, seen, text } of sides) {
    await addToTimeline(tx, {
      dossierId: shown.id,
      key: `link:${link.id}`,
      at,
      type: 'dossier-linked',
      description: `${text} ${title(seen)}: ${link.reason}`,
      data: { linkId: link.id, kind: link.kind, linkKey: link.linkKey, dossierId: seen.id },
    });
    await audit(tx, SYSTEM, 'dossier.link-opened', { dossierId: shown.id, personId: shown.personId, details });
  }
}
