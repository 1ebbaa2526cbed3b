import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { loadHeatingScales } from '../../libs/config/heating-scale';
import { assessHeatingRequest, HeatingAssessment, HeatingRequestFacts, HeatingScale, HeatingYearSoFar } from '../../libs/domain/heating-allowance';

export interface HeatingAssessmentInput {
  dossierId: string;
  facts: HeatingRequestFacts;
}

/** What a heating allowance payment carries in its computation: what the yearly maximum of later requests counts. */
export interface HeatingPaymentComputation {
  text: string;
  heatingYear: string;
  litresCounted: number;
  pump: boolean;
}

/**
 * The heating allowance's proposal from the inquiry's facts (libs/domain/heating-allowance.ts), by the OCMW's dated
 * scale (OCMW_HEATING_SCALE_FILE, read once) and what the household already received in the delivery's calendar year:
 * the allowances ordered in the applicant's other heating allowance dossiers (not cancelled), read from the payments'
 * computation (`heatingYear`, `litresCounted`, `pump`). A choice: the household is the applicant's; the other members'
 * own requests are not counted (the read model links a household to a dossier, not across dossiers).
 */
export function createHeatingActivities({ dataSource, config, scales }: { dataSource: DataSource; config: AppConfig; scales?: readonly HeatingScale[] }) {
  // Read when the worker starts, as the other scales: a bad OCMW_HEATING_SCALE_FILE stops it with every problem named.
  const table = scales ?? loadHeatingScales(config.heating.scaleFile);
  return {
    async assessHeatingAllowance(input: HeatingAssessmentInput): Promise<HeatingAssessment> {
      const year = input.facts.deliveryDate.slice(0, 4);
      const rows: { litres: string | null; pump: boolean | null }[] = await dataSource.query(
        `SELECT sum((p.computation->>'litresCounted')::int)::text AS litres, bool_or((p.computation->>'pump')::boolean) AS pump
           FROM payments p
           JOIN dossiers d ON d.id = p.dossier_id
           JOIN dossiers self ON self.id = $1
          WHERE d.person_id = self.person_id AND d.id <> self.id AND d.procedure = 'heating-allowance'
            AND p.status <> 'cancelled' AND p.computation->>'heatingYear' = $2`,
        [input.dossierId, year],
      );
      const soFar: HeatingYearSoFar = { bulkLitres: Number(rows[0]?.litres ?? 0), pump: rows[0]?.pump === true };
      return assessHeatingRequest(table, input.facts, soFar);
    },
  };
}
