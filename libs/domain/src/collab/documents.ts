import { DOCUMENT_KINDS } from '../origination/required-documents';

/**
 * The papers of a loan file, and what the product accepts as one: a photo (JPEG, PNG) or a PDF,
 * recognised by its first bytes, never by its name or the type the browser claims.
 */
/**
 * The kinds of paper one may upload: the loan file's own (the evidence of staff and courts), and
 * every kind the application declares (DOCUMENT_KINDS), so that an upload can stand for a
 * declared document.
 */
const FILE_KINDS = [
  'id-card',
  'income-proof',
  'bureau-authorization',
  'purpose-evidence',
  'contract',
  'collateral-certificate',
  'valuation-report',
  'visit-photo',
  'court-paper',
  'other',
] as const;
export const UPLOAD_KINDS: readonly string[] = [...new Set([...FILE_KINDS, ...DOCUMENT_KINDS])];

export type DocumentContentType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** Magic numbers: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-". */
const SIGNATURES: readonly [DocumentContentType, readonly number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

/** The type the bytes say, or null when they are none of the accepted ones. */
export function contentTypeOf(bytes: Uint8Array): DocumentContentType | null {
  for (const [type, signature] of SIGNATURES)
    if (bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte))
      return type;
  return null;
}

export const DOCUMENT_EXTENSIONS: Record<DocumentContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

export interface UploadProblem {
  field: 'file' | 'kind';
  reason: string;
  /** The rule broken, named as the API names validation rules (the console says it by rule). */
  rule: 'isDocumentKind' | 'isNotEmpty' | 'isDocumentType' | 'maxLength';
}

/** What is wrong with an upload (all at once), apart from its size, which the reader enforces. */
export function uploadProblems(upload: {
  kind: unknown;
  bytes: Uint8Array | null;
  fileName: string | null;
}): UploadProblem[] {
  const problems: UploadProblem[] = [];
  if (typeof upload.kind !== 'string' || !UPLOAD_KINDS.includes(upload.kind))
    problems.push({
      field: 'kind',
      reason: `kind must be one of ${UPLOAD_KINDS.join(', ')}`,
      rule: 'isDocumentKind',
    });
  if (!upload.bytes)
    problems.push({ field: 'file', reason: 'a file is required', rule: 'isNotEmpty' });
  else if (upload.bytes.length === 0)
    problems.push({ field: 'file', reason: 'the file is empty', rule: 'isNotEmpty' });
  else if (!contentTypeOf(upload.bytes))
    problems.push({
      field: 'file',
      reason: 'the file is not a JPEG, PNG or PDF by its content, whatever its name',
      rule: 'isDocumentType',
    });
  if (upload.fileName !== null && upload.fileName.length > 200)
    problems.push({
      field: 'file',
      reason: 'the file name is longer than 200 characters',
      rule: 'maxLength',
    });
  return problems;
}

/** The problems in the API's `fieldErrors` shape: by field, each reason with its rule. */
export function uploadFieldErrors(
  problems: readonly UploadProblem[],
): { field: string; reasons: string[]; rules: string[] }[] {
  const fields = [...new Set(problems.map((p) => p.field))];
  return fields.map((field) => {
    const mine = problems.filter((p) => p.field === field);
    return { field, reasons: mine.map((p) => p.reason), rules: mine.map((p) => p.rule) };
  });
}
