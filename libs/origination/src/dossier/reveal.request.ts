import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export const REVEALABLE_FIELDS = ['idNumber', 'phone', 'payeeAccount', 'ownerIdNumber'] as const;

export class RevealRequest {
  @ApiProperty({ enum: REVEALABLE_FIELDS })
  @IsIn([...REVEALABLE_FIELDS], {
    message: `field must be one of ${REVEALABLE_FIELDS.join(', ')}`,
  })
  field!: (typeof REVEALABLE_FIELDS)[number];

  @ApiPropertyOptional({ description: 'The party (dossier parties[].id), for idNumber and phone' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'partyId must be the id of one of the loan’s parties' })
  partyId?: string;

  @ApiPropertyOptional({
    description: 'The collateral (dossier collateral[].id), for ownerIdNumber',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'collateralId must be the id of one of the loan’s collateral' })
  collateralId?: string;

  @ApiProperty({ example: 'calling the borrower back about the missed installment' })
  @IsString()
  @Length(10, 500, {
    message: 'reason must say in 10 to 500 characters why the full value is needed',
  })
  reason!: string;
}
