import { IsOptional, IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  describeDocument,
  DocumentKind,
  DomainError,
  GuaranteeType,
  LoanProduct,
  missingDocuments,
} from '@loanflow/domain';
import { LoanDocumentEntity, LoanEntity } from '@loanflow/persistence';
import type { FormDefinition } from './form-definition';
import { formLabels } from './form-labels';

/**
 * 补充材料: the automatic checks found nothing wrong but papers not uploaded. The customer manager
 * uploads the missing kinds to the loan (from this task or the loan's page) and completes the
 * task; the checks then run again. Completion is refused while a required kind has no file: the
 * upload is the paper, not a tick in a form. Not done within 15 days, the application is refused.
 */
@JSONSchema(
  formLabels<PapersSupplement>({
    remarks: [
      { title: '说明', help: '可选：材料的补充情况，至多 1000 个字' },
      {
        title: 'Remarks',
        help: 'Optional: how the papers were completed, at most 1000 characters',
      },
    ],
  }),
)
export class PapersSupplement {
  @IsOptional()
  @IsString()
  @Length(1, 1000, { message: 'remarks must be 1 to 1000 characters' })
  remarks?: string;
}

export const PAPERS_SUPPLEMENT: FormDefinition<PapersSupplement> = {
  key: 'loanflow:papers-supplement',
  title: 'Papers supplement',
  titleZh: '补充材料',
  duty: null,
  dto: PapersSupplement,
  context: ['eligibility'],
  outputs: ['papersSupplement'],
  toVariables: (answer, completedBy) => ({
    papersSupplement: { remarks: answer.remarks ?? null, by: completedBy },
  }),
  summary: (answer) =>
    `papers uploaded, checks to run again${answer.remarks ? `: ${answer.remarks}` : ''}`,
  async record(manager, _answer, completion) {
    const loanId = completion.businessKey;
    const loan = loanId ? await manager.findOneBy(LoanEntity, { id: loanId }) : null;
    if (!loan) return;
    const uploaded = await manager.find(LoanDocumentEntity, {
      select: { id: true, kind: true },
      where: { loanId: loan.id },
    });
    const missing = missingDocuments(
      loan.product as LoanProduct,
      loan.guaranteeType as GuaranteeType,
      uploaded.map((document) => document.kind),
      {
        // Someone else's collateral needs their consent, as the automatic checks found.
        thirdPartyCollateral:
          (JSON.parse(loan.creditChecksJson ?? '{}') as { thirdPartyCollateral?: boolean })
            .thirdPartyCollateral === true,
      },
    );
    if (missing.length) throw papersMissing(missing);
  },
};

function papersMissing(missing: DocumentKind[]): DomainError {
  const reason = `no file is uploaded of ${missing.map(describeDocument).join(', ')}`;
  return new DomainError(
    'DOCUMENTS_MISSING',
    `The papers are still incomplete: ${reason}. Upload them to the loan, then complete the task.`,
    { missing, fieldErrors: [{ field: 'documents', reasons: [reason], rules: ['uploaded'] }] },
  );
}
