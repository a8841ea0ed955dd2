import { Inject } from '@nestjs/common';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { BureauReport, CREDIT_BUREAU, CreditBureau } from '@loanflow/adapters';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import {
  assessGuarantor,
  checkEligibility,
  CollateralCover,
  collateralCover,
  DEFAULT_PRODUCT_POLICIES,
  EligibilityResult,
  ExposureSummary,
  GuaranteeType,
  GuarantorAssessment,
  isSecuredByCollateral,
  LoanProduct,
  Money,
  parseLtvLimits,
  summariseExposure,
} from '@loanflow/domain';
import { JobContext, JobHandler, JobWorker } from '@loanflow/workflow';
import { ExistingExposureReader } from '../credit/existing-exposure.reader';
import { firstInstallmentOf } from '../credit/first-installment';
import { JOB } from '../origination.contract';
import { DecisionRecords } from './decision-records';
import { LoanRef } from './worker-inputs';
import { beijingDate, parseEngineDateTime, LoanFile, LoanRecords } from '@loanflow/loans';

export class CheckEligibilityInput extends LoanRef {
  /** The engine's time of the check (FEEL string(now())): ages are counted on this day. */
  @IsOptional() @IsString() checkedAt?: string;
  /**
   * The days to complete the papers (补充材料) have passed: missing papers now refuse the
   * application instead of asking for them again.
   */
  @IsOptional() @IsBoolean() papersLapsed?: boolean;
}

/** How long intake waits for missing papers before it returns the application (the model's timer). */
export const PAPERS_DEADLINE_DAYS = 15;

/** What the checks found on credit risk, kept with the loan (credit_checks_json) for the dossier. */
export interface CreditChecksRecord {
  collateralCover: CollateralCover | null;
  secondHome: boolean;
  /** Some collateral is someone else's: their consent is a required document. */
  thirdPartyCollateral: boolean;
  exposure: ExposureSummary;
  guarantors: (GuarantorAssessment & { partyId: string })[];
}

/** The figures the engine carries on (no person is named): shown to review and approval, read by the DMN. */
export interface CreditChecksVariable {
  ltv: string | null;
  ltvLimit: string | null;
  existingExposure: string;
  existingLoans: number;
}

/**
 * Intake's automatic checks (受理审查): civil capacity, the credit warning list, the documents,
 * the product's limits, the collateral's cover, each guarantor's eligibility and the applicant's
 * loans with the bank. Every reason is returned at once so the file is fixed in one round.
 */
@JobWorker({
  type: JOB.checkEligibility,
  control: 'intake checks (准入检查)',
  description:
    'Check civil capacity, the credit warning list, documents, product limits, loan-to-value, guarantors and existing loans.',
  input: CheckEligibilityInput,
  outputs: ['eligibility', 'creditChecks'],
})
export class CheckEligibilityWorker implements JobHandler<
  CheckEligibilityInput,
  { eligibility: EligibilityResult; creditChecks: CreditChecksVariable }
> {
  constructor(
    private readonly records: LoanRecords,
    private readonly register: DecisionRecords,
    private readonly config: AppConfig,
    private readonly exposureReader: ExistingExposureReader,
    @Inject(CREDIT_BUREAU) private readonly bureau: CreditBureau,
  ) {}

  async handle(input: CheckEligibilityInput, context: JobContext) {
    const file = await this.records.fileForJob(input.loanId);
    const { loan, applicant, collateral } = file;
    const checkedAt = (input.checkedAt && parseEngineDateTime(input.checkedAt)) || new Date();
    const today = beijingDate(checkedAt);
    const product = loan.product as LoanProduct;
    const policy = DEFAULT_PRODUCT_POLICIES[product];
    const guaranteeType = loan.guaranteeType as GuaranteeType;
    const amount = Money.ofMinor(loan.requestedAmountMinor);

    const exposure = summariseExposure(
      await this.exposureReader.of(applicant.idNumber, loan.id, today),
    );
    const secondHome = loan.secondHome === 1 || exposure.summary.housingLoans > 0;
    const cover = isSecuredByCollateral(guaranteeType)
      ? collateralCover(
          {
            product,
            amount,
            secondHome,
            collateral: collateral.map((item) => ({
              kind: item.kind,
              appraisedValue: Money.ofMinor(item.appraisedValueMinor),
            })),
          },
          parseLtvLimits(this.config.COLLATERAL_LTV_LIMITS),
        )
      : null;
    const guarantors = await this.assessGuarantors(file, today);
    const thirdPartyCollateral = collateral.some(
      (item) => item.ownerIdNumber.toUpperCase() !== applicant.idNumber.toUpperCase(),
    );

    const result = checkEligibility(
      {
        applicantBirthDate: applicant.birthDate,
        product,
        amount,
        termMonths: loan.requestedTermMonths,
        purpose: loan.purpose,
        guaranteeType,
        guarantorCount: file.guarantors.length,
        collateralCount: collateral.length,
        // What is uploaded, not what the application declares (loan.documents).
        documentsProvided: file.documentKinds,
        thirdPartyCollateral,
      },
      policy,
      today,
      await this.register.onWarningList(applicant.idNumber),
      { collateralCover: cover, guarantors, exposure: exposure.refusals },
    );
    if (input.papersLapsed && result.onlyPapersMissing) {
      result.onlyPapersMissing = false;
      result.refusals = result.refusals.map((refusal) => ({
        ...refusal,
        reason: `${refusal.reason}; not uploaded within the ${PAPERS_DEADLINE_DAYS} days given to complete the papers (补充材料)`,
      }));
    }
    // Waiting for papers is neither acceptance nor refusal: the loan stays submitted.
    const status = result.eligible ? 'in-decision' : result.onlyPapersMissing ? null : 'refused';
    const record: CreditChecksRecord = {
      collateralCover: cover,
      secondHome,
      thirdPartyCollateral,
      exposure: exposure.summary,
      guarantors,
    };
    // Per job: a check repeated after the papers are added is a new job, and records anew.
    const { replayed } = await this.register.once(
      JOB.checkEligibility,
      `${loan.id}:${context.jobKey}`,
      context.jobKey,
      async (tx) => {
        await tx.updateLoan(loan.id, {
          ...(status && { status }),
          applicationCompleteAt: result.eligible ? checkedAt : null,
          creditChecksJson: JSON.stringify(record),
        });
        for (const assessment of guarantors) {
          const { partyId, ...kept } = assessment;
          await tx.keepGuarantorAssessment(partyId, JSON.stringify(kept));
        }
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'application.check',
          outcome: result.eligible ? 'ok' : 'refused',
          loanKey: loan.id,
          reason: result.eligible
            ? 'automatic checks passed: civil capacity, warning list, documents, product limits, ' +
              `loan-to-value ${cover ? `${cover.ltv} within ${cover.limit}` : 'n/a'}, ` +
              `${guarantors.length} guarantor(s) eligible, existing exposure ${exposure.summary.outstanding} on ${exposure.summary.loans} loan(s)`
            : `${result.onlyPapersMissing ? 'papers incomplete, waiting for them (补充材料): ' : ''}${result.refusals
                .map((refusal) => `${refusal.code}: ${refusal.reason}`)
                .join('; ')}`,
        });
      },
    );
    if (replayed) context.logger.info('eligibility already recorded; answering the same');
    return {
      eligibility: result,
      creditChecks: {
        ltv: cover?.ltv ?? null,
        ltvLimit: cover?.limit ?? null,
        existingExposure: exposure.summary.outstanding,
        existingLoans: exposure.summary.loans,
      },
    };
  }

  /** Each guarantor: age, warning list, a bureau query (担保资格审查) and capacity. */
  private async assessGuarantors(
    { loan, guarantors }: LoanFile,
    today: string,
  ): Promise<(GuarantorAssessment & { partyId: string; bureau: BureauReport })[]> {
    if (guarantors.length === 0) return [];
    const policy = DEFAULT_PRODUCT_POLICIES[loan.product as LoanProduct];
    let installment = Money.zero();
    try {
      installment = firstInstallmentOf(
        loan,
        Money.ofMinor(loan.requestedAmountMinor),
        loan.requestedTermMonths,
        today,
      );
    } catch {
      // A term outside every product is refused by the product checks; capacity is then moot.
    }
    const assessments: (GuarantorAssessment & { partyId: string; bureau: BureauReport })[] = [];
    for (const [index, guarantor] of guarantors.entries()) {
      const report = await this.bureau.query({
        idNumber: guarantor.idNumber,
        name: guarantor.name,
        purpose: 'guarantor-qualification',
      });
      const assessment = assessGuarantor(
        {
          label: `guarantor ${index + 1}`,
          birthDate: guarantor.birthDate,
          onWarningList: await this.register.onWarningList(guarantor.idNumber),
          bureau: report,
          monthlyIncome: Money.ofMinor(guarantor.monthlyIncomeMinor),
          declaredMonthlyDebt: Money.ofMinor(guarantor.monthlyDebtMinor),
          guaranteedInstallment: installment,
          termMonths: loan.requestedTermMonths,
        },
        policy,
        today,
      );
      // The report's figures are kept with the assessment as the evidence of the query.
      assessments.push({ ...assessment, partyId: guarantor.id, bureau: report });
    }
    return assessments;
  }
}
