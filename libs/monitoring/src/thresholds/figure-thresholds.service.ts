import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import {
  DomainError,
  THRESHOLD_DIRECTION,
  THRESHOLD_FIGURE_NAMES,
  THRESHOLD_FIGURES,
  ThresholdFigure,
} from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import type { FigureThresholdEntity } from '@loanflow/persistence';
import { ThresholdRecords } from './threshold-records';
import type { CrossingView, ThresholdView, ThresholdsView } from './thresholds.views';

/**
 * Head office's warning levels on the figures (总行警戒水平). Only head office sets them: a branch
 * user with the right role is refused (403) and the refusal is in the audit trail. Each change is
 * a new row; the previous one is closed, so the history says who set what, when and why.
 */
@Injectable()
export class FigureThresholds {
  constructor(
    private readonly register: ThresholdRecords,
    private readonly audit: AuditTrail,
  ) {}

  async current(): Promise<Map<ThresholdFigure, FigureThresholdEntity>> {
    const rows = await this.register.current();
    return new Map(rows.map((row) => [row.figure as ThresholdFigure, row]));
  }

  async view(): Promise<ThresholdsView> {
    const current = await this.current();
    const history = await this.register.history(100);
    return {
      current: THRESHOLD_FIGURES.map((figure) => {
        const row = current.get(figure);
        return {
          figure,
          name: THRESHOLD_FIGURE_NAMES[figure],
          direction: THRESHOLD_DIRECTION[figure],
          value: row?.value ?? null,
          setBy: row?.setBy ?? null,
          setAt: row?.setAt.toISOString() ?? null,
          reason: row?.reason ?? null,
        };
      }),
      history: history.map((row): ThresholdView => ({
        id: row.id,
        figure: row.figure as ThresholdFigure,
        name: THRESHOLD_FIGURE_NAMES[row.figure as ThresholdFigure] ?? row.figure,
        direction: THRESHOLD_DIRECTION[row.figure as ThresholdFigure] ?? 'above',
        value: row.value,
        setBy: row.setBy,
        setAt: row.setAt.toISOString(),
        reason: row.reason,
        supersededAt: row.supersededAt?.toISOString() ?? null,
      })),
    };
  }

  /** Refuses (403, audited) anyone outside head office. */
  async assertHeadOffice(principal: Principal, action: string): Promise<void> {
    if (await this.register.isHeadOffice(principal.orgUnitCode)) return;
    const error = new DomainError(
      'THRESHOLD_FORBIDDEN',
      `Only head office sets and evaluates the warning levels; ${principal.username} is at ${principal.orgUnitCode}.`,
    );
    await this.audit.record({
      actor: auditActorOf(principal),
      action,
      outcome: 'refused',
      reason: `${error.code}: ${error.message}`,
    });
    throw error;
  }

  async set(
    principal: Principal,
    figure: ThresholdFigure,
    value: string,
    reason: string,
    at: Date,
  ): Promise<ThresholdView> {
    await this.assertHeadOffice(principal, 'threshold.set');
    const saved = await this.register.transaction(async (tx) => {
      const previous = await tx.lockCurrent(figure);
      if (previous) await tx.supersede(previous.id, at);
      const row = await tx.add({
        figure,
        value,
        currentKey: figure,
        reason,
        setBy: principal.username,
        setAt: at,
        supersededAt: null,
      });
      await tx.audit({
        actor: auditActorOf(principal),
        action: 'threshold.set',
        outcome: 'ok',
        inputs: { figure, value, previous: previous?.value ?? null },
        reason: `${THRESHOLD_FIGURE_NAMES[figure]} ${figure} warning level ${previous?.value ?? 'none'} → ${value}: ${reason}`,
      });
      return row;
    });
    return {
      id: saved.id,
      figure,
      name: THRESHOLD_FIGURE_NAMES[figure],
      direction: THRESHOLD_DIRECTION[figure],
      value: saved.value,
      setBy: saved.setBy,
      setAt: saved.setAt.toISOString(),
      reason: saved.reason,
      supersededAt: null,
    };
  }

  /** Crossings by the units of an org unit's subtree, newest first (up to 100). */
  async crossingsWithin(orgUnitCode: string): Promise<CrossingView[]> {
    const rows = await this.register.crossingsWithin(orgUnitCode, 100);
    return rows.map((row) => ({
      id: row.id,
      orgUnitCode: row.orgUnitCode,
      figure: row.figure,
      value: row.value,
      thresholdValue: row.thresholdValue,
      asOf: row.asOf,
      state: row.state,
      loans: JSON.parse(row.loansJson) as string[],
      crossedAt: row.crossedAt.toISOString(),
      clearedAt: row.clearedAt?.toISOString() ?? null,
      answeredBy: row.answeredBy,
    }));
  }
}
