import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `pdn-${prefix}-`));
}

export type AppProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** Spawns a command of the project (the built server by default) with its own environment. */
export function spawnApp(options: { env: Record<string, string>; command?: string[]; port?: number }): AppProcess {
  const port = options.port ?? Number(options.env.PORT ?? 0);
  const [cmd, ...args] = options.command ?? [process.execPath, "server.js"];
  const child = spawn(cmd as string, args, {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      TZ: "Europe/Paris",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin?.end();
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (ended) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`process ended before ${pattern}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timeout waiting for ${pattern}:\n${output.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (ended) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Starts the built server and waits until it listens (stopping it if it does not in time). */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<AppProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const app = spawnApp({
    env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    port,
  });
  try {
    await app.waitForOutput(/"msg":"listening"/, timeoutMs);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}
