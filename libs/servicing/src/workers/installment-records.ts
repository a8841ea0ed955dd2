import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import type { Money, ServicingLedger } from '@loanflow/domain';
import { LoanInstallmentEntity } from '@loanflow/persistence';
import { applyAdvance } from '../repayments/advance';
import { readLedger } from '../repayments/loan-ledger';

/** An installment of the loan's schedule as the due-date watch needs it. */
export interface ScheduledDate {
  number: number;
  /** YYYY-MM-DD */
  dueDate: string;
}

/**
 * What the due-date watch reads in the register, and the one thing it writes: money held in
 * advance applied as installments fall due. An abstract class so that it is both the injection
 * token and the shape a unit spec's fake implements.
 */
export abstract class InstallmentRecords {
  /** The loan's installments in number order. */
  abstract schedule(loanId: string): Promise<ScheduledDate[]>;
  /**
   * Applies what the advance account holds to what is due by `date`, in its own transaction and on
   * the ledger; returns the amount applied.
   */
  abstract applyAdvance(loanId: string, date: string): Promise<Money>;
  /** The loan's schedule and every amount applied to it, as the domain's position reads them. */
  abstract ledger(loanId: string): Promise<ServicingLedger>;
}

/** The register's SQL for the due-date watch (MySQL/MariaDB). */
@Injectable()
export class SqlInstallmentRecords extends InstallmentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  async schedule(loanId: string): Promise<ScheduledDate[]> {
    const rows = await this.dataSource.getRepository(LoanInstallmentEntity).find({
      select: { number: true, dueDate: true },
      where: { loanId },
      order: { number: 'ASC' },
    });
    return rows.map(({ number, dueDate }) => ({ number, dueDate }));
  }

  applyAdvance(loanId: string, date: string): Promise<Money> {
    return applyAdvance(this.dataSource, this.trail, loanId, date);
  }

  async ledger(loanId: string): Promise<ServicingLedger> {
    const { installments, applied } = await readLedger(this.dataSource.manager, loanId);
    return { installments, applied };
  }
}
