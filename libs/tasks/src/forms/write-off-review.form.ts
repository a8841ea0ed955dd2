import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

const YES_NO = { zh: { true: '是', false: '否' }, en: { true: 'Yes', false: 'No' } };

/**
 * 审查核销法律文件: before the committee decides a write-off, the reviewer (审查岗, "审查需要核销贷款
 * 的法律文件") checks the legal documents behind it: the judgment or mediation, the enforcement's
 * termination ruling or the asset search, and that the loss is what the record shows.
 */
@JSONSchema(
  formLabels<WriteOffReview>({
    outcome: [
      { title: '审查结论', enumLabels: { pass: '同意提交核销', return: '退回' } },
      { title: 'Outcome', enumLabels: { pass: 'Pass to the committee', return: 'Return' } },
    ],
    judgmentOnFile: [
      { title: '判决书或调解书在卷', enumLabels: YES_NO.zh },
      { title: 'Judgment or mediation on file', enumLabels: YES_NO.en },
    ],
    terminationOrAssetSearchOnFile: [
      { title: '终本裁定或财产调查在卷', enumLabels: YES_NO.zh },
      { title: 'Termination ruling or asset search on file', enumLabels: YES_NO.en },
    ],
    lossMatchesRecord: [
      { title: '损失与台账一致', enumLabels: YES_NO.zh },
      { title: 'Loss matches the record', enumLabels: YES_NO.en },
    ],
    opinion: [
      { title: '审查意见', help: '至少 10 个字' },
      { title: 'Opinion', help: 'At least 10 characters' },
    ],
  }),
)
export class WriteOffReview {
  @IsIn(['pass', 'return']) outcome!: 'pass' | 'return';
  @IsBoolean() judgmentOnFile!: boolean;
  @IsBoolean() terminationOrAssetSearchOnFile!: boolean;
  @IsBoolean() lossMatchesRecord!: boolean;

  @IsString()
  @Length(10, 4000, { message: 'opinion must give the grounds in at least 10 characters' })
  opinion!: string;
}

export const WRITE_OFF_REVIEW: FormDefinition<WriteOffReview> = {
  key: 'loanflow:write-off-review',
  title: 'Review the write-off’s legal documents',
  titleZh: '审查核销法律文件',
  duty: 'write-off-review',
  dto: WriteOffReview,
  context: ['loss', 'writeOffCriteria'],
  outputs: ['writeOffReview'],
  toVariables: (answer, completedBy) => ({ writeOffReview: { ...answer, by: completedBy } }),
  summary: (answer) =>
    `write-off documents ${answer.outcome === 'pass' ? 'in order' : 'returned'}: ${answer.opinion}`,
  checkDecision: (answer) =>
    answer.outcome !== 'pass'
      ? []
      : (
          [
            ['judgmentOnFile', 'the judgment or mediation is on file'],
            [
              'terminationOrAssetSearchOnFile',
              'the termination ruling or the asset search is on file',
            ],
            ['lossMatchesRecord', 'the loss matches the loan’s record'],
          ] as const
        )
          .filter(([field]) => answer[field] !== true)
          .map(([field, what]) => ({ field, reason: `a pass attests that ${what}` })),
};
