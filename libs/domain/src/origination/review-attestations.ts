import { FieldProblem } from '../errors/field-problem';

/**
 * What a reviewer attests before a file passes review (审查通过). Why: the reviewer "对职责范围的
 * 工作承担尽职审查责任" (seed 001, 贷款审查岗), and after a loss the accountability dossier asks
 * what was checked; a pass without the checks would record diligence that was not done.
 *
 * The duties of the post, and the attestation each becomes (seed 001, 贷款审查岗):
 * - "对…个贷申报贷款资料的合法性、合规性及存在的业务风险进行审核": legalityChecked and
 *   complianceChecked must be true;
 * - "对贷款涉及的基础交易的真实性、抵押物状况(权属、价格)、借款人情况的真实性进行核实":
 *   transactionAuthentic must be true, and collateralStatusChecked too when the loan is secured by
 *   collateral (mortgage or pledge; a credit or guarantor loan has no collateral to check);
 * - "对个贷业务中存在的关联异常状况进行调查": related-party anomalies are the reviewer's to
 *   investigate ("会同客户经理调查核实、也可对提交的申报资料进行复核调查"), not a bar by themselves.
 *   So a file with anomalies passes only with the result of that inquiry written down
 *   (relatedPartyExplanation: what was found and why it does not stand in the way). Without it the
 *   reviewer returns the file to investigation with questions (return) or rejects it. An
 *   explanation does not excuse the other attestations: the transaction must still be attested
 *   authentic.
 *
 * - collateral put up by someone other than the applicant may be mortgaged only with the consent of
 *   whoever may dispose of it (有处分权人同意): ownerConsentChecked must be true for such a loan.
 *
 * Only a pass is judged here: a return or a rejection attests nothing (their questions and
 * reasons are the form's own rules).
 */
export interface ReviewAttestations {
  outcome: 'pass' | 'return' | 'reject';
  legalityChecked: boolean;
  complianceChecked: boolean;
  transactionAuthentic: boolean;
  collateralStatusChecked: boolean;
  relatedPartyAnomalies: boolean;
  /**
   * Collateral owned by someone other than the applicant: the owner's written consent (有处分权人
   * 同意) seen and checked against the owner's identity.
   */
  ownerConsentChecked?: boolean;
  /** The reviewer's finding on the anomalies, when there are any. */
  relatedPartyExplanation?: string | null;
}

/** The shortest finding on related-party anomalies that lets a file pass, as other reasons. */
export const RELATED_PARTY_EXPLANATION_MIN_LENGTH = 10;

/** Every reason the opinion may not pass; empty when it may (or when it is not a pass). */
export function reviewPassProblems(
  opinion: ReviewAttestations,
  loan: { secured: boolean; thirdPartyCollateral?: boolean },
): FieldProblem[] {
  if (opinion.outcome !== 'pass') return [];
  const problems: FieldProblem[] = [];
  const require = (field: keyof ReviewAttestations, what: string) => {
    if (opinion[field] !== true) problems.push({ field, reason: `a pass requires ${what}` });
  };
  require('legalityChecked', 'the legality of the application checked (合法性)');
  require('complianceChecked', 'its compliance with policy checked (合规性)');
  require('transactionAuthentic', 'the underlying transaction verified as authentic (基础交易真实性)');
  if (loan.secured) {
    require('collateralStatusChecked', 'the collateral’s ownership and value checked (抵押物状况: 权属、价格) for a secured loan');
  }
  if (loan.secured && loan.thirdPartyCollateral) {
    require('ownerConsentChecked', 'the collateral owner’s written consent checked (有处分权人同意), since the owner is not the applicant');
  }
  const explained =
    (opinion.relatedPartyExplanation ?? '').trim().length >= RELATED_PARTY_EXPLANATION_MIN_LENGTH;
  if (opinion.relatedPartyAnomalies && !explained) {
    problems.push({
      field: 'relatedPartyExplanation',
      reason:
        `related-party anomalies (关联异常) were found: a pass requires the reviewer's finding on them ` +
        `in at least ${RELATED_PARTY_EXPLANATION_MIN_LENGTH} characters; otherwise return the file ` +
        `to investigation with questions, or reject it`,
    });
  }
  return problems;
}
