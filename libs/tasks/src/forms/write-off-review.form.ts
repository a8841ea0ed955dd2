import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import type { FormDefinition } from './form-definition';

/**
 * 审查核销法律文件: before the committee decides a write-off, the reviewer (审查岗, "审查需要核销贷款
 * 的法律文件") checks the legal documents behind it: the judgment or mediation, the enforcement's
 * termination ruling or the asset search, and that the loss is what the record shows.
 */
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
