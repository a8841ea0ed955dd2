import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { AppConfig } from '@loanflow/config';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
  addWorkingDays,
  assertDutyAllowed,
  Ballot,
  committeeRules,
  CommitteeRules,
  countVote,
  DomainError,
  Money,
  VoteCount,
} from '@loanflow/domain';
import { asActor, Directory } from '@loanflow/identity';
import type { CommitteeVoteEntity, LoanDecisionEntity } from '@loanflow/persistence';
import { COMMITTEE_VOTE_REF, DutyFactsReader, withoutRepeats } from '@loanflow/tasks';
import {
  BusinessClock,
  JobContext,
  JobHandler,
  JobWorker,
  NonRetryableJobError,
} from '@loanflow/workflow';
import { JOB } from '../origination.contract';
import { DecisionRecords, DecisionTransaction } from './decision-records';
import { LoanRef } from './worker-inputs';
import { LoanRecords } from '@loanflow/loans';

/** Who decides for the committee in loan_decision: the committee, by its count. */
export const COMMITTEE_DECIDER = 'credit-committee';
const COMMITTEE_ROLE = 'committee-member';

/** What the process knows of a round: enough to open the ballots and count them. */
export interface CommitteeRound {
  voteId: string;
  round: number;
  members: string[];
  recused: { member: string; reason: string }[];
  deadline: string;
  motion: { amount: string; termMonths: number; annualRate: string; counterOffer: boolean };
}

export class ConveneCommitteeInput extends LoanRef {
  /** The round before this one, when it ended without quorum. */
  @IsOptional() @IsInt() @Min(0) committeeRound?: number;
}

/**
 * 召开贷审会: opens a round of the committee's vote on the terms the level below approved (as
 * loan_decision recorded them, never as a variable says). Every committee member of the head
 * office above the loan's branch holds a seat, except those recused: separation of duties (they
 * investigated, reviewed or approved it below) and conflict of interest (they or a relative are a
 * party), each with its reason. The round closes after the configured working days.
 */
@JobWorker({
  type: JOB.conveneCommittee,
  description:
    "Open a round of the credit committee's vote: the motion, the seats, recusals and the deadline.",
  input: ConveneCommitteeInput,
  outputs: ['committee'],
})
export class ConveneCommitteeWorker implements JobHandler<
  ConveneCommitteeInput,
  { committee: CommitteeRound }
> {
  constructor(
    private readonly records: LoanRecords,
    private readonly directory: Directory,
    private readonly dutyFacts: DutyFactsReader,
    private readonly register: DecisionRecords,
    private readonly clock: BusinessClock,
    private readonly config: AppConfig,
  ) {}

  async handle(input: ConveneCommitteeInput, context: JobContext) {
    const { loan } = await this.records.withPartiesForJob(input.loanId);
    const round = (input.committeeRound ?? 0) + 1;
    const unitCode = await this.directory.rootOf(loan.branchCode);
    if (!unitCode)
      throw new NonRetryableJobError(
        `loan ${loan.id}: branch ${loan.branchCode} is not in the org tree`,
      );
    const { seats, recused } = await this.seating(loan.id, unitCode);
    const now = await this.clock.now();
    const deadline = addWorkingDays(now, this.config.COMMITTEE_VOTE_WORKING_DAYS);
    const rules = rulesOf(this.config);
    const { result } = await this.register.once(
      JOB.conveneCommittee,
      `${loan.id}:${context.processInstanceKey}:${round}`,
      context.jobKey,
      async (tx) => {
        const motion = await motionOf(tx, loan.id);
        const vote = await tx.openVote({
          loanId: loan.id,
          processInstanceKey: context.processInstanceKey,
          round,
          unitCode,
          motionDecisionId: motion.id,
          motionAmountMinor: motion.amountMinor!,
          motionTermMonths: motion.termMonths!,
          motionAnnualRate: motion.annualRate!,
          motionCounterOffer: motion.counterOffer,
          seatsJson: JSON.stringify(seats),
          recusedJson: JSON.stringify(recused),
          rulesJson: JSON.stringify(rules),
          openedAt: now,
          deadlineAt: deadline.dueAt,
          result: null,
          countJson: null,
          closedAt: null,
        });
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'committee.convene',
          outcome: 'ok',
          loanKey: loan.id,
          reason:
            `round ${round} of the credit committee's vote on ${Money.ofMinor(motion.amountMinor!).toDecimalString()} for ${motion.termMonths} months at ${motion.annualRate} (${motion.outcome === 'refer-up' ? 'proposed' : 'approved'} by ${motion.decidedBy}): ` +
            `seats ${seats.join(', ') || 'none'}` +
            (recused.length
              ? `; recused ${recused.map((r) => `${r.member} (${r.reason})`).join('; ')}`
              : '') +
            `; ballots until ${deadline.dueAt.toISOString()}`,
        });
        return roundOf(vote);
      },
    );
    return { committee: result };
  }

  /** The committee's members, each either seated or recused with the rule that stops them. */
  private async seating(loanId: string, unitCode: string) {
    const facts = await this.dutyFacts.of(loanId);
    const seats: string[] = [];
    const recused: { member: string; reason: string }[] = [];
    for (const member of await this.directory.holdersOf(COMMITTEE_ROLE, unitCode)) {
      const principal = await this.directory.principalByUsername(member);
      if (!principal) continue;
      try {
        assertDutyAllowed(
          asActor(principal),
          'approval',
          withoutRepeats(facts.history, 'approval', COMMITTEE_VOTE_REF),
          facts.parties,
          { ref: COMMITTEE_VOTE_REF },
        );
        seats.push(member);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        recused.push({ member, reason: `${error.code}: ${error.message}` });
      }
    }
    return { seats, recused };
  }
}

export class CommitteeRoundVariable {
  @IsString() voteId!: string;
  @IsInt() @Min(1) round!: number;
}

export class CountCommitteeVoteInput extends LoanRef {
  @ValidateNested() @Type(() => CommitteeRoundVariable) committee!: CommitteeRoundVariable;
}

export interface CommitteeOutcome {
  voteId: string;
  round: number;
  result: VoteCount['result'];
  reconvene: boolean;
  summary: string;
}

/**
 * 计票: counts a round from the ballots the register holds, when every seat has voted or the
 * deadline has passed. Approved or not, the committee's decision is recorded on the loan like any
 * approval (loan_decision, level committee, the motion's terms); a round without quorum is convened
 * again until the last round, after which the application is not approved.
 */
@JobWorker({
  type: JOB.countCommitteeVote,
  control: 'the committee’s count (贷审会表决)',
  description: "Count a round of the credit committee's vote and record the committee's decision.",
  input: CountCommitteeVoteInput,
  outputs: ['committeeOutcome', 'approvalDecision', 'approval'],
})
export class CountCommitteeVoteWorker implements JobHandler<
  CountCommitteeVoteInput,
  Record<string, unknown>
> {
  constructor(
    private readonly register: DecisionRecords,
    private readonly clock: BusinessClock,
  ) {}

  async handle(input: CountCommitteeVoteInput, context: JobContext) {
    const now = await this.clock.now();
    const { result } = await this.register.once(
      JOB.countCommitteeVote,
      `vote:${input.committee.voteId}`,
      context.jobKey,
      (tx) => this.count(tx, input, now),
    );
    return result;
  }

  private async count(tx: DecisionTransaction, input: CountCommitteeVoteInput, now: Date) {
    // Locked: a ballot being recorded finishes first; one arriving later finds the round closed.
    const vote = await tx.lockVote(input.committee.voteId);
    if (!vote || vote.loanId !== input.loanId)
      throw new NonRetryableJobError(
        `loan ${input.loanId}: committee vote ${input.committee.voteId} is not this loan's`,
      );
    const ballots = await tx.ballots(vote.id);
    const seats = JSON.parse(vote.seatsJson) as string[];
    const rules = JSON.parse(vote.rulesJson) as CommitteeRules;
    const count = countVote(
      seats.length,
      ballots.map((b) => b.ballot as Ballot),
      rules,
      vote.round,
    );
    await tx.closeVote(vote.id, {
      result: count.result,
      countJson: JSON.stringify(count),
      closedAt: now,
    });
    const outcome: CommitteeOutcome = {
      voteId: vote.id,
      round: vote.round,
      result: count.result,
      reconvene: count.reconvene,
      summary: count.summary,
    };
    await tx.audit({
      actor: SYSTEM_ACTOR,
      action: 'committee.count',
      outcome: 'ok',
      loanKey: vote.loanId,
      reason: `${count.summary}${ballots.length ? ': ' : ''}${ballots.map((b) => `${b.member} ${b.ballot === 'approve' ? 'for' : 'against'}`).join(', ')}`,
    });
    if (count.reconvene) return { committeeOutcome: outcome };

    const approved = count.result === 'approved';
    const amount = Money.ofMinor(vote.motionAmountMinor);
    const reasons = `Credit committee, ${count.summary}. ${ballots
      .map((b) => `${b.member} ${b.ballot === 'approve' ? 'for' : 'against'}: ${b.reasons}`)
      .join(' | ')}`.slice(0, 4000);
    await tx.addDecision({
      loanId: vote.loanId,
      kind: 'approval',
      outcome: approved ? 'approve' : 'reject',
      level: 'committee',
      amountMinor: approved ? vote.motionAmountMinor : null,
      termMonths: approved ? vote.motionTermMonths : null,
      annualRate: approved ? vote.motionAnnualRate : null,
      counterOffer: approved ? vote.motionCounterOffer : 0,
      reasons,
      decidedBy: COMMITTEE_DECIDER,
      taskId: null,
      decidedAt: now,
    });
    return {
      committeeOutcome: outcome,
      approvalDecision: approved ? 'approve' : 'reject',
      approval: {
        decision: approved ? 'approve' : 'reject',
        ...(approved
          ? {
              amount: amount.toDecimalString(),
              termMonths: vote.motionTermMonths,
              annualRate: vote.motionAnnualRate,
              counterOffer: vote.motionCounterOffer === 1,
            }
          : {}),
        reasons,
        by: COMMITTEE_DECIDER,
      },
    };
  }
}

function rulesOf(config: AppConfig): CommitteeRules {
  return committeeRules({
    quorum: config.COMMITTEE_QUORUM,
    majority: config.COMMITTEE_MAJORITY,
    minimumVotes: config.COMMITTEE_MIN_VOTES,
    maxRounds: config.COMMITTEE_MAX_ROUNDS,
  });
}

function roundOf(vote: CommitteeVoteEntity): CommitteeRound {
  return {
    voteId: String(vote.id),
    round: vote.round,
    members: JSON.parse(vote.seatsJson) as string[],
    recused: JSON.parse(vote.recusedJson) as { member: string; reason: string }[],
    deadline: vote.deadlineAt.toISOString(),
    motion: {
      amount: Money.ofMinor(vote.motionAmountMinor).toDecimalString(),
      termMonths: vote.motionTermMonths,
      annualRate: vote.motionAnnualRate,
      counterOffer: vote.motionCounterOffer === 1,
    },
  };
}

/**
 * The motion: the terms the level below approved or, referring up, proposed, as loan_decision
 * recorded them (the last approval-kind decision with terms). Never a process variable.
 */
async function motionOf(tx: DecisionTransaction, loanId: string): Promise<LoanDecisionEntity> {
  const last = await tx.lastApproval(loanId);
  if (
    !last ||
    !['approve', 'refer-up'].includes(last.outcome) ||
    !last.amountMinor ||
    !last.termMonths ||
    !last.annualRate
  )
    throw new NonRetryableJobError(
      `loan ${loanId}: no approval or proposal with terms is recorded below the committee to put to its vote`,
    );
  return last;
}
