import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { ListOrNone } from '../components/ListOrNone';
import { Field } from '../components/Field';
import { UnitName, UserName } from '../components/Names';
import { formatDateTime, formatRatio } from '../format';
import { useLoad } from '../useLoad';
import { THRESHOLD_FIGURES } from '../apiValues';

type Figure = Schema<'CurrentThresholdView'>['figure'];

/** 警戒水平: head office's levels on the figures, the units' crossings, the monthly series. */
export function ThresholdsPage() {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  // Head office's risk managers and admins; a branch one is refused by the api (403, audited).
  const sets = may('PUT /api/monitor/thresholds/{figure}');
  const levels = useLoad(() => answer(client.GET('/api/monitor/thresholds')), []);
  const crossings = useLoad(() => answer(client.GET('/api/monitor/thresholds/crossings')), []);
  const months = useLoad(() => answer(client.GET('/api/monitor/figures/monthly')), []);
  const [error, setError] = useState<unknown>(null);
  const [evaluated, setEvaluated] = useState<string | null>(null);
  const ratio = (value: string | null) =>
    value === null ? '—' : formatRatio(value, i18n.language);

  const evaluate = async () => {
    setError(null);
    try {
      const result = await answer(client.POST('/api/monitor/thresholds/evaluate'));
      setEvaluated(t('thresholds.evaluated', { count: result.opened.length }));
      crossings.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="thresholds-title">
      <h1 id="thresholds-title">{t('thresholds.title')}</h1>
      <p>{t('thresholds.help')}</p>
      <ErrorNotice error={levels.error ?? crossings.error ?? months.error ?? error} />
      <div className="card">
        <h2>{t('thresholds.current')}</h2>
        <table data-testid="threshold-levels">
          <thead>
            <tr>
              <th scope="col">{t('thresholds.figure')}</th>
              <th scope="col">{t('thresholds.direction')}</th>
              <th scope="col">{t('thresholds.value')}</th>
              <th scope="col">{t('thresholds.setBy')}</th>
              <th scope="col">{t('thresholds.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.data?.current.map((level) => (
              <tr key={level.figure}>
                <th scope="row">{t(`thresholds.figures.${level.figure}`)}</th>
                <td>{t(`thresholds.directions.${level.direction}`)}</td>
                <td>{ratio(level.value)}</td>
                <td>
                  {level.setBy ? (
                    <>
                      <UserName username={level.setBy} />{' '}
                      {formatDateTime(level.setAt, i18n.language)}
                    </>
                  ) : (
                    t('thresholds.unset')
                  )}
                </td>
                <td>{level.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {sets && (
          <button type="button" onClick={() => void evaluate()}>
            {t('thresholds.evaluate')}
          </button>
        )}
        {evaluated && <p role="status">{evaluated}</p>}
      </div>
      {sets && <SetLevel onSet={levels.reload} />}
      <div className="card">
        <h2>{t('thresholds.crossings')}</h2>
        <ListOrNone items={crossings.data} none={t('thresholds.noCrossings')}>
          {(rows) => (
            <table data-testid="threshold-crossings">
              <thead>
                <tr>
                  <th scope="col">{t('thresholds.unit')}</th>
                  <th scope="col">{t('thresholds.figure')}</th>
                  <th scope="col">{t('thresholds.figureValue')}</th>
                  <th scope="col">{t('thresholds.value')}</th>
                  <th scope="col">{t('thresholds.asOf')}</th>
                  <th scope="col">{t('thresholds.state')}</th>
                  <th scope="col">{t('thresholds.loans')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <UnitName code={c.orgUnitCode} />
                    </td>
                    <td>{t(`thresholds.figures.${c.figure}`)}</td>
                    <td>{ratio(c.value)}</td>
                    <td>{ratio(c.thresholdValue)}</td>
                    <td>{c.asOf}</td>
                    <td>
                      {t(`thresholds.states.${c.state}`)}
                      {c.answeredBy && (
                        <>
                          {' · '}
                          {t('thresholds.answered')} <UserName username={c.answeredBy} />
                        </>
                      )}
                    </td>
                    <td>
                      {c.loans.slice(0, 10).map((id) => (
                        <Link key={id} to={`/loans/${encodeURIComponent(id)}`}>
                          {id}{' '}
                        </Link>
                      ))}
                      {c.loans.length > 10 && `+${c.loans.length - 10}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ListOrNone>
      </div>
      <div className="card">
        <h2>{t('thresholds.monthly')}</h2>
        <table data-testid="monthly-figures">
          <thead>
            <tr>
              <th scope="col">{t('thresholds.month')}</th>
              <th scope="col">{t('thresholds.interestDue')}</th>
              <th scope="col">{t('thresholds.interestReceived')}</th>
              <th scope="col">{t('thresholds.figures.interest-collection-rate')}</th>
              <th scope="col">{t('thresholds.figures.overdue-rate')}</th>
              <th scope="col">{t('thresholds.figures.bad-loan-ratio')}</th>
            </tr>
          </thead>
          <tbody>
            {months.data?.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td>{m.interestDue}</td>
                <td>{m.interestReceived}</td>
                <td>{Number(m.interestDue) > 0 ? ratio(m.rate) : '—'}</td>
                <td>{ratio(m.overdueRate)}</td>
                <td>{ratio(m.nonPerformingRatio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {levels.data && levels.data.history.length > 0 && (
        <div className="card">
          <h2>{t('thresholds.history')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('thresholds.figure')}</th>
                <th scope="col">{t('thresholds.value')}</th>
                <th scope="col">{t('thresholds.setBy')}</th>
                <th scope="col">{t('thresholds.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {levels.data.history.map((h) => (
                <tr key={h.id}>
                  <td>{t(`thresholds.figures.${h.figure}`)}</td>
                  <td>{ratio(h.value)}</td>
                  <td>
                    <UserName username={h.setBy} /> {formatDateTime(h.setAt, i18n.language)}
                  </td>
                  <td>{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The head-office editor: a figure, its level as a ratio (0.0500 is 5%), and why. */
function SetLevel({ onSet }: { onSet: () => void }) {
  const { t } = useTranslation();
  const [figure, setFigure] = useState<Figure>('overdue-rate');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const { error, errors, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await answer(
        client.PUT('/api/monitor/thresholds/{figure}', {
          params: { path: { figure } },
          body: { value: value.trim(), reason },
        }),
      );
      setValue('');
      setReason('');
      onSet();
    });
  };
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="set-level-title">
      <h2 id="set-level-title">{t('thresholds.set')}</h2>
      <Field id="level-figure" label={t('thresholds.figure')} errors={errors} field="figure">
        {(props) => (
          <select {...props} value={figure} onChange={(e) => setFigure(e.target.value as Figure)}>
            {THRESHOLD_FIGURES.map((f) => (
              <option key={f} value={f}>
                {t(`thresholds.figures.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="level-value" label={t('thresholds.valueHelp')} errors={errors} field="value">
        {(props) => <input {...props} value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      <Field id="level-reason" label={t('thresholds.reason')} errors={errors} field="reason">
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit">{t('thresholds.save')}</button>
      <ErrorNotice error={error} fieldsShown />
    </form>
  );
}
