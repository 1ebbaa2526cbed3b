import { AuditEventEntity } from './audit-event.entity';
import { DeadlineEntity } from './deadline.entity';
import { DossierEventEntity } from './dossier-event.entity';
import { DossierEntity } from './dossier.entity';
import { EscalationEntity } from './escalation.entity';
import { NoticeEntity } from './notice.entity';
import { PersonEntity } from './person.entity';
import { ReassignmentEntity } from './reassignment.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export {
  AuditEventEntity,
  DeadlineEntity,
  DossierEventEntity,
  DossierEntity,
  EscalationEntity,
  NoticeEntity,
  PersonEntity,
  ReassignmentEntity,
  TaskEntity,
  UserEntity,
};

export const ENTITIES = [
  UserEntity,
  PersonEntity,
  DossierEntity,
  TaskEntity,
  DeadlineEntity,
  EscalationEntity,
  NoticeEntity,
  DossierEventEntity,
  AuditEventEntity,
  ReassignmentEntity,
];
