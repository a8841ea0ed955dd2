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
import { DEMO_PASSWORD } from '@loanflow/identity';

/** The paper a payout rests on that a task's completion brings (uploaded just before it). */
const PAPER_OF_FORM: Record<string, string> = {
  [FORM.contracts]: SIGNED_CONTRACT_PAPER,
  [FORM.collateral]: REGISTRATION_CERTIFICATE_PAPER,
};

/** A minimal API client signing in as demo users (the CLI talks to the running api, as staff do). */
class DemoStaff {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async call(
    username: string,
    method: string,
    path: string,
    body?: object,
  ): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.token(username)}`,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok)
      throw new Error(`${username} ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** A multipart POST: text fields and files, each file part named as given. */
  async upload(
    username: string,
    path: string,
    fields: Record<string, string>,
    files: readonly { field: string; fileName: string; bytes: Buffer }[],
  ): Promise<Record<string, unknown>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append(file.field, new Blob([new Uint8Array(file.bytes)]), file.fileName);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await this.token(username)}` },
      body: form,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok)
      throw new Error(`${username} POST ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** An application with a sample paper of each kind it lists (the checks read uploads). */
  async apply(username: string, body: object): Promise<string> {
    const files = papersOf(body).map((paper) => ({
      field: paper.kind,
      fileName: paper.fileName,
      bytes: paper.bytes,
    }));
    const accepted = await this.upload(
      username,
      '/api/applications',
      { application: JSON.stringify(body) },
      files,
    );
    return accepted.loanId as string;
  }

  /** Uploads a sample paper of a kind to the loan. */
  async uploadPaper(username: string, loanId: string, kind: string): Promise<void> {
    const paper = samplePaper(kind);
    await this.upload(username, `/api/loans/${loanId}/documents`, { kind }, [
      { field: 'file', fileName: paper.fileName, bytes: paper.bytes },
    ]);
  }

  /**
   * Waits for the loan's task of this form in the user's inbox, then completes it; a signing
   * brings the signed contract to the file, a registration the certificate (他项权证).
   */
  async complete(username: string, loanId: string, form: string, answer: object): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const page = (await this.call(
        username,
        'GET',
        `/api/tasks?loan=${loanId}&type=${encodeURIComponent(form)}`,
      )) as {
        items: { id: string }[];
      };
      if (page.items[0]) {
        const paper = PAPER_OF_FORM[form];
        if (paper) await this.uploadPaper(username, loanId, paper);
        await this.call(username, 'POST', `/api/tasks/${page.items[0].id}/complete`, { answer });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${form} task for ${loan(loanId)} reached ${username}`);
  }

  /** Waits until the loan has reached a status (its process moves on its own after a task). */
  async waitForStatus(username: string, loanId: string, status: string): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const dossier = await this.call(username, 'GET', `/api/loans/${loanId}`);
      if (dossier.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${loan(loanId)} did not reach ${status}`);
  }

  private async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const response = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!response.ok)
      throw new Error(
        `demo user ${username} cannot sign in (${response.status}): run loanflow seed first`,
      );
    const { accessToken } = (await response.json()) as { accessToken: string };
    this.tokens.set(username, accessToken);
    return accessToken;
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
  await staff.call('guo.postloan', 'POST', `/api/loans/${disbursed}/warnings`, {
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
