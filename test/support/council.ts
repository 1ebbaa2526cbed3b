import type { TestSystem } from './system';
import { eventually } from './temporal';
import { todayInBrussels } from './factories';

export interface AgendaPlace {
  meetingId: string;
  itemId: string;
  date: string;
}

/** Where the dossier's undecided item is on the BCSD agenda, once the workflow has scheduled it. */
export async function agendaItemOf(sys: TestSystem, dossierId: string): Promise<AgendaPlace> {
  const { rows } = await eventually(async () => {
    const res = await sys.db.query(
      `SELECT i.id, i.meeting_id, m.date FROM agenda_items i JOIN council_meetings m ON m.id = i.meeting_id
        WHERE i.dossier_id = $1 AND i.status = 'scheduled'`,
      [dossierId],
    );
    return res.rows.length ? res : undefined;
  });
  return { itemId: rows[0].id, meetingId: rows[0].meeting_id, date: rows[0].date };
}

/**
 * The council treats the dossier today: its item goes to an extraordinary session of today (08:00, never the time of
 * a regular session), through the API as the secretary would — so no test depends on which weekday the council meets.
 */
export async function treatTodayAtExtraordinarySession(sys: TestSystem, dossierId: string): Promise<AgendaPlace> {
  const place = await agendaItemOf(sys, dossierId);
  const res = await sys.http
    .post(`/council/meetings/${place.meetingId}/items/${place.itemId}/move`)
    .set(sys.as('council-secretary'))
    .send({ extraordinary: { date: todayInBrussels(), time: '08:00' }, reason: 'Test: behandeling vandaag' });
  if (res.status !== 200) throw new Error(`move to an extraordinary session: ${res.status} ${JSON.stringify(res.body)}`);
  return { itemId: place.itemId, meetingId: res.body.meetingId, date: res.body.date };
}
