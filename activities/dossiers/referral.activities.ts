import { DataSource } from 'typeorm';
import { audit } from '../../libs/db/audit';
import { ReferralEntity } from '../../libs/db/entities';
import { addToTimeline } from '../../libs/db/timeline';
import { formatDateNl } from '../../libs/format/dutch';

export interface ReferralFollowedUpInput {
  dossierId: string;
  referralId: string;
  /** The follow-up date whose task was completed: with the referral id, the business key of this follow-up. */
  followUpOn: string;
  result: 'contact-opgenomen' | 'niet-bereikt' | 'afgesloten';
  note: string;
  nextFollowUpOn: string | null;
  completedBy: string;
  completedAt: string;
}

const RESULT_NL = { 'contact-opgenomen': 'contact opgenomen', 'niet-bereikt': 'niet bereikt', afgesloten: 'afgesloten' } as const;

export function createReferralActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * A referral's follow-up task was completed: `afgesloten` closes the referral with the note as its outcome, a new
     * follow-up date moves the referral's follow-up there. Idempotent on the referral and the follow-up date (the
     * timeline key); a referral closed meanwhile through the API is left as it is.
     */
    async recordReferralFollowUp(input: ReferralFollowedUpInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const referral = await tx.findOne(ReferralEntity, { where: { id: input.referralId }, lock: { mode: 'pessimistic_write' } });
        if (!referral) return;
        const next = input.nextFollowUpOn ? `; volgende opvolging op ${formatDateNl(input.nextFollowUpOn)}` : '';
        const first = await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `referral:${input.referralId}:follow-up:${input.followUpOn}`,
          at: new Date(input.completedAt),
          type: 'referral',
          description: `Opvolging doorverwijzing van ${formatDateNl(input.followUpOn)}: ${RESULT_NL[input.result]}${next}`,
          data: { referralId: input.referralId, result: input.result, nextFollowUpOn: input.nextFollowUpOn },
        });
        if (!first || referral.closedAt) return;
        if (input.result === 'afgesloten') {
          await tx.update(ReferralEntity, { id: referral.id }, { closedAt: new Date(input.completedAt), closedBy: input.completedBy, outcome: input.note.trim() });
        } else if (input.nextFollowUpOn) {
          await tx.update(ReferralEntity, { id: referral.id }, { followUpOn: input.nextFollowUpOn });
        }
        await audit(tx, { id: input.completedBy, role: 'social-worker' }, 'referral.followed-up', {
          dossierId: input.dossierId, details: { referralId: referral.id, result: input.result, nextFollowUpOn: input.nextFollowUpOn },
        });
      });
    },
  };
}
