import type { AuditAct } from '@loanflow/audit';
import type { UserAbsenceEntity, UserTaskEntity } from '@loanflow/persistence';

/** A user of the register with their unit: a manager's staff are those within the manager's units. */
export interface StaffMember {
  username: string;
  orgUnitCode: string;
}

/** An absence as it is declared; the register gives it its id and the time it was declared. */
export interface NewAbsence {
  username: string;
  deputy: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  declaredBy: string;
}

/** What a declaration reads and writes inside its one transaction. */
export interface AbsenceTransaction {
  /** Locks the person's user row until the transaction ends: two declarations for them queue. */
  lockPerson(username: string): Promise<void>;
  /** Their absences not cancelled that end on `day` or later: those a new one from `day` may overlap. */
  uncancelledEndingFrom(username: string, day: string): Promise<UserAbsenceEntity[]>;
  /** The absence as stored, with its id and declaration time. */
  insert(absence: NewAbsence): Promise<UserAbsenceEntity>;
  /** Appends the audit entry, committed with the rest. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the absences read and write in the register. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class AbsenceRecords {
  /** Every user's name and unit. */
  abstract staff(): Promise<StaffMember[]>;
  /** The absences of these people and those `deputy` stands in for: latest start first, at most 500. */
  abstract absencesOf(usernames: string[], deputy: string): Promise<UserAbsenceEntity[]>;
  abstract absence(id: string): Promise<UserAbsenceEntity | null>;
  /** The absence as it is now, read again after a change; fails if there is none. */
  abstract absenceOrFail(id: string): Promise<UserAbsenceEntity>;
  /** Marks the absence cancelled, now and by `by`, with its audit entry, in one transaction. */
  abstract cancel(id: string, by: string, act: AuditAct): Promise<void>;
  /** Runs `work` in one transaction: what it writes commits together, or nothing does. */
  abstract transaction<T>(work: (tx: AbsenceTransaction) => Promise<T>): Promise<T>;

  // ---- routing (代岗): where the tasks of someone away go ---------------------------------------

  /** The person's absence not cancelled that covers `day`, the latest declared if several; or null. */
  abstract activeAbsence(username: string, day: string): Promise<UserAbsenceEntity | null>;
  /** The open tasks the person holds, oldest first: those an absence's start moves. */
  abstract openTasksHeldBy(username: string): Promise<UserTaskEntity[]>;
  /** Notes that the absence's claimed tasks were moved, so that no later sweep moves them again. */
  abstract markClaimedMoved(absenceId: string, at: Date): Promise<void>;
  /** The absences not cancelled that cover `day` and whose claimed tasks were not moved yet. */
  abstract begunUnmoved(day: string): Promise<UserAbsenceEntity[]>;
}
