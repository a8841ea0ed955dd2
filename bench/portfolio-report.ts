import Decimal from 'decimal.js';
import { DataSource, In } from 'typeorm';
import { LOAN_CLASS_NAMES, LOAN_CLASSES, LoanClass, Money } from '@loanflow/domain';
import { CollectionEpisodeEntity, LoanEntity, UserTaskEntity } from '@loanflow/persistence';
import { positionOn } from '@loanflow/servicing';
import { forEachConcurrently } from './concurrency';

/** One loan at the end of the simulation, as the bank's records show it. */
export interface LoanAtEnd {
  loanId: string;
  status: string;
  classification: LoanClass;
  outstandingPrincipal: Money;
  overduePrincipal: Money;
  overdue: boolean;
}

export interface CollectionAtEnd {
  opened: number;
  cured: number;
  closed: number;
  open: number;
}

/** Each loan's position on `asOf` (Beijing date), read through servicing's own ledger reader. */
export async function readBook(
  dataSource: DataSource,
  loanIds: string[],
  asOf: string,
  concurrency: number,
): Promise<LoanAtEnd[]> {
  const rows = await dataSource.getRepository(LoanEntity).findBy({ id: In(loanIds) });
  const book: LoanAtEnd[] = [];
  await forEachConcurrently(rows, concurrency, async (loan) => {
    const position = await positionOn(dataSource.manager, loan.id, asOf);
    book.push({
      loanId: loan.id,
      status: loan.status,
      classification: loan.classification as LoanClass,
      outstandingPrincipal: position.outstandingPrincipal,
      overduePrincipal: position.overduePrincipal,
      overdue: position.overdueInstallments.length > 0,
    });
  });
  return book;
}

export async function readCollection(
  dataSource: DataSource,
  loanIds: string[],
): Promise<CollectionAtEnd> {
  const episodes = await dataSource
    .getRepository(CollectionEpisodeEntity)
    .findBy({ loanId: In(loanIds) });
  const inState = (state: string) => episodes.filter((episode) => episode.state === state).length;
  return {
    opened: episodes.length,
    cured: inState('cured'),
    closed: inState('closed'),
    open: inState('open'),
  };
}

/** The book's open tasks in the inbox (collection, inspections, archiving...), by form. */
export async function readOpenTasks(
  dataSource: DataSource,
  loanIds: string[],
): Promise<Map<string, number>> {
  const tasks = await dataSource.getRepository(UserTaskEntity).find({
    select: { formKey: true },
    where: { state: 'open', businessKey: In(loanIds) },
  });
  const byForm = new Map<string, number>();
  for (const task of tasks) byForm.set(task.formKey, (byForm.get(task.formKey) ?? 0) + 1);
  return byForm;
}

/** The five-level classification of the book: loans and outstanding principal per level. */
export function classificationTable(book: LoanAtEnd[]): string[] {
  const total = sum(book.map((loan) => loan.outstandingPrincipal));
  const lines = [
    `  ${'level'.padEnd(22)} ${'loans'.padStart(6)} ${'share'.padStart(8)} ${'outstanding principal'.padStart(24)} ${'share'.padStart(8)}`,
  ];
  for (const level of LOAN_CLASSES) {
    const loans = book.filter((loan) => loan.classification === level);
    const balance = sum(loans.map((loan) => loan.outstandingPrincipal));
    lines.push(
      `  ${`${level} ${LOAN_CLASS_NAMES[level]}`.padEnd(22)} ${String(loans.length).padStart(6)} ${percent(loans.length, book.length).padStart(8)} ${yuan(balance).padStart(24)} ${percentOf(balance, total).padStart(8)}`,
    );
  }
  return lines;
}

export function sum(amounts: Money[]): Money {
  return amounts.reduce((total, amount) => total.plus(amount), Money.zero());
}

/** Yuan with two decimals and thousands separators, e.g. 1,234,567.80. */
export function yuan(amount: Money): string {
  const [whole = '', fraction = ''] = amount.toDecimalString().split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A share of two amounts, in exact decimals. */
export function percentOf(part: Money, whole: Money): string {
  if (whole.isZero()) return '-';
  return `${new Decimal(part.minorUnits.toString())
    .times(100)
    .dividedBy(whole.minorUnits.toString())
    .toFixed(2)}%`;
}
