/** A minimal browser-like HTTP client: keeps cookies, sends the form token, never follows redirects. */
export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  private store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair?.indexOf("=") ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      redirect: "manual",
      headers: { ...this.headers, cookie: this.cookieHeader() },
    });
    this.store(response);
    return response;
  }

  /** Posts a form as a browser would (fetching a page first when no form token is known yet). */
  async post(path: string, fields: Record<string, string>): Promise<Response> {
    if (!this.cookies.has("pdn_csrf")) await this.get(path);
    const body = new URLSearchParams({ _csrf: decodeURIComponent(this.cookies.get("pdn_csrf") ?? ""), ...fields });
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        ...this.headers,
        cookie: this.cookieHeader(),
        origin: new URL(this.baseUrl).origin,
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    this.store(response);
    return response;
  }

  /** Sends any request with this client's cookies (no form token added), keeping the cookies it sets. */
  async send(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: init.method ?? "GET",
      redirect: "manual",
      body: init.body,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...init.headers },
    });
    this.store(response);
    return response;
  }
}
