import { AgendaItemEntity } from './agenda-item.entity';
import { AuditEventEntity } from './audit-event.entity';
import { CaseNoteEntity, CaseNoteRevisionEntity, ReferralEntity } from './case-note.entity';
import { TaskDraftEntity } from './task-draft.entity';
import { DossierDebtEntity, DossierExpenseEntity, DossierIncomeEntity } from './budget-inventory.entity';
import { BudgetAccountMovementEntity, BudgetPlanEntity } from './budget-management.entity';
import { CouncilMeetingEntity } from './council-meeting.entity';
import { DeadlineEntity } from './deadline.entity';
import { DocumentEntity } from './document.entity';
import { DossierEventEntity } from './dossier-event.entity';
import { DossierEntity } from './dossier.entity';
import { DossierLinkEntity, DossierPersonEntity } from './dossier-relation.entity';
import { EscalationEntity } from './escalation.entity';
import { ExternalEventEntity } from './external-event.entity';
import { NoticeEntity } from './notice.entity';
import { PartnerMessageEntity } from './partner-message.entity';
import { PaymentBatchEntity } from './payment-batch.entity';
import { PaymentEntity } from './payment.entity';
import { DossierPartyEntity, PartyEntity } from './party.entity';
import { PersonEntity, PersonIdentifierEntity } from './person.entity';
import { ReassignmentEntity } from './reassignment.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export {
  AgendaItemEntity,
  AuditEventEntity,
  CaseNoteEntity,
  CaseNoteRevisionEntity,
  ReferralEntity,
  TaskDraftEntity,
  DossierIncomeEntity,
  DossierExpenseEntity,
  DossierDebtEntity,
  BudgetPlanEntity,
  BudgetAccountMovementEntity,
  CouncilMeetingEntity,
  DeadlineEntity,
  DocumentEntity,
  DossierEventEntity,
  DossierEntity,
  DossierLinkEntity,
  DossierPersonEntity,
  EscalationEntity,
  ExternalEventEntity,
  NoticeEntity,
  PartnerMessageEntity,
  PaymentBatchEntity,
  PaymentEntity,
  PartyEntity,
  DossierPartyEntity,
  PersonEntity,
  PersonIdentifierEntity,
  ReassignmentEntity,
  TaskEntity,
  UserEntity,
};

export const ENTITIES = [
  UserEntity,
  PersonEntity,
  PersonIdentifierEntity,
  DossierEntity,
  TaskEntity,
  DeadlineEntity,
  EscalationEntity,
  NoticeEntity,
  PartnerMessageEntity,
  DossierEventEntity,
  AuditEventEntity,
  ReassignmentEntity,
  CouncilMeetingEntity,
  AgendaItemEntity,
  PaymentEntity,
  PaymentBatchEntity,
  PartyEntity,
  DossierPartyEntity,
  ExternalEventEntity,
  DossierLinkEntity,
  DossierPersonEntity,
  CaseNoteEntity,
  CaseNoteRevisionEntity,
  ReferralEntity,
  TaskDraftEntity,
  DossierIncomeEntity,
  DossierExpenseEntity,
  DossierDebtEntity,
  BudgetPlanEntity,
  BudgetAccountMovementEntity,
  DocumentEntity,
];
