import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DOCUMENT_EXTENSIONS, DocumentContentType, UPLOAD_KINDS } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { COMMENTERS } from '../comments/comments.controller';
import { LOAN_READERS } from '../dossier/loans.controller';
import { DocumentUploadInterceptor, UploadRequest } from './document-upload.interceptor';
import { DocumentView } from './document.view';
import { LoanDocumentsService } from './loan-documents.service';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file', 'kind'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'JPEG, PNG or PDF by its bytes' },
      kind: { type: 'string', enum: [...UPLOAD_KINDS] },
    },
  },
};

/** The types a document's bytes may be (recognised by its first bytes at upload). */
const DOCUMENT_CONTENT_TYPES = Object.keys(DOCUMENT_EXTENSIONS) as DocumentContentType[];

/** Multipart fields arrive as strings; anything else there is not a kind. */
type UploadFields = { kind?: unknown };

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class DocumentsController {
  constructor(private readonly documents: LoanDocumentsService) {}

  @Get('loans/:id/documents')
  @Access.loan(LOAN_READERS)
  @ApiOperation({ summary: 'The documents on file for a loan, oldest first' })
  @ApiOkResponse({ type: [DocumentView] })
  list(@Param('id') id: string): Promise<DocumentView[]> {
    return this.documents.list(id);
  }

  @Post('loans/:id/documents')
  @Access.loan(COMMENTERS)
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload a document to a loan (multipart: file, kind)' })
  @ApiCreatedResponse({ type: DocumentView })
  upload(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() fields: UploadFields | undefined,
    @Req() req: UploadRequest,
  ): Promise<DocumentView> {
    return this.documents.uploadToLoan(principal, id, fields?.kind, req.file);
  }

  @Post('tasks/:id/documents')
  @Access.task(COMMENTERS)
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload a document from a task you hold (multipart: file, kind)' })
  @ApiCreatedResponse({ type: DocumentView })
  uploadFromTask(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() fields: UploadFields | undefined,
    @Req() req: UploadRequest,
  ): Promise<DocumentView> {
    return this.documents.uploadFromTask(principal, id, fields?.kind, req.file);
  }

  @Get('loans/:id/documents/:documentId/content')
  @Access.loan(LOAN_READERS)
  @ApiOperation({
    summary: 'The file itself (inline for preview; `?download=1` as an attachment), audited',
  })
  @ApiQuery({
    name: 'download',
    required: false,
    type: String,
    description: 'any value: sent as an attachment to save rather than inline',
    example: '1',
  })
  @ApiProduces(...DOCUMENT_CONTENT_TYPES)
  @ApiOkResponse({
    description: 'the bytes as uploaded, typed by the document’s contentType',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'content-disposition': {
        description: 'inline, or attachment with ?download; the file’s name as uploaded',
        schema: { type: 'string' },
      },
      'x-content-sha256': {
        description: 'the document’s sha256, as its sha256 field says',
        schema: { type: 'string' },
      },
    },
  })
  async content(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Query('download') download: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { row, bytes } = await this.documents.content(principal, id, documentId);
    const disposition = download ? 'attachment' : 'inline';
    res.setHeader('content-type', row.contentType);
    res.setHeader(
      'content-disposition',
      `${disposition}; filename="document-${row.id}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
    );
    res.setHeader('x-content-sha256', row.sha256);
    res.setHeader('cache-control', 'private, no-store');
    res.end(bytes);
  }
}
