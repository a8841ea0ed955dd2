import { ApiProperty } from '@nestjs/swagger';

/** A court's listing of a dishonest judgment debtor (失信被执行人). */
export class CourtListingView {
  @ApiProperty() court!: string;
  @ApiProperty({ example: '2027-03-02' }) listedOn!: string;
}

/** One early-warning feed check as the dossier's 外部预警 section shows it. */
export class FeedCheckView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['bureau-refresh', 'dishonest-list'] }) feed!: string;
  @ApiProperty({ enum: ['applicant', 'guarantor'] }) partyRole!: string;
  @ApiProperty() checkedOn!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ enum: ['clear', 'hit'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) level!: string | null;
  @ApiProperty() reasons!: string;
  @ApiProperty({ nullable: true, type: String }) warningId!: string | null;
  @ApiProperty({
    nullable: true,
    oneOf: [
      { type: 'object', additionalProperties: true },
      { type: 'string', example: '***' },
    ],
    description:
      'the bureau figures of a refresh (score, overdue accounts, worst days past due, inquiries); "***" for those who do not serve the customer',
  })
  bureau!: Record<string, unknown> | string | null;
  @ApiProperty({
    type: CourtListingView,
    nullable: true,
    description: 'the court and listing date of a dishonest-debtor hit',
  })
  listing!: CourtListingView | null;
}
