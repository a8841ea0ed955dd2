import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { followUpWarning, USE_OF_FUNDS_FINDINGS, UseOfFundsFinding } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';
import { formLabels } from './form-labels';

/**
 * 贷后回访: the customer manager's follow-up with the borrower after the payout: the money's use
 * checked against the purpose stated on the application, the contact details confirmed.
 */
@JSONSchema(
  formLabels<FollowUpReport>({
    useOfFunds: [
      {
        title: '资金用途核查',
        help: '与申请时所述用途相比',
        enumLabels: {
          consistent: '与约定用途一致',
          inconsistent: '与约定用途不符',
          'not-verifiable': '无法核实',
        },
      },
      {
        title: 'Use of funds',
        help: 'Against the purpose stated on the application',
        enumLabels: {
          consistent: 'Consistent with the purpose',
          inconsistent: 'Inconsistent with the purpose',
          'not-verifiable': 'Not verifiable',
        },
      },
    ],
    fundsNotes: [
      { title: '用途核查说明', help: '看到了什么：收款方、发票、现场，至少 10 个字' },
      {
        title: 'Notes on the use of funds',
        help: 'What was seen: payee, invoices, the site; at least 10 characters',
      },
    ],
    contactConfirmed: [
      { title: '联系方式已确认', help: '借款人的电话和地址仍然有效' },
      { title: 'Contact confirmed', help: 'The borrower’s phone and address still reach them' },
    ],
    contactNotes: [
      { title: '联系方式说明', help: '如有变化，写明变化（新的联系方式请在客户资料中更新）' },
      {
        title: 'Notes on the contact',
        help: 'What changed, if anything (update the new details in the customer’s file)',
      },
    ],
    findings: [
      { title: '回访结论', help: '至少 10 个字' },
      { title: 'Findings', help: 'At least 10 characters' },
    ],
  }),
)
export class FollowUpReport {
  @IsIn([...USE_OF_FUNDS_FINDINGS])
  useOfFunds!: UseOfFundsFinding;

  @IsString()
  @Length(10, 2000, {
    message: 'fundsNotes must say what was seen of the money’s use in at least 10 characters',
  })
  fundsNotes!: string;

  @IsBoolean() contactConfirmed!: boolean;

  @IsOptional() @IsString() @Length(0, 500) contactNotes?: string;

  @IsString()
  @Length(10, 4000, { message: 'findings must describe the follow-up in at least 10 characters' })
  findings!: string;
}

export const FOLLOW_UP: FormDefinition<FollowUpReport> = {
  key: 'loanflow:follow-up',
  title: 'Follow-up after disbursement',
  titleZh: '贷后回访',
  duty: null,
  dto: FollowUpReport,
  context: ['followUp'],
  outputs: ['followUpReport'],
  toVariables: (answer, completedBy) => ({ followUpReport: { ...answer, by: completedBy } }),
  summary: (answer) => {
    const warning = followUpWarning(answer);
    return `follow-up: funds ${answer.useOfFunds}, contact ${answer.contactConfirmed ? 'confirmed' : 'not confirmed'}${warning ? `, ${warning} warning` : ''}: ${answer.findings}`;
  },
};
