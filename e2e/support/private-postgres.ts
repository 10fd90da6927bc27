import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, tempDir } from "./app-process";

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own (a fresh cluster in a temporary folder, loopback only, made
 * by .ci/start-postgres.sh), which the test may stop and start again: a real outage that the
 * server shared by the other tests never sees.
 */
export class PrivatePostgres {
  private constructor(
    private readonly root: string,
    readonly port: number,
  ) {}

  private async script(name: "start-postgres.sh" | "stop-postgres.sh", env: Record<string, string> = {}) {
    const { stdout } = await run("bash", [path.resolve(".ci", name)], {
      env: { ...process.env, PG_ROOT: this.root, PGPORT: String(this.port), ...env },
      timeout: 60_000,
    });
    return stdout.trim();
  }

  static async create(): Promise<PrivatePostgres> {
    const server = new PrivatePostgres(await tempDir("pg"), await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the cluster, with its data when it was stopped. */
  async start(): Promise<void> {
    await this.script("start-postgres.sh");
  }

  /** Stops the server as an administrator would: "fast" ends the sessions, "immediate" kills them. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    await this.script("stop-postgres.sh", { PG_STOP_MODE: mode });
  }

  async destroy(): Promise<void> {
    await this.stop("immediate").catch(() => undefined);
    await fs.rm(this.root, { recursive: true, force: true });
  }
}
