import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { ThresholdCrossingEntity } from '@loanflow/persistence';

/** A crossing as it is opened (the register gives it its id). */
export type NewCrossing = Omit<ThresholdCrossingEntity, 'id'>;

/** The register inside the transaction that opens or clears one crossing. */
export interface CrossingTransaction {
  /**
   * Clears the crossing if it is still open under `openKey`; false when an evaluation running
   * beside this one cleared it first.
   */
  clearIfOpen(crossingId: string, openKey: string, at: Date): Promise<boolean>;
  /** Opens a crossing; fails on the open key's unique index when one is open already. */
  open(crossing: NewCrossing): Promise<ThresholdCrossingEntity>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the evaluation of the figures against head office's levels reads and writes: the units
 * judged, the crossings (each the outbox of the message that starts its task). An abstract class
 * so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class ThresholdCrossingRecords {
  /** The codes of the units loans are booked at that have a disbursed loan, in order. */
  abstract bookingUnits(): Promise<string[]>;
  /** The crossing open under the key (unit and figure), or null. */
  abstract openCrossing(openKey: string): Promise<ThresholdCrossingEntity | null>;
  /** Open crossings whose message the broker has not taken yet, oldest first. */
  abstract unpublished(limit: number): Promise<ThresholdCrossingEntity[]>;
  /** Notes that the broker took the crossing's message. */
  abstract markPublished(crossingId: string, at: Date): Promise<void>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: CrossingTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for threshold crossings (MySQL/MariaDB). */
@Injectable()
export class SqlThresholdCrossingRecords extends ThresholdCrossingRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  async bookingUnits(): Promise<string[]> {
    const units: { code: string }[] = await this.dataSource.query(
      `SELECT DISTINCT branch_code AS code FROM loan WHERE status = 'disbursed' ORDER BY branch_code`,
    );
    return units.map((unit) => unit.code);
  }

  openCrossing(openKey: string): Promise<ThresholdCrossingEntity | null> {
    return this.dataSource.getRepository(ThresholdCrossingEntity).findOneBy({ openKey });
  }

  unpublished(limit: number): Promise<ThresholdCrossingEntity[]> {
    return this.dataSource.getRepository(ThresholdCrossingEntity).find({
      where: { publishedAt: IsNull(), state: 'open' },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  async markPublished(crossingId: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(ThresholdCrossingEntity)
      .update({ id: crossingId }, { publishedAt: at });
  }

  transaction<T>(work: (tx: CrossingTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): CrossingTransaction {
    return {
      clearIfOpen: async (crossingId, openKey, at) => {
        const cleared = await manager.update(
          ThresholdCrossingEntity,
          { id: crossingId, openKey },
          { openKey: null, state: 'cleared', clearedAt: at },
        );
        return Boolean(cleared.affected);
      },
      open: async (crossing) => {
        const row = manager.create(ThresholdCrossingEntity, crossing);
        await manager.insert(ThresholdCrossingEntity, row);
        return row;
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
