import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { promisify } from "node:util";
import { freePort, tempDir } from "./app-process";

const run = promisify(execFile);

/** The newest PostgreSQL installed by Debian's package (the one .ci/start-postgres.sh uses). */
async function binDir(): Promise<string> {
  const versions = await fs.readdir("/usr/lib/postgresql").catch(() => []);
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) throw new Error("PostgreSQL n'est pas installé (apt-get install postgresql).");
  return `/usr/lib/postgresql/${newest}/bin`;
}

/**
 * A PostgreSQL server of the test's own (a fresh cluster in a temporary folder, loopback only), which
 * the test may stop and start again: a real outage that the servers shared by other tests never see.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly root: string,
    readonly port: number,
  ) {}

  /** PostgreSQL refuses to run as root: as root, run it as the postgres user. */
  private async pg(command: string, args: string[]): Promise<void> {
    const asRoot = process.getuid?.() === 0;
    const [file, ...rest] = asRoot
      ? ["runuser", "-u", "postgres", "--", `${this.bin}/${command}`, ...args]
      : [`${this.bin}/${command}`, ...args];
    await run(file as string, rest, { timeout: 60_000 });
  }

  static async create(): Promise<PrivatePostgres> {
    const root = await tempDir("pg");
    if (process.getuid?.() === 0) await run("chown", ["postgres", root]);
    const server = new PrivatePostgres(await binDir(), root, await freePort());
    await server.pg("initdb", [
      "-D",
      `${root}/data`,
      "-A",
      "trust",
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
    ]);
    await server.start();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    await this.pg("pg_ctl", [
      "-D",
      `${this.root}/data`,
      "-l",
      `${this.root}/server.log`,
      "-w",
      "-o",
      `-p ${this.port} -k ${this.root} -c listen_addresses=127.0.0.1`,
      "start",
    ]);
  }

  /** Stops the server as an administrator would: "fast" ends the sessions, "immediate" kills them. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    await this.pg("pg_ctl", ["-D", `${this.root}/data`, "-m", mode, "-w", "stop"]);
  }

  async destroy(): Promise<void> {
    await this.stop("immediate").catch(() => undefined);
    await fs.rm(this.root, { recursive: true, force: true });
  }
}
