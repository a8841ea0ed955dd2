import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import {
  DomainError,
  THRESHOLD_DIRECTION,
  THRESHOLD_FIGURE_NAMES,
  THRESHOLD_FIGURES,
  ThresholdFigure,
} from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import {
  FigureThresholdEntity,
  OrgUnitEntity,
  ThresholdCrossingEntity,
} from '@loanflow/persistence';
import type { CrossingView, ThresholdView, ThresholdsView } from './thresholds.views';

/**
 * Head office's warning levels on the figures (总行警戒水平). Only head office sets them: a branch
 * user with the right role is refused (403) and the refusal is in the audit trail. Each change is
 * a new row; the previous one is closed, so the history says who set what, when and why.
 */
@Injectable()
export class FigureThresholds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async current(): Promise<Map<ThresholdFigure, FigureThresholdEntity>> {
    const rows = await this.dataSource
      .getRepository(FigureThresholdEntity)
      .findBy({ currentKey: Not(IsNull()) });
    return new Map(rows.map((row) => [row.figure as ThresholdFigure, row]));
  }

  async view(): Promise<ThresholdsView> {
    const current = await this.current();
    const history = await this.dataSource
      .getRepository(FigureThresholdEntity)
      .find({ order: { id: 'DESC' }, take: 100 });
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
    const unit = await this.dataSource
      .getRepository(OrgUnitEntity)
      .findOneBy({ code: principal.orgUnitCode });
    if (unit && unit.parentCode === null) return;
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
    const saved = await this.dataSource.transaction(async (manager) => {
      const previous = await manager.findOne(FigureThresholdEntity, {
        where: { currentKey: figure },
        lock: { mode: 'pessimistic_write' },
      });
      if (previous)
        await manager.update(
          FigureThresholdEntity,
          { id: previous.id },
          { currentKey: null, supersededAt: at },
        );
      const row = manager.create(FigureThresholdEntity, {
        figure,
        value,
        currentKey: figure,
        reason,
        setBy: principal.username,
        setAt: at,
        supersededAt: null,
      });
      await manager.insert(FigureThresholdEntity, row);
      await this.audit.append(manager, {
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
    const unit = await this.dataSource
      .getRepository(OrgUnitEntity)
      .findOneByOrFail({ code: orgUnitCode });
    const rows: ThresholdCrossingEntity[] = await this.dataSource
      .getRepository(ThresholdCrossingEntity)
      .createQueryBuilder('c')
      .innerJoin(OrgUnitEntity, 'u', 'u.code = c.org_unit_code')
      .where('u.path LIKE :path', { path: `${unit.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
      .orderBy('c.id', 'DESC')
      .take(100)
      .getMany();
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
