import { originationStageOf } from './origination-stage';

describe('origination stage of a task form', () => {
  it.each([
    ['loanflow:investigation-report', 'investigation'],
    ['loanflow:review-opinion', 'review'],
    ['loanflow:approval-decision', 'approval'],
    ['loanflow:disbursement-check', 'disbursement-check'],
  ])('reads %s as the stage %s', (form, stage) => {
    expect(originationStageOf(form)).toBe(stage);
  });

  it.each(['loanflow:inspection-report', 'loanflow:write-off-approval', 'toString', ''])(
    'names no stage for %p',
    (form) => {
      expect(originationStageOf(form)).toBeNull();
    },
  );
});
