import { DomainError } from '../errors/domain-error';

/** The acts on one loan that separation of duties (审贷分离) keeps apart. */
export type Duty =
  'investigation' | 'review' | 'approval' | 'mortgage-registration' | 'disbursement-check';

export const DUTY_NAMES: Record<Duty, string> = {
  investigation: 'investigation (贷前调查)',
  review: 'review (贷款审查)',
  approval: 'approval (贷款审批)',
  'mortgage-registration': 'mortgage registration (抵押办证)',
  'disbursement-check': 'disbursement check (放款审核)',
};

/** Who has done what on the loan so far. */
export interface DutyRecord {
  duty: Duty;
  username: string;
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

/** Investigation, review and approval of one loan: three different people. */
const CREDIT_CHAIN: readonly Duty[] = ['investigation', 'review', 'approval'];
/** The mortgage clerk of a loan may not also review, approve or check its disbursement. */
const APART_FROM_MORTGAGE_CLERK: readonly Duty[] = ['review', 'approval', 'disbursement-check'];

/**
 * Refuses (throws a DomainError with a stable code) when the actor may not perform `duty` on this
 * loan; returns quietly when they may.
 */
export function assertDutyAllowed(
  actor: Actor,
  duty: Duty,
  history: readonly DutyRecord[],
  parties: LoanParties,
): void {
  assertNoConflictOfInterest(actor, parties);
  const mine = new Set(
    history.filter((record) => record.username === actor.username).map((record) => record.duty),
  );

  // Approval above the first level is a second pair of eyes: each level is a different person.
  if (duty === 'approval' && mine.has('approval')) {
    throw separationRefusal(
      actor,
      duty,
      'approval',
      'each level of approval (branch, center, committee) is done by a different person',
    );
  }

  if (CREDIT_CHAIN.includes(duty)) {
    const clash = CREDIT_CHAIN.find((other) => other !== duty && mine.has(other));
    if (clash) {
      throw separationRefusal(
        actor,
        duty,
        clash,
        'investigation, review and approval are done by three different people',
      );
    }
  }

  const clerkClash =
    duty === 'mortgage-registration'
      ? APART_FROM_MORTGAGE_CLERK.find((other) => mine.has(other))
      : APART_FROM_MORTGAGE_CLERK.includes(duty) && mine.has('mortgage-registration')
        ? 'mortgage-registration'
        : undefined;
  if (clerkClash) {
    throw separationRefusal(
      actor,
      duty,
      clerkClash,
      'the mortgage clerk may not review, approve or check the disbursement of the same loan',
    );
  }
}

function separationRefusal(
  actor: Actor,
  duty: Duty,
  conflictingDuty: Duty,
  rule: string,
): DomainError {
  return new DomainError(
    'SEPARATION_OF_DUTIES',
    `${actor.username} did the ${DUTY_NAMES[conflictingDuty]} of this loan and may not also do its ${DUTY_NAMES[duty]}`,
    { duty, conflictingDuty, rule },
  );
}

/** No one works on their own application, a guarantee they give, or a declared relative's. */
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
