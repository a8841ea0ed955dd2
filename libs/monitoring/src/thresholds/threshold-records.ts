import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  FigureThresholdEntity,
  OrgUnitEntity,
  ThresholdCrossingEntity,
} from '@loanflow/persistence';

/** A warning level as it is set (the register gives it its id). */
export type NewThreshold = Omit<FigureThresholdEntity, 'id'>;

/** The register inside the transaction that replaces a figure's warning level. */
export interface ThresholdTransaction {
  /** The figure's level in force, locked for update (a change beside this one waits), or null. */
  lockCurrent(figure: string): Promise<FigureThresholdEntity | null>;
  supersede(thresholdId: string, at: Date): Promise<void>;
  add(threshold: NewThreshold): Promise<FigureThresholdEntity>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * Head office's warning levels on the figures, their history and the crossings. An abstract class
 * so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class ThresholdRecords {
  /** The level in force of each figure that has one. */
  abstract current(): Promise<FigureThresholdEntity[]>;
  /** The latest levels set, newest first. */
  abstract history(limit: number): Promise<FigureThresholdEntity[]>;
  /** Whether the org unit is head office (the root of the tree). */
  abstract isHeadOffice(orgUnitCode: string): Promise<boolean>;
  /** Crossings by the units of an org unit's subtree, newest first. */
  abstract crossingsWithin(orgUnitCode: string, limit: number): Promise<ThresholdCrossingEntity[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: ThresholdTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for warning levels (MySQL/MariaDB). */
@Injectable()
export class SqlThresholdRecords extends ThresholdRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  current(): Promise<FigureThresholdEntity[]> {
    return this.dataSource
      .getRepository(FigureThresholdEntity)
      .findBy({ currentKey: Not(IsNull()) });
  }

  history(limit: number): Promise<FigureThresholdEntity[]> {
    return this.dataSource
      .getRepository(FigureThresholdEntity)
      .find({ order: { id: 'DESC' }, take: limit });
  }

  async isHeadOffice(orgUnitCode: string): Promise<boolean> {
    const unit = await this.dataSource
      .getRepository(OrgUnitEntity)
      .findOneBy({ code: orgUnitCode });
    return unit !== null && unit.parentCode === null;
  }

  async crossingsWithin(orgUnitCode: string, limit: number): Promise<ThresholdCrossingEntity[]> {
    const unit = await this.dataSource
      .getRepository(OrgUnitEntity)
      .findOneByOrFail({ code: orgUnitCode });
    return this.dataSource
      .getRepository(ThresholdCrossingEntity)
      .createQueryBuilder('c')
      .innerJoin(OrgUnitEntity, 'u', 'u.code = c.org_unit_code')
      .where('u.path LIKE :path', { path: `${unit.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
      .orderBy('c.id', 'DESC')
      .take(limit)
      .getMany();
  }

  transaction<T>(work: (tx: ThresholdTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): ThresholdTransaction {
    return {
      lockCurrent: (figure) =>
        manager.findOne(FigureThresholdEntity, {
          where: { currentKey: figure },
          lock: { mode: 'pessimistic_write' },
        }),
      supersede: async (thresholdId, at) => {
        await manager.update(
          FigureThresholdEntity,
          { id: thresholdId },
          { currentKey: null, supersededAt: at },
        );
      },
      add: async (threshold) => {
        const row = manager.create(FigureThresholdEntity, threshold);
        await manager.insert(FigureThresholdEntity, row);
        return row;
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
