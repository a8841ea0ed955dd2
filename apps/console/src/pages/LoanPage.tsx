import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answer, ApiError, client, Schema } from '../api';
import { DataTable, RecordFacts, Value } from '../components/DataTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { RaiseWarningForm } from '../components/RaiseWarningForm';
import {
  PayoffQuoteForm,
  PendingRepayments,
  RepaymentForm,
  RestructuringForm,
} from '../components/ServicingForms';
import { PrepaymentForm } from '../components/PrepaymentForm';
import { ScheduleTable } from '../components/ScheduleTable';
import { ApiRoute, useAuth } from '../auth';
import { Day, Money } from '../components/Money';
import { UnitName, UserName } from '../components/Names';
import { AuditTimeline, AuditEntry } from '../components/AuditTimeline';
import { CommentEntry, CommentsPanel } from '../components/Comments';
import { DocumentsPanel } from '../components/Documents';
import { LoanChanges } from '../components/LoanChanges';
import { LoanComplaints } from '../components/LoanComplaints';
import { LoanArchive } from '../components/LoanArchive';
import { LoanFeedChecks } from '../components/LoanFeedChecks';
import { formatCount, formatRate } from '../format';
import { toFen } from '../money';
import { useLoad } from '../useLoad';

/** A loan's dossier, as the API documents it. */
type Dossier = Schema<'LoanDossier'>;
type Party = Schema<'PartyView'>;

/** The servicing panel's forms by the route each calls: the panel shows when one is open. */
const SERVICING_ROUTES: readonly ApiRoute[] = [
  'POST /api/loans/{id}/repayments',
  'GET /api/loans/{id}/payoff-quote',
  'POST /api/loans/{id}/restructurings',
  'GET /api/loans/{id}/prepayment-quote',
];

/** 贷款概况: what staff look for first, outcome, balance, next due date, days past due, class. */
function LoanHeadline({ loan }: { loan: Dossier }) {
  const { t, i18n } = useTranslation();
  const position = loan.position;
  const refused = loan.decision && loan.decision.outcome !== 'approved';
  return (
    <dl className="facts headline" data-testid="loan-headline">
      <div className="fact" data-name="outcome">
        <dt>{t('loans.outcome')}</dt>
        <dd>
          {loan.decision
            ? t(`loans.outcomes.${loan.decision.outcome}`, { defaultValue: loan.decision.outcome })
            : t('stages.in-decision')}
        </dd>
      </div>
      {refused && loan.decision?.reasons && (
        <div className="fact" data-name="reasons">
          <dt>{t('loans.reasons')}</dt>
          <dd>{loan.decision.reasons}</dd>
        </div>
      )}
      <div className="fact" data-name="balance">
        <dt>{t('loans.balance')}</dt>
        <dd>{position ? <Money amount={position.outstandingPrincipal} /> : '—'}</dd>
      </div>
      <div className="fact" data-name="nextDue">
        <dt>{t('loans.nextDue')}</dt>
        <dd>
          <Day date={position?.nextDueDate} />
        </dd>
      </div>
      <div
        className={`fact${position && position.daysPastDue > 0 ? ' overdue' : ''}`}
        data-name="dpd"
      >
        <dt>{t('loans.dpd')}</dt>
        <dd>{position ? formatCount(position.daysPastDue, i18n.language) : '—'}</dd>
      </div>
      {position && position.daysPastDue > 0 && (
        <div className="fact" data-name="overdue">
          <dt>{t('loans.overdue')}</dt>
          <dd>
            <Money
              amount={fenToString(
                toFen(position.overduePrincipal) +
                  toFen(position.overdueInterest) +
                  toFen(position.penalty),
              )}
            />
          </dd>
        </div>
      )}
      <div className="fact" data-name="classification">
        <dt>{t('loan.classification')}</dt>
        <dd>{t(`classes.${loan.classification}`, { defaultValue: loan.classification })}</dd>
      </div>
    </dl>
  );
}

export function LoanPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { may, me } = useAuth();
  const { data, error, reload } = useLoad(
    () =>
      Promise.all([
        answer(client.GET('/api/loans/{id}', { params: { path: { id } } })),
        // A post whose duties do not include reading the trail is told so, not shown an empty one.
        answer(client.GET('/api/loans/{id}/audit', { params: { path: { id } } })).catch(
          (failure: unknown) =>
            failure instanceof ApiError && failure.status === 403 ? null : ([] as AuditEntry[]),
        ),
        answer(client.GET('/api/loans/{id}/comments', { params: { path: { id } } })).catch(
          () => [] as CommentEntry[],
        ),
      ]),
    [id],
  );
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const [loan, audit, comments] = data;
  // The document leaves the guarantors' assessments and the credit checks loose objects: read as
  // the checks write them.
  const assessed = loan.guarantors.flatMap((g) => {
    const assessment = g.assessment as GuarantorAssessment | null | undefined;
    return assessment
      ? [
          {
            name: g.name,
            age: assessment.age,
            ageAtMaturity: assessment.ageAtMaturity,
            onWarningList: assessment.onWarningList,
            grade: assessment.grade,
            debtToIncome: assessment.debtToIncome,
            eligible: assessment.eligible,
            reasons: assessment.refusals.map((r) =>
              t(`errors.${r.code}`, { defaultValue: t('errors.generic') }),
            ),
          },
        ]
      : [];
  });
  const checks = loan.creditChecks as CreditChecks | null;
  const party = (p: Party) => ({
    role: p.role,
    name: p.name,
    idNumber: p.idNumber,
    phone: p.phone,
    monthlyIncome: p.monthlyIncome,
    monthlyDebtPayments: p.monthlyDebtPayments,
    relation: p.relation,
  });

  return (
    <article aria-labelledby="loan-title" className="dossier">
      <h1 id="loan-title">
        {t('loan.title')} {loan.id}
      </h1>
      <LoanHeadline loan={loan} />
      <dl className="facts" data-testid="loan-facts">
        <dt>{t('loan.stage')}</dt>
        <dd data-testid="loan-stage">{t(`stages.${loan.stage}`, { defaultValue: loan.stage })}</dd>
        <dt>{t('loan.status')}</dt>
        <dd>{t(`values.${loan.status}`, { defaultValue: loan.status })}</dd>
        <dt>{t('loan.classification')}</dt>
        <dd>{t(`classes.${loan.classification}`, { defaultValue: loan.classification })}</dd>
        <dt>{t('loan.grade')}</dt>
        <dd>{loan.riskGrade ?? '—'}</dd>
        <dt>{t('loan.product')}</dt>
        <dd>{t(`products.${loan.product}`)}</dd>
        <dt>{t('loan.guarantee')}</dt>
        <dd>{t(`guarantees.${loan.guaranteeType}`)}</dd>
        <dt>{t('loan.branch')}</dt>
        <dd>
          <UnitName code={loan.branchCode} />
        </dd>
        <dt>{t('loan.customerManager')}</dt>
        <dd>
          <UserName username={loan.customerManager} />
        </dd>
        <dt>{t('loan.purpose')}</dt>
        <dd>{loan.purpose}</dd>
        {loan.processInstanceKey && (
          <>
            <dt>{t('loan.instance')}</dt>
            <dd>
              <Link to={`/monitor/instances/${loan.processInstanceKey}`}>
                {loan.processInstanceKey}
              </Link>
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="terms-title" className="card">
        <h2 id="terms-title">{t('loan.terms')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col" className="num">
                {t('loan.amount')}
              </th>
              <th scope="col">{t('loan.term')}</th>
              <th scope="col">{t('loan.rate')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('loan.requested')}</th>
              <td className="num">
                <Money amount={loan.requested.amount} />
              </td>
              <td>{t('common.months', { count: loan.requested.termMonths })}</td>
              <td>—</td>
            </tr>
            {loan.approved && (
              <tr>
                <th scope="row">{t('loan.approved')}</th>
                <td className="num">
                  <Money amount={loan.approved.amount} />
                </td>
                <td>{t('common.months', { count: loan.approved.termMonths })}</td>
                <td>{formatRate(loan.approved.annualRate, i18n.language)}</td>
              </tr>
            )}
          </tbody>
        </table>
        <p>
          {t('loan.repaymentMethod')}: {t(`methods.${loan.repaymentMethod}`)} · {t('loan.payment')}:{' '}
          {t(`payments.${loan.paymentMethod}`)}
          {loan.requiredApprovalLevel && (
            <>
              {' '}
              · {t('loan.requiredLevel')}: {t(`levels.${loan.requiredApprovalLevel}`)}
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="parties-title" className="card">
        <h2 id="parties-title">{t('loan.parties')}</h2>
        <DataTable
          caption={t('loan.parties')}
          rows={[party(loan.applicant), ...loan.guarantors.map(party)]}
          testId="parties"
        />
        <h3>{t('loan.collateral')}</h3>
        <DataTable caption={t('loan.collateral')} rows={loan.collateral} />
        {checks && (
          <>
            <h3>{t('contextNames.creditChecks')}</h3>
            <dl className="nested" data-testid="credit-checks">
              {(
                [
                  ['ltv', checks.collateralCover?.ltv],
                  ['ltvLimit', checks.collateralCover?.limit],
                  ['secondHome', checks.collateralCover ? checks.secondHome : undefined],
                  ['existingExposure', checks.exposure?.outstanding],
                  ['existingLoans', checks.exposure?.loans],
                ] as [string, unknown][]
              )
                .filter(([, value]) => value !== undefined && value !== null)
                .map(([name, value]) => (
                  <div key={name}>
                    <dt>{t(`fields.${name}`)}</dt>
                    <dd>
                      <Value name={name} value={value} />
                    </dd>
                  </div>
                ))}
            </dl>
            {assessed.length > 0 && (
              <DataTable
                caption={t('fields.guarantorAssessment')}
                rows={assessed}
                testId="guarantor-assessments"
              />
            )}
          </>
        )}
        <h3>{t('loan.documents')}</h3>
        <p>
          {loan.documents.map((d) => t(`documents.${d}`, { defaultValue: d })).join('、') || '—'}
        </p>
      </section>

      {loan.openTasks.length > 0 && (
        <section aria-labelledby="open-title" className="card">
          <h2 id="open-title">{t('loan.openTasks')}</h2>
          <DataTable caption={t('loan.openTasks')} rows={loan.openTasks} />
        </section>
      )}

      <section aria-labelledby="schedule-title" className="card">
        <h2 id="schedule-title">{t('loan.schedule')}</h2>
        {loan.schedule ? (
          <ScheduleTable
            rows={loan.schedule.installments}
            testId="schedule"
            extra={{
              headers: [
                <th key="paid" scope="col" className="num">
                  {t('fields.paid')}
                </th>,
                <th key="state" scope="col">
                  {t('loan.installmentState')}
                </th>,
              ],
              rowClass: (installment) => installment.standing,
              cells: (installment) => {
                const state = installment.standing;
                return [
                  <td key="paid" className="num">
                    <Money
                      amount={fenToString(
                        toFen(installment.principalPaid) + toFen(installment.interestPaid),
                      )}
                    />
                  </td>,
                  <td key="state">
                    <span className={`badge ${state}`}>{t(`loan.installment.${state}`)}</span>
                  </td>,
                ];
              },
            }}
          />
        ) : (
          <p className="muted">{t('loan.noSchedule')}</p>
        )}
      </section>

      <section aria-labelledby="repayments-title" className="card">
        <h2 id="repayments-title">{t('loan.repayments')}</h2>
        <DataTable caption={t('loan.repayments')} rows={loan.repayments} />
        {may('POST /api/loans/{id}/repayments/{repaymentId}/confirm') && (
          <PendingRepayments
            loanId={loan.id}
            repayments={loan.repayments}
            me={me?.username}
            onDone={reload}
          />
        )}
      </section>
      <section aria-labelledby="class-title" className="card">
        <h2 id="class-title">{t('loan.classificationHistory')}</h2>
        <DataTable caption={t('loan.classificationHistory')} rows={loan.classificationHistory} />
      </section>
      {loan.status === 'disbursed' && SERVICING_ROUTES.some((route) => may(route)) && (
        <section aria-labelledby="servicing-title" className="card">
          <h2 id="servicing-title">{t('servicing.title')}</h2>
          {may('POST /api/loans/{id}/repayments') && (
            <>
              <h3>{t('servicing.repayment')}</h3>
              <RepaymentForm loanId={loan.id} onDone={reload} />
            </>
          )}
          {may('GET /api/loans/{id}/payoff-quote') && (
            <>
              <h3>{t('servicing.payoff')}</h3>
              <PayoffQuoteForm
                loanId={loan.id}
                maySettle={may('POST /api/loans/{id}/early-settlement')}
                onDone={reload}
              />
            </>
          )}
          {may('POST /api/loans/{id}/restructurings') && (
            <>
              <h3>{t('servicing.restructuring')}</h3>
              <RestructuringForm loanId={loan.id} onDone={reload} />
            </>
          )}
          {may('GET /api/loans/{id}/prepayment-quote') && (
            <>
              <h3>{t('prepayment.title')}</h3>
              <PrepaymentForm
                loanId={loan.id}
                mayRequest={may('POST /api/loans/{id}/prepayments')}
              />
            </>
          )}
        </section>
      )}
      <section aria-labelledby="warnings-title" className="card">
        <h2 id="warnings-title">{t('loan.warnings')}</h2>
        <DataTable caption={t('loan.warnings')} rows={loan.warnings} />
        {loan.status === 'disbursed' && may('POST /api/loans/{id}/warnings') && (
          <RaiseWarningForm loanId={loan.id} onRaised={reload} />
        )}
      </section>
      {may('GET /api/loans/{id}/feed-checks') && <LoanFeedChecks loanId={loan.id} />}
      {(loan.creditInsurance || loan.writeOff) && (
        <section aria-labelledby="loss-title" className="card">
          <h2 id="loss-title">{t('loan.insuranceAndWriteOff')}</h2>
          <RecordFacts
            record={{ ...(loan.creditInsurance ?? {}), ...(loan.writeOff ?? {}) }}
            testId="insurance-write-off"
          />
        </section>
      )}
      {(loan.committeeVotes ?? []).length > 0 && (
        <section aria-labelledby="committee-title" className="card" data-testid="committee-votes">
          <h2 id="committee-title">{t('loan.committeeVotes')}</h2>
          <DataTable
            caption={t('loan.committeeVotes')}
            rows={loan.committeeVotes.map((vote) => ({
              round: vote.round,
              result: vote.result,
              seatCount: vote.seats.length,
              ballotsCast: vote.count?.cast ?? vote.ballots.length,
              deadlineAt: vote.deadlineAt,
            }))}
            columns={['round', 'result', 'seatCount', 'ballotsCast', 'deadlineAt']}
          />
          <DataTable
            caption={t('loan.committeeBallots')}
            rows={loan.committeeVotes.flatMap((vote) =>
              vote.ballots.map((ballot) => ({
                round: vote.round,
                member: ballot.member,
                ballot: ballot.ballot,
                reasons: ballot.reasons,
                castAt: ballot.castAt,
              })),
            )}
            columns={['round', 'member', 'ballot', 'reasons', 'castAt']}
          />
        </section>
      )}
      <section aria-labelledby="inspections-title" className="card">
        <h2 id="inspections-title">{t('loan.inspections')}</h2>
        <DataTable
          caption={t('loan.inspections')}
          rows={loan.inspections}
          columns={['number', 'kind', 'opensOn', 'dueOn', 'completedOn', 'inspector', 'late']}
        />
      </section>
      <section aria-labelledby="follow-ups-title" className="card">
        <h2 id="follow-ups-title">{t('loan.followUps')}</h2>
        <DataTable
          caption={t('loan.followUps')}
          rows={loan.followUps}
          testId="follow-ups"
          columns={[
            'dueOn',
            'completedOn',
            'completedBy',
            'late',
            'useOfFunds',
            'fundsNotes',
            'contactConfirmed',
            'findings',
            'warningLevel',
          ]}
        />
      </section>
      {loan.revaluations.length > 0 && (
        <section aria-labelledby="revaluations-title" className="card">
          <h2 id="revaluations-title">{t('loan.revaluations')}</h2>
          <DataTable
            caption={t('loan.revaluations')}
            rows={loan.revaluations}
            testId="revaluations"
            columns={[
              'number',
              'dueOn',
              'completedOn',
              'valuedBy',
              'outstandingPrincipal',
              'collateralValue',
              'ltv',
              'ltvLimit',
              'withinLimit',
              'shortfall',
              'warningLevel',
            ]}
          />
        </section>
      )}
      <section aria-labelledby="episodes-title" className="card">
        <h2 id="episodes-title">{t('loan.episodes')}</h2>
        <DataTable caption={t('loan.episodes')} rows={loan.collectionEpisodes} />
      </section>
      {loan.restructurings.length > 0 && (
        <section aria-labelledby="restructurings-title" className="card">
          <h2 id="restructurings-title">{t('loan.restructurings')}</h2>
          <DataTable caption={t('loan.restructurings')} rows={loan.restructurings} />
        </section>
      )}
      <LoanComplaints loanId={loan.id} />
      <LoanChanges loanId={loan.id} paymentMethod={loan.paymentMethod} />
      <LoanArchive loanId={loan.id} />
      <section aria-labelledby="notice-title" className="card">
        <h2 id="notice-title">{t('loan.notice')}</h2>
        <RecordFacts record={loan.notice} />
      </section>

      <DocumentsPanel
        loanId={loan.id}
        uploadTo={may('POST /api/loans/{id}/documents') ? { loanId: loan.id } : undefined}
      />
      <CommentsPanel
        on={{ loanId: id }}
        canWrite={may('POST /api/loans/{id}/comments')}
        onAdded={reload}
      />
      <section aria-labelledby="audit-title" className="card">
        <h2 id="audit-title">{t('loan.audit')}</h2>
        {!audit && (
          <p className="muted" data-testid="audit-not-for-you">
            {t('loan.auditNotForYou')}
          </p>
        )}
        <AuditTimeline entries={audit ?? []} comments={comments} />
      </section>
    </article>
  );
}

function fenToString(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

interface GuarantorAssessment {
  age: number;
  ageAtMaturity: number | null;
  onWarningList: boolean;
  grade: string;
  debtToIncome: string | null;
  eligible: boolean;
  refusals: { code: string; reason: string }[];
}

interface CreditChecks {
  collateralCover: { ltv: string | null; limit: string | null } | null;
  secondHome: boolean;
  exposure: { outstanding: string; loans: number } | null;
}
