import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, switchMap } from 'rxjs';
import { AppConfig } from '@loanflow/config';
import { DomainError, messageOf } from '@loanflow/domain';

/** The part of multer this reader uses (multer ships no types; @types/multer is not installed). */
interface UploadedPart {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}
type MulterError = Error & { code: string; field?: string };
type Multer = ((options: {
  storage: unknown;
  limits: Record<string, number>;
  defParamCharset: string;
}) => {
  single(field: string): (req: Request, res: Response, done: (error?: unknown) => void) => void;
}) & {
  memoryStorage(): unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

export type UploadRequest = Request & { file?: UploadedPart };
export type { UploadedPart };

/**
 * Reads one multipart upload (`file` and the form's fields) into memory after the access guard
 * has let the request through, within DOCUMENT_MAX_BYTES: a larger file is 413
 * DOCUMENT_TOO_LARGE, a malformed body 400 naming `file`. A request that is not multipart passes
 * untouched (the controller then finds no file and says so).
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly read: (req: Request, res: Response, done: (error?: unknown) => void) => void;

  constructor(private readonly config: AppConfig) {
    this.read = multer({
      storage: multer.memoryStorage(),
      // File names as browsers send them (UTF-8), not as the header's bytes read as latin1: a
      // Chinese name is then counted and kept in characters.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.DOCUMENT_MAX_BYTES,
        files: 1,
        fields: 4,
        fieldSize: 1024,
        parts: 5,
      },
    }).single('file');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const read = new Promise<void>((done, fail) =>
      this.read(req, res, (error) => (error ? fail(this.refusal(error)) : done())),
    );
    return from(read).pipe(switchMap(() => next.handle()));
  }

  private refusal(error: unknown): DomainError {
    const code = (error as MulterError).code;
    if (code === 'LIMIT_FILE_SIZE')
      return new DomainError(
        'DOCUMENT_TOO_LARGE',
        `The file is larger than the limit of ${this.config.DOCUMENT_MAX_BYTES} bytes.`,
        { limitBytes: this.config.DOCUMENT_MAX_BYTES },
      );
    const reason =
      code === 'LIMIT_UNEXPECTED_FILE'
        ? 'send one file, in the part named file'
        : code?.startsWith('LIMIT_')
          ? `the form has too many or too large parts (${code})`
          : `the multipart body could not be read: ${messageOf(error)}`;
    return new DomainError('VALIDATION_FAILED', `file: ${reason}.`, {
      fieldErrors: [{ field: 'file', reasons: [reason], rules: ['isMultipartFile'] }],
    });
  }
}
