import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEFAULT_REFERENCE_RATES, Money } from '@loanflow/domain';
import type { DecisionFacts } from '../api/decision-facts';
import type { LoanSummary } from '../loan-summary';
import { APPROVAL_DECISION, ApprovalDecision } from './approval-decision.form';

const facts: DecisionFacts = {
  loanId: 'LN20261204-ABCDEF',
  applied: { amount: Money.parse('200000.00'), termMonths: 36 },
  recommended: { amount: null, termMonths: null, annualRate: null },
  secured: false,
  cover: null,
  thirdPartyCollateral: false,
  terms: { product: 'consumer', grade: 'A', referenceRates: DEFAULT_REFERENCE_RATES },
};
const at = (level: 'branch' | 'center' | 'committee'): LoanSummary => ({
  product: 'consumer',
  amount: '200000.00',
  termMonths: 36,
  branchCode: 'SB-HZ-XH',
  approval: { level, requiredLevel: 'branch' },
});
const referUp = {
  decision: 'refer-up' as const,
  amount: '200000.00',
  termMonths: 36,
  annualRate: '0.0435',
  reasons: '超出本人审批权限，报上级审批',
};
const invalidFields = (answer: object) =>
  validateSync(plainToInstance(ApprovalDecision, answer)).map((e) => e.property);

describe('approval decision: refer-up (报上级审批)', () => {
  it('carries the proposed terms as an approval does', () => {
    expect(invalidFields(referUp)).toEqual([]);
    expect(invalidFields({ decision: 'refer-up', reasons: 'above my authority' }).sort()).toEqual([
      'amount',
      'annualRate',
      'termMonths',
    ]);
    expect(invalidFields({ ...referUp, decision: 'escalate' })).toEqual(['decision']);
  });

  it('is no approval: no authority check, the model told refer-up, recorded with its proposal', () => {
    expect(APPROVAL_DECISION.authorityRequest!(referUp, at('branch'))).toBeNull();
    expect(APPROVAL_DECISION.toVariables(referUp, 'zhao.approver')).toMatchObject({
      approvalDecision: 'refer-up',
      approval: { decision: 'refer-up', amount: '200000.00', by: 'zhao.approver' },
    });
    expect(APPROVAL_DECISION.decision!(referUp, at('branch'))).toMatchObject({
      kind: 'approval',
      outcome: 'refer-up',
      level: 'branch',
      amount: '200000.00',
      counterOffer: false,
    });
    expect(APPROVAL_DECISION.summary(referUp, at('center'))).toBe(
      'referred up at center level to the next level, proposing 200000.00 for 36 months at 0.0435: 超出本人审批权限，报上级审批',
    );
  });

  it('holds the proposal to the bank’s bounds, and has no level above the committee', () => {
    expect(APPROVAL_DECISION.checkDecision!(referUp, facts, at('center'))).toEqual([]);
    expect(
      APPROVAL_DECISION.checkDecision!(referUp, facts, at('committee')).map((p) => p.field),
    ).toEqual(['decision']);
    expect(
      APPROVAL_DECISION.checkDecision!(
        { ...referUp, amount: '250000.00' },
        facts,
        at('branch'),
      ).map((p) => p.field),
    ).toEqual(['amount']);
  });
});
