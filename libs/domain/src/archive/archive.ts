import { addWorkingDays, WorkingDayDeadline } from '../calendar/working-days';
import { DomainError } from '../errors/domain-error';

/**
 * The loan file register (档案登记簿) kept by the archive officer (档案管理岗): seed 001 makes the
 * post "统一接收并按户专夹、集中保管" the loan files, "负责保单、权利质物、他项权证等重要凭证的入库保管" and
 * "负责记录档案调阅、检查、移交登记簿和经批准对超保管年限的档案资料进行销毁". These are the register's
 * rules, free of any framework: when a file lent out is due back, whether it is late, when its
 * retention ends, whether it may be destroyed, how a kept valuable moves.
 */

/** How the loan ended, which decides how long its file is kept. */
export const ARCHIVE_KINDS = ['settled', 'refused', 'written-off'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export const ARCHIVE_KIND_NAMES: Record<ArchiveKind, string> = {
  settled: '结清',
  refused: '拒贷',
  'written-off': '核销',
};

/** in-custody: on the shelf; lent: out to a colleague (调阅); destroyed: gone (销毁), for good. */
export type ArchiveFileStatus = 'in-custody' | 'lent' | 'destroyed';

/** Working days a file may stay out when lent (configurable: ARCHIVE_LENDING_WORKING_DAYS). */
export const DEFAULT_ARCHIVE_LENDING_WORKING_DAYS = 5;

/**
 * Years a file is kept from the day its loan ended (configurable). The seeds say only "超保管年限"
 * without a figure: the bank keeps settled and refused files 5 years, written-off files 10 (the
 * debt survives the write-off, 账销案存, and the file is the evidence for its recovery).
 */
export const DEFAULT_ARCHIVE_RETENTION_YEARS: Readonly<Record<ArchiveKind, number>> = {
  settled: 5,
  refused: 5,
  'written-off': 10,
};

/** When a lent file is due back: `workingDays` working days after it left (China's calendar). */
export function lendingDueDate(lentAt: Date, workingDays: number): WorkingDayDeadline {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 30)
    throw new DomainError(
      'VALIDATION_FAILED',
      `workingDays must be a whole number from 1 to 30, got ${workingDays}`,
      { field: 'workingDays' },
    );
  return addWorkingDays(lentAt, workingDays);
}

export type LendingStanding = 'out' | 'overdue' | 'returned' | 'returned-late';

/** Where a lending stands at `now`: out, out past its due time, back in time, back late. */
export function lendingStanding(
  lending: { dueAt: Date; returnedAt: Date | null },
  now: Date,
): LendingStanding {
  if (lending.returnedAt)
    return lending.returnedAt.getTime() > lending.dueAt.getTime() ? 'returned-late' : 'returned';
  return now.getTime() >= lending.dueAt.getTime() ? 'overdue' : 'out';
}

/** The first day the file may be destroyed: `years` after its loan ended (same calendar date). */
export function retentionEnds(closedAt: Date, years: number): Date {
  if (!Number.isInteger(years) || years < 1)
    throw new DomainError('ARCHIVE_RETENTION_INVALID', `years must be at least 1, got ${years}`);
  const end = new Date(closedAt.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + years);
  // 29 February plus N years lands on 1 March: never earlier than the full term.
  return end;
}

export interface DestructionFacts {
  status: ArchiveFileStatus;
  retainUntil: Date;
  now: Date;
}

/**
 * A file may be put up for destruction only on the shelf (not lent, not destroyed) and only once
 * its retention is over. Refusals carry stable codes.
 */
export function assertDestructionAllowed({ status, retainUntil, now }: DestructionFacts): void {
  if (status === 'destroyed')
    throw new DomainError('ARCHIVE_FILE_DESTROYED', 'The file has been destroyed already.');
  if (status === 'lent')
    throw new DomainError(
      'ARCHIVE_FILE_LENT',
      'The file is lent out: it is destroyed only once it is back on the shelf.',
    );
  if (now.getTime() < retainUntil.getTime())
    throw new DomainError(
      'ARCHIVE_RETENTION_NOT_OVER',
      `The file is kept until ${retainUntil.toISOString().slice(0, 10)}: it may not be destroyed before.`,
      { retainUntil: retainUntil.toISOString() },
    );
}

/** 重要凭证: what the archive keeps beside the file. */
export const VALUABLE_KINDS = [
  /** 保单: an insurance policy (credit or collateral insurance). */
  'insurance-policy',
  /** 权利质物: a pledged right's certificate (deposit slip, bond, bill). */
  'pledged-right',
  /** 他项权证: the mortgage registration certificate from collateral registration. */
  'mortgage-certificate',
  /** 其他重要凭证. */
  'other',
] as const;
export type ValuableKind = (typeof VALUABLE_KINDS)[number];

export type ValuableStatus = 'in-custody' | 'out' | 'released';

/** out: taken out with a reason; back: returned to the vault; released: handed back for good. */
export const VALUABLE_MOVEMENTS = ['out', 'back', 'released'] as const;
export type ValuableMovement = (typeof VALUABLE_MOVEMENTS)[number];

/** The status a valuable has after a movement; refuses a movement its status does not allow. */
export function valuableAfter(status: ValuableStatus, movement: ValuableMovement): ValuableStatus {
  const allowed: Record<ValuableStatus, readonly ValuableMovement[]> = {
    'in-custody': ['out', 'released'],
    out: ['back'],
    released: [],
  };
  if (!allowed[status].includes(movement))
    throw new DomainError(
      'VALUABLE_MOVEMENT_NOT_ALLOWED',
      status === 'released'
        ? 'The valuable has been released: nothing moves it any more.'
        : `A valuable ${status === 'out' ? 'taken out' : 'in custody'} cannot be moved ${movement}.`,
      { status, movement },
    );
  return movement === 'out' ? 'out' : movement === 'back' ? 'in-custody' : 'released';
}
