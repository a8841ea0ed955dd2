import { DataSource, MoreThan } from 'typeorm';
import { AuditChainHeadEntity } from '@loanflow/persistence';
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
      // Specs running beside this one append to the same chain, so the row that followed the removed
      // one may be theirs: the break shows on whichever row of the chain now comes first after the gap.
      const [following] = await repository.find({
        where: { chain: middle.chain, id: MoreThan(middle.id) },
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

  it('puts each loan on one chain, spreads loans over the chains, and verifies appends made at once', async () => {
    const loans = Array.from({ length: 24 }, () => uniqueKey('L'));
    await Promise.all(
      loans.flatMap((loan) =>
        ['test.one', 'test.two'].map((action) =>
          trail.record({ actor, action, outcome: 'ok', loanKey: loan }),
        ),
      ),
    );
    const chainsOfLoans = await Promise.all(
      loans.map(async (loan) => new Set((await trail.forLoan(loan)).map((row) => row.chain))),
    );
    expect(chainsOfLoans.every((chains) => chains.size === 1)).toBe(true);
    expect(new Set(chainsOfLoans.flatMap((chains) => [...chains])).size).toBeGreaterThan(4);
    const heads = await dataSource.getRepository(AuditChainHeadEntity).count();
    await expect(trail.verify()).resolves.toMatchObject({ intact: true, chains: heads });
  });

  it("keeps a transaction that audits two loans on the first one's chain", async () => {
    const [first, second] = [uniqueKey('L'), uniqueKey('L')];
    await dataSource.transaction(async (manager) => {
      await trail.append(manager, { actor, action: 'test.pair', outcome: 'ok', loanKey: first });
      await trail.append(manager, { actor, action: 'test.pair', outcome: 'ok', loanKey: second });
    });
    const [[a], [b]] = await Promise.all([trail.forLoan(first), trail.forLoan(second)]);
    expect(b.chain).toBe(a.chain);
    expect(b.prevHash).toBe(a.hash);
    await expect(trail.verify()).resolves.toMatchObject({ intact: true });
  });

  it('notices a row moved to another chain or put on none', async () => {
    const loan = uniqueKey('L');
    for (const action of ['test.x', 'test.y'])
      await trail.record({ actor, action, outcome: 'ok', loanKey: loan });
    const [first, second] = await trail.forLoan(loan);
    const repository = dataSource.getRepository(AuditEntryEntity);
    const heads = await dataSource.getRepository(AuditChainHeadEntity).count();
    try {
      await repository.update({ id: first.id }, { chain: (first.chain + 1) % heads });
      const moved = await trail.verify();
      expect(moved).toMatchObject({ intact: false, problem: textContaining('link') });
      if (!moved.intact) expect([first.id, second.id]).toContain(moved.firstBrokenId);

      await repository.update({ id: first.id }, { chain: 200 });
      const stray = await trail.verify();
      expect(stray).toMatchObject({ intact: false });
      if (!stray.intact) expect([first.id, second.id]).toContain(stray.firstBrokenId);
      await repository.update({ id: second.id }, { chain: 201 });
      await expect(trail.verify()).resolves.toMatchObject({
        intact: false,
        chain: null,
        firstBrokenId: first.id,
        problem: textContaining('no chain'),
      });
    } finally {
      await repository.update({ id: first.id }, { chain: first.chain });
      await repository.update({ id: second.id }, { chain: second.chain });
    }
    await expect(trail.verify()).resolves.toMatchObject({ intact: true });
  });
});
