/** One loan's payout, as the origination process orders it. Amounts are decimal yuan strings. */
export interface DisbursementOrder {
  loanId: string;
  amount: string;
  /** 受托支付 (straight to the seller) or 自主支付 (to the borrower's own account). */
  paymentMethod: 'entrusted' | 'self';
  payeeAccount: string;
  payeeName: string;
  /** The job that asked, kept for tracing a payout to its delivery. */
  jobKey: string;
  /** The business time of the payout (its value date). */
  valueDate: Date;
}

export interface DisbursementReceipt {
  loanId: string;
  txnId: string;
  amount: string;
  payeeAccount: string;
  payeeName: string;
  disbursedAt: string;
  /** True when the loan had been paid before and nothing moved now. */
  replayed: boolean;
}

/** The bank's core system, behind an interface: pays a loan out exactly once, whatever the retries. */
export interface CoreBanking {
  disburse(order: DisbursementOrder): Promise<DisbursementReceipt>;
}

export const CORE_BANKING = Symbol('CORE_BANKING');
