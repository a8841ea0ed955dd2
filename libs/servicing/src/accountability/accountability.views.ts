import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AccountabilityDossier,
  AccountableActor,
  AccountableDuty,
  FileAtDecision,
  Gap,
  GapCode,
} from '@loanflow/domain';
import { CONSEQUENCES, type AccountabilityFinding } from '@loanflow/tasks';

/** Every duty the dossier names (the compiler keeps the list whole). */
const DUTIES = Object.keys({
  application: true,
  investigation: true,
  review: true,
  approval: true,
  'mortgage-registration': true,
  'disbursement-check': true,
  inspection: true,
  collection: true,
  'legal-action': true,
} satisfies Record<AccountableDuty, true>);

/** Every gap the dossier looks for. */
const GAP_CODES = Object.keys({
  'missing-documents': true,
  'late-inspection': true,
  'missed-follow-up': true,
  'above-authority': true,
} satisfies Record<GapCode, true>);

/** The loan's write-off (核销). */
export class WriteOffView {
  @ApiProperty({ example: '45000.00' }) principal!: string;
  @ApiProperty({ example: '1260.00' }) interest!: string;
  @ApiProperty() approvedBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'the ledger transaction' }) txnId!: string;
  @ApiProperty() writtenOffAt!: string;
}

/** A person the dossier names: the duties they held and the gaps found in them. */
export class AccountableActorView implements AccountableActor {
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'string', enum: DUTIES, isArray: true }) duties!: AccountableDuty[];
  @ApiProperty({ type: 'string', enum: GAP_CODES, isArray: true }) gaps!: GapCode[];
}

/** A duty that shows a gap, and who held it. */
export class AccountabilityGapView implements Gap {
  @ApiProperty({ enum: GAP_CODES }) code!: GapCode;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'who held the duty; null when nobody had taken it (the description names the role)',
  })
  username!: string | null;
  @ApiProperty() description!: string;
}

/** A document on the loan's file, as the dossier records it (no file name). */
export class DossierDocumentView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'income-proof' }) kind!: string;
  @ApiProperty() uploadedAt!: string;
}

/** What was in the loan's file when one decision of origination was taken. */
export class FileAtDecisionView implements FileAtDecision {
  @ApiProperty({ enum: DUTIES }) duty!: AccountableDuty;
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'when the decision was taken' }) at!: string;
  @ApiProperty({ type: [DossierDocumentView], description: 'the uploads before it' })
  documents!: DossierDocumentView[];
  @ApiProperty({ type: [String], description: 'required kinds with no file uploaded by then' })
  requiredNotOnFile!: string[];
}

/** The accountability dossier (责任认定材料): who did each duty, and where a duty shows a gap. */
export class AccountabilityDossierView implements Omit<AccountabilityDossier, 'onFile'> {
  @ApiProperty({ type: [AccountableActorView] }) actors!: AccountableActorView[];
  @ApiProperty({ type: [AccountabilityGapView] }) gaps!: AccountabilityGapView[];
  @ApiPropertyOptional({
    type: [FileAtDecisionView],
    description:
      'what was on file at each decision of origination; absent from a dossier built before dossiers recorded it',
  })
  onFile?: FileAtDecisionView[];
}

/** The committee's finding on one person the dossier names. */
export class AccountabilityFindingView implements AccountabilityFinding {
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ['exempt', 'responsible'], description: '尽职免责 or 认定责任' })
  decision!: 'exempt' | 'responsible';
  @ApiPropertyOptional({ enum: CONSEQUENCES, description: 'for a person held responsible' })
  consequence?: (typeof CONSEQUENCES)[number];
  @ApiProperty() reasons!: string;
}

export class AccountabilityDecisionView {
  @ApiProperty({ type: [AccountabilityFindingView], description: 'one for each person named' })
  findings!: AccountabilityFindingView[];
}

/** The accountability case of a written-off loan: its write-off, dossier and decision. */
export class AccountabilityCaseView {
  @ApiProperty() loanId!: string;
  @ApiProperty({ type: WriteOffView, nullable: true }) writeOff!: WriteOffView | null;
  @ApiProperty({ type: AccountabilityDossierView }) dossier!: AccountabilityDossierView;
  @ApiProperty({ description: 'when the dossier was built' }) builtAt!: string;
  @ApiProperty({
    type: AccountabilityDecisionView,
    nullable: true,
    description: 'the committee’s decision, null until it decides',
  })
  decision!: AccountabilityDecisionView | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
}
