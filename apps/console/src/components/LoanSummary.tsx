import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatRate } from '../format';
import { Money } from './Money';
import { UnitName } from './Names';
import { textOf } from '../text';

/** The loan summary a task carries (the process's `loan` variable), beside the form. */
export function LoanSummaryPanel({
  loan,
  loanId,
}: {
  loan: Record<string, unknown> | null;
  loanId: string | null;
}) {
  const { t, i18n } = useTranslation();
  if (!loan) return <p className="muted">{t('task.noLoan')}</p>;
  const approval = loan.approval as { level: string; requiredLevel: string } | undefined;
  const conditions = loan.disbursementConditions as
    | {
        met: boolean;
        unmet: { code: string; reason: string }[];
        checks?: { check: string; met: boolean }[];
      }
    | undefined;
  const questions = loan.openQuestions as string[] | undefined;
  const row = (label: string, value: React.ReactNode) =>
    value === undefined || value === null || value === '' ? null : (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    );
  return (
    <aside className="card summary" aria-labelledby="summary-title" data-testid="loan-summary">
      <h2 id="summary-title">{t('task.loanSummary')}</h2>
      {loanId && (
        <p>
          <Link to={`/loans/${loanId}`}>{t('task.openDossier', { id: loanId })}</Link>
        </p>
      )}
      <dl>
        {row(t('loan.applicant'), loan.applicantName as string)}
        {row(t('loan.product'), t(`products.${String(loan.product)}`))}
        {row(t('loan.amount'), <Money amount={loan.amount as string} />)}
        {row(t('loan.term'), t('common.months', { count: Number(loan.termMonths) }))}
        {row(
          t('loan.rate'),
          loan.annualRate ? formatRate(loan.annualRate as string, i18n.language) : undefined,
        )}
        {row(t('loan.grade'), loan.riskGrade as string | undefined)}
        {row(
          t('loan.branch'),
          loan.branchCode ? <UnitName code={loan.branchCode as string} /> : undefined,
        )}
        {row(t('loan.purpose'), loan.purpose as string | undefined)}
        {row(
          t('loan.guarantee'),
          loan.guaranteeType ? t(`guarantees.${textOf(loan.guaranteeType)}`) : undefined,
        )}
        {row(
          t('loan.payment'),
          loan.paymentMethod ? t(`payments.${textOf(loan.paymentMethod)}`) : undefined,
        )}
        {row(
          t('fields.ltv'),
          loan.ltv
            ? `${formatRate(loan.ltv as string, i18n.language)} / ${t('fields.ltvLimit')} ${formatRate(textOf(loan.ltvLimit, '0'), i18n.language)}`
            : undefined,
        )}
        {row(
          t('fields.existingExposure'),
          loan.existingExposure && loan.existingExposure !== '0.00' ? (
            <Money amount={loan.existingExposure as string} />
          ) : undefined,
        )}
        {approval &&
          row(
            t('task.approvalLevel'),
            t('task.levelOf', {
              level: t(`levels.${approval.level}`),
              required: t(`levels.${approval.requiredLevel}`),
            }),
          )}
      </dl>
      {questions && questions.length > 0 && (
        <>
          <h3>{t('task.openQuestions')}</h3>
          <ul>
            {questions.map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ul>
        </>
      )}
      {conditions && (
        <>
          <h3>{t('task.conditions')}</h3>
          <p>{conditions.met ? t('task.conditionsMet') : t('task.conditionsUnmet')}</p>
          {conditions.checks && (
            <ul className="checklist" data-testid="disbursement-checklist">
              {conditions.checks.map((line) => (
                <li key={line.check} data-check={line.check} data-met={line.met}>
                  <span aria-hidden="true" className={line.met ? 'tick' : 'cross'}>
                    {line.met ? '✓' : '✗'}
                  </span>{' '}
                  {t(`workbench.checks.${line.check}`)}
                  <span className="sr-only">
                    {line.met ? t('workbench.met') : t('workbench.unmet')}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <ul>
            {conditions.unmet.map((condition) => (
              <li key={condition.code} data-code={condition.code} title={condition.reason}>
                {t(`errors.${condition.code}`, { defaultValue: t('errors.generic') })}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
