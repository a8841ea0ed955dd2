import { Inject, Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
  COLLECTION_BAND_NAMES,
  CollectionBand,
  collectionBand,
  loanPosition,
  messageOf,
} from '@loanflow/domain';
import { publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { ARREARS_CLEARED_MESSAGE, COLLECTION_BAND_CHANGED_MESSAGE } from '../servicing.contract';
import { CollectionBandRecords } from './collection-band-records';

/**
 * What an assessment found. A loan no longer serviced or with no open episode is not judged (its
 * schedule is not even read: most loans have no episode, and this runs after every payment).
 */
export type BandAssessment =
  | { outcome: 'not-serviced' | 'no-episode' }
  | {
      daysPastDue: number;
      band: CollectionBand;
      /** What was done: nothing, the band moved, or the arrears cleared (the episode cures). */
      outcome: 'unchanged' | 'changed' | 'cleared';
    };

/**
 * Keeps a loan's open collection episode in the band its days past due put it in, judged on a
 * business date (today): called whenever the position changes (a repayment, a due date passing, a
 * restructuring, a recall) and every day by the servicing rule. A change is told to the episode's
 * process once (collection-band-changed, the change counted in its message id); nothing overdue
 * any more cures it (arrears-cleared). Only an open episode moves: opening one is the missed
 * installment's job.
 */
@Injectable()
export class CollectionBands {
  private readonly logger = new Logger(CollectionBands.name);

  constructor(
    private readonly register: CollectionBandRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async reassess(loanId: string, today: string, now: Date): Promise<BandAssessment> {
    const loan = await this.register.loan(loanId);
    // A written-off loan is in recovery (账销案存), not in a band; a settled one owes nothing.
    if (loan?.status !== 'disbursed') return { outcome: 'not-serviced' };
    const episode = await this.register.openEpisode(loanId);
    if (!episode) return { outcome: 'no-episode' };
    const position = loanPosition({ ...(await this.register.ledger(loanId)), asOf: today });
    const band = collectionBand(position.daysPastDue);
    const assessed = { daysPastDue: position.daysPastDue, band };
    if (band === 'none') {
      await publishOnce(this.zeebe, {
        name: ARREARS_CLEARED_MESSAGE,
        correlationKey: loanId,
        messageId: `${ARREARS_CLEARED_MESSAGE}:episode:${episode.id}`,
        timeToLive: 0,
        variables: { arrearsCleared: true, daysPastDue: 0 },
      });
      return { ...assessed, outcome: 'cleared' };
    }
    if (episode.band === band) {
      if (episode.daysPastDue !== position.daysPastDue)
        await this.register.setDaysPastDue(episode.id, position.daysPastDue);
      return { ...assessed, outcome: 'unchanged' };
    }
    const changes = await this.register.transaction(async (tx) => {
      const moved = await tx.moveBand(episode.id, episode.bandChanges, {
        band: band,
        bandChanges: episode.bandChanges + 1,
        bandSince: now,
        daysPastDue: position.daysPastDue,
      });
      if (!moved) return null; // another assessment moved it meanwhile
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'collection.band',
        outcome: 'ok',
        loanKey: loanId,
        reason: `${position.daysPastDue} days past due on ${today}: collection episode ${episode.id} moves from ${COLLECTION_BAND_NAMES[episode.band]} to ${COLLECTION_BAND_NAMES[band]}`,
      });
      return episode.bandChanges + 1;
    });
    if (changes === null) return { ...assessed, outcome: 'unchanged' };
    await this.tell(loanId, episode.id, changes, band, position.daysPastDue);
    return { ...assessed, outcome: 'changed' };
  }

  /** Tells the episode's process its band; the change's number makes a repeat a no-op. */
  private async tell(
    loanId: string,
    episodeId: string,
    change: number,
    band: CollectionBand,
    daysPastDue: number,
  ): Promise<void> {
    try {
      await publishOnce(this.zeebe, {
        name: COLLECTION_BAND_CHANGED_MESSAGE,
        correlationKey: `${loanId}:${episodeId}`,
        messageId: `${COLLECTION_BAND_CHANGED_MESSAGE}:${episodeId}:${change}`,
        timeToLive: 3_600_000,
        variables: { band, daysPastDue },
      });
    } catch (error) {
      // The band is on record; the next assessment (the daily rule at the latest) tells it again.
      this.logger.warn(
        `episode ${episodeId}: band ${band} not yet told to its process: ${messageOf(error)}`,
      );
    }
  }
}
