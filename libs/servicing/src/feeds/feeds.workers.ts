import { AppConfig } from '@loanflow/config';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { ServicingStepless } from './feeds.inputs';
import { engineMoment } from '../workers/servicing-time';
import { EarlyWarningFeeds } from './early-warning-feeds.service';

/** 征信定期复查: the daily run refreshes the reports that are BUREAU_REFRESH_MONTHS old. */
@JobWorker({
  type: 'feeds.refresh-bureau',
  description:
    'Refresh the credit bureau report of loans in servicing that are due; warn on a change for the worse.',
  input: ServicingStepless,
  outputs: ['bureauRefreshed', 'bureauHits'],
  timeoutMs: 300_000,
})
export class RefreshBureauWorker implements JobHandler<
  ServicingStepless,
  { bureauRefreshed: number; bureauHits: number }
> {
  constructor(
    private readonly feeds: EarlyWarningFeeds,
    private readonly config: AppConfig,
  ) {}

  async handle({ asOf }: ServicingStepless) {
    const { at } = engineMoment(asOf);
    const run = await this.feeds.refreshBureau(at, this.config.BUREAU_REFRESH_MONTHS);
    return { bureauRefreshed: run.checked, bureauHits: run.hits };
  }
}

/** 失信被执行人名单比对: every borrower and guarantor of the loans in servicing, by blind index. */
@JobWorker({
  type: 'feeds.check-dishonest-list',
  description:
    'Look the parties of loans in servicing up on the courts’ dishonest-debtor list; warn on a listing.',
  input: ServicingStepless,
  outputs: ['dishonestHits'],
  timeoutMs: 300_000,
})
export class CheckDishonestListWorker implements JobHandler<
  ServicingStepless,
  { dishonestHits: number }
> {
  constructor(private readonly feeds: EarlyWarningFeeds) {}

  async handle({ asOf }: ServicingStepless) {
    const { at } = engineMoment(asOf);
    const run = await this.feeds.checkDishonestList(at);
    return { dishonestHits: run.hits };
  }
}
