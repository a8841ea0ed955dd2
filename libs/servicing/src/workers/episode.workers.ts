import { Inject } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { loanSummaryOf, LoanRecords } from '@loanflow/origination';
import { CollectionEpisodeEntity, isDuplicateKeyError } from '@loanflow/persistence';
import { JobContext, JobHandler, JobWorker, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { COLLECTION_EPISODE_OPENED_MESSAGE, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from './servicing-inputs';
import { engineMoment } from './servicing-time';

const SYSTEM = { username: 'system', roles: ['system'], orgUnitCode: null };

export class OpenEpisodeInput extends ServicingStep {
  /** From the installment check: how late the loan is when the episode opens. */
  @IsOptional() @IsInt() @Min(0) daysPastDue?: number;
}

/**
 * A missed installment opens a collection episode (逾期催收), at most one open per loan, and starts
 * its collection instance. A repeated delivery finds the open episode and publishes the same
 * message id again, which the broker drops.
 */
@JobWorker({
  type: SERVICING_JOB.openEpisode,
  description:
    'Open a collection episode for a missed installment and start its collection process.',
  input: OpenEpisodeInput,
  outputs: ['episodeId'],
})
export class OpenEpisodeWorker implements JobHandler<OpenEpisodeInput, { episodeId: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: LoanRecords,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async handle({ loanId, asOf, daysPastDue }: OpenEpisodeInput, context: JobContext) {
    const { at } = engineMoment(asOf);
    const file = await this.records.fileForJob(loanId);
    const episodes = this.dataSource.getRepository(CollectionEpisodeEntity);
    let episode = await episodes.findOneBy({ openKey: loanId });
    if (!episode) {
      try {
        episode = await this.dataSource.transaction(async (manager) => {
          const opened = manager.create(CollectionEpisodeEntity, {
            loanId,
            openKey: loanId,
            state: 'open',
            openedDaysPastDue: daysPastDue ?? 1,
            openedAt: at,
            closedAt: null,
            closeReason: null,
          });
          await manager.insert(CollectionEpisodeEntity, opened);
          await this.audit.append(manager, {
            actor: SYSTEM,
            action: 'collection.open',
            outcome: 'ok',
            loanKey: loanId,
            reason: `installment missed: collection episode ${opened.id} opened for customer manager ${file.loan.customerManager}`,
          });
          return opened;
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        episode = await episodes.findOneByOrFail({ openKey: loanId });
      }
    } else
      context.logger.info('an episode is already open for this loan', { episodeId: episode.id });
    await this.publish(episode, file);
    return { episodeId: episode.id };
  }

  private async publish(
    episode: CollectionEpisodeEntity,
    file: Awaited<ReturnType<LoanRecords['fileForJob']>>,
  ) {
    const { loan, applicant, guarantors } = file;
    try {
      await this.zeebe.publishMessage({
        name: COLLECTION_EPISODE_OPENED_MESSAGE,
        correlationKey: `${loan.id}:${episode.id}`,
        messageId: `collection-episode:${episode.id}`,
        timeToLive: 3_600_000,
        variables: {
          loanId: loan.id,
          businessKey: loan.id,
          episodeId: episode.id,
          openedAt: episode.openedAt.toISOString(),
          customerManager: loan.customerManager,
          branchCode: loan.branchCode,
          loan: loanSummaryOf(loan, applicant, guarantors),
          guaranteeType: loan.guaranteeType,
          hasGuarantors: guarantors.length > 0,
        } as never,
      });
    } catch (error) {
      if (!/ALREADY_EXISTS/.test((error as Error).message)) throw error;
    }
  }
}

export class CloseEpisodeInput extends ServicingStep {
  @IsString() episodeId!: string;
  @IsIn(['cured', 'closed']) outcome!: 'cured' | 'closed';
  @IsString() closeReason!: string;
}

/** Ends a collection episode: cured by a payment that cleared the arrears, or closed after the legal path. */
@JobWorker({
  type: SERVICING_JOB.closeEpisode,
  description: 'Close a collection episode (cured, or closed after the legal path).',
  input: CloseEpisodeInput,
})
export class CloseEpisodeWorker implements JobHandler<CloseEpisodeInput, void> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async handle({
    loanId,
    episodeId,
    outcome,
    closeReason,
    asOf,
  }: CloseEpisodeInput): Promise<void> {
    const { at } = engineMoment(asOf);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        CollectionEpisodeEntity,
        { id: episodeId, state: 'open' },
        { state: outcome, openKey: null, closedAt: at, closeReason },
      );
      if (!result.affected) return; // closed by an earlier delivery
      await this.audit.append(manager, {
        actor: SYSTEM,
        action: `collection.${outcome === 'cured' ? 'cure' : 'close'}`,
        outcome: 'ok',
        loanKey: loanId,
        reason: `collection episode ${episodeId} ${outcome}: ${closeReason}`,
      });
    });
  }
}
