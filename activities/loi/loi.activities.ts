import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { loadLoiLeefgeldScale } from '../../libs/config/loi-leefgeld-scale';
import type { IsoDate } from '../../libs/deadlines/calendar-date';
import { LoiLeefgeldScale, loiWeeklyLeefgeld } from '../../libs/payments/loi-leefgeld';

export interface LoiLeefgeldInput {
  dossierId: string;
  /** The week's payday. */
  day: IsoDate;
  selfCatering: boolean;
}

export interface LoiAdultMembersInput {
  dossierId: string;
  /** The day that counts (a recognition's notification): 18 years or older then. */
  on: IsoDate;
}

export interface LoiLeefgeldResult {
  amountCents: number;
  /** Dutch: how it was computed (the payment's computation, the timeline). */
  text: string;
  persons: number;
  scaleValidFrom: IsoDate;
}

/**
 * The LOI's activities that read the read model: the household's weekly leefgeld by the OCMW's dated scale
 * (libs/payments/loi-leefgeld.ts) for the persons of the dossier on the payday — the applicant and the members whose
 * membership runs that day (POST /dossiers/:id/persons), so a child born or a member who left changes the next week.
 */
export function createLoiActivities({ dataSource, config, scale }: { dataSource: DataSource; config: AppConfig; scale?: readonly LoiLeefgeldScale[] }) {
  const table = scale ?? loadLoiLeefgeldScale(config.loiResidency.leefgeldScaleFile);
  return {
    async loiWeeklyLeefgeld(input: LoiLeefgeldInput): Promise<LoiLeefgeldResult> {
      const rows: { birth_date: string | null }[] = await dataSource.query(
        `SELECT p.birth_date::text AS birth_date FROM dossiers d JOIN persons p ON p.id = d.person_id WHERE d.id = $1
         UNION ALL
         SELECT p.birth_date::text FROM dossier_persons m JOIN persons p ON p.id = m.person_id
          WHERE m.dossier_id = $1 AND m.from_date <= $2::date AND (m.to_date IS NULL OR m.to_date >= $2::date)`,
        [input.dossierId, input.day],
      );
      // A person known only by a national number (no birth date recorded) counts as an adult: the note says so.
      const unknown = rows.filter((r) => !r.birth_date).length;
      const residents = rows.map((r) => ({ birthDate: r.birth_date ?? '1900-01-01' }));
      const week = loiWeeklyLeefgeld(table, input.day, residents, input.selfCatering);
      const note = unknown > 0 ? ` (${unknown} zonder geboortedatum, als volwassene geteld)` : '';
      return { amountCents: week.amountCents, text: `Leefgeld LOI: ${week.text}${note}`, persons: rows.length, scaleValidFrom: week.validFrom };
    },

    /**
     * The household's adults besides the applicant on `on` (a member 18 or older, whose membership runs that day and was
     * not ended; a member without a recorded birth date counts as an adult): after a recognition each gets a leefloon
     * dossier of their own (domain §4.1 step 7). Only person ids: no name passes the history.
     */
    async loiAdultMembers(input: LoiAdultMembersInput): Promise<{ personIds: string[] }> {
      const rows: { person_id: string }[] = await dataSource.query(
        `SELECT DISTINCT m.person_id FROM dossier_persons m JOIN persons p ON p.id = m.person_id JOIN dossiers d ON d.id = m.dossier_id
          WHERE m.dossier_id = $1 AND m.ended_at IS NULL AND m.person_id <> d.person_id AND p.merged_into IS NULL
            AND m.from_date <= $2::date AND (m.to_date IS NULL OR m.to_date >= $2::date)
            AND (p.birth_date IS NULL OR p.birth_date <= ($2::date - interval '18 years'))
          ORDER BY m.person_id`,
        [input.dossierId, input.on],
      );
      return { personIds: rows.map((r) => r.person_id) };
    },
  };
}
