import type { operations } from '@loanflow/api-client';

/** A kind of paper as the upload routes take it (the API document's enum). */
export type UploadKind =
  operations['DocumentsController_upload']['requestBody']['content']['multipart/form-data']['kind'];

/**
 * The kinds one may upload, in the order the form offers them, labelled under `documents.*`. The
 * type catches a kind the API does not take; a spec catches one the API takes and this list lacks.
 */
export const UPLOAD_KINDS: readonly UploadKind[] = [
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
  'credit-authorization',
  'house-purchase-contract',
  'down-payment-receipt',
  'business-license',
  'collateral-ownership-certificate',
  'collateral-valuation-report',
  'collateral-owner-consent',
  'guarantor-id-card',
  'guarantor-income-proof',
];
