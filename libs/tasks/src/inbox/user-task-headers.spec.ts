import { candidateKeys, parseUserTaskHeaders } from './user-task-headers';

describe('parseUserTaskHeaders', () => {
  it('reads the headers Zeebe writes for a user task', () => {
    expect(
      parseUserTaskHeaders({
        'io.camunda.zeebe:formKey': 'loanflow:review-opinion',
        'io.camunda.zeebe:candidateGroups': '["reviewer:BR-HZ","center-manager"]',
        'io.camunda.zeebe:candidateUsers': '["wang.reviewer"]',
        'io.camunda.zeebe:dueDate': '2026-11-26T17:00:00+08:00',
        'io.camunda.zeebe:followUpDate': '2026-11-25T09:00:00+08:00',
      }),
    ).toEqual({
      formKey: 'loanflow:review-opinion',
      assignee: null,
      candidateGroups: ['reviewer:BR-HZ', 'center-manager'],
      candidateUsers: ['wang.reviewer'],
      dueAt: new Date('2026-11-26T09:00:00Z'),
      followUpAt: new Date('2026-11-25T01:00:00Z'),
    });
  });

  it('takes an assignee and tolerates a plain comma list', () => {
    expect(
      parseUserTaskHeaders({
        'io.camunda.zeebe:assignee': 'li.cm',
        'io.camunda.zeebe:candidateGroups': 'reviewer, approver',
      }),
    ).toMatchObject({ assignee: 'li.cm', candidateGroups: ['reviewer', 'approver'] });
  });

  it('names a malformed header', () => {
    expect(() => parseUserTaskHeaders({ 'io.camunda.zeebe:dueDate': 'next friday' })).toThrow(
      'dueDate must be an ISO 8601 date-time, got next friday',
    );
    expect(() => parseUserTaskHeaders({ 'io.camunda.zeebe:candidateGroups': '[1,2]' })).toThrow(
      /candidateGroups must be a list of names/,
    );
  });
});

describe('candidateKeys', () => {
  it('prefixes groups and users and drops duplicates', () => {
    expect(
      candidateKeys({
        candidateGroups: ['reviewer:BR-HZ', 'reviewer:BR-HZ'],
        candidateUsers: ['wang'],
      }),
    ).toEqual(['g:reviewer:BR-HZ', 'u:wang']);
  });
});
