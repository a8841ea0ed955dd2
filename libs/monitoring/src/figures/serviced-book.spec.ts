import type { DataSource } from 'typeorm';
import { Money } from '@loanflow/domain';
import { scopeOfUnitPath } from './figures-scope';
import { ServicedBook } from './serviced-book';

/** A database that answers the book's four reads from canned rows, and records what was asked. */
function fakeDatabase(rows: {
  paidSince: number;
  book?: number;
  kept: object[];
  keptOverdue: object[];
  replayed?: object[];
}) {
  const asked: { read: string; params: unknown[] }[] = [];
  const dataSource = {
    query: async (sql: string, params: unknown[]) => {
      const read = sql.includes('COUNT(DISTINCT loan_id)')
        ? 'paid-since'
        : sql.startsWith('SELECT COUNT(*) AS loans FROM loan_position')
          ? 'book'
          : sql.includes('JSON_TABLE')
            ? 'replayed'
            : sql.includes('overdue_principal')
              ? 'kept-overdue'
              : 'kept';
      asked.push({ read, params });
      if (read === 'paid-since') return [{ paid: rows.paidSince }];
      if (read === 'book') return [{ loans: String(rows.book ?? 100) }];
      if (read === 'replayed') return rows.replayed ?? [];
      return read === 'kept-overdue' ? rows.keptOverdue : rows.kept;
    },
  } as unknown as DataSource;
  return { dataSource, asked };
}

const yuan = (money: Money) => money.toDecimalString();

describe('ServicedBook', () => {
  const headOffice = scopeOfUnitPath(null);

  it('reads today from the kept positions alone, folding dates not yet due into "nothing overdue"', async () => {
    const { dataSource, asked } = fakeDatabase({
      paidSince: 0,
      kept: [
        { classification: 'normal', first_unpaid: '2026-07-10', loans: '2', outstanding: '300000' },
        { classification: 'normal', first_unpaid: '2026-06-30', loans: '1', outstanding: '100000' },
        { classification: 'normal', first_unpaid: null, loans: '1', outstanding: '0' },
        {
          classification: 'substandard',
          first_unpaid: '2026-03-01',
          loans: '1',
          outstanding: '50000',
        },
      ],
      keptOverdue: [
        { classification: 'substandard', first_overdue: '2026-03-01', overdue_principal: '20000' },
      ],
    });

    const groups = await new ServicedBook(dataSource).groups(headOffice, '2026-06-30');

    expect(asked.map((a) => a.read).sort()).toEqual(['kept', 'kept-overdue', 'paid-since']);
    expect(
      groups.map((g) => [
        g.classification,
        g.firstOverdueDueDate,
        g.loans,
        yuan(g.outstandingPrincipal),
        yuan(g.overduePrincipal),
      ]),
    ).toEqual([
      // Due on the day asked is not overdue; nothing owed at all is not overdue either.
      ['normal', null, 4, '4000.00', '0.00'],
      ['substandard', '2026-03-01', 1, '500.00', '200.00'],
    ]);
  });

  it('replays the loans paid since a past day and adds them to the kept ones of the same group', async () => {
    const { dataSource, asked } = fakeDatabase({
      paidSince: 2,
      kept: [
        {
          classification: 'special-mention',
          first_unpaid: '2026-05-20',
          loans: '1',
          outstanding: '80000',
        },
      ],
      keptOverdue: [
        {
          classification: 'special-mention',
          first_overdue: '2026-05-20',
          overdue_principal: '40000',
        },
      ],
      replayed: [
        {
          classification: 'special-mention',
          first_overdue: '2026-05-20',
          loans: '2',
          outstanding: '150000',
          overdue_principal: '70000',
        },
      ],
    });

    const groups = await new ServicedBook(dataSource).groups(headOffice, '2026-06-30');

    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ classification: 'special-mention', loans: 3 });
    expect(yuan(groups[0].outstandingPrincipal)).toBe('2300.00');
    expect(yuan(groups[0].overduePrincipal)).toBe('1100.00');
    // The kept reads leave out the loans paid since the end of the day asked (Beijing).
    const dayEnd = new Date('2026-06-30T16:00:00.000Z');
    for (const read of asked.filter((a) => a.read.startsWith('kept')))
      expect(read.params).toContainEqual(dayEnd);
    expect(asked.find((a) => a.read === 'replayed')?.params).toContainEqual(dayEnd);
  });

  it('replays every loan in one pass when most of the book was paid since the day asked', async () => {
    const replayed = [
      { classification: 'normal', first_overdue: null, loans: '3', outstanding: '300000' },
    ];
    const { dataSource, asked } = fakeDatabase({
      paidSince: 26,
      book: 100,
      kept: [],
      keptOverdue: [],
      replayed,
    });

    const groups = await new ServicedBook(dataSource).groups(headOffice, '2026-06-30');

    expect(asked.map((a) => a.read)).toEqual(['paid-since', 'book', 'replayed']);
    expect(groups.map((g) => [g.loans, yuan(g.outstandingPrincipal)])).toEqual([[3, '3000.00']]);
  });

  it('refuses an amount that is not whole fen', async () => {
    const { dataSource } = fakeDatabase({
      paidSince: 0,
      kept: [{ classification: 'normal', first_unpaid: null, loans: '1', outstanding: '12.5' }],
      keptOverdue: [],
    });
    await expect(new ServicedBook(dataSource).groups(headOffice, '2026-06-30')).rejects.toThrow(
      /integer amount in minor units/,
    );
  });
});

describe('scopeOfUnitPath', () => {
  it('scopes head office to everything and a branch to its subtree, its path matched literally', () => {
    expect(scopeOfUnitPath(null)).toEqual({ join: '', where: '', params: [], pathPattern: null });
    expect(scopeOfUnitPath('/HO/BR_1%/').params).toEqual(['/HO/BR\\_1\\%/%']);
  });
});
