import { IsString, Length, Matches } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/** 档案归档: the settled loan's file, paper and electronic, filed with its archive reference. */
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

export const ARCHIVE_FILE: FormDefinition<ArchiveFile> = {
  key: 'loanflow:archive-file',
  title: 'Archive the loan file',
  titleZh: '贷款档案归档',
  duty: null,
  dto: ArchiveFile,
  outputs: ['archiveFile'],
  toVariables: (answer, completedBy) => ({ archiveFile: { ...answer, by: completedBy } }),
  summary: (answer) => `file archived as ${answer.archiveReference} (${answer.location})`,
};
