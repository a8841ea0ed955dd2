import { isSecuredByCollateral } from './guarantee-types';
import { ReviewAttestations, reviewPassProblems } from './review-attestations';

const clean: ReviewAttestations = {
  outcome: 'pass',
  legalityChecked: true,
  complianceChecked: true,
  transactionAuthentic: true,
  collateralStatusChecked: true,
  relatedPartyAnomalies: false,
};
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('review attestations for a pass', () => {
  it('passes a clean opinion, secured or not', () => {
    expect(reviewPassProblems(clean, { secured: true })).toEqual([]);
    expect(reviewPassProblems(clean, { secured: false })).toEqual([]);
  });

  it.each([
    ['legalityChecked', 'a pass requires the legality of the application checked (合法性)'],
    ['complianceChecked', 'a pass requires its compliance with policy checked (合规性)'],
    [
      'transactionAuthentic',
      'a pass requires the underlying transaction verified as authentic (基础交易真实性)',
    ],
  ] as const)('refuses a pass without %s, secured or not', (field, reason) => {
    for (const secured of [true, false])
      expect(reviewPassProblems({ ...clean, [field]: false }, { secured })).toEqual([
        { field, reason },
      ]);
  });

  it('requires the collateral checked on a mortgage or pledge loan only', () => {
    const unchecked = { ...clean, collateralStatusChecked: false };
    expect(fields(reviewPassProblems(unchecked, { secured: true }))).toEqual([
      'collateralStatusChecked',
    ]);
    expect(reviewPassProblems(unchecked, { secured: false })).toEqual([]);
    expect(isSecuredByCollateral('mortgage') && isSecuredByCollateral('pledge')).toBe(true);
    expect(isSecuredByCollateral('guarantor') || isSecuredByCollateral('credit')).toBe(false);
  });

  it('refuses a pass with related-party anomalies and no finding on them', () => {
    for (const relatedPartyExplanation of [undefined, null, '', '  see file '])
      expect(
        reviewPassProblems(
          { ...clean, relatedPartyAnomalies: true, relatedPartyExplanation },
          { secured: false },
        ),
      ).toEqual([
        {
          field: 'relatedPartyExplanation',
          reason:
            "related-party anomalies (关联异常) were found: a pass requires the reviewer's finding on them in at least 10 characters; otherwise return the file to investigation with questions, or reject it",
        },
      ]);
  });

  it('passes related-party anomalies the reviewer investigated and explained', () => {
    expect(
      reviewPassProblems(
        {
          ...clean,
          relatedPartyAnomalies: true,
          relatedPartyExplanation:
            'the seller is the applicant’s cousin; price checked against three appraisals, at market',
        },
        { secured: true },
      ),
    ).toEqual([]);
  });

  it('does not let an explanation excuse an unauthenticated transaction', () => {
    expect(
      fields(
        reviewPassProblems(
          {
            ...clean,
            transactionAuthentic: false,
            relatedPartyAnomalies: true,
            relatedPartyExplanation: 'the seller is the applicant’s cousin, price at market',
          },
          { secured: true },
        ),
      ),
    ).toEqual(['transactionAuthentic']);
  });

  it('returns every problem at once', () => {
    const nothing: ReviewAttestations = {
      outcome: 'pass',
      legalityChecked: false,
      complianceChecked: false,
      transactionAuthentic: false,
      collateralStatusChecked: false,
      relatedPartyAnomalies: true,
    };
    expect(fields(reviewPassProblems(nothing, { secured: true }))).toEqual([
      'legalityChecked',
      'complianceChecked',
      'transactionAuthentic',
      'collateralStatusChecked',
      'relatedPartyExplanation',
    ]);
  });

  it('judges only a pass: a return or a rejection attests nothing', () => {
    const nothing: ReviewAttestations = {
      outcome: 'return',
      legalityChecked: false,
      complianceChecked: false,
      transactionAuthentic: false,
      collateralStatusChecked: false,
      relatedPartyAnomalies: true,
    };
    expect(reviewPassProblems(nothing, { secured: true })).toEqual([]);
    expect(reviewPassProblems({ ...nothing, outcome: 'reject' }, { secured: true })).toEqual([]);
  });

  it('requires the owner’s consent checked when the collateral is someone else’s', () => {
    const pass: ReviewAttestations = {
      outcome: 'pass',
      legalityChecked: true,
      complianceChecked: true,
      transactionAuthentic: true,
      collateralStatusChecked: true,
      relatedPartyAnomalies: false,
    };
    expect(reviewPassProblems(pass, { secured: true })).toEqual([]);
    expect(
      reviewPassProblems(pass, { secured: true, thirdPartyCollateral: true }).map((p) => p.field),
    ).toEqual(['ownerConsentChecked']);
    expect(
      reviewPassProblems(
        { ...pass, ownerConsentChecked: true },
        { secured: true, thirdPartyCollateral: true },
      ),
    ).toEqual([]);
  });
});
