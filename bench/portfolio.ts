/**
 * A loan portfolio in accelerated time: LOANS loans paid out on one day, then MONTHS months of
 * repayments on the broker's clock. Borrowers pay what is due through the repayments API on their
 * due dates; a seeded share (MISS_SHARE) miss: half stop paying, a quarter pay one installment 15
 * days late, a quarter pay it with the next one. The clock is moved past each due date's end
 * (Beijing midnight) and the bench waits until the broker has checked every installment and gone
 * quiet. The models keep their real timers: only the clock moves. Prints wall time, instances and
 * jobs per second, the overdue rate, the five-level classification and the collection episodes.
 *
 *   BENCH=portfolio npm run bench   (LOANS=1000 MONTHS=12 MISS_SHARE=0.1 CONCURRENCY=8 SEED=2026)
 *
 * Needs a clock-controlled broker of its own (the bench profile) and BUSINESS_CLOCK=engine, so
 * that the API dates payments and the workers judge loans on the broker's day.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { INestApplication, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { configureHttp } from '../apps/api/src/http/configure-http';
import { modelFiles } from '../apps/cli/src/deploy-models';
import { StaffSessions } from '@loanflow/api-client';
import { AppConfig, loadConfig } from '@loanflow/config';
import {
  allocateRepayment,
  beijingDate,
  defaultPenaltyAnnualRate,
  endOfBeijingDay,
  LOAN_CLASSES,
  Money,
} from '@loanflow/domain';
import { DEMO_PASSWORD, seedDemoBank } from '@loanflow/identity';
import { modelDeploymentsOn } from '@loanflow/models';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { OriginationWorkersModule } from '@loanflow/origination';
import { buildDataSourceOptions, LoanEntity, onlyRow } from '@loanflow/persistence';
import { RuntimeModule } from '@loanflow/platform';
import { readLedger, SERVICING_JOB, ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import { BrokerClock, createZeebeClient, WorkflowWorkersModule } from '@loanflow/workflow';
import { forEachConcurrently } from './concurrency';
import { describeLatency } from './percentiles';
import { EngineActivity } from './engine-activity';
import { wholeNumber } from './settings';
import { paymentsOf, PlannedPayment, planBook } from './portfolio-book';
import {
  classificationTable,
  percent,
  percentOf,
  readBook,
  readCollection,
  readOpenTasks,
  sum,
  yuan,
} from './portfolio-report';
import { LoanSeeder, SeededLoan } from './portfolio-seed';
import { noOpBaseline, RunRecorder } from './portfolio-baseline';

const LOANS = wholeNumber('LOANS', 1000);
const MONTHS = wholeNumber('MONTHS', 12);
const CONCURRENCY = wholeNumber('CONCURRENCY', 8);
const SEED = wholeNumber('SEED', 2026);
const MISS_SHARE = Number(process.env.MISS_SHARE ?? 0.1);
/** The in-process api's port (BENCH_API_PORT): two checkouts bench side by side on their own. */
const PORT = wholeNumber('BENCH_API_PORT', 3902);
/** Borrowers pay at 10:00 in Beijing on the day they pay. */
const PAYMENT_HOUR = 10;
/** How long the bench waits for the broker to check a due date's installments. */
const CHECK_TIMEOUT_MS = 10 * 60_000;
/** PORTFOLIO_BASELINE=0 skips the no-op baseline (the scale bench's warm-up does). */
const BASELINE = process.env.PORTFOLIO_BASELINE !== '0';

interface Stack {
  dataSource: DataSource;
  workers: INestApplicationContext;
  api: INestApplication;
  clock: BrokerClock;
  activity: EngineActivity;
  staff: StaffSessions;
  /** Every move of the broker's clock, in order: the no-op baseline moves it the same way. */
  moves: number[];
  /** What the exporter says happened, for the baseline; none when it is not run. */
  recorder?: RunRecorder;
}

/** One simulated day: payments at 10:00, then (on a due date) the broker's check at midnight. */
interface Day {
  date: string;
  payments: PlannedPayment[];
  /** Installments falling due this day, by number (the month of the loan). */
  due: Map<number, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => (Date.now() - since) / 1000;

async function deployModels(config: AppConfig, dataSource: DataSource): Promise<void> {
  const zeebe = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
  // Run from the repository root (npm run bench): every model in bpmn/, checked and recorded as
  // `loanflow deploy` releases them, so servicing finds collection, warnings and the rest.
  await modelDeploymentsOn(dataSource, zeebe).deploy(
    modelFiles([], resolve('bpmn')).map((file) => ({
      name: basename(file),
      content: readFileSync(file, 'utf8'),
    })),
    { username: 'bench', roles: ['process-designer'], orgUnitCode: null },
  );
  await zeebe.close();
}

async function open(config: AppConfig): Promise<Stack> {
  if (config.BUSINESS_CLOCK !== 'engine')
    throw new Error('the portfolio bench needs BUSINESS_CLOCK=engine (scripts/bench.sh sets it)');
  const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  await seedDemoBank(dataSource);
  await deployModels(config, dataSource);
  const clock = new BrokerClock(config.ZEEBE_MANAGEMENT_URL);
  await clock.now(); // refuses a broker whose clock cannot be moved, before anything is written
  const recorder = BASELINE ? new RunRecorder() : undefined;
  const activity = new EngineActivity(config.REDIS_URL, config.EXPORTER_STREAM_PREFIX, recorder);
  await activity.start();

  @Module({
    imports: [
      RuntimeModule,
      WorkflowWorkersModule,
      TasksWorkersModule,
      OriginationWorkersModule,
      ServicingWorkersModule,
      // The daily evaluation of head office's warning levels (portfolio-thresholds.bpmn, deployed
      // with the rest): without its worker the bench waits out every day's job.
      MonitoringWorkersModule,
    ],
  })
  class PortfolioWorkers {}
  const workers = await NestFactory.createApplicationContext(PortfolioWorkers, {
    logger: ['error'],
  });
  workers.enableShutdownHooks();
  const api = configureHttp(
    await NestFactory.create(ApiModule, { logger: ['error'], bodyParser: false }),
  );
  await api.listen(PORT, '127.0.0.1');
  return {
    dataSource,
    workers,
    api,
    clock,
    activity,
    staff: new StaffSessions(`http://127.0.0.1:${PORT}`, () => DEMO_PASSWORD),
    moves: [],
    recorder,
  };
}

/** Moves the broker's clock forward to `at`, never back, and keeps the move. */
async function clockTo(stack: Stack, at: Date): Promise<void> {
  const now = (await stack.clock.now()).getTime();
  if (at.getTime() <= now) return;
  await stack.clock.advance(at.getTime() - now);
  stack.moves.push(at.getTime());
}

const atBeijing = (date: string, hour: number) =>
  DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).set({ hour }).toJSDate();

/** Pays every loan out, CONCURRENCY at a time, and waits for their servicing instances. */
async function seedBook(stack: Stack): Promise<SeededLoan[]> {
  const plans = planBook({ loans: LOANS, months: MONTHS, missShare: MISS_SHARE, seed: SEED });
  // Every loan is paid out on one business day, so the book shares its due dates: start at 09:00
  // on the broker's next day in Beijing, well before that day could end during the seeding.
  const tomorrow = DateTime.fromJSDate(await stack.clock.now(), { zone: 'Asia/Shanghai' })
    .plus({ days: 1 })
    .toISODate()!;
  await clockTo(stack, atBeijing(tomorrow, 9));
  const seeder = new LoanSeeder(stack.api, stack.workers);
  const loans: SeededLoan[] = [];
  await forEachConcurrently(plans, CONCURRENCY, async (plan) => {
    loans.push(await seeder.seed(plan));
    if (loans.length % 100 === 0) console.log(`  ${loans.length}/${LOANS} loans paid out`);
  });
  loans.sort((a, b) => a.plan.index - b.plan.index);
  const started = await stack.activity.until(
    () => (stack.activity.instancesStarted.get('loan-servicing') ?? 0) >= LOANS,
    120_000,
  );
  if (!started)
    console.warn(
      `only ${stack.activity.instancesStarted.get('loan-servicing') ?? 0} of ${LOANS} servicing instances started`,
    );
  await settle(stack, 'servicing start');
  return loans;
}

/** The simulation's calendar: every day someone pays or an installment falls due, in order. */
function calendar(loans: SeededLoan[]): Day[] {
  const days = new Map<string, Day>();
  const day = (date: string) => {
    let found = days.get(date);
    if (!found) days.set(date, (found = { date, payments: [], due: new Map() }));
    return found;
  };
  for (const loan of loans) {
    loan.dueDates.slice(0, MONTHS).forEach((date, i) => {
      const due = day(date).due;
      due.set(i + 1, (due.get(i + 1) ?? 0) + 1);
    });
    for (const payment of paymentsOf(loan.loanId, loan.plan.conduct, loan.dueDates, MONTHS))
      day(payment.on).payments.push(payment);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * What the borrower owes on `date`: the arrears, their penalty interest and the installment due
 * that day, exactly as the repayment allocation counts it (asked with a token amount).
 */
async function amountDue(dataSource: DataSource, loan: SeededLoan, date: string): Promise<Money> {
  const ledger = await readLedger(dataSource.manager, loan.loanId);
  return allocateRepayment({
    installments: ledger.installments,
    applied: ledger.applied,
    amount: Money.parse('0.01'),
    paidOn: date,
    penaltyAnnualRate: defaultPenaltyAnnualRate(loan.plan.annualRate),
  }).due;
}

interface PaymentTally {
  count: number;
  amount: Money;
  /** Payments that left nothing outstanding: the loan settles at once, without its due-date check. */
  paidOff: number;
  problems: string[];
  /** Each payment's time through the api (recorded, and confirmed when held), ms. */
  latencyMs: number[];
  /** Where the months' wall time went, ms. */
  phases: MonthPhases;
}

/** The months' wall time by what the bench was waiting for. */
interface MonthPhases {
  /** Moving the clock to the payment hour and working off what the move made due. */
  toPaymentHour: number;
  /** The day's payments through the api. */
  payments: number;
  /** Working off what the payments set going (their messages). */
  afterPayments: number;
  /** Moving past the due date and waiting for its installment checks and what they set going. */
  checks: number;
}

/** The center manager of each customer manager's branch (the demo bank's), who confirms payments. */
const CONFIRMER_OF: Readonly<Record<string, string>> = {
  'li.cm': 'chen.center',
  'sun.cm': 'wu.center',
};

/** Each borrower pays what is due through POST /api/loans/:id/repayments, one key per installment. */
async function payDay(
  stack: Stack,
  day: Day,
  byId: Map<string, SeededLoan>,
  tally: PaymentTally,
): Promise<void> {
  if (day.payments.length === 0) return;
  const paidAt = (await stack.clock.now()).toISOString();
  await forEachConcurrently(day.payments, CONCURRENCY, async (payment) => {
    const loan = byId.get(payment.loanId)!;
    const due = await amountDue(stack.dataSource, loan, day.date);
    if (due.isZero()) {
      tally.problems.push(`${loan.loanId} #${payment.installment}: nothing due on ${day.date}`);
      return;
    }
    const id = loan.loanId;
    const sent = performance.now();
    const recorded = await stack.staff.as(loan.plan.customerManager, (api) =>
      api.POST('/api/loans/{id}/repayments', {
        params: { path: { id } },
        body: {
          amount: due.toDecimalString(),
          paidAt,
          channel: payment.late ? 'counter' : 'auto-debit',
          idempotencyKey: `portfolio-${id}-${payment.installment}`,
        },
      }),
    );
    // A payment its own customer manager records waits for a second person (maker-checker): the
    // branch's center manager confirms it, as the bank's day would.
    const pending = recorded.data?.state === 'pending' ? recorded.data : undefined;
    const answered = pending
      ? await stack.staff.as(CONFIRMER_OF[loan.plan.customerManager] ?? 'chen.center', (api) =>
          api.POST('/api/loans/{id}/repayments/{repaymentId}/confirm', {
            params: { path: { id, repaymentId: pending.id } },
          }),
        )
      : recorded;
    tally.latencyMs.push(performance.now() - sent);
    const repayment = answered.data;
    if (answered.response.status !== (pending ? 200 : 201) || !repayment)
      tally.problems.push(
        `${id} #${payment.installment}: ${answered.response.status} ${JSON.stringify(answered.error)}`,
      );
    else if (repayment.unapplied !== '0.00' || !repayment.position.arrearsCleared)
      tally.problems.push(
        `${id} #${payment.installment}: paid what was due, yet ${JSON.stringify(repayment)}`,
      );
    else {
      tally.count += 1;
      tally.amount = tally.amount.plus(due);
      if (repayment.position.outstandingPrincipal === '0.00') tally.paidOff += 1;
    }
  });
}

/** Waits until the broker has worked off what the last step set going. */
async function settle(stack: Stack, after: string): Promise<void> {
  const open = await stack.activity.quiet();
  if (open.length)
    console.warn(`  after ${after}: jobs still waiting for a worker: ${open.join(', ')}`);
}

/**
 * Moves the clock past the end of a due date and waits until its installments are checked. A loan
 * paid off that morning is settled at once and has no check: `paidOff` of them are not waited for.
 */
async function endOfDueDate(
  stack: Stack,
  day: Day,
  paidOff: number,
  checksBefore: number,
): Promise<number> {
  const expected = checksBefore + [...day.due.values()].reduce((a, b) => a + b, 0) - paidOff;
  // A minute past Beijing midnight: the servicing model checks each installment at the day's end.
  await clockTo(stack, new Date(endOfBeijingDay(day.date).getTime() + 60_000));
  const checked = await stack.activity.until(
    () => stack.activity.completed(SERVICING_JOB.checkInstallment) >= expected,
    CHECK_TIMEOUT_MS,
  );
  if (!checked)
    console.warn(
      `  ${day.date}: ${stack.activity.completed(SERVICING_JOB.checkInstallment) - checksBefore} of ${expected - checksBefore} installment checks done in ${CHECK_TIMEOUT_MS / 1000} s`,
    );
  await settle(stack, `the checks of ${day.date}`);
  return expected;
}

/** One line per due date: what was paid, what the book looks like after the broker's checks. */
async function progress(
  stack: Stack,
  day: Day,
  paid: number,
  loanIds: string[],
  began: number,
): Promise<void> {
  const rows: { classification: string; n: string }[] = await stack.dataSource
    .getRepository(LoanEntity)
    .createQueryBuilder('l')
    .select('l.classification', 'classification')
    .addSelect('COUNT(*)', 'n')
    .where('l.id IN (:...ids)', { ids: loanIds })
    .groupBy('l.classification')
    .getRawMany();
  const levels = new Map(rows.map((row) => [row.classification, Number(row.n)]));
  const { open } = onlyRow(
    await stack.dataSource.query<{ open: string }[]>(
      `SELECT COUNT(*) AS open FROM collection_episode WHERE state = 'open' AND loan_id IN (?)`,
      [loanIds],
    ),
    'open collection episodes',
  );
  const month = Math.max(...day.due.keys());
  const dueCount = [...day.due.values()].reduce((a, b) => a + b, 0);
  const jobs = stack.activity.jobsCompletedTotal;
  const elapsed = seconds(began);
  console.log(
    `month ${String(month).padStart(2)} ${day.date}: ${String(paid).padStart(5)} paid, ${String(Math.max(0, dueCount - paid)).padStart(4)} unpaid at the due date; ` +
      `episodes open ${String(open).padStart(4)}; ${LOAN_CLASSES.slice(1)
        .map((level) => `${level} ${levels.get(level) ?? 0}`)
        .join(', ')}; ${jobs} jobs, ${elapsed.toFixed(0)} s`,
  );
}

async function simulate(stack: Stack, loans: SeededLoan[], began: number): Promise<PaymentTally> {
  const byId = new Map(loans.map((loan) => [loan.loanId, loan]));
  const loanIds = loans.map((loan) => loan.loanId);
  const tally: PaymentTally = {
    count: 0,
    amount: Money.zero(),
    paidOff: 0,
    problems: [],
    latencyMs: [],
    phases: { toPaymentHour: 0, payments: 0, afterPayments: 0, checks: 0 },
  };
  const timed = async <T>(phase: keyof MonthPhases, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      tally.phases[phase] += performance.now() - start;
    }
  };
  let checks = 0;
  for (const day of calendar(loans)) {
    await timed('toPaymentHour', async () => {
      await clockTo(stack, atBeijing(day.date, PAYMENT_HOUR));
      // What the move made due (the daily rule, holds of user tasks running out) goes first.
      await settle(stack, `the clock moved to ${day.date}`);
    });
    const before = { ...tally };
    await timed('payments', () => payDay(stack, day, byId, tally));
    await timed('afterPayments', () => settle(stack, `the payments of ${day.date}`));
    if (day.due.size === 0) continue;
    checks = await timed('checks', () =>
      endOfDueDate(stack, day, tally.paidOff - before.paidOff, checks),
    );
    await progress(stack, day, tally.count - before.count, loanIds, began);
  }
  return tally;
}

async function report(
  stack: Stack,
  loans: SeededLoan[],
  tally: PaymentTally,
  timing: { began: number; seeded: number; ended: number },
): Promise<void> {
  const wall = (timing.ended - timing.began) / 1000;
  const loanIds = loans.map((loan) => loan.loanId);
  const asOf = beijingDate(await stack.clock.now());
  const book = await readBook(stack.dataSource, loanIds, asOf, CONCURRENCY);
  const collection = await readCollection(stack.dataSource, loanIds);
  const tasks = await readOpenTasks(stack.dataSource, loanIds);
  const { activity } = stack;
  const paidOut = sum(loans.map((loan) => Money.parse(String(loan.plan.application.amount))));
  const conducts = new Map<string, number>();
  for (const loan of loans)
    conducts.set(loan.plan.conduct.kind, (conducts.get(loan.plan.conduct.kind) ?? 0) + 1);
  const outstanding = sum(book.map((loan) => loan.outstandingPrincipal));
  const overdueLoans = book.filter((loan) => loan.overdue);
  const overduePrincipal = sum(book.map((loan) => loan.overduePrincipal));
  const rate = (n: number) => `${(n / wall).toFixed(1)}/s`;

  console.log(
    `\nportfolio: ${LOANS} loans, ${yuan(paidOut)} yuan paid out, ${MONTHS} months to ${asOf} (seed ${SEED}); ` +
      `borrowers: ${[...conducts].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
  );
  console.log(
    `wall time:                 ${wall.toFixed(1)} s (paying out ${timing.seeded.toFixed(1)} s, ${MONTHS} months ${(wall - timing.seeded).toFixed(1)} s)`,
  );
  console.log(
    `  of which the bench's own waits for silence: ${(activity.silence.ms / 1000).toFixed(1)} s ` +
      `(${activity.silence.waits} waits, each until nothing was exported for 1.5 s)`,
  );
  const { phases } = tally;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `  the months by phase: clock to the payment hour and what it made due ${s(phases.toPaymentHour)}; ` +
      `payments through the api ${s(phases.payments)}; what they set going ${s(phases.afterPayments)}; ` +
      `the due dates' checks ${s(phases.checks)}`,
  );
  console.log(`  ${describeLatency('a payment through the api', tally.latencyMs)}`);
  console.log(
    `process instances started: ${activity.instancesStartedTotal} (${[...activity.instancesStarted].map(([id, n]) => `${id} ${n}`).join(', ')}), ${rate(activity.instancesStartedTotal)}`,
  );
  console.log(
    `jobs completed:            ${activity.jobsCompletedTotal}, ${rate(activity.jobsCompletedTotal)}`,
  );
  for (const [type, n] of [...activity.jobsCompleted].sort((a, b) => b[1] - a[1]))
    console.log(`  ${type.padEnd(32)} ${String(n).padStart(8)}`);
  console.log(`repayments posted:         ${tally.count}, ${yuan(tally.amount)} yuan`);
  console.log(
    `overdue rate:              ${percent(overdueLoans.length, book.length)} of loans (${overdueLoans.length} of ${book.length}); ` +
      `overdue principal ${yuan(overduePrincipal)} of ${yuan(outstanding)} outstanding = ${percentOf(overduePrincipal, outstanding)}; ` +
      `principal of loans in arrears ${percentOf(sum(overdueLoans.map((loan) => loan.outstandingPrincipal)), outstanding)}`,
  );
  console.log(
    `five-level classification (${book.filter((loan) => loan.status === 'settled').length} loans settled):`,
  );
  for (const line of classificationTable(book)) console.log(line);
  console.log(
    `collection episodes:       ${collection.opened} opened, ${collection.cured} cured, ${collection.open} open, ${collection.closed} closed after the legal path`,
  );
  console.log(
    `open tasks in the inbox:   ${[...tasks].map(([form, n]) => `${form} ${n}`).join(', ') || 'none'}`,
  );
  console.log(
    `incidents: ${activity.incidents}; user-task holds the broker took back: ` +
      `${activity.userTaskTimeouts.held} long holds, ${activity.userTaskTimeouts.firstHold} first holds`,
  );
  console.log(
    `  silences the bench waited through for the inbox to hold its tasks: ${activity.holdWaits.waits} ` +
      `(${activity.holdWaits.tasks} tasks still on their activation's 30-second hold)`,
  );
  if (tally.problems.length)
    console.log(
      `repayment problems (${tally.problems.length}):\n  ${tally.problems.slice(0, 10).join('\n  ')}`,
    );
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!(MISS_SHARE >= 0 && MISS_SHARE <= 1)) throw new Error('MISS_SHARE must be between 0 and 1');
  const stack = await open(config);
  console.log(
    `${LOANS} loans over ${MONTHS} months, ${(MISS_SHARE * 100).toFixed(0)}% of borrowers missing payments, ${CONCURRENCY} at a time; the inbox holds a task ${(config.INBOX_HOLD_MS / 86_400_000).toFixed(0)} days`,
  );
  const began = Date.now();
  const loans = await seedBook(stack);
  const seeded = seconds(began);
  const payout = {
    moves: stack.moves.length,
    jobs: stack.activity.jobsCompletedTotal,
    silenceMs: stack.activity.silence.ms,
  };
  console.log(
    `paid out ${loans.length} loans in ${seeded.toFixed(1)} s; first due date ${loans[0]?.dueDates[0]}`,
  );
  const tally = await simulate(stack, loans, began);
  const ended = Date.now();
  await sleep(1000); // the exporter's last batch
  await report(stack, loans, tally, { began, seeded, ended });
  await stack.api.close();
  await stack.workers.close();
  if (stack.recorder) {
    const zeebe = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
    await noOpBaseline(zeebe, stack.clock, stack.activity, stack.recorder, CONCURRENCY, {
      moves: stack.moves,
      payoutMoves: payout.moves,
      monthsSeconds: (ended - began) / 1000 - seeded,
      monthsJobs: stack.activity.jobsCompletedTotal - payout.jobs,
      monthsSilence: (stack.activity.silence.ms - payout.silenceMs) / 1000,
      pushed: config.JOB_ACTIVATION === 'stream',
    });
    await zeebe.close();
  }
  await stack.activity.stop();
  await stack.dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
