import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateNested } from 'class-validator';
import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { AccountabilityDossier, buildAccountabilityDossier } from '@loanflow/domain';
import { AccountabilityDecision } from '@loanflow/tasks';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { AccountabilityRecords } from './accountability-records';
import { AccountabilityDecisionView } from './accountability.views';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';

/**
 * Builds the dossier of a written-off loan from the record and keeps it; the committee's task shows
 * the people it names (`loan.accountableActors`), each of whom needs a finding. Built once: a
 * re-delivered job returns the dossier already kept.
 */
@JobWorker({
  type: SERVICING_JOB.buildAccountabilityDossier,
  description: 'Build the accountability dossier of a written-off loan from the record.',
  input: ServicingStep,
  outputs: ['loan', 'accountabilityGaps', 'accountabilityDossier'],
})
export class BuildDossierWorker implements JobHandler<
  ServicingStep,
  { loan: object; accountabilityGaps: number; accountabilityDossier: AccountabilityDossier }
> {
  constructor(
    private readonly register: AccountabilityRecords,
    private readonly records: LoanRecords,
  ) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { at, date } = engineMoment(asOf);
    const { loan, applicant, guarantors } = await this.records.fileForJob(loanId);
    const dossier = await this.register.transaction(async (tx) => {
      const kept = await tx.caseOf(loanId);
      if (kept) return JSON.parse(kept.dossierJson) as AccountabilityDossier;
      const built = buildAccountabilityDossier(await tx.facts(loan, date));
      await tx.open({ loanId, dossierJson: JSON.stringify(built), builtAt: at });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'accountability.dossier',
        outcome: 'ok',
        loanKey: loanId,
        reason: `dossier built: ${built.actors.length} people named, ${built.gaps.length} gap(s)${built.gaps.length ? ': ' + built.gaps.map((g) => `${g.code} (${g.username ?? 'nobody'})`).join(', ') : ''}`,
      });
      return built;
    });
    return {
      loan: {
        ...servicedLoanSummaryOf(loan, applicant, guarantors),
        accountableActors: dossier.actors.map((a) => a.username),
      },
      accountabilityGaps: dossier.gaps.length,
      // Shown to the committee beside its form: who did what, and the gaps found.
      accountabilityDossier: dossier,
    };
  }
}

class DecisionVariable extends AccountabilityDecision {
  @IsString() by!: string;
}

export class RecordDecisionInput extends ServicingStep {
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionVariable)
  accountabilityDecision!: DecisionVariable;
}

/** Keeps the committee's decision with the case; a repeat delivery finds it decided. */
@JobWorker({
  type: SERVICING_JOB.recordAccountabilityDecision,
  description: 'Record the committee’s accountability decision with the case.',
  input: RecordDecisionInput,
})
export class RecordDecisionWorker implements JobHandler<RecordDecisionInput, void> {
  constructor(private readonly register: AccountabilityRecords) {}

  async handle({ loanId, asOf, accountabilityDecision }: RecordDecisionInput): Promise<void> {
    const { at } = engineMoment(asOf);
    const { by, findings } = accountabilityDecision;
    const committee = staffActor(by, 'committee-member');
    await this.register.transaction(async (tx) => {
      const decided = await tx.decideIfOpen(loanId, {
        decisionJson: JSON.stringify({ findings } satisfies AccountabilityDecisionView),
        decidedBy: by,
        decidedAt: at,
      });
      if (!decided) {
        if (await tx.caseOf(loanId)) return; // decided by an earlier delivery
        throw new NonRetryableJobError(`loan ${loanId} has no accountability case`);
      }
      for (const finding of findings)
        await tx.audit({
          actor: committee,
          action: 'accountability.decide',
          outcome: 'ok',
          loanKey: loanId,
          reason: `${finding.username}: ${finding.decision === 'exempt' ? 'exempt (尽职免责)' : `responsible (${finding.consequence})`}: ${finding.reasons}`,
        });
    });
  }
}
