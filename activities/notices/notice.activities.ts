import { DataSource } from 'typeorm';
import { NoticeEntity } from '../../libs/db/entities';
import { audit, SYSTEM } from '../../libs/db/audit';
import { insertOnce } from '../../libs/db/insert-once';
import { addToTimeline } from '../../libs/db/timeline';

export interface NoticeInput {
  dossierId: string;
  /** Idempotency key within the dossier, e.g. "receipt". */
  key: string;
  kind: string;
  recipient: 'client' | 'pod-mi' | 'ocmw' | 'partner';
  channel: 'hand' | 'letter' | 'registered' | 'e-mail' | 'partner-outbox';
  dueDate: string;
  sentAt: string | null;
  content: Record<string, unknown>;
  description: string;
}

export function createNoticeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /** Records a notice (letter rendering and delivery come with the notices capability). */
    async recordNotice(input: NoticeInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        if (!(await insertOnce(tx, NoticeEntity, {
            dossierId: input.dossierId,
            key: input.key,
            kind: input.kind,
            recipient: input.recipient,
            channel: input.channel,
            dueDate: input.dueDate,
            sentAt: input.sentAt ? new Date(input.sentAt) : null,
            content: input.content,
          }))) return;
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `notice:${input.key}`,
          at: new Date(input.sentAt ?? Date.now()),
          type: 'notice',
          description: input.description,
          data: { kind: input.kind, channel: input.channel },
        });
        await audit(tx, SYSTEM, 'notice.recorded', { dossierId: input.dossierId, details: { key: input.key, kind: input.kind } });
      });
    },
  };
}
