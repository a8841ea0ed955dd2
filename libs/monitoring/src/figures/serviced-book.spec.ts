import type { DataSource } from 'typeorm';
import { Money } from '@loanflow/domain';
import { scopeOfUnitPath } from './figures-scope';
import { ServicedBook } from './serviced-book';

type Part = 'kept' | 'overdue' | 'replayed';
interface Row {
  part: Part;
  classification: string;
  first_date: string | null;
  loans?: string | null;
  outstanding?: string | null;
  overdue_principal?: string | null;
}

/**
 * A database that answers the book's reads from canned rows, and records what was asked: the count
 * of loans paid since the day, the count of the book, and one statement of UNION ALL parts, which
 * returns the canned rows of the parts it names.
 */
function fakeDatabase(canned: { paidSince: number; book?: number; rows: Row[] }) {
  const asked: { read: string; parts: Part[]; params: unknown[] }[] = [];
  const dataSource = {
    query: async (sql: string, params: unknown[] = []) => {
      if (sql.includes('COUNT(DISTINCT loan_id)')) {
        asked.push({ read: 'paid-since', parts: [], params });
        return [{ paid: canned.paidSince }];
      }
      if (sql.startsWith('SELECT COUNT(*) AS loans FROM loan_position')) {
        asked.push({ read: 'book', parts: [], params });
        return [{ loans: String(canned.book ?? 100) }];
      }
      const parts = (['kept', 'overdue', 'replayed'] as const).filter((part) =>
        sql.includes(`'${part}' AS part`),
      );
      asked.push({ read: 'book-parts', parts, params });
      return canned.rows.filter((row) => parts.includes(row.part));
    },
  } as unknown as DataSource;
  return { dataSource, asked };
}

const yuan = (money: Money) => money.toDecimalString();
const table = (groups: Awaited<ReturnType<ServicedBook['groups']>>) =>
  groups.map((g) => [
    g.classification,
    g.firstOverdueDueDate,
    g.loans,
    yuan(g.outstandingPrincipal),
    yuan(g.overduePrincipal),
  ]);

describe('ServicedBook', () => {
  const headOffice = scopeOfUnitPath(null);
  const dayEnd = new Date('2026-06-30T16:00:00.000Z'); // the end of 2026-06-30 in Beijing

  it('reads the kept positions and the loans paid since in one statement, folding dates not yet due into "nothing overdue"', async () => {
    const { dataSource, asked } = fakeDatabase({
      paidSince: 0,
      rows: [
        {
          part: 'kept',
          classification: 'normal',
          first_date: '2026-07-10',
          loans: '2',
          outstanding: '300000',
        },
        {
          part: 'kept',
          classification: 'normal',
          first_date: '2026-06-30',
          loans: '1',
          outstanding: '100000',
        },
        { part: 'kept', classification: 'normal', first_date: null, loans: '1', outstanding: '0' },
        {
          part: 'kept',
          classification: 'substandard',
          first_date: '2026-03-01',
          loans: '1',
          outstanding: '50000',
        },
        {
          part: 'overdue',
          classification: 'substandard',
          first_date: '2026-03-01',
          overdue_principal: '20000',
        },
      ],
    });

    const groups = await new ServicedBook(dataSource).groups(headOffice, '2026-06-30');

    // Nothing paid since: the book's size is not even asked.
    expect(asked.map((a) => a.read)).toEqual(['paid-since', 'book-parts']);
    expect(asked[1].parts).toEqual(['kept', 'overdue', 'replayed']);
    expect(asked[0].params).toEqual([dayEnd]);
    expect(table(groups)).toEqual([
      // Due on the day asked is not overdue; nothing owed at all is not overdue either.
      ['normal', null, 4, '4000.00', '0.00'],
      ['substandard', '2026-03-01', 1, '500.00', '200.00'],
    ]);
  });

  it('adds the loans paid since a past day to the kept ones of the same group', async () => {
    const { dataSource, asked } = fakeDatabase({
      paidSince: 2,
      book: 100,
      rows: [
        {
          part: 'kept',
          classification: 'special-mention',
          first_date: '2026-05-20',
          loans: '1',
          outstanding: '80000',
        },
        {
          part: 'overdue',
          classification: 'special-mention',
          first_date: '2026-05-20',
          overdue_principal: '40000',
        },
        {
          part: 'replayed',
          classification: 'special-mention',
          first_date: '2026-05-20',
          loans: '2',
          outstanding: '150000',
          overdue_principal: '70000',
        },
      ],
    });

    const groups = await new ServicedBook(dataSource).groups(headOffice, '2026-06-30');

    expect(asked.map((a) => a.read)).toEqual(['paid-since', 'book', 'book-parts']);
    expect(table(groups)).toEqual([['special-mention', '2026-05-20', 3, '2300.00', '1100.00']]);
    // Every part is cut at the end of the day asked, in Beijing.
    expect(asked[2].params.filter((p) => p instanceof Date)).toEqual([
      dayEnd,
      dayEnd,
      dayEnd,
      dayEnd,
    ]);
  });

  it('replays every loan in one pass when more than a quarter of the book was paid since the day asked', async () => {
    const { dataSource, asked } = fakeDatabase({
      paidSince: 26,
      book: 100,
      rows: [
        { part: 'kept', classification: 'normal', first_date: null, loans: '90', outstanding: '1' },
        {
          part: 'replayed',
          classification: 'normal',
          first_date: null,
          loans: '3',
          outstanding: '300000',
        },
      ],
    });

    const groups = await new ServicedBook(dataSource).groups(headOffice, '2026-06-30');

    expect(asked.map((a) => a.read)).toEqual(['paid-since', 'book', 'book-parts']);
    expect(asked[2].parts).toEqual(['replayed']);
    expect(table(groups)).toEqual([['normal', null, 3, '3000.00', '0.00']]);
  });

  it('refuses an amount that is not whole fen', async () => {
    const { dataSource } = fakeDatabase({
      paidSince: 0,
      rows: [
        {
          part: 'kept',
          classification: 'normal',
          first_date: null,
          loans: '1',
          outstanding: '12.5',
        },
      ],
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
