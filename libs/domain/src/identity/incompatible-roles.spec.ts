import {
  assertCompatibleRoles,
  BUSINESS_ROLES,
  incompatibleRolePairs,
  incompatibleRolesMarkdown,
  INCOMPATIBLE_ROLES,
} from './incompatible-roles';
import { ALL_ROLES, Role } from './roles';

describe('incompatible posts', () => {
  it('keeps the mortgage clerk apart from review, approval at every level and disbursement supervision', () => {
    for (const other of [
      'reviewer',
      'approver',
      'center-manager',
      'committee-member',
      'disbursement-supervisor',
    ] as const) {
      expect(incompatibleRolePairs(['mortgage-clerk', other])).toEqual([
        expect.objectContaining({ roles: ['mortgage-clerk', other] }),
      ]);
    }
    expect(() => assertCompatibleRoles(['reviewer', 'mortgage-clerk'])).toThrowDomainError(
      'INCOMPATIBLE_ROLES',
      {
        message:
          'one person may not hold both mortgage-clerk (抵押办证岗) and reviewer (审查岗): the mortgage clerk may not also hold the review, approval or disbursement supervision posts',
        details: {
          roles: ['mortgage-clerk', 'reviewer'],
          rule: 'the mortgage clerk may not also hold the review, approval or disbursement supervision posts',
        },
      },
    );
  });

  it('lets the mortgage clerk hold posts the seeds do not bar', () => {
    expect(incompatibleRolePairs(['mortgage-clerk', 'archive-officer'])).toEqual([]);
    expect(incompatibleRolePairs(['mortgage-clerk', 'customer-manager'])).toEqual([]);
  });

  it('allows every combination the demo bank staffs', () => {
    const demo: Role[][] = [
      ['customer-manager'],
      ['customer-manager', 'reviewer'],
      ['reviewer'],
      ['approver'],
      ['center-manager', 'approver'],
      ['committee-member', 'approver'],
      ['mortgage-clerk'],
      ['disbursement-supervisor'],
      ['post-loan-officer'],
      ['collection-officer'],
      ['legal-officer'],
      ['risk-manager'],
      ['archive-officer'],
      ['auditor'],
      ['process-designer'],
      ['admin'],
    ];
    for (const roles of demo) expect(() => assertCompatibleRoles(roles)).not.toThrow();
  });

  it('keeps the technical roles apart from every business post, but not from each other', () => {
    for (const technical of ['admin', 'process-designer'] as const) {
      for (const business of BUSINESS_ROLES) {
        expect(incompatibleRolePairs([technical, business])).toHaveLength(1);
      }
    }
    expect(incompatibleRolePairs(['admin', 'process-designer'])).toEqual([]);
    expect(BUSINESS_ROLES).not.toContain('admin');
    expect(BUSINESS_ROLES).toContain('auditor');
  });

  it('keeps the auditor apart from every other business post', () => {
    for (const other of BUSINESS_ROLES.filter((r) => r !== 'auditor'))
      expect(incompatibleRolePairs(['auditor', other])).toEqual([
        expect.objectContaining({ roles: ['auditor', other] }),
      ]);
  });

  it('returns every problem, each pair once, and names the count in the refusal', () => {
    const pairs = incompatibleRolePairs(['mortgage-clerk', 'reviewer', 'approver', 'admin']);
    expect(pairs.map((p) => p.roles)).toEqual([
      ['mortgage-clerk', 'reviewer'],
      ['mortgage-clerk', 'approver'],
      ['admin', 'reviewer'],
      ['admin', 'approver'],
      ['admin', 'mortgage-clerk'],
    ]);
    expect(() =>
      assertCompatibleRoles(['mortgage-clerk', 'reviewer', 'approver', 'admin']),
    ).toThrowDomainError('INCOMPATIBLE_ROLES', { message: /and 4 more/ });
  });

  it('ignores a role given twice', () => {
    expect(incompatibleRolePairs(['reviewer', 'reviewer'])).toEqual([]);
  });

  it('names only real roles and cites a source for each row', () => {
    for (const row of INCOMPATIBLE_ROLES) {
      expect(ALL_ROLES).toContain(row.role);
      for (const other of row.conflictsWith) expect(ALL_ROLES).toContain(other);
      expect(row.source).toMatch(/seed 001|bank policy/);
    }
  });

  it('renders as a Markdown table', () => {
    const lines = incompatibleRolesMarkdown().split('\n');
    expect(lines).toHaveLength(INCOMPATIBLE_ROLES.length + 2);
    expect(lines[2]).toContain('本岗位不得同时兼任贷款审查岗、贷款审批岗和放款监督岗。');
  });
});
