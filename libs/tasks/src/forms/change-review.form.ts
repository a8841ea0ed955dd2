import { IsIn, IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { DomainError, textOf } from '@loanflow/domain';
import { LoanChangeRequestEntity } from '@loanflow/persistence';
import { FormDefinition, refOf } from './form-definition';
import { formLabels } from './form-labels';

/** 更改帐户/借款人信息审查: the reviewer's (审查岗) conclusion on a change, with the grounds. */
@JSONSchema(
  formLabels<ChangeReview>({
    outcome: [
      { title: '审查结论', enumLabels: { approve: '同意变更', refuse: '拒绝变更' } },
      {
        title: 'Outcome',
        enumLabels: { approve: 'Approve the change', refuse: 'Refuse the change' },
      },
    ],
    opinion: [
      { title: '审查意见', help: '核对证明材料后的意见；拒绝时写明理由，至少 10 个字' },
      {
        title: 'Opinion',
        help: 'Your opinion after checking the evidence; the reason when refusing, at least 10 characters',
      },
    ],
  }),
)
export class ChangeReview {
  @IsIn(['approve', 'refuse']) outcome!: 'approve' | 'refuse';

  @IsString()
  @Length(10, 2000, { message: 'opinion must give the grounds in 10 to 2000 characters' })
  opinion!: string;
}

/**
 * The review of a change of the payout or repayment account or of the borrower's details. The
 * opinion may quote the person's details, so it is kept (encrypted) with the change (`record`)
 * and never given to the engine, which gets the outcome and the reviewer only. Whoever requested
 * the change may not review it (change-request / change-review, same request).
 */
export const CHANGE_REVIEW: FormDefinition<ChangeReview> = {
  key: 'loanflow:change-review',
  title: 'Review a change of account or borrower details',
  titleZh: '更改帐户/借款人信息审查',
  duty: 'change-review',
  dutyRef: (context) => refOf('change', context.changeRequestId),
  dto: ChangeReview,
  context: ['changeRequestId', 'changeKind'],
  outputs: ['changeReview'],
  toVariables: (answer, completedBy) => ({
    changeReview: { outcome: answer.outcome, by: completedBy },
  }),
  summary: (answer) => `change ${answer.outcome === 'approve' ? 'approved' : 'refused'} at review`,
  async record(manager, answer, completion) {
    const id = textOf(completion.context.changeRequestId);
    const change = await manager.findOne(LoanChangeRequestEntity, {
      where: { id, loanId: completion.businessKey ?? '' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!change)
      throw new DomainError(
        'CHANGE_REQUEST_NOT_FOUND',
        `The task names no change of its loan (${id}).`,
      );
    if (change.state !== 'requested' || change.reviewOutcome)
      throw new DomainError('CONFLICT', `Change ${id} was decided already.`);
    await manager.update(
      LoanChangeRequestEntity,
      { id },
      {
        reviewedBy: completion.completedBy,
        reviewOutcome: answer.outcome,
        reviewOpinion: answer.opinion,
        reviewedAt: completion.at,
      },
    );
  },
};
