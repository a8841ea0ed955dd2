import { DateTime } from 'luxon';
import {
  creditApplication,
  GUARANTOR,
  guarantorApplication,
  mortgageApplication,
} from '@loanflow/origination';
import { itemAt } from '@loanflow/domain';

/**
 * The simulated portfolio: which loans the bank pays out and how each borrower behaves. Drawn from
 * a seeded generator, so the same LOANS, MONTHS, MISS_SHARE and SEED give the same book and the
 * same missed payments on every run.
 */

/** How a borrower pays over the simulated months. */
export type Conduct =
  | { kind: 'pays' }
  /** Pays every installment before `from`, none from it on (a default). */
  | { kind: 'stops'; from: number }
  /** Misses one installment and pays it `days` days late (cured while the customer manager collects). */
  | { kind: 'late'; installment: number; days: number }
  /** Misses one installment and pays the arrears with the next one, on its due date. */
  | { kind: 'catches-up'; installment: number };

export interface PlannedLoan {
  index: number;
  customerManager: string;
  /** An application as POST /api/applications takes it. */
  application: Record<string, unknown>;
  guarantorIds: string[];
  /** The approved contract rate. */
  annualRate: string;
  conduct: Conduct;
}

export interface BookOptions {
  loans: number;
  months: number;
  missShare: number;
  seed: number;
}

/** mulberry32: small, fast and good enough to draw a test portfolio; never for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATE_DAYS = 15;
/**
 * Defaulters stop at installment 2, 3 or 4: over a simulated year their loans pass the 90-day
 * (substandard) and 270-day (doubtful) floors, as a real book's early defaults do.
 */
const STOPS_FROM = [2, 4] as const;
const CONSUMER_RATES = ['0.0435', '0.0550', '0.0720', '0.0980', '0.1200'];
const HOUSING_RATES = ['0.0310', '0.0350', '0.0390'];

export function planBook(options: BookOptions): PlannedLoan[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T =>
    itemAt(items, Math.floor(random() * items.length), 'the choices');
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const loans = Array.from({ length: options.loans }, (_, index) =>
    planLoan(index, random, pick, between),
  );
  // The borrowers who miss: a fixed share, spread over the book by the same generator.
  const missing = Math.round(options.loans * options.missShare);
  for (const index of shuffled(loans.length, random).slice(0, missing))
    itemAt(loans, index, 'the book').conduct = missConduct(options.months, random, between);
  return loans;
}

/** 0..n-1 in a random order (Fisher–Yates). */
function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [itemAt(order, j, 'the order'), itemAt(order, i, 'the order')];
  }
  return order;
}

function planLoan(
  index: number,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  between: (low: number, high: number) => number,
): PlannedLoan {
  // Two thirds of the book at the Xihu sub-branch (li.cm), a third at Yinzhou in Ningbo (sun.cm).
  const customerManager = index % 3 === 2 ? 'sun.cm' : 'li.cm';
  const roll = random();
  if (roll < 0.2) {
    const amount = `${between(30, 200) * 10_000}.00`;
    return {
      index,
      customerManager,
      application: mortgageApplication({
        amount,
        termMonths: pick([120, 240, 300]),
        repaymentMethod: random() < 0.3 ? 'equal-principal' : 'equal-installment',
      }),
      guarantorIds: [],
      annualRate: pick(HOUSING_RATES),
      conduct: { kind: 'pays' },
    };
  }
  const terms = {
    amount: `${between(10, 300) * 1000}.00`,
    termMonths: pick([12, 24, 36]),
  };
  const guaranteed = roll < 0.4;
  return {
    index,
    customerManager,
    application: guaranteed ? guarantorApplication(terms) : creditApplication(terms),
    guarantorIds: guaranteed ? [GUARANTOR.idNumber] : [],
    annualRate: pick(CONSUMER_RATES),
    conduct: { kind: 'pays' },
  };
}

/** Half of the borrowers who miss stop paying for good; a quarter pay late; a quarter catch up. */
function missConduct(
  months: number,
  random: () => number,
  between: (low: number, high: number) => number,
): Conduct {
  const roll = random();
  if (roll < 0.5 || months < 2)
    return { kind: 'stops', from: Math.min(months, between(...STOPS_FROM)) };
  if (roll < 0.75) return { kind: 'late', installment: between(1, months), days: LATE_DAYS };
  return { kind: 'catches-up', installment: between(1, months - 1) };
}

/** A payment the borrower makes: everything due on `on`, under the key of `installment`. */
export interface PlannedPayment {
  loanId: string;
  installment: number;
  /** Beijing date, YYYY-MM-DD. */
  on: string;
  late: boolean;
}

/** The payments a borrower with this conduct makes on the installments within the horizon. */
export function paymentsOf(
  loanId: string,
  conduct: Conduct,
  dueDates: string[],
  months: number,
): PlannedPayment[] {
  const payments: PlannedPayment[] = [];
  dueDates.slice(0, months).forEach((dueDate, i) => {
    const installment = i + 1;
    const pay = (on: string, late = false) => payments.push({ loanId, installment, on, late });
    if (conduct.kind === 'stops' && installment >= conduct.from) return;
    if (conduct.kind === 'catches-up' && installment === conduct.installment) return;
    if (conduct.kind === 'late' && installment === conduct.installment)
      return pay(plusDays(dueDate, conduct.days), true);
    pay(dueDate, conduct.kind === 'catches-up' && installment === conduct.installment + 1);
  });
  return payments;
}

export function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).plus({ days }).toISODate()!;
}
