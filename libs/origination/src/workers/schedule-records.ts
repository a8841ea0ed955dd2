import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ScheduledInstallment } from '@loanflow/domain';
import { isDuplicateKeyError, LoanInstallmentEntity } from '@loanflow/persistence';

/**
 * Where a disbursed loan's repayment schedule is kept. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class ScheduleRecords {
  /**
   * Keeps the schedule whole (every installment or none); false when the loan has one already (an
   * earlier delivery stored it), and nothing is written.
   */
  abstract keepOnce(
    loanId: string,
    installments: readonly ScheduledInstallment[],
  ): Promise<boolean>;
}

/** The schedule's SQL (MySQL/MariaDB): (loan, number) is the installment's key. */
@Injectable()
export class SqlScheduleRecords extends ScheduleRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async keepOnce(loanId: string, installments: readonly ScheduledInstallment[]): Promise<boolean> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(
          LoanInstallmentEntity,
          installments.map((line) => ({
            loanId,
            number: line.number,
            dueDate: line.dueDate,
            paymentMinor: line.payment.minorUnits.toString(),
            principalMinor: line.principal.minorUnits.toString(),
            interestMinor: line.interest.minorUnits.toString(),
            balanceMinor: line.balance.minorUnits.toString(),
          })),
        );
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
