import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_KINDS, ChangeKind } from '@loanflow/domain';
import { maskAccount, maskName, maskPersonalText, maskPhone } from '@loanflow/loans';
import { LoanChangeRequestEntity } from '@loanflow/persistence';

/** A change of account or borrower details: what changes, on what evidence, and its review. */
export class ChangeRequestView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({ enum: CHANGE_KINDS }) kind!: ChangeKind;
  @ApiProperty({
    type: [String],
    example: ['account'],
    description: 'the fields that change: account, accountName, name, phone, address, employer',
  })
  fields!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    example: { account: '****1234' },
    description:
      'the values before, by field, masked as every screen shows personal data (address and employer as ***); null where the register held none',
  })
  before!: Record<string, string | null>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    example: { account: '****5678' },
    description: 'the values asked for, by field, masked the same way',
  })
  after!: Record<string, string | null>;
  @ApiProperty({ type: [String], description: 'the loan’s documents the change rests on' })
  documentIds!: string[];
  @ApiProperty({ description: 'identity and mobile numbers in it masked' }) reason!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ enum: ['requested', 'applied', 'refused'] })
  state!: 'requested' | 'applied' | 'refused';
  @ApiProperty({ type: String, nullable: true }) reviewedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['approve', 'refuse'] })
  reviewOutcome!: 'approve' | 'refuse' | null;
  @ApiProperty({ type: String, nullable: true, description: 'identity and mobile numbers masked' })
  reviewOpinion!: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why it was refused, or what was applied',
  })
  outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
}

const MASKS: Record<string, (value: string) => string> = {
  account: maskAccount,
  accountName: maskName,
  name: maskName,
  phone: maskPhone,
  address: () => '***',
  employer: () => '***',
};

/** Old and new values as the dossier shows them: account numbers, names and phones masked. */
export function maskedValues(json: string): Record<string, string | null> {
  const values = JSON.parse(json) as Record<string, string | null>;
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [
      field,
      value === null ? null : (MASKS[field] ?? (() => '***'))(value),
    ]),
  );
}

export function changeRequestView(row: LoanChangeRequestEntity): ChangeRequestView {
  return {
    id: row.id,
    loanId: row.loanId,
    kind: row.kind,
    fields: row.fields.split(',').filter(Boolean),
    before: maskedValues(row.beforeJson),
    after: maskedValues(row.afterJson),
    documentIds: JSON.parse(row.documentIds) as string[],
    reason: maskPersonalText(row.reason),
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    state: row.state,
    reviewedBy: row.reviewedBy,
    reviewOutcome: row.reviewOutcome,
    reviewOpinion: row.reviewOpinion === null ? null : maskPersonalText(row.reviewOpinion),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
