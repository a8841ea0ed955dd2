import { DomainError } from '../errors/domain-error';
import {
  conflictsOf,
  DOSSIER_NAMES_RULE,
  Duty,
  DUTY_NAMES,
  IncompatibleDuties,
} from './duty-table';

/**
 * Separation of duties (审贷分离) and conflict of interest, checked before a person acts on a
 * loan. Why here: the rules are the bank's, not the inbox's, and every door that records a
 * decision (a task, an API call, a worker putting a person's decision into effect) asks the same
 * question the same way. The pairs themselves live in one table (duty-table.ts).
 */

/** Who has done what on the loan so far. */
export interface DutyRecord {
  duty: Duty;
  username: string;
  /**
   * The request the act belonged to, for duties kept apart only within one request (a
   * restructuring, a proposal of a better classification, a staff-recorded repayment). A record
   * without one is taken to belong to every request: an unknown reference never lets a pair through.
   */
  ref?: string | null;
}

/** The person about to act, with what a conflict-of-interest check needs. */
export interface Actor {
  username: string;
  /** The actor's own national ID number (居民身份证号). */
  idNumber: string | null;
  /** ID numbers of the relatives the actor has declared. */
  relativeIdNumbers: readonly string[];
}

/** The people a loan is about: the applicant and any guarantors. */
export interface LoanParties {
  applicantIdNumber: string | null;
  guarantorIdNumbers: readonly string[];
}

export interface DutyCheckOptions {
  /**
   * The request the act is about to be done in (see DutyRecord.ref). Without one, pairs kept apart
   * within a request are checked against every record on the loan.
   */
  ref?: string | null;
  /**
   * For the accountability decision only, and required for it: the usernames the accountability
   * dossier names (责任认定材料). None of them may decide.
   */
  dossierNames?: readonly string[];
}

/**
 * Refuses (throws a DomainError with a stable code) when the actor may not perform `duty` on this
 * loan; returns quietly when they may. Conflict of interest first, then every row of the table
 * that names `duty`, in table order, then (for the accountability decision) the dossier's names.
 */
export function assertDutyAllowed(
  actor: Actor,
  duty: Duty,
  history: readonly DutyRecord[],
  parties: LoanParties,
  options: DutyCheckOptions = {},
): void {
  assertNoConflictOfInterest(actor, parties);
  const mine = history.filter((record) => record.username === actor.username);
  const ref = options.ref ?? null;

  for (const { conflictingDuty, row } of conflictsOf(duty)) {
    const clash = mine.find(
      (record) =>
        record.duty === conflictingDuty && (row.scope === 'loan' || sameRef(record.ref, ref)),
    );
    if (clash) {
      throw separationRefusal(actor, duty, conflictingDuty, row, ref ?? clash.ref ?? null);
    }
  }

  if (duty === 'accountability-decision') {
    if (!options.dossierNames) {
      throw new DomainError(
        'DOSSIER_NAMES_REQUIRED',
        'the accountability decision is checked against the names in the accountability dossier; none were given',
        { duty },
      );
    }
    if (options.dossierNames.includes(actor.username)) {
      throw new DomainError(
        'SEPARATION_OF_DUTIES',
        `${actor.username} is ${DOSSIER_NAMES_RULE.conflictingName} of this loan and may not also do its ${DUTY_NAMES[duty]}`,
        {
          duty,
          conflictingDuty: DOSSIER_NAMES_RULE.conflictingDuty,
          rule: DOSSIER_NAMES_RULE.rule,
        },
      );
    }
  }
}

/** Two references are the same request when equal, or when either is unknown (fail closed). */
function sameRef(recorded: string | null | undefined, acting: string | null): boolean {
  return recorded === undefined || recorded === null || acting === null || recorded === acting;
}

function separationRefusal(
  actor: Actor,
  duty: Duty,
  conflictingDuty: Duty,
  row: IncompatibleDuties,
  ref: string | null,
): DomainError {
  const where = row.scope === 'same-ref' && ref ? ` (${ref})` : '';
  return new DomainError(
    'SEPARATION_OF_DUTIES',
    `${actor.username} did the ${DUTY_NAMES[conflictingDuty]} of this loan${where} and may not also do its ${DUTY_NAMES[duty]}`,
    { duty, conflictingDuty, rule: row.rule },
  );
}

/**
 * No one works on their own application, a guarantee they give, or a declared relative's. Checked
 * by itself for tasks that carry no duty (a collection contact, an inspection, a warning action).
 */
export function assertNoConflictOfInterest(actor: Actor, parties: LoanParties): void {
  const people = [parties.applicantIdNumber, ...parties.guarantorIdNumbers].filter(
    (id): id is string => !!id,
  );
  const own = actor.idNumber !== null && people.includes(actor.idNumber);
  const relative = people.some((id) => actor.relativeIdNumbers.includes(id));
  if (own || relative) {
    throw new DomainError(
      'CONFLICT_OF_INTEREST',
      `${actor.username} may not work on this loan: ${own ? 'it is their own' : 'a declared relative is a party to it'}`,
      { rule: 'no one works on their own or a relative’s application' },
    );
  }
}
