import { isCandidate, parseCandidateGroup, Worker } from './candidates';

const paths: Record<string, string> = {
  HO: '/HO/',
  'BR-HZ': '/HO/BR-HZ/',
  'SB-HZ-XH': '/HO/BR-HZ/SB-HZ-XH/',
  'BR-NB': '/HO/BR-NB/',
};
const unitPathOf = (code: string) => paths[code];
const worker = (roles: Worker['roles'], orgPath: string, username = 'wang'): Worker => ({
  username,
  roles,
  orgPath,
});
const task = (
  candidateGroups: string[],
  extra: { candidateUsers?: string[]; assignee?: string | null } = {},
) => ({
  candidateGroups,
  candidateUsers: extra.candidateUsers ?? [],
  assignee: extra.assignee ?? null,
});

describe('candidate groups', () => {
  it('parses role and role:ORG', () => {
    expect(parseCandidateGroup('reviewer:BR-HZ')).toEqual({ role: 'reviewer', orgCode: 'BR-HZ' });
    expect(parseCandidateGroup('reviewer')).toEqual({ role: 'reviewer', orgCode: null });
  });

  it('reaches holders of the role in the task’s unit and the units above it', () => {
    const review = task(['reviewer:SB-HZ-XH']);
    expect(isCandidate(worker(['reviewer'], '/HO/BR-HZ/SB-HZ-XH/'), review, unitPathOf)).toBe(true);
    expect(isCandidate(worker(['reviewer'], '/HO/BR-HZ/'), review, unitPathOf)).toBe(true);
    expect(isCandidate(worker(['reviewer'], '/HO/'), review, unitPathOf)).toBe(true);
  });

  it('does not reach another branch or another role', () => {
    const review = task(['reviewer:BR-HZ']);
    expect(isCandidate(worker(['reviewer'], '/HO/BR-NB/'), review, unitPathOf)).toBe(false);
    expect(isCandidate(worker(['approver'], '/HO/BR-HZ/'), review, unitPathOf)).toBe(false);
    expect(isCandidate(worker(['reviewer'], '/HO/BR-HZ/SB-HZ-XH/'), review, unitPathOf)).toBe(
      false,
    );
  });

  it('reaches named candidate users and the assignee', () => {
    expect(
      isCandidate(worker([], '/HO/'), task([], { candidateUsers: ['wang'] }), unitPathOf),
    ).toBe(true);
    expect(
      isCandidate(worker([], '/HO/'), task(['reviewer:HO'], { assignee: 'wang' }), unitPathOf),
    ).toBe(true);
  });

  it('does not reach anyone through a group naming an unknown unit', () => {
    expect(isCandidate(worker(['reviewer'], '/HO/'), task(['reviewer:XX']), unitPathOf)).toBe(
      false,
    );
  });
});
