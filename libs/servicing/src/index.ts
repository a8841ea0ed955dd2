export * from './servicing.contract';
export * from './servicing.module';
export * from './repayments/repayments.service';
export * from './repayments/repayment-outbox';
export * from './post-loan/risk-warnings.service';
export * from './repayments/loan-ledger';
export * from './ledger/ledger-verification';
