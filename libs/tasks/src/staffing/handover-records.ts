import type { AuditAct, AuditActor } from '@loanflow/audit';
import type {
  HandoverEntity,
  HandoverItemEntity,
  LoanStatus,
  UserTaskEntity,
} from '@loanflow/persistence';
import type { StaffMember } from './absence-records';

/** A loan with the branch it is booked at. */
export interface ManagedLoan {
  id: string;
  branchCode: string;
}

/** A handover as it is made; the register gives it its id and the time it was made. */
export interface NewHandover {
  fromUser: string;
  toUser: string;
  reason: string;
  orgUnitCode: string;
  handedBy: string;
}

export type NewHandoverItem = Omit<HandoverItemEntity, 'id'>;

/** What a handover writes inside its one transaction. */
export interface HandoverTransaction {
  /** Locks the person's user row until the transaction ends: two handovers of them queue. */
  lockPerson(username: string): Promise<void>;
  /** The handover as stored, with its id and the time it was made. */
  insertHandover(handover: NewHandover): Promise<HandoverEntity>;
  /** Makes `to` the loan's customer manager if `from` still is; whether it did. */
  moveLoan(loanId: string, from: string, to: string): Promise<boolean>;
  /**
   * Gives the task to `assignee` (null: back to its candidates' pool) as TaskAssignments.assign
   * does, with its audit entry, inside this transaction.
   */
  assign(
    actor: AuditActor,
    task: UserTaskEntity,
    assignee: string | null,
    action: string,
    reason: string,
  ): Promise<void>;
  insertItem(item: NewHandoverItem): Promise<void>;
  /** Appends the audit entry, committed with the rest. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the handovers read and write in the register. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class HandoverRecords {
  /** The user of this name, active or not. */
  abstract user(username: string): Promise<StaffMember | null>;
  /** The loans whose customer manager this person is, but for those of the `except` statuses. */
  abstract loansManagedBy(username: string, except: LoanStatus[]): Promise<ManagedLoan[]>;
  /** The open tasks this person holds, oldest first. */
  abstract openTasksHeldBy(username: string): Promise<UserTaskEntity[]>;
  /** The latest 200 handovers, latest first. */
  abstract latestHandovers(): Promise<HandoverEntity[]>;
  abstract handover(id: string): Promise<HandoverEntity | null>;
  /** A handover's items, in the order they were written. */
  abstract items(handoverId: string): Promise<HandoverItemEntity[]>;
  /**
   * Whether this person handed the loan over (its item moved to a successor): the tasks the model
   * still gives them on it go to the loan's customer manager instead.
   */
  abstract handedOver(loanId: string, username: string): Promise<boolean>;
  /** Runs `work` in one transaction: what it writes commits together, or nothing does. */
  abstract transaction<T>(work: (tx: HandoverTransaction) => Promise<T>): Promise<T>;
}
