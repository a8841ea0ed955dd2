import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';

export const REPAYMENT_CHANNELS = ['counter', 'transfer', 'auto-debit', 'online'] as const;

export class RepaymentRequest {
  @ApiProperty({ example: '6178.18' })
  @Matches(/^\d{1,13}(\.\d{1,2})?$/, {
    message: 'amount must be a decimal amount such as 6178.18 (a string, never a float)',
  })
  amount!: string;

  @ApiProperty({ example: '2026-12-23T10:15:00+08:00' })
  @IsISO8601(
    { strict: true },
    { message: 'paidAt must be an ISO 8601 date-time such as 2026-12-23T10:15:00+08:00' },
  )
  paidAt!: string;

  @ApiProperty({ enum: REPAYMENT_CHANNELS })
  @IsIn([...REPAYMENT_CHANNELS])
  channel!: (typeof REPAYMENT_CHANNELS)[number];

  /** The caller's own key for this payment: the same key again returns the first result. */
  @ApiProperty({ example: 'counter-20261223-0001' })
  // Keys starting advance: are the system's own (the advance applied as installments fall due).
  @Matches(/^(?!advance:)[\w.:-]{8,64}$/, {
    message:
      'idempotencyKey must be 8 to 64 letters, digits, dots, colons, dashes or underscores, not starting with advance:',
  })
  idempotencyKey!: string;
}

/** Why a repayment held for confirmation is rejected (kept in the audit trail). */
export class RepaymentRejection {
  @ApiProperty({ example: 'no such transfer on the branch account' })
  @IsString()
  @Length(4, 500, { message: 'reason must say in 4 to 500 characters why the payment is rejected' })
  reason!: string;
}
