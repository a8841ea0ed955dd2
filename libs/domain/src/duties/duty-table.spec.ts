import {
  conflictsOf,
  DUTIES,
  DUTY_NAMES,
  incompatibleDutiesMarkdown,
  INCOMPATIBLE_DUTIES,
  isDuty,
} from './duty-table';

describe('the table of incompatible duties', () => {
  const pairs = INCOMPATIBLE_DUTIES.map((r) => [r.duty, r.conflictingDuty].sort().join(' / '));

  it('holds each pair once', () => {
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('gives every row a rule, Chinese source words and where they come from', () => {
    for (const row of INCOMPATIBLE_DUTIES) {
      expect(row.rule.length).toBeGreaterThan(20);
      expect(row.sourceZh).toMatch(/[\u4e00-\u9fff]/);
      expect(row.source).toMatch(/seed 00\d/);
    }
  });

  it('names every duty', () => {
    for (const duty of DUTIES) expect(DUTY_NAMES[duty]).toMatch(/\(.+\)$/);
    expect(isDuty('write-off-approval')).toBe(true);
    expect(isDuty('write-off-proposal')).toBe(false);
  });

  it('holds the pairs the bank enforces', () => {
    for (const pair of [
      'approval / approval',
      'investigation / review',
      'approval / investigation',
      'approval / review',
      'mortgage-registration / review',
      'approval / mortgage-registration',
      'disbursement-check / mortgage-registration',
      'disbursement-check / investigation',
      'disbursement-check / review',
      'approval / disbursement-check',
      'investigation / write-off-approval',
      'review / write-off-approval',
      'approval / write-off-approval',
      'restructuring-request / restructuring-review',
      'restructuring-approval / restructuring-request',
      'restructuring-approval / restructuring-review',
      'classification-upgrade-approval / classification-upgrade-proposal',
      'repayment-confirmation / repayment-recording',
    ])
      expect(pairs).toContain(pair);
  });

  it('keeps the accountability decision apart from every other duty on the loan', () => {
    const others = conflictsOf('accountability-decision').map((c) => c.conflictingDuty);
    expect(new Set(others)).toEqual(new Set(DUTIES.filter((d) => d !== 'accountability-decision')));
  });

  it('scopes the pairs within one request to the same ref, and origination to the loan', () => {
    const scopeOf = (a: string, b: string) =>
      INCOMPATIBLE_DUTIES.find(
        (r) =>
          (r.duty === a && r.conflictingDuty === b) || (r.duty === b && r.conflictingDuty === a),
      )?.scope;
    expect(scopeOf('restructuring-request', 'restructuring-review')).toBe('same-ref');
    expect(scopeOf('classification-upgrade-proposal', 'classification-upgrade-approval')).toBe(
      'same-ref',
    );
    expect(scopeOf('repayment-recording', 'repayment-confirmation')).toBe('same-ref');
    expect(scopeOf('investigation', 'review')).toBe('loan');
    expect(scopeOf('approval', 'write-off-approval')).toBe('loan');
  });

  it('quotes the seed on the mortgage clerk word for word', () => {
    const row = INCOMPATIBLE_DUTIES.find((r) => r.duty === 'mortgage-registration');
    expect(row?.sourceZh).toBe('本岗位不得同时兼任贷款审查岗、贷款审批岗和放款监督岗。');
  });

  it('finds the conflicts of a duty in both directions', () => {
    expect(conflictsOf('review').map((c) => c.conflictingDuty)).toEqual([
      'investigation',
      'approval',
      'mortgage-registration',
      'disbursement-check',
      'write-off-approval',
      'write-off-review',
      'accountability-decision',
    ]);
  });

  it('renders as a Markdown table, one line per pair and the dossier rule last', () => {
    const lines = incompatibleDutiesMarkdown().split('\n');
    expect(lines[0]).toBe(
      '| duty | may not also be done by the same person | within | rule | 原文 | source |',
    );
    expect(lines).toHaveLength(INCOMPATIBLE_DUTIES.length + 3);
    expect(lines[2]).toContain('| approval (贷款审批) | approval (贷款审批) | the same loan |');
    expect(lines[lines.length - 1]).toContain('named in the accountability dossier');
    for (const line of lines) expect(line.split(/(?<!\\)\|/)).toHaveLength(8);
  });
});
