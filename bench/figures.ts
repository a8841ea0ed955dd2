/**
 * The managers' figures (GET /api/monitor/figures) on a bank-sized book: LOANS loans paid out
 * (default 100,000) with 12 installments each (1.2M rows), across the demo bank's branches, at every
 * classification, some in arrears, with the repayments of the last weeks recorded as the
 * repayments service records them (allocation lines), so a past date has payments to add back.
 * Prints p50/p95/p99 read by a head-office reader for today, for yesterday and a date 20 days back
 * computed (a day the recorder has not kept), and for that date as kept; and the time the recorder
 * takes to keep one unit's day.
 *
 *   BENCH=figures npm run bench      (LOANS_FIGURES=20000 FIGURE_REQUESTS=10 to change the load)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { configureHttp } from '../apps/api/src/http/configure-http';
import { loadConfig } from '@loanflow/config';
import { addDays, beijingDate, formatIsoDate, parseIsoDate } from '@loanflow/domain';
import { DEMO_PASSWORD, seedDemoBank } from '@loanflow/identity';
import { buildDataSourceOptions, onlyRow } from '@loanflow/persistence';
import { FiguresService } from '../libs/monitoring/src/figures/figures.service';
import { describeLatency } from './percentiles';

const LOANS = Number(process.env.LOANS ?? 100_000);
const REQUESTS = Number(process.env.FIGURE_REQUESTS ?? 20);
const PORT = Number(process.env.BENCH_API_PORT ?? 3952);
const PREFIX = 'FB-';

const daysBefore = (date: string, days: number) =>
  formatIsoDate(addDays(parseIsoDate(date)!, -days));

/** The book, written by the database itself from its number sequences (seeding 1.2M rows by SQL). */
async function seedBook(dataSource: DataSource, today: string): Promise<void> {
  const { n } = onlyRow(
    await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM loan WHERE id LIKE '${PREFIX}%'`,
    ),
    'bench loans on file',
  );
  if (Number(n) === LOANS) return;
  const started = Date.now();
  for (const table of ['repayment', 'loan_installment'])
    await dataSource.query(`DELETE FROM ${table} WHERE loan_id LIKE '${PREFIX}%'`);
  await dataSource.query(`DELETE FROM loan WHERE id LIKE '${PREFIX}%'`);
  const id = (column: string) => `CONCAT('${PREFIX}', LPAD(${column}, 7, '0'))`;
  await dataSource.query(
    `INSERT INTO loan (id, process_instance_key, branch_code, customer_manager, product, guarantee_type,
       payment_method, repayment_method, purpose, requested_amount_minor, requested_term_months, status,
       documents, classification)
     SELECT ${id('seq')}, NULL, ELT(1 + seq % 5, 'BR-HZ', 'SB-HZ-XH', 'SB-HZ-BJ', 'BR-NB', 'SB-NB-YZ'),
            'li.cm', 'consumer', 'credit', 'entrusted', 'equal-principal', 'figures bench', 1200000, 12,
            'disbursed', '[]',
            CASE WHEN seq % 100 < 90 THEN 'normal' WHEN seq % 100 < 95 THEN 'special-mention'
                 WHEN seq % 100 < 97 THEN 'substandard' WHEN seq % 100 < 99 THEN 'doubtful' ELSE 'loss' END
       FROM seq_1_to_${LOANS}`,
  );
  // Nine installments fell due before today; one loan in twenty stopped paying at some point.
  await dataSource.query(
    `INSERT INTO loan_installment (loan_id, number, due_date, payment_minor, principal_minor, interest_minor,
       balance_minor, principal_paid_minor, interest_paid_minor)
     SELECT x.loan_id, x.number, x.due_date, 105000, 100000, 5000, 1200000 - x.number * 100000,
            IF(x.due_date < ? AND x.paid, 100000, 0), IF(x.due_date < ? AND x.paid, 5000, 0)
       FROM (
         SELECT ${id('a.seq')} AS loan_id, b.seq AS number,
                DATE_FORMAT(DATE_ADD(DATE_SUB(?, INTERVAL 9 MONTH), INTERVAL b.seq - 1 MONTH)
                            + INTERVAL (a.seq % 28) DAY, '%Y-%m-%d') AS due_date,
                NOT (a.seq % 20 = 0 AND b.seq >= 1 + a.seq % 9) AS paid
           FROM seq_1_to_${LOANS} a JOIN seq_1_to_12 b
       ) x`,
    [today, today, today],
  );
  // The installments paid in the last 40 days, each by a repayment on its due date.
  await dataSource.query(
    `INSERT INTO repayment (loan_id, idempotency_key, amount_minor, paid_at, channel, allocation_json,
       unapplied_minor, txn_id, recorded_by, published_at)
     SELECT loan_id, CONCAT('fb-', number), 105000, CONCAT(due_date, ' 02:00:00'), 'counter',
            CONCAT('[{"installmentNumber":', number, ',"category":"principal","amount":"1000.00","paidOn":"',
                   due_date, '"},{"installmentNumber":', number,
                   ',"category":"interest","amount":"50.00","paidOn":"', due_date, '"}]'),
            0, CONCAT('RPY-', loan_id, '-', number), 'li.cm', NOW(3)
       FROM loan_installment
      WHERE loan_id LIKE '${PREFIX}%' AND principal_paid_minor > 0 AND due_date >= ?`,
    [daysBefore(today, 40)],
  );
  await dataSource.query('ANALYZE TABLE loan, loan_installment, repayment');
  const { installments } = onlyRow(
    await dataSource.query<{ installments: string }[]>(
      `SELECT COUNT(*) AS installments FROM loan_installment WHERE loan_id LIKE '${PREFIX}%'`,
    ),
    'bench installments',
  );
  console.log(
    `seeded ${LOANS} loans, ${installments} installments in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  await seedDemoBank(dataSource);
  const today = beijingDate(new Date());
  await seedBook(dataSource, today);
  // The inbox step's 100,000 synthetic open tasks would make this the time of the open-task figure
  // (one JSON_TABLE over every open task: tens of seconds), not of the book's: they go (the inbox
  // step seeds them again when it runs).
  await dataSource.query(`DELETE FROM user_task WHERE id LIKE 'B%' AND bpmn_process_id = 'bench'`);
  const api = configureHttp(
    await NestFactory.create(ApiModule, { logger: ['error'], bodyParser: false }),
  );
  await api.listen(PORT, '127.0.0.1');
  const base = `http://127.0.0.1:${PORT}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xu.committee', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const past = daysBefore(today, 20);
  const yesterday = daysBefore(today, 1);
  // The past days are computed unless the recorder kept them: none kept to begin with.
  await dataSource.query(
    `DELETE FROM portfolio_snapshot WHERE org_unit_code = 'HO' AND as_of IN (?, ?)`,
    [past, yesterday],
  );
  const time = async (label: string, asOf: string, expectKept: boolean) => {
    const samples: number[] = [];
    let loans = 0;
    // One request first, not timed: the first read after seeding finds the pages on disk.
    for (let n = -1; n < REQUESTS; n++) {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/monitor/figures?asOf=${asOf}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = (await response.json()) as {
        keptAt?: string | null;
        portfolio?: { loans: number };
      };
      if (n >= 0) samples.push(performance.now() - t0);
      if (!response.ok) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
      if ((body.keptAt !== null) !== expectKept)
        throw new Error(
          `${label}: keptAt ${body.keptAt}, expected ${expectKept ? 'a time' : 'null'}`,
        );
      loans = body.portfolio?.loans ?? 0;
    }
    console.log(`  ${describeLatency(label, samples)}  (${loans} loans serviced)`);
  };
  console.log(
    `GET /api/monitor/figures, head office, ${LOANS} loans, ${REQUESTS} requests each (goal p95 <= 300 ms):`,
  );
  await time('today', today, false);
  await time(`yesterday, computed (${yesterday})`, yesterday, false);
  await time(`20 days back, computed (${past})`, past, false);
  const figures = api.get(FiguresService);
  const t0 = performance.now();
  await figures.record(['HO'], past, new Date());
  console.log(
    `  keeping head office's day ${past} (what the recorder does once a day per unit): ${Math.round(performance.now() - t0)} ms`,
  );
  await time(`20 days back, as kept (${past})`, past, true);
  await api.close();
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
