import { Body, Controller, HttpCode, Param, Post, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import { auditActorOf, CurrentUser, Principal } from '@loanflow/identity';
import { CUSTOMER_SERVING_ROLES, REVEALS_PERSONAL_DATA } from '@loanflow/loans';
import { Access } from '@loanflow/observability';
import { LoanCollateralEntity, LoanEntity, LoanPartyEntity } from '@loanflow/persistence';

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

export interface RevealView {
  loanId: string;
  field: string;
  value: string;
}

/**
 * The one way to read an identifier in full: a person who serves the customer, on a loan of their
 * unit, says why; the reveal is audited with that reason (who, which loan, which field). Every
 * other answer of the API masks identity numbers, phone numbers and account numbers.
 */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/personal-data')
export class PersonalDataController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  @Post('reveal')
  @HttpCode(200)
  @Access.loan(CUSTOMER_SERVING_ROLES)
  @SetMetadata(REVEALS_PERSONAL_DATA, true)
  @ApiOperation({ summary: 'Reveal one identifier of the loan in full, with the reason (audited)' })
  async reveal(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: RevealRequest,
  ): Promise<RevealView> {
    const { value, whose } = await this.read(loanId, request);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'personal-data.reveal',
      outcome: 'ok',
      loanKey: loanId,
      inputs: {
        field: request.field,
        partyId: request.partyId,
        collateralId: request.collateralId,
      },
      reason: `${request.field} of ${whose} revealed: ${request.reason}`,
    });
    return { loanId, field: request.field, value };
  }

  private async read(loanId: string, request: RevealRequest) {
    const missing = (what: string) =>
      new DomainError('VALIDATION_FAILED', `${what} is not one of loan ${loanId}'s.`, {
        fieldErrors: [{ field: what, reasons: [`not one of loan ${loanId}'s`] }],
      });
    if (request.field === 'payeeAccount') {
      const loan = await this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
      if (!loan?.payeeAccount) throw missing('payeeAccount');
      return { value: loan.payeeAccount, whose: 'the payee' };
    }
    if (request.field === 'ownerIdNumber') {
      const item = request.collateralId
        ? await this.dataSource
            .getRepository(LoanCollateralEntity)
            .findOneBy({ id: request.collateralId, loanId })
        : null;
      if (!item) throw missing('collateralId');
      return { value: item.ownerIdNumber, whose: `the owner of collateral ${item.id}` };
    }
    const party = request.partyId
      ? await this.dataSource
          .getRepository(LoanPartyEntity)
          .findOneBy({ id: request.partyId, loanId })
      : null;
    if (!party) throw missing('partyId');
    return { value: party[request.field], whose: `the ${party.role} (party ${party.id})` };
  }
}
