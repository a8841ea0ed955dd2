import { APPROVAL_DECISION } from './approval-decision.form';
import { COMPLAINT_ANSWER } from './complaint-answer.form';
import { ARCHIVE_FILE } from './archive-file.form';
import { COMMITTEE_VOTE } from './committee-vote.form';
import { COLLATERAL_REGISTRATION } from './collateral-registration.form';
import { COLLATERAL_RELEASE } from './collateral-release.form';
import { COLLECTION_CONTACT } from './collection-contact.form';
import { LEGAL_ACTION } from './legal-action.form';
import { LEGAL_MILESTONE } from './legal-milestone.form';
import { WRITE_OFF_REVIEW } from './write-off-review.form';
import { CONTRACT_SIGNING } from './contract-signing.form';
import { COUNTER_OFFER_ACCEPTANCE } from './counter-offer-acceptance.form';
import { DISBURSEMENT_CHECK } from './disbursement-check.form';
import { PAPERS_SUPPLEMENT } from './papers-supplement.form';
import type { FormDefinition } from './form-definition';
import { schemaOfDto } from './form-schema';
import { INVESTIGATION_REPORT } from './investigation-report.form';
import { REVIEW_OPINION } from './review-opinion.form';
import { ACCOUNTABILITY_DECISION } from './accountability-decision.form';
import { EMERGENCY_PLAN } from './emergency-plan.form';
import { INSPECTION_REPORT } from './inspection-report.form';
import { FOLLOW_UP } from './follow-up.form';
import { COLLATERAL_REVALUATION } from './collateral-revaluation.form';
import { RECLASSIFICATION_APPROVAL } from './reclassification-approval.form';
import { REMEDIATION_PLAN } from './remediation-plan.form';
import { WARNING_ACTION } from './warning-action.form';
import { THRESHOLD_ACTION } from './threshold-action.form';
import { WARNING_REVIEW } from './warning-review.form';
import { WRITE_OFF_APPROVAL } from './write-off-approval.form';
import { RESTRUCTURING_APPROVAL, RESTRUCTURING_REVIEW } from './restructuring-decision.form';
import { PREPAYMENT_REVIEW } from './prepayment-review.form';
import { CHANGE_REVIEW } from './change-review.form';

/** Every form the inbox knows, by form key. A user task whose form key is not here cannot be worked. */
export const FORMS: ReadonlyMap<string, FormDefinition> = new Map(
  (
    [
      INVESTIGATION_REPORT,
      REVIEW_OPINION,
      APPROVAL_DECISION,
      COMMITTEE_VOTE,
      COUNTER_OFFER_ACCEPTANCE,
      CONTRACT_SIGNING,
      COLLATERAL_REGISTRATION,
      DISBURSEMENT_CHECK,
      COLLECTION_CONTACT,
      LEGAL_ACTION,
      LEGAL_MILESTONE,
      COLLATERAL_RELEASE,
      ARCHIVE_FILE,
      INSPECTION_REPORT,
      FOLLOW_UP,
      COLLATERAL_REVALUATION,
      RECLASSIFICATION_APPROVAL,
      WARNING_ACTION,
      WARNING_REVIEW,
      REMEDIATION_PLAN,
      EMERGENCY_PLAN,
      WRITE_OFF_REVIEW,
      WRITE_OFF_APPROVAL,
      ACCOUNTABILITY_DECISION,
      RESTRUCTURING_REVIEW,
      RESTRUCTURING_APPROVAL,
      COMPLAINT_ANSWER,
      PREPAYMENT_REVIEW,
      CHANGE_REVIEW,
      THRESHOLD_ACTION,
      PAPERS_SUPPLEMENT,
    ] as FormDefinition[]
  ).map((form) => [form.key, form]),
);

export function formFor(key: string): FormDefinition | undefined {
  return FORMS.get(key);
}

/**
 * Each form's JSON Schema, generated from its validation rules, for the console to render and
 * check (form-schema.ts). Labels travel in it by one convention, so that the api and the console
 * agree: every property of a form DTO carries `@JSONSchema(labels(zh, en))` (form-labels.ts),
 * which adds `'x-i18n': { zh: { title, help?, enumLabels? }, en: { … } }`. `enumLabels` maps each
 * allowed value (of the property, or of an array's items, or 'true'/'false' of a boolean offered
 * as a choice) to its label. The generated schema also carries the standard `title` and
 * `description` in Chinese, the bank's working language, for any other JSON Schema reader.
 * Nested DTOs (arrays of objects) are inlined: the schema has no `$ref`.
 */
const schemas = new Map<string, object>();

export function formSchema(form: FormDefinition): object {
  let schema = schemas.get(form.key);
  if (!schema) schemas.set(form.key, (schema = schemaOfDto(form.dto)));
  return schema;
}
