import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { KEY_CUSTOMER_INSPECTION_MONTHS_RANGE } from '@loanflow/domain';
import { IsResidentIdNumber } from '@loanflow/loans';

export class AddKeyCustomerRequest {
  @ApiProperty({ example: '33010619900101123X' })
  @IsResidentIdNumber()
  idNumber!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 100, { message: 'name must be the borrower’s name, 1 to 100 characters' })
  name!: string;

  @ApiProperty({ example: '授信额度超过 100 万元，经营收入波动较大' })
  @IsString()
  @Length(5, 500, { message: 'reason must say why in 5 to 500 characters' })
  reason!: string;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 6 })
  @IsOptional()
  @IsInt({ message: 'inspectionMonths must be a whole number of months' })
  @Min(KEY_CUSTOMER_INSPECTION_MONTHS_RANGE.min, { message: 'inspectionMonths must be 1 to 6' })
  @Max(KEY_CUSTOMER_INSPECTION_MONTHS_RANGE.max, { message: 'inspectionMonths must be 1 to 6' })
  inspectionMonths?: number;
}

export class RemoveKeyCustomerRequest {
  @ApiProperty({ example: '贷款已结清，风险解除' })
  @IsString()
  @Length(5, 500, { message: 'reason must say why in 5 to 500 characters' })
  reason!: string;
}

/** 重点客户: a customer whose loans are inspected more often, and why. */
export class KeyCustomerView {
  @ApiProperty() id!: string;
  @ApiProperty() idNumber!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'months between inspections of the customer’s loans' })
  inspectionMonths!: number;
  @ApiProperty() addedBy!: string;
  @ApiProperty() addedAt!: string;
  @ApiProperty({ type: String, nullable: true }) removedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) removedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) removalReason!: string | null;
}

export class KeyCustomerListView {
  @ApiProperty({ type: [KeyCustomerView] }) items!: KeyCustomerView[];
}
