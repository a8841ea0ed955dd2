import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, Schema, TaskDetail } from '../api';
import { formatCount, formatRate, formatRatio } from '../format';
import { toFen } from '../money';
import { useLoad } from '../useLoad';
import { Money, When } from './Money';
import { UserName } from './Names';
import { textOf } from '../text';

/** The context variables the workbench shows: the generic context panel leaves them out. */
export const WORKBENCH_CONTEXT = ['investigation', 'review', 'approval', 'scorecard', 'committee'];

/** Task types that decide on credit, and the disbursement check: the evidence goes beside them. */
const DECISION_TYPES = [
  'loanflow:review-opinion',
  'loanflow:approval-decision',
  'loanflow:committee-vote',
  'loanflow:disbursement-check',
];

type Record_ = Record<string, unknown>;

interface Factor {
  factor: string;
  points: number;
  note: string;
}

/** The parts of the loan's dossier the workbench reads, as the API documents them. */
type DossierParts = Pick<Schema<'LoanDossier'>, 'guarantors' | 'collateral'>;

/**
 * The form's prefill on an approval: the reviewer's recommendation, or what was asked, so the
 * approver starts from the request rather than an empty form.
 */
export function approvalPrefill(task: TaskDetail): Record_ {
  if (task.type !== 'loanflow:approval-decision') return {};
  const review = (task.context?.review ?? null) as Record_ | null;
  const earlier = (task.context?.approval ?? null) as Record_ | null;
  const loan = task.loan ?? {};
  const pick = (...values: unknown[]) => values.find((v) => v !== undefined && v !== null);
  const prefill: Record_ = {
    decision: 'approve',
    amount: pick(earlier?.amount, review?.recommendedAmount, loan.amount),
    termMonths: pick(earlier?.termMonths, review?.recommendedTermMonths, loan.termMonths),
    annualRate: pick(earlier?.annualRate, review?.recommendedAnnualRate, loan.annualRate),
    // A lower level's proposal referred up as a counter-offer stays one.
    counterOffer: earlier?.counterOffer === true ? true : undefined,
  };
  return Object.fromEntries(Object.entries(prefill).filter(([, v]) => v !== undefined));
}

/** a / b as a decimal fraction to 4 places, rounded half up, in integers (never floats). */
export function ratioOf(a: bigint, b: bigint): string {
  const tenThousandths = (a * 20000n + b) / (2n * b);
  const whole = tenThousandths / 10000n;
  return `${whole}.${(tenThousandths % 10000n).toString().padStart(4, '0')}`;
}

/** The first number in a scorecard factor's note ("bureau score 780 (750 or more)" → 780). */
function factorValue(factor: Factor): string | null {
  const match = /-?\d+(?:\.\d+)?/.exec(factor.note);
  return match ? match[0] : null;
}

/** 审批依据: the evidence a reviewer, approver or supervisor decides on, beside the form. */
export function DecisionWorkbench({ task }: { task: TaskDetail }) {
  const { t, i18n } = useTranslation();
  const loanId = task.businessKey;
  const dossier = useLoad(
    () =>
      loanId
        ? get<DossierParts>(`/api/loans/${encodeURIComponent(loanId)}`).catch(() => null)
        : Promise.resolve(null),
    [loanId],
  );
  if (!DECISION_TYPES.includes(task.type)) return null;
  const context = task.context ?? {};
  const investigation = context.investigation as Record_ | undefined;
  const review = context.review as Record_ | undefined;
  const approval = context.approval as Record_ | undefined;
  const committee = context.committee as
    | {
        round: number;
        deadline: string;
        members: string[];
        recused: { member: string; reason: string }[];
      }
    | undefined;
  const scorecard = context.scorecard as
    { points: number; grade: string; factors: Factor[] } | undefined;
  const amount = (task.loan?.amount as string | undefined) ?? null;
  const parts = dossier.data;
  const appraised = (parts?.collateral ?? [])
    .map((item) => toFen(item.appraisedValue))
    .reduce((sum, fen) => sum + fen, 0n);
  const ltv = amount && appraised > 0n ? ratioOf(toFen(amount), appraised) : null;
  const row = (label: string, value: ReactNode, name?: string) =>
    value === undefined || value === null || value === '' ? null : (
      <div className="fact" data-name={name}>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    );
  const value = (code: unknown) =>
    typeof code === 'string' ? t(`values.${code}`, { defaultValue: code }) : null;
  const rate = (r: unknown) => (typeof r === 'string' ? formatRate(r, i18n.language) : null);

  return (
    <section className="card workbench" aria-labelledby="workbench-title" data-testid="workbench">
      <h2 id="workbench-title">{t('workbench.title')}</h2>
      {task.deadlineKind === 'notice' && (
        <p data-testid="workbench-deadline">
          {t('workbench.noticeDue')}: <When at={task.deadlineAt} />
        </p>
      )}

      {scorecard && (
        <>
          <h3>{t('workbench.scorecard')}</h3>
          <p data-testid="workbench-grade">
            {t('workbench.gradeIs', { grade: scorecard.grade, points: scorecard.points })}
          </p>
          <div className="table-wrap">
            <table className="stack" data-testid="workbench-factors">
              <caption className="sr-only">{t('workbench.scorecard')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workbench.factor')}</th>
                  <th scope="col" className="num">
                    {t('workbench.value')}
                  </th>
                  <th scope="col" className="num">
                    {t('workbench.points')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {scorecard.factors.map((factor) => {
                  const raw = factorValue(factor);
                  return (
                    <tr key={factor.factor} data-factor={factor.factor} title={factor.note}>
                      <td data-label={t('workbench.factor')}>
                        {t(`workbench.factors.${factor.factor}`, { defaultValue: factor.factor })}
                      </td>
                      <td data-label={t('workbench.value')} className="num">
                        {factor.factor === 'guarantee'
                          ? t(`guarantees.${textOf(task.loan?.guaranteeType, 'credit')}`)
                          : factor.factor === 'debt-to-income' && raw
                            ? formatRatio(raw, i18n.language)
                            : (raw ?? '—')}
                      </td>
                      <td data-label={t('workbench.points')} className="num">
                        {formatCount(factor.points, i18n.language)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      {investigation && (
        <>
          <h3>{t('workbench.investigation')}</h3>
          <dl className="facts" data-testid="workbench-investigation">
            {row(t('workbench.opinion'), value(investigation.opinion), 'opinion')}
            {row(
              t('workbench.dti'),
              typeof investigation.debtToIncome === 'string'
                ? formatRatio(investigation.debtToIncome, i18n.language)
                : null,
              'dti',
            )}
            {row(
              t('workbench.verified'),
              (['interviewDone', 'purposeVerified', 'incomeVerified'] as const)
                .map((name) => `${investigation[name] ? '✓' : '✗'} ${t(`fields.${name}`)}`)
                .join('　'),
            )}
            {row(t('fields.remarks'), investigation.remarks as string)}
            {row(t('workbench.by'), <UserName username={investigation.by as string} />)}
          </dl>
        </>
      )}

      {review && (
        <>
          <h3>{t('workbench.review')}</h3>
          <dl className="facts" data-testid="workbench-review">
            {row(t('workbench.outcome'), value(review.outcome), 'outcome')}
            {row(
              t('workbench.recommended'),
              review.recommendedAmount ? (
                <>
                  <Money amount={review.recommendedAmount as string} />
                  {review.recommendedTermMonths
                    ? ` · ${t('common.months', { count: Number(review.recommendedTermMonths) })}`
                    : ''}
                  {review.recommendedAnnualRate ? ` · ${rate(review.recommendedAnnualRate)}` : ''}
                </>
              ) : null,
            )}
            {row(t('fields.remarks'), (review.remarks ?? review.reasons) as string)}
            {row(t('workbench.by'), <UserName username={review.by as string} />)}
          </dl>
        </>
      )}

      {approval && (
        <>
          <h3>{t('workbench.earlierApproval')}</h3>
          <dl className="facts" data-testid="workbench-approval">
            {row(t('workbench.outcome'), value(approval.decision))}
            {row(
              t('workbench.terms'),
              approval.amount ? (
                <>
                  <Money amount={approval.amount as string} /> ·{' '}
                  {t('common.months', { count: Number(approval.termMonths) })} ·{' '}
                  {rate(approval.annualRate)}
                </>
              ) : null,
            )}
            {row(t('workbench.reasons'), approval.reasons as string)}
            {row(t('workbench.by'), <UserName username={approval.by as string} />)}
          </dl>
        </>
      )}

      {committee && (
        <>
          <h3>{t('workbench.committee')}</h3>
          <dl className="facts" data-testid="workbench-committee">
            {row(t('workbench.round'), formatCount(committee.round, i18n.language))}
            {row(t('workbench.ballotDeadline'), <When at={committee.deadline} />)}
            {row(
              t('workbench.seats'),
              <>
                {committee.members.map((member, index) => (
                  <span key={member}>
                    {index > 0 ? '、' : ''}
                    <UserName username={member} />
                  </span>
                ))}
              </>,
            )}
            {committee.recused.length > 0 &&
              row(
                t('workbench.recused'),
                <>
                  {committee.recused.map((r, index) => (
                    <span key={r.member} title={r.reason}>
                      {index > 0 ? '、' : ''}
                      <UserName username={r.member} />
                    </span>
                  ))}
                </>,
              )}
          </dl>
        </>
      )}

      {parts && parts.guarantors.length > 0 && (
        <>
          <h3>{t('workbench.guarantors')}</h3>
          <ul className="plain" data-testid="workbench-guarantors">
            {parts.guarantors.map((guarantor, index) => (
              <li key={index}>
                {guarantor.name}
                {guarantor.relation ? ` · ${value(guarantor.relation)}` : ''} ·{' '}
                {t('fields.monthlyIncome')} <Money amount={guarantor.monthlyIncome} />
              </li>
            ))}
          </ul>
        </>
      )}
      {parts && parts.collateral.length > 0 && (
        <>
          <h3>{t('workbench.collateral')}</h3>
          <ul className="plain" data-testid="workbench-collateral">
            {parts.collateral.map((item, index) => (
              <li key={index}>
                {t(`collateralKinds.${item.kind}`, { defaultValue: item.kind })} ·{' '}
                {item.description} · <Money amount={item.appraisedValue} />
              </li>
            ))}
          </ul>
          {ltv && (
            <p data-testid="workbench-ltv">
              {t('workbench.ltv')}: {formatRatio(ltv, i18n.language)}
            </p>
          )}
        </>
      )}
      {!scorecard && !investigation && !review && !approval && !parts?.collateral.length && (
        <p className="muted">{t('workbench.none')}</p>
      )}
    </section>
  );
}
