import { DomainError } from '@loanflow/domain';
import { NonRetryableJobError, RecordPendingError } from './job-errors';
import { backoffFor, outcomeOfError, outcomeOfResult } from './job-outcome';
import { textContaining, textMatching } from '@loanflow/test-support/expected-text';

const backoff = { initialMs: 1000, maxMs: 5000 };

describe('outcomeOfResult', () => {
  it('completes with the declared variables', () => {
    expect(outcomeOfResult('loan.disburse', { disbursementId: 'D1' }, ['disbursementId'])).toEqual({
      kind: 'completed',
      variables: { disbursementId: 'D1' },
    });
  });

  it('completes with no variables when the handler returns nothing', () => {
    expect(outcomeOfResult('loan.notify', undefined, [])).toEqual({
      kind: 'completed',
      variables: {},
    });
  });

  it('refuses undeclared variables as a contract breach, straight to an incident', () => {
    const outcome = outcomeOfResult('loan.disburse', { disbursementId: 'D1', secret: 1 }, [
      'disbursementId',
    ]);
    expect(outcome).toEqual({
      kind: 'failed',
      message:
        'Worker contract breach in loan.disburse: its handler wrote undeclared variables secret',
      retries: 0,
      backoffMs: 0,
    });
  });

  it('refuses a non-object result', () => {
    expect(outcomeOfResult('loan.disburse', [1], [])).toMatchObject({ kind: 'failed', retries: 0 });
    expect(outcomeOfResult('loan.disburse', 'ok', [])).toMatchObject({
      message: textContaining('string'),
    });
  });
});

describe('outcomeOfError', () => {
  it('maps a DomainError to the BPMN error of the same code, with its details as variables', () => {
    const error = new DomainError('APPLICANT_ON_WARNING_LIST', 'on the credit warning list', {
      listedSince: '2026-01-02',
    });
    expect(outcomeOfError(error, 3, backoff)).toEqual({
      kind: 'bpmn_error',
      code: 'APPLICANT_ON_WARNING_LIST',
      message: 'on the credit warning list',
      variables: { listedSince: '2026-01-02' },
    });
  });

  it('retries an infrastructure error with growing backoff and one retry fewer', () => {
    const error = new Error('connect ECONNREFUSED');
    expect(outcomeOfError(error, 3, backoff)).toEqual({
      kind: 'failed',
      message: 'Error: connect ECONNREFUSED',
      retries: 2,
      backoffMs: 1000,
    });
    expect(outcomeOfError(error, 2, backoff)).toMatchObject({ retries: 1, backoffMs: 2000 });
    expect(outcomeOfError(error, 1, backoff)).toMatchObject({ retries: 0, backoffMs: 0 });
  });

  it('keeps the retries while a dependency is away, whatever the retries left', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), {
      code: 'ECONNREFUSED',
      fatal: true,
    });
    const lost = Object.assign(new Error('Query failed'), {
      name: 'QueryFailedError',
      driverError: { code: 'PROTOCOL_CONNECTION_LOST', fatal: true },
    });
    const redisDown = Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    });
    for (const [error, what] of [
      [refused, 'database'],
      [lost, 'database'],
      [redisDown, 'redis'],
    ] as const) {
      expect(outcomeOfError(error, 1, backoff)).toEqual({
        kind: 'failed',
        message: textMatching(new RegExp(`^${what} unavailable \\(retries kept\\): `)),
        retries: 1,
        backoffMs: 5000,
      });
      expect(outcomeOfError(error, 4, backoff)).toMatchObject({ retries: 4 });
    }
    // A socket error that is not a database's (no driver fields) is an ordinary failure.
    expect(outcomeOfError(new Error('connect ECONNREFUSED'), 1, backoff)).toMatchObject({
      retries: 0,
    });
  });

  it('keeps the retries while a record the job needs waits for its completion to commit', () => {
    const pending = new RecordPendingError('loan L1: the investigation is being recorded');
    expect(outcomeOfError(pending, 1, backoff)).toEqual({
      kind: 'failed',
      message: 'RecordPendingError: loan L1: the investigation is being recorded',
      retries: 1,
      backoffMs: 2000,
    });
    expect(outcomeOfError(pending, 5, backoff)).toMatchObject({ retries: 5 });
  });

  it('sends a non-retryable error to an incident at once', () => {
    expect(outcomeOfError(new NonRetryableJobError('account closed'), 3, backoff)).toEqual({
      kind: 'failed',
      message: 'NonRetryableJobError: account closed',
      retries: 0,
      backoffMs: 0,
    });
  });

  it('treats a DomainError with a malformed code as a failure, not a BPMN error', () => {
    expect(outcomeOfError(new DomainError('bad code', 'x'), 3, backoff)).toMatchObject({
      kind: 'failed',
    });
  });

  it('describes thrown non-errors', () => {
    expect(outcomeOfError('boom', 3, backoff)).toMatchObject({ message: 'non-error thrown: boom' });
  });
});

describe('backoffFor', () => {
  it('doubles per attempt and caps at the maximum', () => {
    expect([3, 2, 1, 0, -4].map((left) => backoffFor(left, backoff))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
