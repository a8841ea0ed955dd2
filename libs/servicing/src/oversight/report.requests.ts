import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import {
  REPORT_OUTCOMES,
  REPORT_STATUSES,
  REPORT_SUBJECTS,
  ReportOutcome,
  ReportStatus,
  ReportSubject,
} from '@loanflow/domain';
import { LOAN_ID_PATTERN } from '@loanflow/loans';

export class FileReportRequest {
  @ApiProperty({ enum: REPORT_SUBJECTS })
  @IsIn([...REPORT_SUBJECTS], { message: 'subject must be loan or staff' })
  subject!: ReportSubject;

  @ApiPropertyOptional({ example: 'LN20261123-7KQ2M9' })
  @ValidateIf((r: FileReportRequest) => r.subject === 'loan')
  @Matches(LOAN_ID_PATTERN, { message: 'loanId must be a loan id such as LN20261123-7KQ2M9' })
  loanId?: string;

  @ApiPropertyOptional({ example: 'li.cm' })
  @ValidateIf((r: FileReportRequest) => r.subject === 'staff')
  @Matches(/^[a-z][a-z0-9._-]{1,63}$/, { message: 'staff must be a user name such as li.cm' })
  staff?: string;

  @ApiProperty({ example: '该笔贷款的收入证明疑似由客户经理代为制作' })
  @IsString()
  @Length(20, 8000, { message: 'text must describe what was seen in 20 to 8000 characters' })
  text!: string;
}

export class ReportHandlingRequest {
  @ApiProperty({ enum: REPORT_STATUSES })
  @IsIn([...REPORT_STATUSES], { message: 'status must be received, investigating or closed' })
  status!: ReportStatus;

  @ApiProperty({ example: '已调取该笔贷款的调查底稿及收入证明原件' })
  @IsString()
  @Length(5, 8000, { message: 'note must record the step in 5 to 8000 characters' })
  note!: string;

  @ApiPropertyOptional({ enum: REPORT_OUTCOMES })
  @IsOptional()
  @IsIn([...REPORT_OUTCOMES], { message: `outcome must be one of ${REPORT_OUTCOMES.join(', ')}` })
  outcome?: ReportOutcome;
}

/** What the reporter gets back: the report is readable only by audit. */
export class ReportReceipt {
  @ApiProperty() id!: string;
  @ApiProperty() filedAt!: string;
}

/** One step of a report's handling. */
export class ReportStepView {
  @ApiProperty({ enum: REPORT_STATUSES }) status!: string;
  @ApiProperty({ enum: REPORT_OUTCOMES, type: String, nullable: true }) outcome!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

export class ReportView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REPORT_SUBJECTS }) subject!: string;
  @ApiProperty({ type: String, nullable: true }) loanId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the member of staff reported' })
  staff!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty() filedBy!: string;
  @ApiProperty() filedAt!: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: string;
  @ApiProperty({ enum: REPORT_OUTCOMES, type: String, nullable: true }) outcome!: string | null;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [ReportStepView] }) steps!: ReportStepView[];
}

export class ReportListView {
  @ApiProperty({ type: [ReportView] }) items!: ReportView[];
}
