import { IsString, Length, Matches } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { ArchiveKind, ARCHIVE_KINDS, ARCHIVE_KIND_NAMES, DomainError } from '@loanflow/domain';
import {
  ArchiveEntryEntity,
  ArchiveFileEntity,
  ArchiveValuableEntity,
  ArchiveValuableMovementEntity,
  LoanEntity,
} from '@loanflow/persistence';
import type { FormCompletion, FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/**
 * 档案归档: the ended loan's file, paper and electronic, filed with its archive reference — a
 * settled loan's (loan servicing), a refused application's and a written-off loan's (the loan file
 * archive process). The filing opens the file's line in the register (档案登记簿).
 */
@JSONSchema(
  formLabels<ArchiveFile>({
    archiveReference: [
      { title: '档案编号', help: '如 DA-2027-000123' },
      { title: 'Archive reference', help: 'e.g. DA-2027-000123' },
    ],
    location: [
      { title: '存放位置', help: '档案柜或电子档案系统中的位置' },
      { title: 'Location', help: 'Where the file is kept, on paper or electronically' },
    ],
  }),
)
export class ArchiveFile {
  @Matches(/^[A-Z0-9][A-Z0-9-]{3,40}$/, {
    message: 'archiveReference must be the archive number, e.g. DA-2027-000123',
  })
  archiveReference!: string;

  @IsString() @Length(2, 200) location!: string;
}

function kindOf(context: Record<string, unknown>): ArchiveKind {
  const kind = context.archiveKind;
  // The settled loan's step predates the variable: without one, the loan was settled.
  return (ARCHIVE_KINDS as readonly unknown[]).includes(kind) ? (kind as ArchiveKind) : 'settled';
}

/** The file enters the register; at settlement the valuables still kept are released. */
async function fileInRegister(
  manager: EntityManager,
  answer: ArchiveFile,
  completion: FormCompletion,
): Promise<void> {
  const loanId = completion.businessKey ?? '';
  const loan = await manager.findOneBy(LoanEntity, { id: loanId });
  if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
  if (await manager.findOneBy(ArchiveFileEntity, { loanId }))
    throw new DomainError('ARCHIVE_FILE_EXISTS', `The file of loan ${loanId} is filed already.`);
  if (await manager.findOneBy(ArchiveFileEntity, { reference: answer.archiveReference }))
    throw new DomainError(
      'VALIDATION_FAILED',
      `archiveReference ${answer.archiveReference} is another file's`,
      {
        fieldErrors: [
          {
            field: 'archiveReference',
            reasons: [`${answer.archiveReference} is another file's reference`],
            rules: ['isUnique'],
          },
        ],
      },
    );
  const kind = kindOf(completion.context);
  const closedAt =
    (kind === 'settled' ? loan.settledAt : kind === 'refused' ? loan.decidedAt : null) ??
    completion.at;
  const file = manager.create(ArchiveFileEntity, {
    loanId,
    unitCode: loan.branchCode,
    kind,
    reference: answer.archiveReference,
    location: answer.location,
    custodian: completion.completedBy,
    closedAt,
    filedAt: completion.at,
    filedBy: completion.completedBy,
    status: 'in-custody',
    destructionRequestedBy: null,
    destructionRequestedAt: null,
    destroyedAt: null,
    destructionApprovedBy: null,
  });
  await manager.insert(ArchiveFileEntity, file);
  await manager.insert(ArchiveEntryEntity, {
    fileId: file.id,
    loanId,
    act: 'filed',
    byUser: completion.completedBy,
    at: completion.at,
    note: `${ARCHIVE_KIND_NAMES[kind]}档案归档 ${answer.archiveReference}: ${answer.location}`,
  });
  if (kind !== 'settled') return;
  const kept = await manager.findBy(ArchiveValuableEntity, { loanId, status: 'in-custody' });
  for (const valuable of kept) {
    await manager.update(ArchiveValuableEntity, { id: valuable.id }, { status: 'released' });
    await manager.insert(ArchiveValuableMovementEntity, {
      valuableId: valuable.id,
      loanId,
      movement: 'released',
      reason: '贷款结清，重要凭证退还 released at settlement',
      counterpart: null,
      byUser: completion.completedBy,
      at: completion.at,
    });
  }
}

export const ARCHIVE_FILE: FormDefinition<ArchiveFile> = {
  key: 'loanflow:archive-file',
  title: 'Archive the loan file',
  titleZh: '贷款档案归档',
  duty: null,
  dto: ArchiveFile,
  context: ['archiveKind'],
  outputs: ['archiveFile'],
  toVariables: (answer, completedBy) => ({ archiveFile: { ...answer, by: completedBy } }),
  summary: (answer) => `file archived as ${answer.archiveReference} (${answer.location})`,
  record: fileInRegister,
};
