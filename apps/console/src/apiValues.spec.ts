import {
  archiveFileViewKindValues,
  batchItemViewResultValues,
  batchViewActionValues,
  batchViewStatusValues,
  changeRequestViewStateValues,
  classificationFigureViewLevelValues,
  collateralRequestKindValues,
  complaintViewCategoryValues,
  complaintViewLevelValues,
  complaintViewStandingValues,
  crossingViewStateValues,
  currentThresholdViewDirectionValues,
  dossierInstallmentStandingValues,
  feedCheckViewFeedValues,
  feedCheckViewPartyRoleValues,
  incidentViewStateValues,
  instanceListItemViewStateValues,
  lendingViewStandingValues,
  modelReleaseViewStateValues,
  modificationViewStatusValues,
  movementRequestMovementValues,
  paymentRequestMethodValues,
  pathsApiArchiveValuablesGetParametersQueryStatusValues,
  pathsApiTasksIdDocumentsPostRequestBodyContentMultipartFormDataKindValues,
  prepaymentViewStateValues,
  reportStepViewOutcomeValues,
  reportStepViewStatusValues,
  restructuringViewStateValues,
  userRolesRequestRolesValues,
  warningViewLevelValues,
} from '@loanflow/api-client';
import * as offered from './apiValues';
import { en } from './locales/en';
import { zh } from './locales/zh';

/**
 * Each list of values the API document defines that the console offers or shows, with the locale
 * section the console looks its labels up in (`t(\`${section}.${value}\`)`).
 */
// A nullable field's list is typed with null; the document lists only its values.
const LABELLED: readonly [name: string, values: readonly (string | null)[], section: string][] = [
  // What the forms and filters offer (./apiValues).
  ['products', offered.PRODUCTS, 'products'],
  ['repayment methods', offered.REPAYMENT_METHODS, 'methods'],
  ['guarantee types', offered.GUARANTEE_TYPES, 'guarantees'],
  ['application papers', offered.APPLICATION_PAPERS, 'documents'],
  ['upload kinds', offered.UPLOAD_KINDS, 'documents'],
  ['loan stages', offered.LOAN_STAGES, 'stages'],
  ['loan classes', offered.LOAN_CLASSES, 'classes'],
  ['payment channels', offered.PAYMENT_CHANNELS, 'values'],
  ['prepayment options', offered.PREPAYMENT_OPTIONS, 'prepayment'],
  ['restructuring kinds', offered.RESTRUCTURING_KINDS, 'values'],
  ['change kinds', offered.CHANGE_KINDS, 'changes.kinds'],
  ['warning levels', offered.WARNING_LEVELS, 'warning.levels'],
  ['complaint categories', offered.COMPLAINT_CATEGORIES, 'complaints.categories'],
  ['complaint channels', offered.COMPLAINT_CHANNELS, 'complaints.channels'],
  ['report subjects', offered.REPORT_SUBJECTS, 'reports.subjects'],
  ['report statuses', offered.REPORT_STATUSES, 'reports.statuses'],
  ['report outcomes', offered.REPORT_OUTCOMES, 'reports.outcomes'],
  ['valuable kinds', offered.VALUABLE_KINDS, 'archive.valuableKinds'],
  ['inspection results', offered.INSPECTION_RESULTS, 'archive.results'],
  ['threshold figures', offered.THRESHOLD_FIGURES, 'thresholds.figures'],
  ['modification kinds', offered.MODIFICATION_KINDS, 'monitor.modify.kinds'],
  // What the API answers and the pages show by its label.
  ['roles', userRolesRequestRolesValues, 'roles'],
  ['payment methods', paymentRequestMethodValues, 'payments'],
  ['collateral kinds', collateralRequestKindValues, 'collateralKinds'],
  ['classification levels', classificationFigureViewLevelValues, 'classes'],
  ['installment standings', dossierInstallmentStandingValues, 'loan.installment'],
  ['instance states', instanceListItemViewStateValues, 'values'],
  ['incident states', incidentViewStateValues, 'values'],
  ['warning levels shown', warningViewLevelValues, 'values'],
  ['restructuring states', restructuringViewStateValues, 'values'],
  ['change states', changeRequestViewStateValues, 'changes.states'],
  ['prepayment states', prepaymentViewStateValues, 'prepayment.states'],
  ['complaint categories shown', complaintViewCategoryValues, 'complaints.categories'],
  ['complaint levels', complaintViewLevelValues, 'complaints.levels'],
  ['complaint standings', complaintViewStandingValues, 'complaints.standings'],
  ['report step statuses', reportStepViewStatusValues, 'reports.statuses'],
  ['report step outcomes', reportStepViewOutcomeValues, 'reports.outcomes'],
  ['archive file kinds', archiveFileViewKindValues, 'archive.kinds'],
  ['lending standings', lendingViewStandingValues, 'archive.standings'],
  [
    'valuable statuses',
    pathsApiArchiveValuablesGetParametersQueryStatusValues,
    'archive.valuableStatuses',
  ],
  ['valuable movements', movementRequestMovementValues, 'archive.movementNames'],
  ['feeds', feedCheckViewFeedValues, 'feeds.feeds'],
  ['feed parties', feedCheckViewPartyRoleValues, 'feeds.parties'],
  ['threshold directions', currentThresholdViewDirectionValues, 'thresholds.directions'],
  ['threshold crossings', crossingViewStateValues, 'thresholds.states'],
  ['model release states', modelReleaseViewStateValues, 'models.state'],
  ['modification statuses', modificationViewStatusValues, 'monitor.modify.statuses'],
  ['batch actions', batchViewActionValues, 'monitor.batch.actions'],
  ['batch statuses', batchViewStatusValues, 'monitor.batch.statuses'],
  ['batch item results', batchItemViewResultValues, 'monitor.batch.results'],
];

const labelOf = (locale: unknown, section: string, value: string): unknown =>
  [...section.split('.'), value].reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
    locale,
  );

describe('the values the console offers and shows, as the API document lists them', () => {
  it.each(LABELLED)('%s: each has a label in Chinese and in English', (_name, values, section) => {
    expect(values.length).toBeGreaterThan(0);
    const locales = { zh, en };
    const unlabelled = values.flatMap((value) =>
      value === null
        ? [`null in ${section}`]
        : (['zh', 'en'] as const)
            .filter((language) => typeof labelOf(locales[language], section, value) !== 'string')
            .map((language) => `${language}: ${section}.${value}`),
    );
    expect(unlabelled).toEqual([]);
  });

  it('offers each value once, in every list', () => {
    const repeated = LABELLED.filter(([, values]) => new Set(values).size !== values.length);
    expect(repeated.map(([name]) => name)).toEqual([]);
  });

  it('offers the same kinds of paper for a task as for a loan', () => {
    expect([...offered.UPLOAD_KINDS].sort()).toEqual(
      [...pathsApiTasksIdDocumentsPostRequestBodyContentMultipartFormDataKindValues].sort(),
    );
  });

  it('finds no label for a value the API does not define (the check can fail)', () => {
    expect(labelOf(zh, 'roles', 'teller')).toBeUndefined();
    expect(typeof labelOf(zh, 'roles', 'reviewer')).toBe('string');
  });
});
