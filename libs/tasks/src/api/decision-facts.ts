import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import {
  collateralCover,
  LoanProduct,
  parseLtvLimits,
  Money,
  ReferenceRates,
  RequestedTerms,
  RISK_GRADES,
  RiskGrade,
  TermsContext,
} from '@loanflow/domain';
import {
  LoanCollateralEntity,
  LoanDecisionEntity,
  LoanEntity,
  LoanPartyEntity,
} from '@loanflow/persistence';

/** What a credit decision's terms are bounded by, read from the loan register. */
export interface DecisionFacts {
  loanId: string;
  /** What the applicant asked for. */
  applied: RequestedTerms;
  /** The reviewer's recommendation, when the review passed with one. */
  recommended: { amount: Money | null; termMonths: number | null; annualRate: string | null };
  /** Mortgage or pledge: the review attests the collateral's status. */
  secured: boolean;
  /** Mortgage or pledge: what the collateral is worth and the most it secures (the LTV limit). */
  cover: { appraisedValue: Money; lendableValue: Money } | null;
  /** Some collateral belongs to someone other than the applicant: the review attests their consent. */
  thirdPartyCollateral: boolean;
  /** Product, grade (the riskiest when not yet graded) and the reference rates of the grid. */
  terms: TermsContext;
}

export function referenceRatesOf(config: AppConfig): ReferenceRates {
  return {
    lpr1y: config.REFERENCE_LPR_1Y,
    lpr5y: config.REFERENCE_LPR_5Y,
    effectiveDate: config.REFERENCE_LPR_DATE,
  };
}

/**
 * The facts the bounds on recommended and approved terms are checked against: the application and
 * the review as recorded, never what a process variable carries.
 */
@Injectable()
export class DecisionFactsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async of(loanId: string): Promise<DecisionFacts | null> {
    const loan = await this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
    if (!loan) return null;
    const review = await this.dataSource.getRepository(LoanDecisionEntity).findOne({
      where: { loanId, kind: 'review', outcome: 'pass' },
      order: { id: 'DESC' },
    });
    const secured = loan.guaranteeType === 'mortgage' || loan.guaranteeType === 'pledge';
    const cover = secured ? await this.coverOf(loan) : null;
    const grade = (RISK_GRADES as readonly string[]).includes(loan.riskGrade ?? '')
      ? (loan.riskGrade as RiskGrade)
      : 'D';
    return {
      loanId,
      applied: {
        amount: Money.ofMinor(loan.requestedAmountMinor),
        termMonths: loan.requestedTermMonths,
      },
      recommended: {
        amount: review?.amountMinor ? Money.ofMinor(review.amountMinor) : null,
        termMonths: review?.termMonths ?? null,
        annualRate: review?.annualRate ?? null,
      },
      secured,
      cover: cover && {
        appraisedValue: Money.parse(cover.appraisedValue),
        lendableValue: Money.parse(cover.lendableValue),
      },
      thirdPartyCollateral: cover?.thirdParty ?? false,
      terms: {
        product: loan.product as LoanProduct,
        grade,
        referenceRates: referenceRatesOf(this.config),
      },
    };
  }

  /** The loan-to-value limit on the collateral as recorded, second home as the checks found it. */
  private async coverOf(loan: LoanEntity) {
    const [collateral, applicant] = await Promise.all([
      this.dataSource.getRepository(LoanCollateralEntity).findBy({ loanId: loan.id }),
      this.dataSource
        .getRepository(LoanPartyEntity)
        .findOneBy({ loanId: loan.id, role: 'applicant' }),
    ]);
    const checks = loan.creditChecksJson
      ? (JSON.parse(loan.creditChecksJson) as { secondHome?: boolean })
      : {};
    const cover = collateralCover(
      {
        product: loan.product as LoanProduct,
        amount: Money.ofMinor(loan.requestedAmountMinor),
        secondHome: checks.secondHome ?? loan.secondHome === 1,
        collateral: collateral.map((item) => ({
          kind: item.kind,
          appraisedValue: Money.ofMinor(item.appraisedValueMinor),
        })),
      },
      parseLtvLimits(this.config.COLLATERAL_LTV_LIMITS),
    );
    const thirdParty = collateral.some(
      (item) => item.ownerIdNumber.toUpperCase() !== applicant?.idNumber.toUpperCase(),
    );
    return { ...cover, thirdParty };
  }
}
