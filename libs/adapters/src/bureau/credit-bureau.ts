/** What the credit bureau (征信中心) says about a person, reduced to what the scorecard reads. */
export interface BureauReport {
  /** The bureau's own score, 300..900. */
  score: number;
  /** Accounts now overdue. */
  overdueAccounts: number;
  /** The worst days past due in the last 24 months. */
  maxDaysOverdue: number;
  /** Hard inquiries by lenders in the last 6 months. */
  inquiriesLast6Months: number;
  /** Monthly payments on debts the bureau knows of, decimal yuan. */
  monthlyDebtPayments: string;
}

export interface BureauQuery {
  idNumber: string;
  name: string;
  /**
   * Why the bank asks (征信查询原因), with the person's written authorisation: loan approval for an
   * applicant, guarantor qualification (担保资格审查) for a guarantor, post-loan management
   * (贷后管理) for the periodic refresh of a borrower whose loan is being serviced.
   */
  purpose: 'loan-approval' | 'guarantor-qualification' | 'post-loan-management';
}

/** The credit bureau, behind an interface: the simulated one here, the real interface in a bank. */
export interface CreditBureau {
  readonly source: string;
  query(query: BureauQuery): Promise<BureauReport>;
}

export const CREDIT_BUREAU = Symbol('CREDIT_BUREAU');
