import { DataSource } from 'typeorm';
import { BALANCE_SLOTS, postTransaction } from '@loanflow/adapters';
import { loadConfig } from '@loanflow/config';
import { Money, spreadOver } from '@loanflow/domain';
import { buildDataSourceOptions, LedgerBalanceSlotEntity } from '@loanflow/persistence';
import { verifyLedger } from '@loanflow/servicing';
import { uniqueKey } from '../support';

/**
 * A bank-wide account's balance is kept in slots, one moved per posting by the loan's slot: two
 * payments on different loans post to it at once without one waiting for the other's commit, and
 * the ledger check still finds every account's balance equal to its entries.
 */
describe('bank-wide ledger accounts on the real database', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
  });

  afterAll(() => dataSource.destroy());

  const bankWide = () => ({
    code: uniqueKey('CLR:T').slice(0, 40),
    name: 'Test clearing',
    kind: 'clearing' as const,
  });
  const loanAccount = (loanId: string) => ({
    code: `SUSP:${loanId}`,
    name: `Suspense ${loanId}`,
    kind: 'customer' as const,
  });
  const pay = (loanId: string, clearing: ReturnType<typeof bankWide>, amount: string) => [
    { account: clearing, side: 'debit' as const, amount: Money.parse(amount) },
    { account: loanAccount(loanId), side: 'credit' as const, amount: Money.parse(amount) },
  ];
  /** Two loan ids whose postings move different slots of a bank-wide account. */
  const loansInTwoSlots = (): [string, string] => {
    const first = uniqueKey('LNS');
    let second = uniqueKey('LNS');
    while (spreadOver(second, BALANCE_SLOTS) === spreadOver(first, BALANCE_SLOTS))
      second = uniqueKey('LNS');
    return [first, second];
  };
  const problemsOf = async (codes: string[]) =>
    (await verifyLedger(dataSource)).problems.filter((p) => codes.includes(p.subject));

  it('lets a posting on another loan through while a payment holds its transaction open', async () => {
    const clearing = bankWide();
    const [held, other] = loansInTwoSlots();
    await dataSource.transaction((manager) =>
      postTransaction(
        manager,
        { txnId: uniqueKey('T'), loanId: held, memo: 'opens' },
        pay(held, clearing, '1.00'),
      ),
    );
    const open = dataSource.createQueryRunner();
    const next = dataSource.createQueryRunner();
    await Promise.all([open.connect(), next.connect()]);
    try {
      await open.startTransaction();
      await postTransaction(
        open.manager,
        { txnId: uniqueKey('T'), loanId: held, memo: 'held open' },
        pay(held, clearing, '10.00'),
      );
      // Had the account's row been locked, this would wait the full second and fail.
      await next.query('SET SESSION innodb_lock_wait_timeout = 1');
      await next.startTransaction();
      await postTransaction(
        next.manager,
        { txnId: uniqueKey('T'), loanId: other, memo: 'meanwhile' },
        pay(other, clearing, '20.00'),
      );
      await next.commitTransaction();
      await open.commitTransaction();
    } finally {
      await Promise.all([open.release(), next.release()]);
    }
    const slots = await dataSource
      .getRepository(LedgerBalanceSlotEntity)
      .find({ where: { accountCode: clearing.code }, order: { slot: 'ASC' } });
    expect(slots.map((slot) => [slot.slot, slot.balanceMinor]).sort()).toEqual(
      [
        [spreadOver(held, BALANCE_SLOTS), '1100'],
        [spreadOver(other, BALANCE_SLOTS), '2000'],
      ].sort(),
    );
    expect(await problemsOf([clearing.code, `SUSP:${held}`, `SUSP:${other}`])).toEqual([]);
  });

  it('keeps the balance exact under many postings at once, and the ledger check names an altered slot', async () => {
    const clearing = bankWide();
    const loans = Array.from({ length: 24 }, () => uniqueKey('LNS'));
    await Promise.all(
      loans.flatMap((loanId) =>
        ['3.33', '0.01', '100.00'].map((amount) =>
          dataSource.transaction((manager) =>
            postTransaction(
              manager,
              { txnId: uniqueKey('T'), loanId, memo: 'at once' },
              pay(loanId, clearing, amount),
            ),
          ),
        ),
      ),
    );
    const [{ total, slots }] = await dataSource.query<{ total: string; slots: string }[]>(
      `SELECT CAST(SUM(balance_minor) AS CHAR) AS total, COUNT(*) AS slots
         FROM ledger_balance_slot WHERE account_code = ?`,
      [clearing.code],
    );
    expect(total).toBe(String(24 * 10334));
    expect(Number(slots)).toBeGreaterThan(4);
    expect(await problemsOf([clearing.code])).toEqual([]);

    const repository = dataSource.getRepository(LedgerBalanceSlotEntity);
    const [slot] = await repository.find({ where: { accountCode: clearing.code }, take: 1 });
    await repository.update({ accountCode: clearing.code, slot: slot.slot }, { balanceMinor: '1' });
    try {
      expect(await problemsOf([clearing.code])).toEqual([
        expect.objectContaining({ check: 'account-balance', subject: clearing.code }),
      ]);
    } finally {
      await repository.update(
        { accountCode: clearing.code, slot: slot.slot },
        { balanceMinor: slot.balanceMinor },
      );
    }
    const stray = uniqueKey('CLR:NONE').slice(0, 40);
    await repository.insert({ accountCode: stray, slot: 0, balanceMinor: '500' });
    try {
      expect(await problemsOf([stray])).toEqual([
        expect.objectContaining({ check: 'account-balance', subject: stray }),
      ]);
    } finally {
      await repository.delete({ accountCode: stray });
    }
    expect(await problemsOf([clearing.code, stray])).toEqual([]);
  });

  it('opens a loan account on first use and moves it once for every posting, one entry each', async () => {
    const clearing = bankWide();
    const [loanId] = loansInTwoSlots();
    const advance = { code: `ADV:${loanId}`, name: `Advance ${loanId}`, kind: 'customer' as const };
    const txnId = uniqueKey('T');
    // The same new account twice in one transaction: taken from, then topped up.
    await dataSource.transaction((manager) =>
      postTransaction(manager, { txnId, loanId, memo: 'twice' }, [
        { account: clearing, side: 'debit', amount: Money.parse('7.50') },
        { account: advance, side: 'debit', amount: Money.parse('2.00') },
        { account: advance, side: 'credit', amount: Money.parse('9.25') },
        { account: loanAccount(loanId), side: 'credit', amount: Money.parse('0.25') },
      ]),
    );
    const balances = await dataSource.query<{ code: string; balance: string }[]>(
      `SELECT code, CAST(balance_minor AS CHAR) AS balance FROM ledger_account WHERE code IN (?, ?)
        ORDER BY code`,
      [advance.code, `SUSP:${loanId}`],
    );
    expect(balances).toEqual([
      { code: advance.code, balance: '-725' },
      { code: `SUSP:${loanId}`, balance: '-25' },
    ]);
    const entries = await dataSource.query<{ account: string; side: string; amount: string }[]>(
      `SELECT account_code AS account, side, CAST(amount_minor AS CHAR) AS amount
         FROM ledger_entry WHERE txn_id = ? ORDER BY id`,
      [txnId],
    );
    expect(entries).toEqual([
      { account: clearing.code, side: 'debit', amount: '750' },
      { account: advance.code, side: 'debit', amount: '200' },
      { account: advance.code, side: 'credit', amount: '925' },
      { account: `SUSP:${loanId}`, side: 'credit', amount: '25' },
    ]);
    // A second transaction moves the accounts now open; an unbalanced one writes nothing.
    await dataSource.transaction((manager) =>
      postTransaction(manager, { txnId: uniqueKey('T'), loanId, memo: 'again' }, [
        { account: advance, side: 'debit', amount: Money.parse('1.00') },
        { account: clearing, side: 'credit', amount: Money.parse('1.00') },
      ]),
    );
    const refused = uniqueKey('T');
    await expect(
      dataSource.transaction((manager) =>
        postTransaction(manager, { txnId: refused, loanId, memo: 'short' }, [
          { account: advance, side: 'debit', amount: Money.parse('1.00') },
        ]),
      ),
    ).rejects.toThrow(/does not balance/);
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      `SELECT CAST(COUNT(*) AS CHAR) AS n FROM ledger_entry WHERE txn_id = ?`,
      [refused],
    );
    expect(n).toBe('0');
    expect(await problemsOf([clearing.code, advance.code, `SUSP:${loanId}`])).toEqual([]);
  });
});
