import { DataSource, MoreThan } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { loadConfig } from '@loanflow/config';
import { AuditEntryEntity, buildDataSourceOptions } from '@loanflow/persistence';
import { uniqueKey } from '../support';
import { textContaining } from '../support/expected-text';

describe('the audit chain on the real database', () => {
  let dataSource: DataSource;
  let trail: AuditTrail;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    trail = new AuditTrail(dataSource);
  });

  afterAll(() => dataSource.destroy());

  const actor = { username: 'jiang.audit', roles: ['auditor'], orgUnitCode: 'HO' };

  it('links every row to the one before and verifies', async () => {
    const loan = uniqueKey('L');
    await trail.record({
      actor,
      action: 'test.first',
      outcome: 'ok',
      loanKey: loan,
      inputs: { n: 1 },
    });
    await trail.record({
      actor,
      action: 'test.second',
      outcome: 'refused',
      loanKey: loan,
      reason: 'because',
    });
    const [first, second] = await trail.forLoan(loan);
    expect(second.prevHash).not.toBe(first.prevHash);
    expect(first.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
    await expect(trail.verify()).resolves.toMatchObject({ intact: true });
  });

  it('names the first row altered in the database, and is whole again once it is put back', async () => {
    const loan = uniqueKey('L');
    await trail.record({
      actor,
      action: 'test.decision',
      outcome: 'ok',
      loanKey: loan,
      reason: 'approved 300000.00',
    });
    const [row] = await trail.forLoan(loan);
    const repository = dataSource.getRepository(AuditEntryEntity);

    await repository.update({ id: row.id }, { reason: 'approved 3000000.00' });
    const verdict = await trail.verify();
    expect(verdict).toMatchObject({
      intact: false,
      firstBrokenId: row.id,
      problem: textContaining('altered'),
    });

    await repository.update({ id: row.id }, { reason: 'approved 300000.00' });
    await expect(trail.verify()).resolves.toMatchObject({ intact: true });
  });

  it('notices a removed row', async () => {
    const loan = uniqueKey('L');
    for (const action of ['test.a', 'test.b', 'test.c'])
      await trail.record({ actor, action, outcome: 'ok', loanKey: loan });
    const [, middle] = await trail.forLoan(loan);
    const copy = { ...middle };
    const repository = dataSource.getRepository(AuditEntryEntity);
    await repository.delete({ id: middle.id });
    try {
      // Specs running beside this one append to the same trail, so the row that followed the removed
      // one may be theirs: the break shows on whichever row now comes first after the gap.
      const [following] = await repository.find({
        where: { id: MoreThan(middle.id) },
        order: { id: 'ASC' },
        take: 1,
      });
      const verdict = await trail.verify();
      expect(verdict).toMatchObject({
        intact: false,
        firstBrokenId: following.id,
        problem: textContaining('removed'),
      });
    } finally {
      await dataSource.getRepository(AuditEntryEntity).insert(copy);
    }
    await expect(trail.verify()).resolves.toMatchObject({ intact: true });
  });
});
