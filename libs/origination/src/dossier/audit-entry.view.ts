import { ApiProperty } from '@nestjs/swagger';

/** One act in a loan's audit trail, with the form of the task it was on. */
export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ type: String, nullable: true }) orgUnitCode!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true }) taskId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the form key of the task the act was on, e.g. loanflow:review-opinion',
  })
  taskType!: string | null;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) inputsDigest!: string | null;
  @ApiProperty() hash!: string;
}
