import { HandRefusedFileToArchiveWorker } from './archive/hand-to-archive.worker';
import { Module } from '@nestjs/common';
import { AdaptersModule } from '@loanflow/adapters';
import { DirectoryModule, IdentityModule } from '@loanflow/identity';
import { DutyFactsReader } from '@loanflow/tasks';
import { ApplicationsController } from './application/applications.controller';
import { ApplicationsService } from './application/applications.service';
import { ApplicationRecords, SqlApplicationRecords } from './application/application-records';
import { ApplicationUploadInterceptor } from './application/application-upload.interceptor';
import { CommentsController } from './comments/comments.controller';
import { AppConfig } from '@loanflow/config';
import { DOCUMENT_STORE } from './documents/document-store';
import { documentStoreFor } from './documents/document-store-for';
import { DocumentUploadInterceptor } from './documents/document-upload.interceptor';
import { DocumentsController } from './documents/documents.controller';
import { LoanDocumentsService } from './documents/loan-documents.service';
import { LoanDocumentRecords, SqlLoanDocumentRecords } from './documents/loan-document-records';
import { LoanCommentsService } from './comments/loan-comments.service';
import { LoanCommentRecords, SqlLoanCommentRecords } from './comments/loan-comment-records';
import { LoanAuditTrail } from './dossier/loan-audit-trail';
import { LoanAuditController } from './dossier/loan-audit.controller';
import { LoansController } from './dossier/loans.controller';
import { PersonalDataReveal } from './dossier/personal-data-reveal';
import { SubjectExport } from './personal-data/subject-export';
import { PersonalDataController } from './dossier/personal-data.controller';
import { PersonalDataPurgeSchedule } from './personal-data/purge-schedule';
import { PurgeRecords, SqlPurgeRecords } from './personal-data/purge-records';
import { PersonalDataRetention } from './personal-data/retention';
import { SubjectExportController } from './personal-data/subject-export.controller';
import { LoanDossierService } from './dossier/loan-dossier.service';
import { LoanDossierReads, SqlLoanDossierReads } from './dossier/loan-dossier.reads';
import { LoanListService } from './dossier/loan-list.service';
import { LoanListQueries, SqlLoanListQueries } from './dossier/loan-list.queries';
import { LoanQuotesController } from './quotes/loan-quotes.controller';
import { CheckEligibilityWorker } from './workers/check-eligibility.worker';
import { ConveneCommitteeWorker, CountCommitteeVoteWorker } from './workers/committee.workers';
import {
  CheckDisbursementConditionsWorker,
  RecordCollateralRegistrationWorker,
  RecordContractsWorker,
} from './workers/contracts.workers';
import {
  CreateScheduleWorker,
  DisburseWorker,
  StartServicingWorker,
} from './workers/disbursement.workers';
import {
  ComputeNoticeDueWorker,
  EscalateNoticeBreachWorker,
} from './workers/notice-deadline.workers';
import { RecordOfferDeclinedWorker } from './workers/offer-declined.worker';
import { NotifyDecisionWorker } from './workers/notify-decision.worker';
import {
  PersonalDataRevealRecords,
  SqlPersonalDataRevealRecords,
} from './dossier/personal-data-reveal-records';
import {
  SqlSubjectExportRecords,
  SubjectExportRecords,
} from './personal-data/subject-export-records';
import { DecisionRecords, SqlDecisionRecords } from './workers/decision-records';
import { ScheduleRecords, SqlScheduleRecords } from './workers/schedule-records';
import { QueryBureauWorker } from './workers/query-bureau.worker';
import { ExistingExposureReader } from './credit/existing-exposure.reader';
import { RegradeApplicantWorker } from './workers/regrade-applicant.worker';
import { ScoreApplicantWorker } from './workers/score-applicant.worker';
import { LoanRecords } from '@loanflow/loans';

/** Applications, loan dossiers and quotes (in the api process). */
@Module({
  imports: [AdaptersModule, IdentityModule],
  controllers: [
    ApplicationsController,
    LoansController,
    LoanAuditController,
    LoanQuotesController,
    PersonalDataController,
    SubjectExportController,
    CommentsController,
    DocumentsController,
  ],
  providers: [
    ApplicationsService,
    { provide: ApplicationRecords, useClass: SqlApplicationRecords },
    LoanDossierService,
    { provide: LoanDossierReads, useClass: SqlLoanDossierReads },
    LoanAuditTrail,
    { provide: PersonalDataRevealRecords, useClass: SqlPersonalDataRevealRecords },
    PersonalDataReveal,
    { provide: SubjectExportRecords, useClass: SqlSubjectExportRecords },
    SubjectExport,
    LoanListService,
    { provide: LoanListQueries, useClass: SqlLoanListQueries },
    LoanRecords,
    LoanCommentsService,
    { provide: LoanCommentRecords, useClass: SqlLoanCommentRecords },
    LoanDocumentsService,
    { provide: LoanDocumentRecords, useClass: SqlLoanDocumentRecords },
    DocumentUploadInterceptor,
    ApplicationUploadInterceptor,
    // The production seam: a bank binds its object store here (document-store.ts).
    { provide: DOCUMENT_STORE, useFactory: documentStoreFor, inject: [AppConfig] },
  ],
})
export class OriginationApiModule {}

export const ORIGINATION_WORKERS = [
  CheckEligibilityWorker,
  QueryBureauWorker,
  ScoreApplicantWorker,
  RegradeApplicantWorker,
  ConveneCommitteeWorker,
  CountCommitteeVoteWorker,
  ComputeNoticeDueWorker,
  EscalateNoticeBreachWorker,
  NotifyDecisionWorker,
  RecordOfferDeclinedWorker,
  RecordContractsWorker,
  RecordCollateralRegistrationWorker,
  CheckDisbursementConditionsWorker,
  DisburseWorker,
  CreateScheduleWorker,
  StartServicingWorker,
  HandRefusedFileToArchiveWorker,
];

/** The origination process's service tasks (in a workers process; WORKER_TYPES picks which run). */
@Module({
  imports: [AdaptersModule, DirectoryModule],
  providers: [
    LoanRecords,
    ExistingExposureReader,
    DutyFactsReader,
    // The retention purge removes the files of purged applications.
    { provide: DOCUMENT_STORE, useFactory: documentStoreFor, inject: [AppConfig] },
    { provide: PurgeRecords, useClass: SqlPurgeRecords },
    PersonalDataRetention,
    PersonalDataPurgeSchedule,
    { provide: DecisionRecords, useClass: SqlDecisionRecords },
    { provide: ScheduleRecords, useClass: SqlScheduleRecords },
    ...ORIGINATION_WORKERS,
  ],
})
export class OriginationWorkersModule {}
