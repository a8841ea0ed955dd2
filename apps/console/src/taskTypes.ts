/** The form keys the inbox knows (README: How human tasks work). */
export const TASK_TYPES = [
  'loanflow:investigation-report',
  'loanflow:review-opinion',
  'loanflow:approval-decision',
  'loanflow:committee-vote',
  'loanflow:contract-signing',
  'loanflow:collateral-registration',
  'loanflow:disbursement-check',
  'loanflow:collection-contact',
  'loanflow:legal-action',
  'loanflow:collateral-release',
  'loanflow:archive-file',
  'loanflow:inspection-report',
  'loanflow:follow-up',
  'loanflow:collateral-revaluation',
  'loanflow:reclassification-approval',
  'loanflow:warning-action',
  'loanflow:warning-review',
  'loanflow:remediation-plan',
  'loanflow:emergency-plan',
  'loanflow:write-off-approval',
  'loanflow:accountability-decision',
  'loanflow:restructuring-review',
  'loanflow:restructuring-approval',
  'loanflow:counter-offer-acceptance',
  'loanflow:legal-milestone',
  'loanflow:write-off-review',
  'loanflow:complaint-answer',
] as const;

/** i18n key of a form key: loanflow:review-opinion -> taskTypes.review-opinion */
export const taskTypeKey = (type: string) => `taskTypes.${type.replace(/^loanflow:/, '')}`;
