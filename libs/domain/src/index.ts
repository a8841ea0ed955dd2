export * from './errors/domain-error';
export * from './errors/field-problem';
export * from './errors/message-of';
export * from './collections/item-at';
export * from './collections/spread-over';
export * from './money/money';
export * from './identity/roles';
export * from './identity/incompatible-roles';
export * from './identity/org-units';
export * from './identity/candidates';
export * from './duties/duty-table';
export * from './duties/duties';
export * from './authority/approval-authority';
export * from './calendar/calendar-date';
export * from './calendar/working-days';
export * from './schedule/repayment-schedule';
export * from './applicant/id-number';
export * from './origination/guarantee-types';
export * from './origination/product-policy';
export * from './origination/required-documents';
export * from './origination/eligibility';
export * from './origination/scorecard';
export * from './origination/pricing-grid';
export * from './origination/terms-bounds';
export * from './origination/review-attestations';
export * from './origination/disbursement-conditions';
export * from './origination/debt-to-income';
export * from './origination/collateral-cover';
export * from './origination/guarantor-eligibility';
export * from './origination/existing-exposure';
export * from './origination/committee-vote';
export * from './origination/origination-stage';
export * from './servicing/loan-position';
export * from './servicing/penalty-interest';
export * from './servicing/repayment-allocation';
export * from './servicing/payoff';
export * from './servicing/classification';
export * from './servicing/classification-upgrade';
export * from './servicing/restructured-classification';
export * from './servicing/classification-floor';
export * from './servicing/upgrade-proposal';
export { CLASSIFICATION_FACTS_INVALID, repaymentRecord } from './servicing/repayment-record';
export type {
  CheckedInstallment,
  InstallmentRecord,
  InstallmentStanding,
} from './servicing/repayment-record';
export * from './servicing/overdue-buckets';
export type {
  AppliedAmount,
  AppliedCategory,
  ScheduledAmounts,
  ServicingLedger,
} from './servicing/servicing-input';
export { APPLIED_CATEGORIES } from './servicing/servicing-input';
export * from './post-loan/inspection-schedule';
export * from './post-loan/risk-warning';
export * from './post-loan/after-disbursement';
export * from './post-loan/early-warning-feeds';
export * from './accountability/accountability-dossier';
export * from './servicing/early-settlement';
export * from './servicing/restructuring';
export * from './portfolio/ratio';
export * from './portfolio/portfolio-figures';
export * from './portfolio/interest-collection';
export * from './portfolio/figure-thresholds';
export * from './ledger/trial-balance';
export * from './servicing/collection-band';
export * from './servicing/recall';
export * from './staffing/absence';
export * from './collab/mentions';
export * from './collab/documents';
export * from './complaints/complaint';
export * from './complaints/report';
export * from './complaints/key-customer';
export * from './servicing/part-prepayment';
export * from './servicing/change-request';
export * from './archive/archive';
export * from './operations/model-graph';
export * from './operations/instance-modification';
export * from './operations/element-id';
export * from './text/text-of';
