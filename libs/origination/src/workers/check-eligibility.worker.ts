import { IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import {
  checkEligibility,
  DEFAULT_PRODUCT_POLICIES,
  EligibilityResult,
  GuaranteeType,
  LoanProduct,
  Money,
} from '@loanflow/domain';
import { blindIndex, CreditWarningEntity, IdempotencyService } from '@loanflow/persistence';
import { JobContext, JobHandler, JobWorker } from '@loanflow/workflow';
import { beijingDate, parseEngineDateTime } from '../beijing-time';
import { LoanRecords } from '../loan-records';
import { JOB } from '../origination.contract';
import { LoanRef } from './worker-inputs';

export class CheckEligibilityInput extends LoanRef {
  /** The engine's time of the check (FEEL string(now())): ages are counted on this day. */
  @IsOptional() @IsString() checkedAt?: string;
}

/**
 * Intake's automatic checks (受理审查): civil capacity, the credit warning list, the documents,
 * the product's limits. Every reason is returned at once so the file is fixed in one round.
 */
@JobWorker({
  type: JOB.checkEligibility,
  description: 'Check civil capacity, the credit warning list, documents and product limits.',
  input: CheckEligibilityInput,
  outputs: ['eligibility'],
})
export class CheckEligibilityWorker implements JobHandler<
  CheckEligibilityInput,
  { eligibility: EligibilityResult }
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: LoanRecords,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditTrail,
  ) {}

  async handle(input: CheckEligibilityInput, context: JobContext) {
    const { loan, applicant, guarantors, collateral } = await this.records.fileForJob(input.loanId);
    const checkedAt = (input.checkedAt && parseEngineDateTime(input.checkedAt)) || new Date();
    const listed = await this.dataSource
      .getRepository(CreditWarningEntity)
      .findOneBy({ idNumberIndex: blindIndex('id-number', applicant.idNumber), active: 1 });
    const product = loan.product as LoanProduct;
    const result = checkEligibility(
      {
        applicantBirthDate: applicant.birthDate,
        product,
        amount: Money.ofMinor(loan.requestedAmountMinor),
        termMonths: loan.requestedTermMonths,
        purpose: loan.purpose,
        guaranteeType: loan.guaranteeType as GuaranteeType,
        guarantorCount: guarantors.length,
        collateralCount: collateral.length,
        documentsProvided: JSON.parse(loan.documents) as string[],
      },
      DEFAULT_PRODUCT_POLICIES[product],
      beijingDate(checkedAt),
      listed !== null,
    );
    const { replayed } = await this.idempotency.once(
      JOB.checkEligibility,
      loan.id,
      context.jobKey,
      async (manager) => {
        await this.records.update(manager, loan.id, {
          status: result.eligible ? 'in-decision' : 'refused',
          applicationCompleteAt: result.eligible ? checkedAt : null,
        });
        await this.audit.append(manager, {
          actor: SYSTEM_ACTOR,
          action: 'application.check',
          outcome: result.eligible ? 'ok' : 'refused',
          loanKey: loan.id,
          reason: result.eligible
            ? 'automatic checks passed: civil capacity, warning list, documents, product limits'
            : result.refusals.map((refusal) => `${refusal.code}: ${refusal.reason}`).join('; '),
        });
        return true;
      },
    );
    if (replayed) context.logger.info('eligibility already recorded; answering the same');
    return { eligibility: result };
  }
}
