import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { FieldProblem } from '@loanflow/domain';
import { DECIMAL_AMOUNT } from '../loan-summary';
import type { FormDefinition } from './form-definition';
import { formLabels } from './form-labels';

/** How a new value was found (估值依据). */
export const VALUATION_BASES = [
  'appraisal-report',
  'market-comparison',
  'price-index',
  'market-price',
  'deposit-balance',
  'other',
] as const;

@JSONSchema(
  formLabels<ItemRevaluation>({
    collateralId: [
      { title: '押品编号', help: '卷宗中押品的编号' },
      { title: 'Collateral item', help: 'The item’s id in the dossier' },
    ],
    newValue: [
      { title: '重估价值', help: '以元为单位，如 2800000.00' },
      { title: 'New value', help: 'In yuan, e.g. 2800000.00' },
    ],
    basis: [
      {
        title: '估值依据',
        enumLabels: {
          'appraisal-report': '评估报告',
          'market-comparison': '市场比较法',
          'price-index': '价格指数',
          'market-price': '市场价格（证券）',
          'deposit-balance': '存单余额',
          other: '其他',
        },
      },
      {
        title: 'Valuation basis',
        enumLabels: {
          'appraisal-report': 'Appraisal report',
          'market-comparison': 'Market comparison',
          'price-index': 'Price index',
          'market-price': 'Market price (securities)',
          'deposit-balance': 'Deposit balance',
          other: 'Other',
        },
      },
    ],
    basisNotes: [
      { title: '依据说明', help: '评估机构、报告编号、参考价格等' },
      { title: 'Notes on the basis', help: 'Appraiser, report number, reference prices' },
    ],
  }),
)
export class ItemRevaluation {
  @Matches(/^\d{1,19}$/, { message: 'collateralId must be the id of a collateral item' })
  collateralId!: string;

  @Matches(DECIMAL_AMOUNT, { message: 'newValue must be a decimal amount such as 2800000.00' })
  newValue!: string;

  @IsIn([...VALUATION_BASES]) basis!: (typeof VALUATION_BASES)[number];

  @IsOptional() @IsString() @Length(0, 500) basisNotes?: string;
}

/**
 * 押品价值重估: the new value of each collateral item due, with its basis. The system recomputes the
 * loan-to-value on the principal still owed; above the limit it raises a warning.
 */
@JSONSchema(
  formLabels<CollateralRevaluation>({
    items: [
      { title: '重估押品', help: '本次到期的每一项押品各一行' },
      { title: 'Items revalued', help: 'One row for each item due this time' },
    ],
    remarks: [{ title: '备注' }, { title: 'Remarks' }],
  }),
)
export class CollateralRevaluation {
  @IsArray()
  @ArrayMinSize(1, { message: 'items must give a new value for each collateral item due' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ItemRevaluation)
  items!: ItemRevaluation[];

  @IsOptional() @IsString() @Length(0, 2000) remarks?: string;
}

/** The items the task asks for, from its context (the planned revaluation). */
function dueItems(context: Record<string, unknown>): string[] {
  const revaluation = context.revaluation as { items?: { collateralId?: unknown }[] } | undefined;
  return (revaluation?.items ?? []).map((item) => String(item.collateralId));
}

export const COLLATERAL_REVALUATION: FormDefinition<CollateralRevaluation> = {
  key: 'loanflow:collateral-revaluation',
  title: 'Collateral revaluation',
  titleZh: '押品价值重估',
  duty: null,
  dto: CollateralRevaluation,
  context: ['revaluation'],
  outputs: ['collateralRevaluation'],
  toVariables: (answer, completedBy) => ({
    collateralRevaluation: { ...answer, by: completedBy },
  }),
  summary: (answer) =>
    `revaluation: ${answer.items.map((item) => `item ${item.collateralId} ${item.newValue} (${item.basis})`).join(', ')}${answer.remarks ? `: ${answer.remarks}` : ''}`,
  // Exactly the items due, each once: a value for another loan's item, or one left out, is refused.
  checkAgainstContext: (answer, context) => {
    const due = dueItems(context);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    answer.items.forEach((item, index) => {
      if (!due.includes(item.collateralId))
        problems.push({
          field: `items.${index}.collateralId`,
          reason: `collateral item ${item.collateralId} is not due for revaluation in this task (due: ${due.join(', ')})`,
        });
      else if (seen.has(item.collateralId))
        problems.push({
          field: `items.${index}.collateralId`,
          reason: `collateral item ${item.collateralId} is given twice`,
        });
      seen.add(item.collateralId);
    });
    const missing = due.filter((id) => !seen.has(id));
    if (missing.length > 0)
      problems.push({
        field: 'items',
        reason: `a new value is missing for collateral item ${missing.join(', ')}`,
      });
    return problems;
  },
};
