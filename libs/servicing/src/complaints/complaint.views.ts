import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_CATEGORIES, COMPLAINT_LEVELS, ComplaintStanding } from '@loanflow/domain';

/** A complaint as staff read it: what was said, who handles it, its deadline and escalations. */
export class ComplaintView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({ description: 'the unit of the loan' }) unitCode!: string;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) category!: string;
  @ApiProperty({ example: 'phone' }) channel!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String], description: 'staff the complaint is about' })
  staffInvolved!: string[];
  @ApiProperty() filedBy!: string;
  @ApiProperty() filedAt!: string;
  @ApiProperty({ type: String, nullable: true }) handler!: string | null;
  @ApiProperty({ enum: COMPLAINT_LEVELS, description: 'who holds it now' }) level!: string;
  @ApiProperty({ description: 'when the answer is due' }) dueAt!: string;
  @ApiProperty({ example: '2026-12-10', description: 'the due day, in Beijing' }) dueOn!: string;
  @ApiProperty({ description: 'when the level that holds it must answer, or it escalates' })
  levelDueAt!: string;
  @ApiProperty({ description: 'working days given to answer' }) workingDays!: number;
  @ApiProperty({
    description: 'false when the deadline falls beyond the published holiday calendar',
  })
  calendarCovered!: boolean;
  @ApiProperty({ enum: ['open', 'answered'] }) status!: string;
  @ApiProperty({ enum: ['open', 'open-late', 'answered', 'answered-late'] })
  standing!: ComplaintStanding;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) escalatedToBranchAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) escalatedToHeadOfficeAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) processInstanceKey!: string | null;
}

export class ComplaintListView {
  @ApiProperty({ type: [ComplaintView] }) items!: ComplaintView[];
}

/** Complaints of one unit and category. */
export class ComplaintFigureRowView {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) category!: string;
  @ApiProperty() open!: number;
  @ApiProperty() answered!: number;
  @ApiProperty({
    description: 'open past the deadline or answered after it (counted in open or answered too)',
  })
  late!: number;
}

export class ComplaintTotalsView {
  @ApiProperty() open!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() late!: number;
}

export class ComplaintFiguresView {
  @ApiProperty({ example: '2026-12-05' }) asOf!: string;
  @ApiProperty({ type: [ComplaintFigureRowView] }) rows!: ComplaintFigureRowView[];
  @ApiProperty({ type: ComplaintTotalsView }) totals!: ComplaintTotalsView;
}
