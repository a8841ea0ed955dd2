import { Inject, Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
  crossingStep,
  isPastThreshold,
  messageOf,
  THRESHOLD_DIRECTION,
  THRESHOLD_FIGURE_NAMES,
  ThresholdFigure,
} from '@loanflow/domain';
import { publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { PortfolioThresholdEvaluator, THRESHOLD_CROSSED_MESSAGE } from '@loanflow/servicing';
import { FiguresService } from '../figures/figures.service';
import { FigureThresholds } from './figure-thresholds.service';
import { ThresholdCrossingRecords } from './threshold-crossing-records';

export interface EvaluationResult {
  asOf: string;
  units: number;
  opened: string[];
  stillOpen: string[];
  cleared: string[];
}

/**
 * Compares each unit's figures with head office's levels, daily from the model's timer and on
 * demand. A unit is a unit loans are booked at (loan.branch_code), read over its own subtree. A
 * figure past its level opens a crossing once: the crossing row (unique while open per unit and
 * figure) is the outbox of the message that starts the center manager's task, so an evaluation
 * repeated, or run by the timer and on demand the same day, starts no second task. A figure back
 * within its level clears the crossing; crossing again later is a new one. The collection rate is
 * not judged for a unit with no interest due in the window (no rate to judge).
 */
@Injectable()
export class ThresholdEvaluation implements PortfolioThresholdEvaluator {
  private readonly logger = new Logger(ThresholdEvaluation.name);

  constructor(
    private readonly register: ThresholdCrossingRecords,
    private readonly figures: FiguresService,
    private readonly thresholds: FigureThresholds,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async evaluate(asOf: string, now: Date): Promise<EvaluationResult> {
    const result: EvaluationResult = { asOf, units: 0, opened: [], stillOpen: [], cleared: [] };
    const levels = await this.thresholds.current();
    if (levels.size > 0) {
      const units = await this.register.bookingUnits();
      result.units = units.length;
      for (const code of units) {
        const figures = await this.figures.read(
          { username: 'system', orgUnitCode: code },
          asOf,
          now,
        );
        const values: Record<ThresholdFigure, string | null> = {
          'overdue-rate': figures.portfolio.overdueRate,
          'bad-loan-ratio': figures.portfolio.nonPerformingRatio,
          'interest-collection-rate':
            Number(figures.interestCollection.interestDue) > 0
              ? figures.interestCollection.rate
              : null,
        };
        for (const [figure, level] of levels) {
          const value = values[figure];
          if (value === null) continue;
          await this.judge(code, figure, value, level.id, level.value, asOf, now, result);
        }
      }
    }
    await this.publishPending();
    return result;
  }

  private async judge(
    unit: string,
    figure: ThresholdFigure,
    value: string,
    thresholdId: string,
    thresholdValue: string,
    asOf: string,
    now: Date,
    result: EvaluationResult,
  ): Promise<void> {
    const openKey = `${unit}:${figure}`;
    const open = await this.register.openCrossing(openKey);
    const step = crossingStep(isPastThreshold(figure, value, thresholdValue), open !== null);
    const name = `${THRESHOLD_FIGURE_NAMES[figure]} ${figure}`;
    if (step === 'still-open') result.stillOpen.push(open!.id);
    if (step === 'clear') {
      await this.register.transaction(async (tx) => {
        const cleared = await tx.clearIfOpen(open!.id, openKey, now);
        if (!cleared) return; // cleared by an evaluation running beside this one
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'threshold.cleared',
          outcome: 'ok',
          reason: `${unit}: ${name} ${value} is back within the level ${thresholdValue} (crossing ${open!.id})`,
        });
      });
      result.cleared.push(open!.id);
    }
    if (step !== 'open') return;
    const loans = await this.figures.loansBehind(unit, figure, asOf);
    try {
      const crossing = await this.register.transaction(async (tx) => {
        const row = await tx.open({
          orgUnitCode: unit,
          figure,
          thresholdId,
          thresholdValue,
          value,
          asOf,
          loansJson: JSON.stringify(loans),
          openKey,
          state: 'open',
          crossedAt: now,
          clearedAt: null,
          actionPlan: null,
          answeredBy: null,
          answeredAt: null,
          publishedAt: null,
        });
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'threshold.crossed',
          outcome: 'ok',
          reason: `${unit}: ${name} ${value} is ${THRESHOLD_DIRECTION[figure]} head office's level ${thresholdValue} on ${asOf} (crossing ${row.id}, ${loans.length} loans behind it)`,
        });
        return row;
      });
      result.opened.push(crossing.id);
    } catch (error) {
      // Another evaluation opened it first (the unique open key): one crossing, one task.
      if (!/Duplicate entry/.test(messageOf(error))) throw error;
      const other = await this.register.openCrossing(openKey);
      if (other) result.stillOpen.push(other.id);
    }
  }

  /** Starts the task of every crossing whose message the broker has not taken yet. */
  async publishPending(): Promise<void> {
    const waiting = await this.register.unpublished(100);
    for (const crossing of waiting) {
      const figure = crossing.figure as ThresholdFigure;
      try {
        await publishOnce(this.zeebe, {
          name: THRESHOLD_CROSSED_MESSAGE,
          correlationKey: crossing.id,
          messageId: `threshold-crossing:${crossing.id}`,
          timeToLive: 3_600_000,
          variables: {
            crossingId: crossing.id,
            orgUnitCode: crossing.orgUnitCode,
            figure,
            figureName: THRESHOLD_FIGURE_NAMES[figure],
            direction: THRESHOLD_DIRECTION[figure],
            figureValue: crossing.value,
            thresholdValue: crossing.thresholdValue,
            asOf: crossing.asOf,
            crossingLoans: JSON.parse(crossing.loansJson) as string[],
          },
        });
        await this.register.markPublished(crossing.id, new Date());
      } catch (error) {
        this.logger.warn(
          `crossing ${crossing.id}: not yet published (will retry): ${messageOf(error)}`,
        );
      }
    }
  }
}
