import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { isDuplicateKeyError, LegalMilestoneEntity } from '@loanflow/persistence';

/** A lawsuit step as the loan's legal record keeps it (诉讼进展). */
export type NewLegalMilestone = Omit<LegalMilestoneEntity, 'id'>;

/**
 * The loan's legal record. An abstract class so that it is both the injection token and the shape
 * a unit spec's fake implements.
 */
export abstract class LegalRecords {
  /**
   * Keeps the step and its audit entry in one transaction, once per job (`taskKey`): false when an
   * earlier delivery of the same job kept it, and nothing is written again.
   */
  abstract keepOnce(milestone: NewLegalMilestone, act: AuditAct): Promise<boolean>;
  /** The loan's lawsuit steps in the order they were kept. */
  abstract milestones(loanId: string): Promise<LegalMilestoneEntity[]>;
}

/** The legal record's SQL (MySQL/MariaDB): the job's key is unique on the table. */
@Injectable()
export class SqlLegalRecords extends LegalRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  async keepOnce(milestone: NewLegalMilestone, act: AuditAct): Promise<boolean> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(LegalMilestoneEntity, milestone);
        await this.trail.append(manager, act);
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  milestones(loanId: string): Promise<LegalMilestoneEntity[]> {
    return this.dataSource
      .getRepository(LegalMilestoneEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }
}
