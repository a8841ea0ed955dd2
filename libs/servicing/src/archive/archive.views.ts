import { ApiProperty } from '@nestjs/swagger';
import { ARCHIVE_KINDS, LendingStanding } from '@loanflow/domain';

/** A loan's file in the archive (档案): where it is, how long it is kept, its destruction. */
export class ArchiveFileView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ enum: ARCHIVE_KINDS, description: 'why the loan was closed' }) kind!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() location!: string;
  @ApiProperty() custodian!: string;
  @ApiProperty({ example: 'filed' }) status!: string;
  @ApiProperty() closedAt!: string;
  @ApiProperty() filedAt!: string;
  @ApiProperty() filedBy!: string;
  @ApiProperty({ example: '2031-12-31', description: 'kept at least until this day' })
  retainUntil!: string;
  @ApiProperty() retentionOver!: boolean;
  @ApiProperty({ type: String, nullable: true }) destructionRequestedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) destructionRequestedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) destroyedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) destructionApprovedBy!: string | null;
}

/** A file lent out of the archive (借阅), due back within working days. */
export class LendingView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() borrower!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() lentBy!: string;
  @ApiProperty() lentAt!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ example: '2026-12-10' }) dueOn!: string;
  @ApiProperty() workingDays!: number;
  @ApiProperty({ type: String, nullable: true }) returnedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) returnedTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) overdueNotifiedAt!: string | null;
  @ApiProperty({ enum: ['out', 'overdue', 'returned', 'returned-late'] })
  standing!: LendingStanding;
  @ApiProperty({ type: String, nullable: true }) processInstanceKey!: string | null;
}

/** One move of a valuable (in, out, back, returned to the borrower). */
export class ValuableMovementView {
  @ApiProperty() movement!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) counterpart!: string | null;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

/** A valuable in custody (重要凭证: a title deed, a pledge certificate) with its movements. */
export class ValuableView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: String, nullable: true }) collateralId!: string | null;
  @ApiProperty() kind!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() description!: string;
  @ApiProperty() location!: string;
  @ApiProperty({ example: 'in-custody' }) status!: string;
  @ApiProperty() receivedBy!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ type: [ValuableMovementView] }) movements!: ValuableMovementView[];
}

/** One act in a file's register. */
export class ArchiveEntryView {
  @ApiProperty() act!: string;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiProperty() note!: string;
}

/** A loan's archive: its file, the register, lendings and valuables. */
export class LoanArchiveView {
  @ApiProperty() loanId!: string;
  @ApiProperty({ type: ArchiveFileView, nullable: true }) file!: ArchiveFileView | null;
  @ApiProperty({ type: [ArchiveEntryView] }) entries!: ArchiveEntryView[];
  @ApiProperty({ type: [LendingView] }) lendings!: LendingView[];
  @ApiProperty({ type: [ValuableView] }) valuables!: ValuableView[];
}

/** An inspection of a unit's archive. */
export class ArchiveInspectionView {
  @ApiProperty() id!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() inspectedBy!: string;
  @ApiProperty() inspectedAt!: string;
  @ApiProperty() result!: string;
  @ApiProperty() filesChecked!: number;
  @ApiProperty() findings!: string;
}

export class HandedFileView {
  @ApiProperty() loanId!: string;
  @ApiProperty() reference!: string;
}

/** Files handed from one keeper to another (移交). */
export class ArchiveHandoverView {
  @ApiProperty() id!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() handedAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [HandedFileView] }) files!: HandedFileView[];
}

export class ArchiveFileListView {
  @ApiProperty({ type: [ArchiveFileView] }) items!: ArchiveFileView[];
}

export class LendingListView {
  @ApiProperty({ type: [LendingView] }) items!: LendingView[];
}

export class ValuableListView {
  @ApiProperty({ type: [ValuableView] }) items!: ValuableView[];
}

export class ArchiveInspectionListView {
  @ApiProperty({ type: [ArchiveInspectionView] }) items!: ArchiveInspectionView[];
}

export class ArchiveHandoverListView {
  @ApiProperty({ type: [ArchiveHandoverView] }) items!: ArchiveHandoverView[];
}
