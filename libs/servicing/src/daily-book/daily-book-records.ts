import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  IdempotencyService,
  LoanEntity,
  ProcessInstanceEntity,
  TimerEntity,
} from '@loanflow/persistence';
import { LOAN_SERVICING_PROCESS_ID } from '../servicing.contract';

/** The idempotency scope of a loan the day's book could not rule, recorded once a day. */
const SKIPPED_SCOPE = 'daily-book.skipped';
/** The per-loan daily timer of loan-servicing versions before the daily book. */
const LEGACY_DAILY_TIMER = 'EveryDay';

/** An upgrade proposal left open on a loan, with the day it was proposed. */
export interface OpenProposal {
  proposedOn: string | null;
  proposedLevel: string | null;
}

/**
 * What the day's book reads in the register, and the refusal it records. An abstract class so that
 * it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class DailyBookRecords {
  /** The next `limit` active (disbursed) loans after `cursor`, in loan id order. */
  abstract activeLoansAfter(cursor: string | null, limit: number): Promise<string[]>;
  /**
   * Of these loans, those whose servicing instance runs a version from before the daily book and
   * still has its own daily timer.
   */
  abstract withLegacyDailyTimer(loanIds: readonly string[]): Promise<Set<string>>;
  /** The upgrade proposal open on the loan, or null when none is. */
  abstract openProposal(loanId: string): Promise<OpenProposal | null>;
  /** Appends the refusal to the loan's trail once per loan and day, however often it is asked. */
  abstract recordSkippedOnce(loanId: string, date: string, act: AuditAct): Promise<void>;
}

/** The register's SQL for the day's book (MySQL/MariaDB). */
@Injectable()
export class SqlDailyBookRecords extends DailyBookRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  /** The index on the primary key pages without a sort; settled and written-off loans are not ruled. */
  async activeLoansAfter(cursor: string | null, limit: number): Promise<string[]> {
    const query = this.dataSource
      .getRepository(LoanEntity)
      .createQueryBuilder('l')
      .select('l.id', 'id')
      .where('l.status = :status', { status: 'disbursed' })
      .orderBy('l.id', 'ASC')
      .limit(limit);
    if (cursor !== null) query.andWhere('l.id > :cursor', { cursor });
    return (await query.getRawMany<{ id: string }>()).map((row) => row.id);
  }

  async withLegacyDailyTimer(loanIds: readonly string[]): Promise<Set<string>> {
    if (!loanIds.length) return new Set();
    const rows: { loanId: string }[] = await this.dataSource
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('pi')
      .innerJoin(TimerEntity, 't', 't.processInstanceKey = pi.processInstanceKey')
      .select('pi.businessKey', 'loanId')
      .where('pi.businessKey IN (:...ids)', { ids: loanIds })
      .andWhere('pi.bpmnProcessId = :process', { process: LOAN_SERVICING_PROCESS_ID })
      .andWhere("pi.state = 'active'")
      .andWhere("t.elementId = :element AND t.state = 'created'", { element: LEGACY_DAILY_TIMER })
      .getRawMany();
    return new Set(rows.map((row) => row.loanId));
  }

  async openProposal(loanId: string): Promise<OpenProposal | null> {
    const loan = await this.dataSource.getRepository(LoanEntity).findOne({
      where: { id: loanId },
      select: {
        id: true,
        upgradeProposalOpen: true,
        upgradeProposedOn: true,
        upgradeProposedLevel: true,
      },
    });
    return loan?.upgradeProposalOpen
      ? { proposedOn: loan.upgradeProposedOn, proposedLevel: loan.upgradeProposedLevel }
      : null;
  }

  async recordSkippedOnce(loanId: string, date: string, act: AuditAct): Promise<void> {
    await this.idempotency.once(SKIPPED_SCOPE, `${loanId}:${date}`, null, async (manager) => {
      await this.trail.append(manager, act);
    });
  }
}
