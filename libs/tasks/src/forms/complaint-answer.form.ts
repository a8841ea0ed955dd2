import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { DomainError, textOf } from '@loanflow/domain';
import { ComplaintEntity, ComplaintStaffEntity } from '@loanflow/persistence';
import type { FormDefinition } from './form-definition';
import { formLabels } from './form-labels';

export const COMPLAINT_RESOLUTIONS = ['upheld', 'partly-upheld', 'not-upheld'] as const;

/** 投诉答复: the answer given to the customer, and whether the complaint was found justified. */
@JSONSchema(
  formLabels<ComplaintAnswer>({
    resolution: [
      {
        title: '处理结论',
        enumLabels: { upheld: '投诉成立', 'partly-upheld': '部分成立', 'not-upheld': '投诉不成立' },
      },
      {
        title: 'Resolution',
        enumLabels: {
          upheld: 'Upheld',
          'partly-upheld': 'Partly upheld',
          'not-upheld': 'Not upheld',
        },
      },
    ],
    answer: [
      { title: '答复内容', help: '给客户的答复及采取的措施，至少 10 个字' },
      {
        title: 'Answer',
        help: 'What the customer was told and what was done, at least 10 characters',
      },
    ],
    customerInformed: [{ title: '已告知客户' }, { title: 'Customer informed' }],
  }),
)
export class ComplaintAnswer {
  @IsIn([...COMPLAINT_RESOLUTIONS])
  resolution!: (typeof COMPLAINT_RESOLUTIONS)[number];

  @IsString()
  @Length(10, 4000, { message: 'answer must give the answer in 10 to 4000 characters' })
  answer!: string;

  @IsBoolean() customerInformed!: boolean;
}

/**
 * The answer to a customer's complaint, at whatever level holds it (the handler, the branch's
 * center managers, head office). The answer text is kept, encrypted, in the complaint register
 * (`record`); the engine gets only the resolution. Nobody answers a complaint about themself.
 */
export const COMPLAINT_ANSWER: FormDefinition<ComplaintAnswer> = {
  key: 'loanflow:complaint-answer',
  title: 'Complaint answer',
  titleZh: '投诉答复',
  duty: null,
  dto: ComplaintAnswer,
  context: ['complaintId', 'complaintCategory', 'complaintLevel', 'complaintDueAt'],
  outputs: ['complaintResolution'],
  toVariables: (answer) => ({ complaintResolution: answer.resolution }),
  summary: (answer) =>
    `complaint answered: ${answer.resolution}${answer.customerInformed ? ', customer informed' : ''}`,
  async record(manager, answer, completion) {
    const id = textOf(completion.context.complaintId);
    const complaint = await manager.findOne(ComplaintEntity, {
      where: { id, loanId: completion.businessKey ?? '' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!complaint)
      throw new DomainError(
        'COMPLAINT_NOT_FOUND',
        `The task names no complaint of its loan (${id}).`,
      );
    if (complaint.status !== 'open')
      throw new DomainError('COMPLAINT_ALREADY_ANSWERED', `Complaint ${id} was answered already.`);
    const involved = await manager.findOneBy(ComplaintStaffEntity, {
      complaintId: id,
      username: completion.completedBy,
    });
    if (involved)
      throw new DomainError(
        'COMPLAINT_HANDLER_INVOLVED',
        `${completion.completedBy} is among the staff complaint ${id} is about and cannot answer it.`,
      );
    await manager.update(
      ComplaintEntity,
      { id },
      {
        status: 'answered',
        answer: answer.answer,
        resolution: answer.resolution,
        answeredBy: completion.completedBy,
        answeredAt: completion.at,
      },
    );
  },
};
