import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
  DEFAULT_PRODUCT_POLICIES,
  GuaranteeType,
  LoanProduct,
  Money,
  PaymentMethod,
  UnmetCondition,
  disbursementChecklist,
  DisbursementCheck,
  unmetDisbursementConditions,
} from '@loanflow/domain';
import {
  BusinessClock,
  JobContext,
  JobHandler,
  JobWorker,
  NonRetryableJobError,
} from '@loanflow/workflow';
import { JOB } from '../origination.contract';
import { DecisionRecords } from './decision-records';
import { CollateralRegistrationVariable, ContractsVariable, LoanRef } from './worker-inputs';
import { LoanFile, LoanRecords } from '@loanflow/loans';

export class RecordContractsInput extends LoanRef {
  @IsObject() @ValidateNested() @Type(() => ContractsVariable) contracts!: ContractsVariable;
}

/**
 * Files the contracts the customer manager had signed. A file returned by the disbursement
 * supervisor is signed again: the new set replaces the old one.
 */
@JobWorker({
  type: JOB.recordContracts,
  description: 'Record the signed loan, guarantee and collateral contracts.',
  input: RecordContractsInput,
})
export class RecordContractsWorker implements JobHandler<RecordContractsInput, void> {
  constructor(
    private readonly register: DecisionRecords,
    private readonly records: LoanRecords,
  ) {}

  async handle({ loanId, contracts }: RecordContractsInput, job: JobContext): Promise<void> {
    const { loan, applicant, guarantors, collateral } = await this.records.fileForJob(loanId);
    const guarantorOf = (partyId: string) => {
      const party = guarantors.find((g) => g.id === String(partyId));
      if (!party)
        throw new NonRetryableJobError(`party ${partyId} is not a guarantor of loan ${loanId}`);
      return party;
    };
    const secured = loan.guaranteeType === 'mortgage' || loan.guaranteeType === 'pledge';
    const signedAt = new Date(`${contracts.signedOn}T00:00:00+08:00`);
    const rows = [
      {
        kind: 'loan' as const,
        contractNo: contracts.loanContractNo,
        partyIdNumber: applicant.idNumber,
      },
      ...contracts.guaranteeContracts.map((c) => ({
        kind: 'guarantee' as const,
        contractNo: c.contractNo,
        partyIdNumber: guarantorOf(c.guarantorPartyId).idNumber,
      })),
      ...(secured && contracts.collateralContractNo
        ? [
            {
              kind: loan.guaranteeType as 'mortgage' | 'pledge',
              contractNo: contracts.collateralContractNo,
              partyIdNumber: collateral[0]?.ownerIdNumber ?? applicant.idNumber,
            },
          ]
        : []),
    ];
    // Once per job: a delivery beside the first waits for it and replays it, instead of taking
    // the first one's contract numbers for another loan's. A re-signing is a new job.
    await this.register.once(
      JOB.recordContracts,
      `${loanId}:${job.jobKey}`,
      job.jobKey,
      async (tx) => {
        const taken = await tx.replaceContracts(
          loanId,
          rows.map((row) => ({
            ...row,
            loanId,
            signedAt,
            effectiveFrom: contracts.signedOn,
            recordedBy: contracts.by,
          })),
        );
        // Thrown inside the transaction: the contracts filed before it are not kept either.
        if (taken)
          throw new NonRetryableJobError(
            `contract number ${taken} of loan ${loanId} is already used by another loan: correct it and retry the job`,
          );
        await tx.updateLoan(loanId, { status: 'contracts-signed' });
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'contracts.record',
          outcome: 'ok',
          loanKey: loanId,
          reason: `${rows.length} contract(s) signed on ${contracts.signedOn} recorded: ${rows
            .map((row) => `${row.kind} ${row.contractNo}`)
            .join(', ')} (signing by ${contracts.by})`,
        });
      },
    );
  }
}

export class RecordCollateralRegistrationInput extends LoanRef {
  @IsObject()
  @ValidateNested()
  @Type(() => CollateralRegistrationVariable)
  collateralRegistration!: CollateralRegistrationVariable;
}

/** Files the registration certificate against the loan's collateral (抵押办证). */
@JobWorker({
  type: JOB.recordCollateralRegistration,
  description: 'Record the collateral registration certificate against the loan’s collateral.',
  input: RecordCollateralRegistrationInput,
})
export class RecordCollateralRegistrationWorker implements JobHandler<
  RecordCollateralRegistrationInput,
  void
> {
  constructor(
    private readonly register: DecisionRecords,
    private readonly records: LoanRecords,
  ) {}

  async handle(
    { loanId, collateralRegistration: registration }: RecordCollateralRegistrationInput,
    job: JobContext,
  ) {
    await this.records.withPartiesForJob(loanId);
    // Once per job: a redelivery replays the first recording instead of auditing it again.
    const key = `${loanId}:${job.jobKey}`;
    await this.register.once(JOB.recordCollateralRegistration, key, job.jobKey, async (tx) => {
      await tx.registerCollateral(loanId, {
        certificateNo: registration.certificateNo,
        registryOffice: registration.registryOffice,
        registeredAt: new Date(`${registration.registeredOn}T00:00:00+08:00`),
        registeredBy: registration.by,
      });
      await tx.updateLoan(loanId, { status: 'collateral-registered' });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'collateral.record-registration',
        outcome: 'ok',
        loanKey: loanId,
        reason: `certificate ${registration.certificateNo} from ${registration.registryOffice} (${registration.registeredOn}), registered by ${registration.by}`,
      });
    });
  }
}

export interface DisbursementConditions {
  met: boolean;
  unmet: UnmetCondition[];
  /** Every condition that applies, met or not: the supervisor's checklist. */
  checks: { check: DisbursementCheck; met: boolean }[];
}

/** The conditions of disbursement as the records show them today (Beijing). */
export function disbursementConditionsOf(file: LoanFile, today: string): DisbursementConditions {
  const { loan, guarantors, collateral, contracts, documentKinds } = file;
  const facts = {
    contracts: contracts.map((contract) => ({
      kind: contract.kind,
      effective: contract.effectiveFrom <= today,
    })),
    guaranteeType: loan.guaranteeType as GuaranteeType,
    guarantorCount: guarantors.length,
    collateralRegistered:
      collateral.length > 0 && collateral.every((item) => item.certificateNo !== null),
    documentsOnFile: documentKinds,
    paymentMethod: loan.paymentMethod as PaymentMethod,
    product: loan.product as LoanProduct,
    amount: Money.ofMinor(loan.amountMinor ?? loan.requestedAmountMinor),
    policy: DEFAULT_PRODUCT_POLICIES[loan.product as LoanProduct],
  };
  const unmet = unmetDisbursementConditions(facts);
  return { met: unmet.length === 0, unmet, checks: disbursementChecklist(facts) };
}

/**
 * Never disburse before the loan and collateral contracts take effect, nor before their papers
 * (the signed contract, the registration certificate) are uploaded: the system's own reading of
 * the conditions, shown to the disbursement supervisor, who may not release while any is unmet.
 */
@JobWorker({
  type: JOB.checkDisbursementConditions,
  control: 'disbursement conditions (放款条件)',
  description:
    'Check the disbursement conditions: contracts in force, collateral registered, the signed contract and certificate uploaded, payment method.',
  input: LoanRef,
  outputs: ['disbursementConditions'],
})
export class CheckDisbursementConditionsWorker implements JobHandler<
  LoanRef,
  { disbursementConditions: DisbursementConditions }
> {
  constructor(
    private readonly records: LoanRecords,
    private readonly clock: BusinessClock,
  ) {}

  async handle({ loanId }: LoanRef, context: JobContext) {
    const conditions = disbursementConditionsOf(
      await this.records.fileForJob(loanId),
      await this.clock.today(),
    );
    if (!conditions.met)
      context.logger.info('disbursement conditions not met', { unmet: conditions.unmet });
    return { disbursementConditions: conditions };
  }
}
