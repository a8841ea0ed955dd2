import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Inject } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { isDomainError } from '@loanflow/domain';
import {
  JobContext,
  JobHandler,
  JobWorker,
  publishOnce,
  ZEEBE_CLIENT,
  ZeebeClient,
} from '@loanflow/workflow';
import { LoanClassifier, SystemUpgrade } from '../classification/loan-classifier';
import { GUARDED_AT, SERVICING_JOB, UPGRADE_PROPOSED_MESSAGE } from '../servicing.contract';
import { engineMoment } from '../workers/servicing-time';
import { DailyBookRecords } from './daily-book-records';

export class DailyBookInput {
  /** The run's moment, fixed when the day's instance started: every chunk judges the same day. */
  @IsString() asOf!: string;
  /** The last loan id ruled by the chunks before (null: the run starts). */
  @IsOptional() @IsString() cursor?: string | null;
  @Type(() => Number) @IsInt() @Min(1) @Max(5000) chunkSize!: number;
}

export type DailyBookChunk = {
  cursor: string | null;
  bookDone: boolean;
  loansRuled: number;
  /** Loans whose own records the rule refused today (each audited): the rest of the book goes on. */
  loansSkipped: number;
};

/** Loans ruled at once within a chunk: each takes its own row lock and a few reads. */
const PARALLEL_LOANS = 4;
/** A proposal message waits this long for the loan's instance; its id dedupes within it. */
const PROPOSAL_TTL_MS = 24 * 3_600_000;

/**
 * One chunk of the day's work over the book: the next `chunkSize` active (disbursed) loans after
 * the cursor, in loan id order, each through the same rule the per-loan steps apply
 * (LoanClassifier: floor by days past due and observation, collection band, an earned upgrade
 * looked for). The model loops until a chunk comes back short, so a run over half a million loans
 * is many short jobs, each resumable from the cursor the last completed one left. Ruling a loan
 * twice on a day changes nothing, so a redelivered chunk is harmless; a proposal made today is
 * (re)published with an id naming the loan and day, so its task is opened once. A loan whose own
 * records the rule refuses (a business error, e.g. a history dated after the day judged) is skipped
 * with a refused audit entry on its trail: one bad file must not stop the day's book for every loan
 * after it. A technical failure (the database away) still fails the chunk, to be tried again.
 */
@JobWorker({
  type: SERVICING_JOB.dailyBook,
  onlyAt: GUARDED_AT.dailyBook,
  description:
    'Rule one chunk of the active loans for the day: classification floor, collection band, earned upgrades.',
  input: DailyBookInput,
  outputs: ['cursor', 'bookDone', 'loansRuled', 'loansSkipped'],
  timeoutMs: 120_000,
  maxJobsToActivate: 1,
})
export class DailyBookWorker implements JobHandler<DailyBookInput, DailyBookChunk> {
  constructor(
    private readonly register: DailyBookRecords,
    private readonly classifier: LoanClassifier,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async handle({ asOf, cursor, chunkSize }: DailyBookInput, context?: JobContext) {
    const { at, date } = engineMoment(asOf);
    const ids = await this.register.activeLoansAfter(cursor ?? null, chunkSize);
    // Loans whose instance still runs a version from before the daily book (the engine cannot
    // migrate an instance with an event subprocess): that version's own daily timer proposes their
    // upgrades into the instance's own approval step, so the book does not.
    const legacy = await this.register.withLegacyDailyTimer(ids);
    let loansSkipped = 0;
    for (let i = 0; i < ids.length; i += PARALLEL_LOANS)
      await Promise.all(
        ids.slice(i, i + PARALLEL_LOANS).map(async (id) => {
          try {
            await this.rule(id, at, date, !legacy.has(id));
          } catch (error) {
            if (!isDomainError(error)) throw error;
            loansSkipped += 1;
            context?.logger.warn('loan skipped by the daily book', {
              loanId: id,
              code: error.code,
            });
            await this.recordSkipped(
              id,
              date,
              `daily book of ${date} skipped the loan: ${error.code}: ${error.message}`,
            );
          }
        }),
      );
    return {
      cursor: ids.at(-1) ?? cursor ?? null,
      bookDone: ids.length < chunkSize,
      loansRuled: ids.length - loansSkipped,
      loansSkipped,
    };
  }

  /** Once per loan and day, however often the chunk is delivered, one delivery beside another too. */
  private recordSkipped(loanId: string, date: string, reason: string): Promise<void> {
    return this.register.recordSkippedOnce(loanId, date, {
      actor: SYSTEM_ACTOR,
      action: 'loan.classify',
      outcome: 'refused',
      loanKey: loanId,
      reason,
    });
  }

  private async rule(loanId: string, at: Date, date: string, propose: boolean): Promise<void> {
    const { systemUpgrade } = await this.classifier.classifyAndReassess(loanId, at, date, propose);
    if (!propose) return;
    let proposal = systemUpgrade ?? null;
    if (!proposal) {
      // A delivery that proposed and then failed before publishing left the proposal on the loan:
      // this one still opens its task (the message id makes a second publish a no-op).
      const open = await this.register.openProposal(loanId);
      if (open?.proposedOn !== date) return;
      proposal = {
        proposed: open.proposedLevel as SystemUpgrade['proposed'],
        reason: `proposed on ${date} (the reason is in the loan's audit trail)`,
      };
    }
    await publishOnce(this.zeebe, {
      name: UPGRADE_PROPOSED_MESSAGE,
      correlationKey: loanId,
      messageId: `${UPGRADE_PROPOSED_MESSAGE}:${loanId}:${date}`,
      timeToLive: PROPOSAL_TTL_MS,
      variables: { systemUpgrade: proposal },
    });
  }
}
