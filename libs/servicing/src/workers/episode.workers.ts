import { Inject } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { collectionBand, loanPosition } from '@loanflow/domain';
import { CollectionEpisodeEntity, isDuplicateKeyError } from '@loanflow/persistence';
import {
  JobContext,
  JobHandler,
  JobWorker,
  ZEEBE_CLIENT,
  ZeebeClient,
  publishOnce,
} from '@loanflow/workflow';
import { COLLECTION_EPISODE_OPENED_MESSAGE, SERVICING_JOB } from '../servicing.contract';
import { EpisodeRecords } from '../collection/episode-records';
import { OverdueWarnings } from '../post-loan/overdue-warnings';
import { ServicingStep } from './servicing-inputs';
import { engineMoment } from './servicing-time';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';

/**
 * A missed installment opens a collection episode (逾期催收), at most one open per loan, and starts
 * its collection instance. A later missed installment or a repeated delivery finds the open episode
 * and publishes again; the broker starts no second instance for the same episode while one runs.
 */
@JobWorker({
  type: SERVICING_JOB.openEpisode,
  description:
    'Open a collection episode for a missed installment and start its collection process.',
  input: ServicingStep,
  outputs: ['episodeId'],
})
export class OpenEpisodeWorker implements JobHandler<ServicingStep, { episodeId: string | null }> {
  constructor(
    private readonly register: EpisodeRecords,
    private readonly records: LoanRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly overdueWarnings: OverdueWarnings,
  ) {}

  async handle({ loanId, asOf }: ServicingStep, context: JobContext) {
    const { at, date } = engineMoment(asOf);
    const file = await this.records.fileForJob(loanId);
    let opening: { episode: CollectionEpisodeEntity; openedNow: boolean } | null;
    try {
      opening = await this.openUnlessCleared(loanId, date, at, file.loan.customerManager);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Another delivery opened it in the same moment: publish for that one.
      const episode = await this.register.openEpisodeOf(loanId);
      if (!episode) throw error; // opened and closed in the meantime: judged again on retry
      opening = { episode, openedNow: false };
    }
    if (!opening) {
      context.logger.info('nothing is overdue any more: no episode opened');
      return { episodeId: null };
    }
    const { episode, openedNow } = opening;
    if (!openedNow)
      context.logger.info('an episode is already open for this loan', { episodeId: episode.id });
    await this.publish(episode, file);
    if (openedNow) await this.overdueWarnings.raiseFor(file, episode, at);
    return { episodeId: episode.id };
  }

  /**
   * Judges the arrears again now (a payment may have cleared them since the installment was
   * checked) and finds or opens the episode, both in one snapshot (REPEATABLE READ): read apart, a
   * payment and the cure it causes could fall between the two reads, and an episode would open for
   * arrears already cleared (seen as two episodes, the second cured at once, and a false warning).
   */
  private openUnlessCleared(loanId: string, date: string, at: Date, customerManager: string) {
    return this.register.snapshot(async (tx) => {
      const position = loanPosition({ ...(await tx.ledger(loanId)), asOf: date });
      if (position.overdueInstallments.length === 0) return null;
      const open = await tx.openEpisodeOf(loanId);
      if (open) return { episode: open, openedNow: false };
      const band = collectionBand(position.daysPastDue);
      const opened = await tx.open({
        loanId,
        openKey: loanId,
        state: 'open',
        openedDaysPastDue: position.daysPastDue,
        band: band === 'none' ? 'manager' : band,
        bandChanges: 0,
        bandSince: at,
        daysPastDue: position.daysPastDue,
        openedAt: at,
        closedAt: null,
        closeReason: null,
      });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'collection.open',
        outcome: 'ok',
        loanKey: loanId,
        reason: `installment missed: collection episode ${opened.id} opened for customer manager ${customerManager}`,
      });
      return { episode: opened, openedNow: true };
    });
  }

  private async publish(
    episode: CollectionEpisodeEntity,
    file: Awaited<ReturnType<LoanRecords['fileForJob']>>,
  ) {
    const { loan, applicant, guarantors } = file;
    await publishOnce(this.zeebe, {
      name: COLLECTION_EPISODE_OPENED_MESSAGE,
      correlationKey: `${loan.id}:${episode.id}`,
      messageId: `collection-episode:${episode.id}`,
      // No time to live: it starts the episode's collection instance now or, when one already
      // runs for this episode (a later missed installment, a re-delivered job), it is dropped.
      // Buffered, it could start a second instance once a cured episode's instance had ended.
      timeToLive: 0,
      variables: {
        loanId: loan.id,
        businessKey: loan.id,
        episodeId: episode.id,
        openedAt: episode.openedAt.toISOString(),
        customerManager: loan.customerManager,
        branchCode: loan.branchCode,
        loan: servicedLoanSummaryOf(loan, applicant, guarantors),
        guaranteeType: loan.guaranteeType,
        hasGuarantors: guarantors.length > 0,
        insured: loan.insurancePolicyNo !== null,
        band: episode.band,
        daysPastDue: episode.daysPastDue ?? episode.openedDaysPastDue,
      },
    });
  }
}

export class CloseEpisodeInput extends ServicingStep {
  @IsString() episodeId!: string;
  @IsIn(['cured', 'closed', 'written-off']) outcome!: 'cured' | 'closed' | 'written-off';
  @IsString() closeReason!: string;
}

/** Ends a collection episode: cured by a payment that cleared the arrears, or closed after the legal path. */
@JobWorker({
  type: SERVICING_JOB.closeEpisode,
  description: 'Close a collection episode (cured, or closed after the legal path).',
  input: CloseEpisodeInput,
})
export class CloseEpisodeWorker implements JobHandler<CloseEpisodeInput, void> {
  constructor(private readonly register: EpisodeRecords) {}

  async handle({
    loanId,
    episodeId,
    outcome,
    closeReason,
    asOf,
  }: CloseEpisodeInput): Promise<void> {
    const { at } = engineMoment(asOf);
    await this.register.transaction(async (tx) => {
      const ended = await tx.endIfOpen(episodeId, { state: outcome, closedAt: at, closeReason });
      if (!ended) return; // closed by an earlier delivery
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: `collection.${outcome === 'cured' ? 'cure' : outcome === 'written-off' ? 'write-off' : 'close'}`,
        outcome: 'ok',
        loanKey: loanId,
        reason: `collection episode ${episodeId} ${outcome}: ${closeReason}`,
      });
    });
  }
}

export class ConfirmEpisodeInput {
  @IsString() episodeId!: string;
}

/**
 * The first step of a collection instance: is its episode still open, and in which band? A start
 * message can arrive just after a cure ended the episode's instance (a missed installment checked in
 * the same moment); that late instance then ends at once instead of collecting a cured loan.
 */
@JobWorker({
  type: SERVICING_JOB.confirmEpisode,
  description: 'Confirm the collection episode is still open, and its band, before collecting.',
  input: ConfirmEpisodeInput,
  outputs: ['episodeOpen', 'band', 'daysPastDue'],
})
export class ConfirmEpisodeWorker implements JobHandler<
  ConfirmEpisodeInput,
  { episodeOpen: boolean; band: string; daysPastDue: number }
> {
  constructor(private readonly register: EpisodeRecords) {}

  async handle({ episodeId }: ConfirmEpisodeInput) {
    const episode = await this.register.episode(episodeId);
    return {
      episodeOpen: episode?.state === 'open',
      band: episode?.band ?? 'manager',
      daysPastDue: episode?.daysPastDue ?? episode?.openedDaysPastDue ?? 0,
    };
  }
}
