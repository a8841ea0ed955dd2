import { createHash } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Directory, Principal } from '@loanflow/identity';
import {
  ApplicationRequest,
  ApplicationRecords,
  applicationOf,
  contractsFor,
  CreateScheduleWorker,
  DisburseWorker,
  JOB,
  NotifyDecisionWorker,
  RecordCollateralRegistrationWorker,
  RecordContractsWorker,
  REGISTRATION,
  StartServicingWorker,
} from '@loanflow/origination';
import { itemAt, Money } from '@loanflow/domain';
import {
  LoanDecisionEntity,
  LoanDocumentEntity,
  LoanInstallmentEntity,
  LoanPartyEntity,
  retryingLockConflicts,
} from '@loanflow/persistence';
import { BusinessClock, checkJobInput, JobContext } from '@loanflow/workflow';
import type { PlannedLoan } from './portfolio-book';
import { newLoanId } from '@loanflow/loans';

export interface SeededLoan {
  loanId: string;
  plan: PlannedLoan;
  /** The stored schedule's due dates, installment 1 first. */
  dueDates: string[];
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A handler called as the engine would deliver its job: a transaction InnoDB gave up on a lock
 * conflict (rolled back whole) is run again, as the engine redelivers a failed job; the handlers
 * do their effects once per job key, so a second run is safe.
 */
const redelivered = <T>(handle: () => Promise<T>): Promise<T> =>
  retryingLockConflicts(handle, () => true, 5);

/**
 * Pays out loans without walking them through origination's human tasks (about 80 loans a minute
 * with bots: too slow for a portfolio). Each loan is written by the application service's own
 * writer, and every later record is made by the origination worker that makes it in production,
 * called directly with the answers the demo staff give: the decision (terms, notice), the signed
 * contracts, the collateral registration, the payout through core banking, the stored schedule
 * and the loan-disbursed message that starts the loan's real servicing instance on the broker.
 * Only the origination instance itself is missing.
 */
export class LoanSeeder {
  private readonly principals = new Map<string, Principal>();
  private readonly applications: ApplicationRecords;
  private readonly directory: Directory;
  private readonly dataSource: DataSource;
  private readonly clock: BusinessClock;
  private seeded = 0;

  constructor(
    api: INestApplicationContext,
    private readonly workers: INestApplicationContext,
  ) {
    this.applications = api.get(ApplicationRecords);
    this.directory = api.get(Directory);
    this.dataSource = api.get(DataSource);
    this.clock = api.get(BusinessClock);
  }

  async seed(plan: PlannedLoan): Promise<SeededLoan> {
    const n = ++this.seeded;
    const principal = await this.principal(plan.customerManager);
    const request = this.request(plan);
    const loanId = newLoanId();
    // Filed as submit() files it (without starting an origination instance), so a seeded loan is
    // what an application writes.
    await this.applications.file(
      applicationOf(loanId, principal, principal.orgUnitCode, request),
      () => Promise.resolve(),
    );
    const today = await this.clock.today();
    const ref = { loanId };
    // The notice and the payout rest on the decisions people record (loan_decision): the branch
    // approval with the terms applied for, as the approval form records it.
    await this.decide(loanId, 'approval', 'approve', 'zhao.approver', {
      amountMinor: Money.parse(String(request.amount)).minorUnits.toString(),
      termMonths: request.termMonths,
      annualRate: plan.annualRate,
    });
    await redelivered(() =>
      this.workers.get(NotifyDecisionWorker).handle(
        {
          loanId,
          creditDecision: {
            outcome: 'approved',
            stage: 'approval',
            level: 'branch',
            reasons: 'portfolio bench: approved as applied',
          },
          loan: {
            amount: request.amount,
            termMonths: request.termMonths,
            annualRate: plan.annualRate,
          },
          requiredApprovalLevel: 'branch',
        },
        this.context(JOB.notifyDecision, loanId, n),
      ),
    );
    const secured = request.guaranteeType === 'mortgage';
    // The process refers to guarantors by their party in the register, never by ID number.
    const guarantors = await this.dataSource
      .getRepository(LoanPartyEntity)
      .find({ where: { loanId, role: 'guarantor' }, order: { id: 'ASC' } });
    const signed = contractsFor(loanId, plan.guarantorIds, secured);
    await redelivered(() =>
      this.workers.get(RecordContractsWorker).handle(
        {
          loanId,
          contracts: {
            ...signed,
            guaranteeContracts: (signed.guaranteeContracts ?? []).map((contract, i) => ({
              contractNo: contract.contractNo,
              guarantorPartyId: itemAt(guarantors, i, 'the guarantors').id,
            })),
            signedOn: today,
            by: plan.customerManager,
          },
        },
        this.context(JOB.recordContracts, loanId, n),
      ),
    );
    if (secured)
      await redelivered(() =>
        this.workers.get(RecordCollateralRegistrationWorker).handle(
          {
            loanId,
            collateralRegistration: { ...REGISTRATION, registeredOn: today, by: 'ma.mortgage' },
          },
          this.context(JOB.recordCollateralRegistration, loanId, n),
        ),
      );
    // The papers disbursement asks to see on file (their record; the bench stores no bytes).
    await this.fileDocument(loanId, 'contract', plan.customerManager);
    if (secured) await this.fileDocument(loanId, 'collateral-certificate', 'ma.mortgage');
    // The disbursement supervisor's release after the approval (the disbursement-check form).
    await this.decide(loanId, 'disbursement-check', 'release', 'sun.supervisor');
    await redelivered(() =>
      this.workers.get(DisburseWorker).handle(ref, this.context(JOB.disburse, loanId, n)),
    );
    await redelivered(() => this.workers.get(CreateScheduleWorker).handle(ref));
    await redelivered(() =>
      this.workers
        .get(StartServicingWorker)
        .handle(ref, this.context(JOB.startServicing, loanId, n)),
    );
    return { loanId, plan, dueDates: await this.dueDates(loanId) };
  }

  private async fileDocument(loanId: string, kind: string, uploadedBy: string): Promise<void> {
    await this.dataSource.getRepository(LoanDocumentEntity).insert({
      loanId,
      taskId: null,
      kind,
      fileName: `${kind}-${loanId}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: '0',
      sha256: createHash('sha256').update('').digest('hex'),
      storageKey: `bench/${loanId}/${kind}`,
      uploadedBy,
      uploadedAt: await this.clock.now(),
    });
  }

  private async decide(
    loanId: string,
    kind: 'approval' | 'disbursement-check',
    outcome: string,
    decidedBy: string,
    terms: { amountMinor: string; termMonths: number; annualRate: string } | null = null,
  ): Promise<void> {
    await this.dataSource.getRepository(LoanDecisionEntity).insert({
      loanId,
      kind,
      level: kind === 'approval' ? 'branch' : null,
      outcome,
      amountMinor: terms?.amountMinor ?? null,
      termMonths: terms?.termMonths ?? null,
      annualRate: terms?.annualRate ?? null,
      counterOffer: 0,
      reasons: 'portfolio bench: decided as applied',
      decidedBy,
      taskId: null,
      decidedAt: await this.clock.now(),
    });
  }

  /** The application as the API would take it: validated and with its defaults filled in. */
  private request(plan: PlannedLoan): ApplicationRequest {
    const check = checkJobInput(ApplicationRequest, plan.application);
    if (!check.ok)
      throw new Error(`sample application ${plan.index}: ${check.problems.join('; ')}`);
    return check.value;
  }

  private async principal(username: string): Promise<Principal> {
    let principal = this.principals.get(username);
    if (!principal) {
      const found = await this.directory.principalByUsername(username);
      if (!found) throw new Error(`${username} is not a user of the demo bank`);
      principal = found;
      this.principals.set(username, principal);
    }
    return principal;
  }

  private async dueDates(loanId: string): Promise<string[]> {
    const lines = await this.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' }, select: { dueDate: true } });
    return lines.map((line) => line.dueDate);
  }

  /** What a worker would get from its job; the key marks the effect as the bench's in job_effect. */
  private context(type: string, loanId: string, n: number): JobContext {
    return {
      jobKey: `bench-seed-${n}`,
      type,
      processInstanceKey: '0',
      bpmnProcessId: 'loan-origination',
      processDefinitionVersion: 0,
      elementId: 'PortfolioBenchSeed',
      elementInstanceKey: '0',
      retries: 1,
      businessKey: loanId,
      headers: {},
      logger: quiet,
    };
  }
}
