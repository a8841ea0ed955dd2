import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

/**
 * Every setting the processes read, validated once at boot. Defaults suit the local stack's dev
 * profile; production sets them through the environment.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** mysql://user:password@host:port/database (MySQL 8 or MariaDB 10.11). */
  @Matches(/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+$/, {
    message: 'DATABASE_URL must look like mysql://user:password@host:3306/database',
  })
  DATABASE_URL = 'mysql://root@127.0.0.1:3306/loanflow';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** The Zeebe gateway's gRPC address, host:port. */
  @Matches(/^[A-Za-z0-9.-]+:\d{2,5}$/, { message: 'ZEEBE_GRPC_ADDRESS must look like host:26500' })
  ZEEBE_GRPC_ADDRESS = '127.0.0.1:26500';

  /**
   * The broker's management (actuator) base URL: health and, in test mode, the controlled clock. A
   * cluster lists every broker's, comma separated (the clock is moved on each).
   */
  @Matches(/^https?:\/\/[^/,]+(,https?:\/\/[^/,]+)*$/, {
    message: 'ZEEBE_MANAGEMENT_URL must look like http://host:9600 (or a comma list of them)',
  })
  ZEEBE_MANAGEMENT_URL = 'http://127.0.0.1:9600';

  /** Redis Streams prefix the broker's exporter writes to (streams are PREFIX:VALUE_TYPE). */
  @IsString()
  @MinLength(1)
  EXPORTER_STREAM_PREFIX = 'zeebe';

  /** Interface the HTTP servers bind to: loopback by default, 0.0.0.0 in a container. */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, {
    message: 'HTTP_HOST must be an IP address such as 127.0.0.1 or 0.0.0.0',
  })
  HTTP_HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKERS_PORT = 3001;

  /** Which job types this workers process serves: `*`, or a comma list of types and `area.*` prefixes. */
  @Matches(/^(\*|[a-z0-9.*-]+(,[a-z0-9.*-]+)*)$/, {
    message: 'WORKER_TYPES must be * or a comma list such as loan.*,credit.query-bureau',
  })
  WORKER_TYPES = '*';

  /**
   * How often the inbox asks the broker about its open tasks (200 a pass, the earliest hold first):
   * it renews their holds and ends a task the engine ended whose record never reached the inbox.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5000)
  @Max(24 * 3600 * 1000)
  INBOX_HOLD_PASS_MS = 10 * 60 * 1000;

  /**
   * How long the inbox holds a user task's job once filed (ms; default 14 days). The hold passes
   * extend it long before it runs out, so its length only matters when they cannot: a broker clock
   * moved weeks at a time (the portfolio bench holds for its whole run: a bank's clock does not
   * jump, and taking 2,700 tasks back at every jump is a cost of the simulation).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(3600 * 1000)
  @Max(3 * 366 * 24 * 3600 * 1000)
  INBOX_HOLD_MS = 14 * 24 * 3600 * 1000;

  /**
   * How long a worker holds a job at a time (ms). A job whose worker declares a longer budget is
   * renewed lease by lease while its handler runs; an activation that never reached a worker then
   * costs one lease before the broker hands the job out again, not the whole budget.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  @Max(3600 * 1000)
  JOB_LEASE_MS = 20_000;

  /**
   * poll: long polling only; stream: job push (StreamActivatedJobs) with long polling beside it.
   * Push stays opt-in: on Zeebe 8.5.8 a failed push can log a job record its exporter cannot read,
   * which stops the exporter (decisions/0012).
   */
  @IsIn(['poll', 'stream'])
  JOB_ACTIVATION: 'poll' | 'stream' = 'poll';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The business day's clock: `system` (production), or `engine`, the broker's clock, where tests
   * move it (a clock-controlled broker): then payments, disbursement dates and ages follow the
   * same time as the models' timers.
   */
  @IsIn(['system', 'engine'])
  BUSINESS_CLOCK: 'system' | 'engine' = 'system';

  /**
   * The loan prime rates the pricing grid is over (贷款市场报价利率, published monthly by the
   * National Interbank Funding Center): 1-year and 5-year-and-above, as decimal fractions, and the
   * date they took effect. The defaults are those of 2025-05-20; a deployment sets the current ones.
   */
  @Matches(/^0\.\d{2,6}$/, {
    message: 'REFERENCE_LPR_1Y must be a decimal fraction such as 0.0300',
  })
  REFERENCE_LPR_1Y = '0.0300';

  @Matches(/^0\.\d{2,6}$/, {
    message: 'REFERENCE_LPR_5Y must be a decimal fraction such as 0.0350',
  })
  REFERENCE_LPR_5Y = '0.0350';

  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'REFERENCE_LPR_DATE must be a date such as 2025-05-20',
  })
  REFERENCE_LPR_DATE = '2025-05-20';

  /**
   * Cells of the loan-to-value table that differ from the bank's defaults (docs/controls/credit.md),
   * written product.kind=rate: e.g. `housing.property=0.65,housing.property-second-home=0.50`.
   * Empty: the defaults. A cell that names an unknown product, kind or rate stops the boot.
   */
  @IsOptional()
  @Matches(/^(\s*\w+\.[\w-]+=[01](\.\d{1,4})?\s*)(,\s*\w+\.[\w-]+=[01](\.\d{1,4})?\s*)*$|^$/, {
    message:
      'COLLATERAL_LTV_LIMITS must be product.kind=rate pairs separated by commas, e.g. housing.property=0.65',
  })
  COLLATERAL_LTV_LIMITS = '';

  /**
   * The credit committee's vote (docs/controls/credit.md): the share of the seats that must vote,
   * the share of the ballots cast that must approve (more than one half: a tie never approves),
   * the fewest ballots that decide, the working days a round stays open and how many rounds
   * without quorum are convened before the committee is taken not to have approved.
   */
  @Matches(/^\d{1,3}(\/\d{1,3})?$/, { message: 'COMMITTEE_QUORUM must be a fraction such as 2/3' })
  COMMITTEE_QUORUM = '2/3';

  @Matches(/^\d{1,3}(\/\d{1,3})?$/, {
    message: 'COMMITTEE_MAJORITY must be a fraction such as 2/3',
  })
  COMMITTEE_MAJORITY = '2/3';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  @Max(99)
  COMMITTEE_MIN_VOTES = 2;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  COMMITTEE_VOTE_WORKING_DAYS = 3;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(5)
  COMMITTEE_MAX_ROUNDS = 2;

  /**
   * Days after the payout by which the customer manager's follow-up with the borrower (贷后回访:
   * use of funds against the purpose, contact still valid) is due (docs/controls/credit.md).
   */
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'FOLLOW_UP_DAYS must be a whole number of days from 1 to 90' })
  @Min(1, { message: 'FOLLOW_UP_DAYS must be a whole number of days from 1 to 90' })
  @Max(90, { message: 'FOLLOW_UP_DAYS must be a whole number of days from 1 to 90' })
  FOLLOW_UP_DAYS = 15;

  /**
   * How often each kind of collateral is revalued (押品价值重估), where it differs from the defaults
   * (property 12 months, vehicle 6, deposit never, securities 3, other 12), written kind=months
   * with 0 for never: e.g. `deposit=12,securities=1`. Empty: the defaults.
   */
  @IsOptional()
  @Matches(
    /^(\s*(property|vehicle|deposit|securities|other)=([0-9]|[1-5][0-9]|60)\s*)(,\s*(property|vehicle|deposit|securities|other)=([0-9]|[1-5][0-9]|60)\s*)*$|^$/,
    {
      message:
        'COLLATERAL_REVALUATION_MONTHS must be kind=months pairs separated by commas (kinds property, vehicle, deposit, securities, other; 0 to 60 months, 0 for never), e.g. deposit=12,securities=1',
    },
  )
  COLLATERAL_REVALUATION_MONTHS = '';

  /**
   * How much a repayment may exceed what the whole loan owes on its day: such money is held in the
   * borrower's advance account and refunded when the loan settles; anything beyond is refused.
   */
  @Matches(/^\d{1,9}(\.\d{1,2})?$/, {
    message: 'REPAYMENT_OVERPAYMENT_TOLERANCE must be an amount such as 100.00',
  })
  REPAYMENT_OVERPAYMENT_TOLERANCE = '100.00';

  /**
   * Maker-checker: a repayment recorded by hand above this amount waits for a second person
   * (another customer manager, collection officer or the center manager) to confirm it before it
   * is applied; money the bank's channels report is applied at once.
   */
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, {
    message: 'REPAYMENT_CONFIRMATION_LIMIT must be an amount such as 50000.00',
  })
  REPAYMENT_CONFIRMATION_LIMIT = '50000.00';

  /**
   * How many days back a repayment may be value-dated (money received at a branch and keyed in
   * late). It is applied on its value date but judged on the day it is recorded: a late entry
   * never cures an episode retroactively nor unwinds an escalation already made.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(365)
  REPAYMENT_BACKDATE_DAYS = 30;

  /** Part prepayment (部分提前还款): the least principal a prepayment pays down (docs/controls/repayments.md). */
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, {
    message: 'PREPAYMENT_MINIMUM_AMOUNT must be an amount such as 1000.00',
  })
  PREPAYMENT_MINIMUM_AMOUNT = '1000.00';

  /** The fee (违约金) on a part prepayment, a fraction of the principal paid down: "0.01" is 1%. */
  @Matches(/^0(\.\d{1,6})?$/, { message: 'PREPAYMENT_FEE_RATE must be a fraction such as 0.01' })
  PREPAYMENT_FEE_RATE = '0.01';

  /** Months after disbursement from which a part prepayment owes no fee (0: never a fee). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(360)
  PREPAYMENT_FEE_FREE_MONTHS = 12;

  /**
   * Working days a complaint's handler has to answer the customer, on China's official calendar
   * (docs/controls/complaints-and-reports.md).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  COMPLAINT_ANSWER_WORKING_DAYS = 5;

  /**
   * Working days a loan file lent out (调阅) may stay out before it is overdue and a reminder goes
   * to the archive officers and the colleague who has it (docs/controls/archive.md).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  ARCHIVE_LENDING_WORKING_DAYS = 5;

  /** Years a settled or refused loan's file is kept from the day the loan ended (保管年限). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  ARCHIVE_RETENTION_YEARS = 5;

  /** Years a written-off loan's file is kept (the debt is still pursued: 账销案存). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  ARCHIVE_WRITTEN_OFF_RETENTION_YEARS = 10;

  /** Working days each escalated level (the branch's center managers, head office) has. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  COMPLAINT_ESCALATION_WORKING_DAYS = 3;

  /** The inspection interval in months a new key-customer entry gets when none is given. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(6)
  KEY_CUSTOMER_INSPECTION_MONTHS = 3;

  /**
   * How often the borrower's credit bureau report is refreshed while the loan is serviced, in
   * months from the payout and then from the last refresh (docs/controls/early-warning.md).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24)
  BUREAU_REFRESH_MONTHS = 3;

  /**
   * How long the personal data of an application that ended without a loan (refused, rejected,
   * declined) is kept after the decision before it is purged (docs/security/personal-data.md).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(30)
  @Max(3650)
  PERSONAL_DATA_RETENTION_REFUSED_DAYS = 180;

  /**
   * Where the local document store keeps uploaded files (relative to the working directory), under
   * the product's data folder by default. The production seam is the DocumentStore interface.
   */
  @IsString()
  DOCUMENT_STORAGE_DIR = 'var/dev/documents';

  /** Where document bytes live: `local` (DOCUMENT_STORAGE_DIR) or `s3` (an S3-compatible store). */
  @IsIn(['local', 's3'])
  DOCUMENT_STORE: 'local' | 's3' = 'local';

  /** The S3-compatible store (DOCUMENT_STORE=s3): endpoint for MinIO/Ceph, unset for AWS. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'DOCUMENT_S3_ENDPOINT must be an http(s) URL' })
  DOCUMENT_S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'DOCUMENT_S3_BUCKET must be a bucket name such as loanflow-documents',
  })
  DOCUMENT_S3_BUCKET?: string;

  @IsString()
  DOCUMENT_S3_REGION = 'us-east-1';

  /** Prefix of every object key, e.g. `loanflow/documents/`. */
  @Matches(/^([A-Za-z0-9._-]+\/)*$/, {
    message: 'DOCUMENT_S3_PREFIX must be empty or path segments ending with /',
  })
  DOCUMENT_S3_PREFIX = 'documents/';

  /** Path-style addressing (MinIO, most on-premises stores); false for AWS virtual hosts. */
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  DOCUMENT_S3_FORCE_PATH_STYLE = true;

  /** Server-side encryption asked of the store: AES256, or none where the store refuses it. */
  @IsIn(['AES256', 'none'])
  DOCUMENT_S3_SSE: 'AES256' | 'none' = 'AES256';

  /** Credentials; unset: the SDK's chain (instance role, environment, profile). */
  @IsOptional() @IsString() DOCUMENT_S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() DOCUMENT_S3_SECRET_ACCESS_KEY?: string;

  /** The largest document one may upload, in bytes (10 MB): a larger one is refused with 413. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * The key file of personal data at rest (created 0600 at first start when missing). A bank
   * replaces the file with its KMS through the key-provider interface.
   */
  @IsOptional()
  @IsString()
  FIELD_KEYS_FILE?: string;

  /**
   * Signs the API's own access tokens (HS256): 32+ random characters. No default: the api refuses
   * to start without it (`npm start` keeps one in var/dev/secrets/, tests make one per run).
   */
  @IsOptional()
  @IsString()
  AUTH_TOKEN_SECRET?: string;

  /**
   * The secret AUTH_TOKEN_SECRET replaced, during a key rotation: tokens it signed are still
   * accepted until they expire; nothing new is signed with it. Unset it after one token lifetime.
   */
  @IsOptional()
  @IsString()
  AUTH_TOKEN_PREVIOUS_SECRET?: string;

  /** Access tokens are short-lived: sign in again after this many minutes. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(720)
  AUTH_TOKEN_TTL_MINUTES = 30;

  /** The bank's identity provider (optional): tokens from this issuer are accepted too. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OIDC_JWKS_URL must be an http(s) URL' })
  OIDC_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  OIDC_AUDIENCE?: string;

  /**
   * The console's sign-in through the provider (authorization code with PKCE, a public client):
   * offered when these three are set beside OIDC_ISSUER and OIDC_JWKS_URL.
   */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OIDC_AUTHORIZATION_URL must be an http(s) URL' })
  OIDC_AUTHORIZATION_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OIDC_TOKEN_URL must be an http(s) URL' })
  OIDC_TOKEN_URL?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsString()
  OIDC_SCOPE = 'openid profile';

  /** The claim holding the bank user name, matched to a LoanFlow user (org unit, ID number). */
  @IsString()
  OIDC_USERNAME_CLAIM = 'preferred_username';

  /** The claim holding role names; when present it replaces the user's roles stored here. */
  @IsString()
  OIDC_ROLES_CLAIM = 'roles';

  /**
   * Redis key prefix of the sign-in counters (throttling, lockouts) the api processes share; set
   * one per environment when environments share a Redis.
   */
  @Matches(/^[A-Za-z0-9:._-]{1,64}$/, {
    message: 'LOGIN_COUNTER_PREFIX must be up to 64 letters, digits, colons, dots, dashes',
  })
  LOGIN_COUNTER_PREFIX = 'loanflow:login:';
}
