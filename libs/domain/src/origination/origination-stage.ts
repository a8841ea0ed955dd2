/**
 * Where a loan in origination waits, named by the form of its open task: the dossier shows it and
 * the managers' figures count loans by it. Tasks of other forms (inspections, collection,
 * warnings) run beside a loan's life and name no stage: there the loan's status does.
 */
export type OriginationStage =
  | 'investigation'
  | 'review'
  | 'approval'
  | 'offer-acceptance'
  | 'contract-signing'
  | 'collateral-registration'
  | 'disbursement-check';

export const ORIGINATION_STAGE_OF_FORM: Readonly<Record<string, OriginationStage>> = {
  'loanflow:investigation-report': 'investigation',
  'loanflow:review-opinion': 'review',
  'loanflow:approval-decision': 'approval',
  'loanflow:counter-offer-acceptance': 'offer-acceptance',
  'loanflow:contract-signing': 'contract-signing',
  'loanflow:collateral-registration': 'collateral-registration',
  'loanflow:disbursement-check': 'disbursement-check',
};

/** The origination stage a task of this form stands for; null for any other form. */
export function originationStageOf(formKey: string): OriginationStage | null {
  return Object.hasOwn(ORIGINATION_STAGE_OF_FORM, formKey)
    ? (ORIGINATION_STAGE_OF_FORM[formKey] ?? null)
    : null;
}
