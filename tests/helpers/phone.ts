/**
 * A phone as the server sees it: a cookie jar and plain HTTP (no JavaScript), redirects not
 * followed so each answer's status is seen. Scripts and people alike look like this.
 */
export class Phone {
  constructor(
    private readonly base: string,
    /** Sent as `Authorization: Bearer` (facilitators in tests), instead of cookies. */
    private readonly bearer?: string,
    private readonly cookies = new Map<string, string>(),
  ) {}

  /** The same phone (its cookies, its bearer) talking to another address: another node of the same Plenary. */
  at(base: string): Phone {
    return new Phone(base, this.bearer, this.cookies);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }

  /** Opens a join link: the session cookie it sets is kept. */
  async join(token: string, extra: Record<string, string> = {}): Promise<number> {
    return (await this.joinAnswer(token, extra)).status;
  }

  /** Opens a join link (with any extra request headers) and gives the whole answer. */
  async joinAnswer(token: string, extra: Record<string, string> = {}): Promise<Response> {
    const res = this.keep(await fetch(`${this.base}/join/${token}`, { redirect: 'manual', headers: this.headers(extra) }));
    await res.arrayBuffer();
    return res;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await fetch(`${this.base}${path}`, { redirect: 'manual', headers: this.headers() }));
  }

  /** A plain form post, as a browser without JavaScript sends it. */
  async post(path: string, form: Record<string, string>): Promise<Response> {
    return this.keep(
      await fetch(`${this.base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        body: new URLSearchParams(form),
      }),
    );
  }

  /** A post with any body and content type, as a script sends it. */
  async postRaw(path: string, body: string, contentType: string): Promise<Response> {
    return this.keep(await fetch(`${this.base}${path}`, { method: 'POST', redirect: 'manual', headers: this.headers({ 'content-type': contentType }), body }));
  }

  /** The status of a form post, its body read and dropped. */
  async send(path: string, form: Record<string, string>): Promise<number> {
    const res = await this.post(path, form);
    await res.arrayBuffer();
    return res.status;
  }
}

/** Codes as the check-in sheet prints them. */
export const CODE_PATTERN = /\b[0-9A-Z]{5}-[0-9A-Z]{5}\b/g;

/** A facilitator makes `count` codes on the console and reads them off the printable sheet. */
export async function issueCodes(facilitator: Phone, assemblyId: string, count: number): Promise<string[]> {
  const before = new Set(await sheetCodes(facilitator, assemblyId));
  const status = await facilitator.send(`/a/${assemblyId}/facilitate`, { intent: 'issue-rights', count: String(count) });
  if (status !== 200) throw new Error(`issuing codes answered ${status}`);
  return (await sheetCodes(facilitator, assemblyId)).filter((c) => !before.has(c));
}

export async function sheetCodes(facilitator: Phone, assemblyId: string): Promise<string[]> {
  const res = await facilitator.get(`/a/${assemblyId}/codes`);
  if (res.status !== 200) throw new Error(`the code sheet answered ${res.status}`);
  return [...new Set((await res.text()).match(CODE_PATTERN) ?? [])];
}
