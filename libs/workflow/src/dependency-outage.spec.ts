import { outageOf } from './dependency-outage';

const error = (props: object, name = 'Error') =>
  Object.assign(Object.assign(new Error('x'), { name }), props);

describe('which dependency an error says is away', () => {
  it('reads the database from the MySQL driver, bare or wrapped by TypeORM', () => {
    expect(outageOf(error({ code: 'ECONNREFUSED', fatal: true }))).toBe('database');
    expect(
      outageOf(
        error(
          { driverError: error({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }) },
          'QueryFailedError',
        ),
      ),
    ).toBe('database');
    expect(outageOf(error({ code: 'ER_CON_COUNT_ERROR' }))).toBe('database');
  });

  it('counts a transaction rolled back over locks as passing (it succeeds when tried again)', () => {
    for (const code of ['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'])
      expect(outageOf(error({ driverError: error({ code }) }, 'QueryFailedError'))).toBe(
        'database',
      );
  });

  it('reads Redis from ioredis and the broker from the gateway’s gRPC status', () => {
    expect(outageOf(error({}, 'MaxRetriesPerRequestError'))).toBe('redis');
    expect(outageOf(new Error('Connection is closed.'))).toBe('redis');
    expect(outageOf(error({ code: 14, details: 'No connection established' }))).toBe('broker');
    expect(outageOf(error({ cause: error({ code: 4, details: 'deadline' }) }))).toBe('broker');
  });

  it('says nothing of other failures', () => {
    expect(outageOf(new Error('a bug'))).toBeNull();
    expect(outageOf(error({ code: 'ECONNREFUSED' }))).toBeNull(); // some other socket
    expect(outageOf(error({ code: 'ER_DUP_ENTRY', fatal: false }))).toBeNull();
    expect(outageOf(error({ code: 3, details: 'invalid argument' }))).toBeNull();
    expect(outageOf('text')).toBeNull();
    expect(outageOf(null)).toBeNull();
  });
});
