import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DomainError } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

export const CONSEQUENCES = [
  'warning',
  'suspension',
  'financial-liability',
  'legal-action',
] as const;

/** The committee's finding on one person named in the dossier. */
@JSONSchema(
  formLabels<AccountabilityFinding>({
    username: [
      { title: '责任人（用户名）', help: '责任认定材料中列名的人员' },
      { title: 'Person (user name)', help: 'A person the accountability dossier names' },
    ],
    decision: [
      { title: '认定结论', enumLabels: { exempt: '尽职免责', responsible: '认定责任' } },
      {
        title: 'Finding',
        enumLabels: { exempt: 'Exempt (duties done)', responsible: 'Responsible' },
      },
    ],
    consequence: [
      {
        title: '处理措施',
        help: '认定责任时必填',
        enumLabels: {
          warning: '警告',
          suspension: '停职',
          'financial-liability': '经济责任',
          'legal-action': '移送法律处理',
        },
      },
      {
        title: 'Consequence',
        help: 'Required for a person held responsible',
        enumLabels: {
          warning: 'Warning',
          suspension: 'Suspension',
          'financial-liability': 'Financial liability',
          'legal-action': 'Legal action',
        },
      },
    ],
    reasons: [
      { title: '认定理由', help: '至少 10 个字' },
      { title: 'Grounds', help: 'At least 10 characters' },
    ],
  }),
)
export class AccountabilityFinding {
  @IsString() username!: string;

  /** 尽职免责 (duties done, exempt) or 责任认定 (responsible). */
  @IsIn(['exempt', 'responsible']) decision!: 'exempt' | 'responsible';

  @ValidateIf((f: AccountabilityFinding) => f.decision === 'responsible')
  @IsIn([...CONSEQUENCES], {
    message: `consequence must be one of ${CONSEQUENCES.join(', ')} for a person held responsible`,
  })
  consequence?: (typeof CONSEQUENCES)[number];

  @IsString()
  @Length(10, 2000, { message: 'reasons must give the grounds in at least 10 characters' })
  reasons!: string;
}

/** 责任认定: one finding for every person the dossier names. */
@JSONSchema(
  formLabels<AccountabilityDecision>({
    findings: [
      { title: '逐人认定', help: '责任认定材料中列名的每个人各一条' },
      { title: 'Findings', help: 'One for each person the dossier names' },
    ],
  }),
)
export class AccountabilityDecision {
  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AccountabilityFinding)
  findings!: AccountabilityFinding[];
}

export const ACCOUNTABILITY_DECISION: FormDefinition<AccountabilityDecision> = {
  key: 'loanflow:accountability-decision',
  title: 'Decide responsibility for a loss',
  titleZh: '责任认定',
  duty: 'accountability-decision',
  dto: AccountabilityDecision,
  context: ['writeOff', 'accountabilityDossier'],
  outputs: ['accountabilityDecision'],
  toVariables: (answer, completedBy) => ({
    accountabilityDecision: { ...answer, by: completedBy },
  }),
  summary: (answer) =>
    answer.findings
      .map((f) => `${f.username}: ${f.decision}${f.consequence ? ` (${f.consequence})` : ''}`)
      .join('; '),
  // Every person the dossier names gets a finding, and nobody else.
  checkAgainstLoan: (answer, loan) => {
    const named = loan?.accountableActors ?? [];
    const found = answer.findings.map((f) => f.username);
    const missing = named.filter((username) => !found.includes(username));
    const unknown = found.filter((username) => !named.includes(username));
    const twice = found.filter((username, i) => found.indexOf(username) !== i);
    if (missing.length === 0 && unknown.length === 0 && twice.length === 0) return null;
    return new DomainError(
      'VALIDATION_FAILED',
      'findings must cover each person the dossier names exactly once',
      {
        fieldErrors: [
          {
            field: 'findings',
            reasons: [
              ...missing.map((u) => `${u} is named in the dossier and has no finding`),
              ...unknown.map((u) => `${u} is not named in the dossier`),
              ...twice.map((u) => `${u} has more than one finding`),
            ],
          },
        ],
        missing,
        unknown,
        twice,
      },
    );
  },
};
