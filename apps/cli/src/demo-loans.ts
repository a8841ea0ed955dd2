import {
  approvalOf,
  contractsFor,
  creditApplication,
  FORM,
  GOOD_INVESTIGATION,
  GUARANTOR,
  guarantorApplication,
  mortgageApplication,
  papersOf,
  PASSING_REVIEW,
  REGISTRATION_CERTIFICATE_PAPER,
  RELEASE,
  samplePaper,
  SIGNED_CONTRACT_PAPER,
} from '@loanflow/origination';
import { components, formBody, StaffSessions } from '@loanflow/api-client';
import { DEMO_PASSWORD } from '@loanflow/identity';

/** The paper a payout rests on that a task's completion brings (uploaded just before it). */
const PAPER_OF_FORM: Record<string, string> = {
  [FORM.contracts]: SIGNED_CONTRACT_PAPER,
  [FORM.collateral]: REGISTRATION_CERTIFICATE_PAPER,
};

type RaiseWarning = components['schemas']['RaiseWarningRequest'];

/** What the typed client answers: the body of a success, the error body otherwise. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a success; anything else stops the demo with what the API said. */
async function ok<T>(what: string, call: Promise<Answer<T>>): Promise<T | undefined> {
  const { data, error, response } = await call;
  if (!response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
  return data;
}

/** The demo's staff at work through the API (the CLI talks to the running api, as staff do). */
class DemoStaff {
  private readonly sessions: StaffSessions;

  constructor(baseUrl: string) {
    this.sessions = new StaffSessions(baseUrl, () => DEMO_PASSWORD);
  }

  /** An application with a sample paper of each kind it lists (the checks read uploads). */
  async apply(username: string, application: object): Promise<string> {
    const form = new FormData();
    form.append('application', JSON.stringify(application));
    for (const paper of papersOf(application))
      form.append(paper.kind, new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
    const accepted = await ok(
      `${username} files an application`,
      this.sessions.as(username, (api) => api.POST('/api/applications', formBody(form))),
    );
    if (!accepted) throw new Error(`${username} files an application: no loan id in the answer`);
    return accepted.loanId;
  }

  /** Uploads a sample paper of a kind to the loan. */
  async uploadPaper(username: string, loanId: string, kind: string): Promise<void> {
    const paper = samplePaper(kind);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
    await ok(
      `${username} uploads ${kind} to ${loan(loanId)}`,
      this.sessions.as(username, (api) =>
        api.POST('/api/loans/{id}/documents', {
          params: { path: { id: loanId } },
          ...formBody(form),
        }),
      ),
    );
  }

  /** Raises a risk warning on the loan. */
  async warn(username: string, loanId: string, warning: RaiseWarning): Promise<void> {
    await ok(
      `${username} raises a warning on ${loan(loanId)}`,
      this.sessions.as(username, (api) =>
        api.POST('/api/loans/{id}/warnings', {
          params: { path: { id: loanId } },
          body: warning,
        }),
      ),
    );
  }

  /**
   * Waits for the loan's task of this form in the user's inbox, then completes it; a signing
   * brings the signed contract to the file, a registration the certificate (他项权证).
   */
  async complete(
    username: string,
    loanId: string,
    form: string,
    answer: Record<string, unknown>,
  ): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const page = await ok(
        `${username} reads the inbox`,
        this.sessions.as(username, (api) =>
          api.GET('/api/tasks', { params: { query: { loan: loanId, type: form } } }),
        ),
      );
      const task = page?.items[0];
      if (task) {
        const paper = PAPER_OF_FORM[form];
        if (paper) await this.uploadPaper(username, loanId, paper);
        await ok(
          `${username} completes ${form} of ${loan(loanId)}`,
          this.sessions.as(username, (api) =>
            api.POST('/api/tasks/{id}/complete', {
              params: { path: { id: task.id } },
              body: { answer },
            }),
          ),
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${form} task for ${loan(loanId)} reached ${username}`);
  }

  /** Waits until the loan has reached a status (its process moves on its own after a task). */
  async waitForStatus(username: string, loanId: string, status: string): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const dossier = await ok(
        `${username} reads ${loan(loanId)}`,
        this.sessions.as(username, (api) =>
          api.GET('/api/loans/{id}', { params: { path: { id: loanId } } }),
        ),
      );
      if (dossier?.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${loan(loanId)} did not reach ${status}`);
  }
}

const loan = (id: string) => `loan ${id}`;

/**
 * Files a handful of loans through the API so every role's inbox and the dossiers have something to
 * show: one disbursed, one waiting for review, one for collateral registration, one for
 * investigation in Ningbo, one refused at the automatic checks. Returns one line per loan.
 */
export async function fileDemoLoans(baseUrl: string): Promise<string[]> {
  const staff = new DemoStaff(baseUrl);
  const apply = (body: object, username = 'li.cm') => staff.apply(username, body);
  const lines: string[] = [];

  const disbursed = await apply(creditApplication());
  await staff.complete('li.cm', disbursed, FORM.investigation, GOOD_INVESTIGATION);
  await staff.complete('wang.reviewer', disbursed, FORM.review, PASSING_REVIEW);
  await staff.complete('zhao.approver', disbursed, FORM.approval, approvalOf('200000.00', 36));
  await staff.complete('li.cm', disbursed, FORM.contracts, contractsFor(disbursed));
  await staff.complete('hu.supervisor', disbursed, FORM.disbursementCheck, RELEASE);
  lines.push(`${disbursed}: consumer credit loan 200,000.00, disbursed (schedule in its dossier)`);
  await staff.waitForStatus('guo.postloan', disbursed, 'disbursed');
  await staff.warn('guo.postloan', disbursed, {
    level: 'orange',
    description: 'the borrower’s employer is two months behind with social insurance payments',
  });
  lines.push(
    `${disbursed}: orange risk warning, waiting for a remediation plan (guo.postloan); first inspection due 30 days after disbursement`,
  );

  const atReview = await apply(guarantorApplication({ amount: '80000.00', termMonths: 24 }));
  await staff.complete('li.cm', atReview, FORM.investigation, GOOD_INVESTIGATION);
  lines.push(
    `${atReview}: guarantor loan 80,000.00 (guarantor ${GUARANTOR.name}), waiting for review (wang.reviewer)`,
  );

  const atRegistration = await apply(mortgageApplication());
  await staff.complete('li.cm', atRegistration, FORM.investigation, GOOD_INVESTIGATION);
  await staff.complete('qian.reviewer', atRegistration, FORM.review, PASSING_REVIEW);
  await staff.complete(
    'zhao.approver',
    atRegistration,
    FORM.approval,
    approvalOf('1500000.00', 240, '0.0350'),
  );
  await staff.complete(
    'li.cm',
    atRegistration,
    FORM.contracts,
    contractsFor(atRegistration, [], true),
  );
  lines.push(
    `${atRegistration}: housing loan 1,500,000.00, waiting for collateral registration (ma.mortgage)`,
  );

  const ningbo = await apply(
    creditApplication({
      amount: '120000.00',
      purpose: 'wedding expenses: hotel and banquet contract',
    }),
    'sun.cm',
  );
  lines.push(`${ningbo}: Ningbo consumer loan 120,000.00, waiting for investigation (sun.cm)`);

  const refused = await apply(
    creditApplication({
      applicant: {
        ...creditApplication().applicant,
        name: '黄某 Huang',
        idNumber: '330106198505050019',
        birthDate: '1985-05-05',
      },
    }),
  );
  lines.push(`${refused}: refused at the automatic checks (applicant on the credit warning list)`);
  return lines;
}
