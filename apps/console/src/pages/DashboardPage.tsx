import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { answer, client } from '../api';
import { Chart } from '../components/Chart';
import { ErrorNotice } from '../components/ErrorNotice';
import { Day, Money, When } from '../components/Money';
import { formatRatio } from '../format';
import { toFen } from '../money';
import { useLoad } from '../useLoad';
import { UnitName } from '../components/Names';

/** Days past due of an aging bucket ("31-90", "360+") as the loans list's filter. */
export function bucketFilter(bucket: string): { dpdFrom: string; dpdTo?: string } | null {
  const range = /^(\d+)-(\d+)$/.exec(bucket);
  if (range?.[1] && range[2]) return { dpdFrom: range[1], dpdTo: range[2] };
  const open = /^(\d+)\+$/.exec(bucket);
  return open ? { dpdFrom: String(Number(open[1]) + 1) } : null;
}

/** The loans list filtered to the loans behind a figure of the unit's book. */
export function loansBehind(unit: string, filter: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  params.set('branch', unit);
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  return `/loans?${params.toString()}`;
}

/** Yuan as a number for the chart's bar length only; tables show the exact strings. */
const chartYuan = (amount: string) => Number(toFen(amount)) / 100;

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [asOf, setAsOf] = useState('');
  const [draft, setDraft] = useState('');
  const { data, error } = useLoad(
    () =>
      answer(
        client.GET('/api/monitor/figures', { params: { query: { asOf: asOf || undefined } } }),
      ),
    [asOf],
  );
  const { data: trend } = useLoad(() => answer(client.GET('/api/monitor/figures/trend')), []);

  const charts = useMemo(() => {
    if (!data) return null;
    const classNames = data.classification.map((c) =>
      t(`classes.${c.level}`, { defaultValue: c.name }),
    );
    return {
      classification: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: data.classification.map((c, i) => ({
              name: classNames[i],
              value: chartYuan(c.balance),
            })),
          },
        ],
      },
      buckets: {
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 20, top: 20, bottom: 30 },
        xAxis: {
          type: 'category',
          data: data.overdueBuckets.map((b) => t('dashboard.days', { bucket: b.bucket })),
        },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            name: t('dashboard.overduePrincipal'),
            data: data.overdueBuckets.map((b) => chartYuan(b.overduePrincipal)),
          },
        ],
      },
      stages: {
        tooltip: { trigger: 'axis' },
        grid: { left: 140, right: 20, top: 10, bottom: 30 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          data: data.loansByStage.map((s) => t(`stages.${s.stage}`, { defaultValue: s.stage })),
        },
        series: [
          { type: 'bar', name: t('dashboard.loans'), data: data.loansByStage.map((s) => s.loans) },
        ],
      },
    };
  }, [data, t]);

  const trendChart = useMemo(() => {
    if (!trend?.length) return null;
    // Ratios as percentages for the line's height only; the table shows the exact strings.
    const percent = (ratio: string) => Number(ratio) * 100;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: trend.map((point) => point.asOf) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: t('dashboard.overdueRate'),
          data: trend.map((point) => percent(point.overdueRate)),
        },
        {
          type: 'line',
          name: t('dashboard.nplRatio'),
          data: trend.map((point) => percent(point.nonPerformingRatio)),
        },
      ],
    };
  }, [trend, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsOf(draft);
  };

  if (error) return <ErrorNotice error={error} />;
  if (!data || !charts) return <p role="status">{t('common.loading')}</p>;
  const p = data.portfolio;
  const locale = i18n.language;
  const unit = data.orgUnit.code;
  /** A chart's picked bar: the row it stands for, when there is one. */
  const at = <T,>(rows: T[], index: number, go: (row: T) => void) => {
    const row = rows[index];
    if (row) go(row);
  };
  const byClass = (level: string) => loansBehind(unit, { classification: level });
  const byBucket = (bucket: string) => loansBehind(unit, bucketFilter(bucket) ?? {});
  const byStage = (stage: string) => loansBehind(unit, { stage });
  /** A count that opens the loans behind it (a zero stays plain text). */
  const count = (n: number, to: string) =>
    n > 0 ? (
      <Link to={to} title={t('dashboard.openLoans')}>
        {n}
      </Link>
    ) : (
      <>{n}</>
    );

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <form className="filters" onSubmit={submit}>
        <label>
          <span>{t('dashboard.asOf')}</span>
          <input type="date" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">{t('common.filter')}</button>
        <p className="muted">
          {data.orgUnit.name} ({data.orgUnit.code}) · {t('dashboard.asOf')} <Day date={data.asOf} />{' '}
          · <When at={data.at} />
          {data.keptAt && (
            <>
              {' '}
              · <span data-testid="kept-at">{t('dashboard.keptAt')}</span> <When at={data.keptAt} />
            </>
          )}
        </p>
      </form>

      <div className="kpis" data-testid="kpis">
        <div className="kpi">
          <span>{t('dashboard.loansServiced')}</span>
          <strong data-testid="kpi-loans">{count(p.loans, byStage('disbursed'))}</strong>
        </div>
        <div className="kpi">
          <span>{t('dashboard.outstanding')}</span>
          <strong data-testid="kpi-outstanding">
            <Money amount={p.outstandingBalance} />
          </strong>
        </div>
        <div className="kpi">
          <span>{t('dashboard.overdueRate')}</span>
          <strong data-testid="kpi-overdue-rate">{formatRatio(p.overdueRate, locale)}</strong>
        </div>
        <div className="kpi">
          <span>{t('dashboard.nplRatio')}</span>
          <strong data-testid="kpi-npl-ratio">{formatRatio(p.nonPerformingRatio, locale)}</strong>
        </div>
        {data.interestCollection && (
          <div className="kpi">
            <span>{t('thresholds.figures.interest-collection-rate')}</span>
            <strong
              data-testid="kpi-interest-rate"
              title={`${data.interestCollection.from} ~ ${data.interestCollection.to}`}
            >
              {Number(data.interestCollection.interestDue) > 0
                ? formatRatio(data.interestCollection.rate, locale)
                : '—'}
            </strong>
            <Link to="/thresholds">{t('nav.thresholds')}</Link>
          </div>
        )}
      </div>

      <div className="panels">
        <section className="card" aria-labelledby="class-title">
          <h2 id="class-title">{t('dashboard.classification')}</h2>
          <Chart
            option={charts.classification}
            label={t('dashboard.classification')}
            testId="chart-classification"
            onPick={(index) =>
              at(data.classification, index, (row) => void navigate(byClass(row.level)))
            }
          />
          <table data-testid="classification-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.level')}</th>
                <th scope="col" className="num">
                  {t('dashboard.loans')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.balance')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.classification.map((c) => (
                <tr key={c.level} data-level={c.level}>
                  <th scope="row">{t(`classes.${c.level}`, { defaultValue: c.name })}</th>
                  <td className="num" data-col="loans">
                    {count(c.loans, byClass(c.level))}
                  </td>
                  <td className="num" data-col="balance">
                    <Money amount={c.balance} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="buckets-title">
          <h2 id="buckets-title">{t('dashboard.buckets')}</h2>
          <Chart
            option={charts.buckets}
            label={t('dashboard.buckets')}
            testId="chart-buckets"
            onPick={(index) =>
              at(data.overdueBuckets, index, (row) => void navigate(byBucket(row.bucket)))
            }
          />
          <table data-testid="buckets-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.bucket')}</th>
                <th scope="col" className="num">
                  {t('dashboard.loans')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.overduePrincipal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.overdueBuckets.map((b) => (
                <tr key={b.bucket} data-bucket={b.bucket}>
                  <th scope="row">{t('dashboard.days', { bucket: b.bucket })}</th>
                  <td className="num" data-col="loans">
                    {count(b.loans, byBucket(b.bucket))}
                  </td>
                  <td className="num">
                    <Money amount={b.overduePrincipal} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="ratios-title">
          <h2 id="ratios-title">{t('dashboard.ratios')}</h2>
          <table data-testid="portfolio-table">
            <tbody>
              <tr>
                <th scope="row">{t('dashboard.loansServiced')}</th>
                <td className="num" data-col="loans">
                  {p.loans}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.outstanding')}</th>
                <td className="num">
                  <Money amount={p.outstandingBalance} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.overdueLoans')}</th>
                <td className="num" data-col="overdueLoans">
                  {count(p.overdueLoans, loansBehind(unit, { dpdFrom: '1' }))}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.overdueLoanBalance')}</th>
                <td className="num">
                  <Money amount={p.overdueLoanBalance} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.overduePrincipal')}</th>
                <td className="num">
                  <Money amount={p.overduePrincipal} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.overdueRate')}</th>
                <td className="num">{formatRatio(p.overdueRate, locale)}</td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.nplLoans')}</th>
                <td className="num" data-col="nonPerformingLoans">
                  {p.nonPerformingLoans}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.nplBalance')}</th>
                <td className="num">
                  <Money amount={p.nonPerformingBalance} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t('dashboard.nplRatio')}</th>
                <td className="num">{formatRatio(p.nonPerformingRatio, locale)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted">{t('dashboard.overTimeNote')}</p>
        </section>

        <section className="card" aria-labelledby="trend-title">
          <h2 id="trend-title">{t('dashboard.trend')}</h2>
          {trendChart && trend ? (
            <>
              <Chart option={trendChart} label={t('dashboard.trend')} testId="chart-trend" />
              <table data-testid="trend-table">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.day')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.overdueRate')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.nplRatio')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trend.map((point) => (
                    <tr key={point.asOf} data-day={point.asOf}>
                      <th scope="row">
                        <Day date={point.asOf} />
                      </th>
                      <td className="num">{formatRatio(point.overdueRate, locale)}</td>
                      <td className="num">{formatRatio(point.nonPerformingRatio, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="muted" data-testid="trend-empty">
              {t('dashboard.trendEmpty')}
            </p>
          )}
        </section>

        <section className="card" aria-labelledby="stages-title">
          <h2 id="stages-title">{t('dashboard.stages')}</h2>
          <Chart
            option={charts.stages}
            label={t('dashboard.stages')}
            testId="chart-stages"
            onPick={(index) =>
              at(data.loansByStage, index, (row) => void navigate(byStage(row.stage)))
            }
          />
          <table data-testid="stages-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.stage')}</th>
                <th scope="col" className="num">
                  {t('dashboard.loans')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.loansByStage.map((s) => (
                <tr key={`${s.status}/${s.stage}`} data-stage={s.stage}>
                  <th scope="row">{t(`stages.${s.stage}`, { defaultValue: s.stage })}</th>
                  <td className="num" data-col="loans">
                    {count(s.loans, byStage(s.stage))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <h2>{t('dashboard.sla')}</h2>
      <div className="panels">
        <section className="card" aria-labelledby="tasks-sla-title">
          <h3 id="tasks-sla-title">{t('dashboard.tasksByRole')}</h3>
          <table data-testid="tasks-sla">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.role')}</th>
                <th scope="col" className="num">
                  {t('dashboard.open')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.overdue')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.oldestHours')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.tasks.map((task) => (
                <tr
                  key={`${task.role}:${task.orgUnit}`}
                  className={task.overdue ? 'overdue' : undefined}
                >
                  <th scope="row">
                    {t(`roles.${task.role}`, { defaultValue: task.role })}
                    {task.orgUnit && (
                      <>
                        {' · '}
                        <UnitName code={task.orgUnit} />
                      </>
                    )}
                  </th>
                  <td className="num">{task.open}</td>
                  <td className="num">{task.overdue}</td>
                  <td className="num">{task.oldestAgeHours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="notices-sla-title">
          <h3 id="notices-sla-title">
            {t('dashboard.lateNotices', { count: data.notices.count })}
          </h3>
          <ul>
            {[...data.notices.unsent.loans, ...data.notices.sentLate.loans].map((n) => (
              <li key={n.loanId}>
                <Link to={`/loans/${n.loanId}`}>{n.loanId}</Link> · <When at={n.dueAt} /> ·{' '}
                {n.sentAt ? t('dashboard.sentLate') : t('dashboard.unsent')}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="inspections-sla-title">
          <h3 id="inspections-sla-title">
            {t('dashboard.lateInspections', { count: data.inspections.count })}
          </h3>
          <ul>
            {data.inspections.loans.map((i) => (
              <li key={`${i.loanId}/${i.number}`}>
                <Link to={`/loans/${i.loanId}`}>{i.loanId}</Link> #{i.number} ·{' '}
                <Day date={i.dueOn} /> · {t('dashboard.daysLate', { count: i.daysLate })}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
