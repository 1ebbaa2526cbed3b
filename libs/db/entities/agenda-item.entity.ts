import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export interface AgendaProposal {
  reference: string;
  /** grant/refuse: a request; revise/stop: a running leefloon after a review or a new fact; review: a debt mediation trajectory's yearly review; not-competent: the chair's urgent forwarding (CO-1), ratified. */
  proposal: 'grant' | 'refuse' | 'revise' | 'stop' | 'recover' | 'review' | 'not-competent';
  category?: number;
  monthlyAmountCents?: number;
  startDate?: string;
  /** Social aid: the form of aid (libs/tasks/task-kinds.ts AID_FORMS), a one-off amount, what the aid is. */
  aidForm?: string;
  amountCents?: number;
  aidDescription?: string;
  payeePartyId?: string;
  /** Debt mediation: the kind of help (budget guidance, budget management, amicable mediation) and its duration. */
  guidanceType?: string;
  durationMonths?: number;
  motivation: string;
}

export interface AgendaDecision {
  result: string;
  decisionDate: string;
  motivation: string;
  category?: number;
  monthlyAmountCents?: number;
  startDate?: string;
  aidForm?: string;
  amountCents?: number;
  aidDescription?: string;
  payeePartyId?: string;
  /** Debt mediation: the kind of help (budget guidance, budget management, amicable mediation) and its duration. */
  guidanceType?: string;
  durationMonths?: number;
  urgent?: boolean;
  recordedBy: string;
  recordedAt: string;
}

/** A dossier on a session's agenda: its social report's proposal, and the decision taken on it. */
@Entity('agenda_items')
@Unique(['dossierId', 'key'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'meeting_id' }) meetingId: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) key: string;
  /** decision: the council decides; ratification: it ratifies (or overrules) the chair's urgent decision. */
  @Column({ type: 'text' }) kind: 'decision' | 'ratification';
  @Column({ type: 'text' }) team: string;
  @Column({ type: 'jsonb' }) proposal: AgendaProposal;
  @Column({ type: 'boolean', name: 'hearing_requested', default: false }) hearingRequested: boolean;
  @Column({ type: 'boolean', default: false }) urgent: boolean;
  @Column({ type: 'date', name: 'decision_due', nullable: true }) decisionDue: string | null;
  @Column({ type: 'text', default: 'scheduled' }) status: 'scheduled' | 'decided' | 'postponed' | 'withdrawn';
  @Column({ type: 'jsonb', nullable: true }) decision: AgendaDecision | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
