import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { CollectionEpisodeEntity } from '@loanflow/persistence';
import { type LoanFile } from '@loanflow/loans';
import { OverdueWarningRecords } from './overdue-warning-records';
import { RiskWarnings } from './risk-warnings.service';

/**
 * The warning rules an overdue episode sets off: the loan itself gets a yellow warning (the
 * borrower explains in writing); every loan this borrower guarantees gets an orange one, since its
 * guarantee is now doubtful (a guarantor in default).
 */
@Injectable()
export class OverdueWarnings {
  private readonly logger = new Logger(OverdueWarnings.name);

  constructor(
    private readonly register: OverdueWarningRecords,
    private readonly warnings: RiskWarnings,
  ) {}

  async raiseFor(file: LoanFile, episode: CollectionEpisodeEntity, at: Date): Promise<void> {
    await this.quietly(file.loan.id, () =>
      this.warnings.raise({
        loanId: file.loan.id,
        level: 'yellow',
        signal: 'overdue',
        description: `installment missed: collection episode ${episode.id} opened`,
        actor: SYSTEM_ACTOR,
        at,
      }),
    );
    const loans = await this.register.guaranteedLoans(file.applicant.idNumber);
    for (const loan of loans.filter((l) => l.id !== file.loan.id))
      await this.quietly(loan.id, () =>
        this.warnings.raise({
          loanId: loan.id,
          level: 'orange',
          signal: 'guarantor-default',
          description: `guarantor ${file.applicant.name} is in default on loan ${file.loan.id}`,
          actor: SYSTEM_ACTOR,
          at,
        }),
      );
  }

  /** A rule's warning is not worth failing the job for when the loan has just left servicing. */
  private async quietly(loanId: string, raise: () => Promise<unknown>): Promise<void> {
    try {
      await raise();
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'LOAN_NOT_IN_SERVICING')) throw error;
      this.logger.log(`loan ${loanId}: ${error.message}`);
    }
  }
}
