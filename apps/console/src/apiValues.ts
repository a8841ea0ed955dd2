import {
  applicationRequestDocumentsValues,
  applicationRequestGuaranteeTypeValues,
  applicationRequestProductValues,
  applicationRequestRepaymentMethodValues,
  changeRequestKindValues,
  currentThresholdViewFigureValues,
  fileComplaintRequestCategoryValues,
  fileComplaintRequestChannelValues,
  fileReportRequestSubjectValues,
  inspectionRequestResultValues,
  modificationInstructionDtoKindValues,
  pathsApiLoansGetParametersQueryClassificationValues,
  pathsApiLoansGetParametersQueryStageValues,
  pathsApiLoansIdDocumentsPostRequestBodyContentMultipartFormDataKindValues,
  pathsApiTasksGetParametersQuerySortValues,
  prepaymentRequestOptionValues,
  raiseWarningRequestLevelValues,
  repaymentRequestChannelValues,
  reportHandlingRequestOutcomeValues,
  reportHandlingRequestStatusValues,
  restructuringRequestKindValues,
  valuableRequestKindValues,
} from '@loanflow/api-client';

/*
 * The choices the console's forms and filters offer, in the API document's order, as
 * `npm run api:client` generates them into the typed client: the console keeps no copy of a list
 * the server defines. A value the server adds appears in the form with the next generation, and
 * `apiValues.spec.ts` fails until both languages label it.
 */

export const PRODUCTS = applicationRequestProductValues;
export const REPAYMENT_METHODS = applicationRequestRepaymentMethodValues;
export const GUARANTEE_TYPES = applicationRequestGuaranteeTypeValues;
/** The papers an application may bring, a file part each (named by its kind). */
export const APPLICATION_PAPERS = applicationRequestDocumentsValues;
/** The kinds of paper one may upload to a loan or a task. */
export const UPLOAD_KINDS =
  pathsApiLoansIdDocumentsPostRequestBodyContentMultipartFormDataKindValues;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const LOAN_STAGES = pathsApiLoansGetParametersQueryStageValues;
export const LOAN_CLASSES = pathsApiLoansGetParametersQueryClassificationValues;
export const TASK_SORTS = pathsApiTasksGetParametersQuerySortValues;

/** The ways a borrower's money reaches the bank. */
export const PAYMENT_CHANNELS = repaymentRequestChannelValues;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const PREPAYMENT_OPTIONS = prepaymentRequestOptionValues;
export const RESTRUCTURING_KINDS = restructuringRequestKindValues;
export const CHANGE_KINDS = changeRequestKindValues;
export const WARNING_LEVELS = raiseWarningRequestLevelValues;

export const COMPLAINT_CATEGORIES = fileComplaintRequestCategoryValues;
export const COMPLAINT_CHANNELS = fileComplaintRequestChannelValues;
export const REPORT_SUBJECTS = fileReportRequestSubjectValues;
export const REPORT_STATUSES = reportHandlingRequestStatusValues;
export const REPORT_OUTCOMES = reportHandlingRequestOutcomeValues;

export const VALUABLE_KINDS = valuableRequestKindValues;
export const INSPECTION_RESULTS = inspectionRequestResultValues;
export const THRESHOLD_FIGURES = currentThresholdViewFigureValues;
export const MODIFICATION_KINDS = modificationInstructionDtoKindValues;
