import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One act in a loan's audit trail, with the form of the task it was on. */
export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() actor!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiPropertyOptional() orgUnitCode!: string | null;
  @ApiProperty() action!: string;
  @ApiPropertyOptional() taskId!: string | null;
  @ApiPropertyOptional({
    description: 'the form key of the task the act was on, e.g. loanflow:review-opinion',
  })
  taskType!: string | null;
  @ApiProperty() outcome!: string;
  @ApiPropertyOptional() reason!: string | null;
  @ApiPropertyOptional() inputsDigest!: string | null;
  @ApiProperty() hash!: string;
}
