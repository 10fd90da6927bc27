import path from "node:path";
// French messages for the variables without their own (the locale is set where z is exported).
import { z } from "~/lib/zod";

/**
 * The only module that reads process.env. Parsed once at boot: a bad variable stops the start
 * with one clear line per problem.
 */
const booleanFlag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "postgres:" || url.protocol === "postgresql:") &&
        (url.hostname !== "" || url.searchParams.has("host"))
      );
    } catch {
      return false;
    }
  },
  { message: "doit être une URL PostgreSQL, par exemple postgres://utilisateur:motdepasse@127.0.0.1:5432/pdn" },
);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ message: "doit être un numéro de port (1 à 65535)" })
    .int({ message: "doit être un numéro de port (1 à 65535)" })
    .min(1, { message: "doit être un numéro de port (1 à 65535)" })
    .max(65535, { message: "doit être un numéro de port (1 à 65535)" })
    .default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url({ message: "doit être une URL complète, par exemple https://pdn04.fr" }).optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DEMO: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: "doit commencer par smtp:// ou smtps://" })
    .optional(),
  MAIL_FROM: z.string().min(3).default("Promeneurs du Net 04 <coordination@pdn04.fr>"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEFAULT_DEPARTEMENT: z
    .string()
    .regex(/^(\d{2}|2[AB]|97\d)$/, { message: "doit être un code de département (04, 2A, 974…)" })
    .default("04"),
});

export type Env = z.infer<typeof envSchema> & {
  demo: boolean;
  publicUrl: string;
  dataDir: string;
};

export class EnvError extends Error {
  constructor(public readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

/** Parses an environment; throws EnvError with one French line per bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "?");
      return `Configuration invalide : ${name}=${JSON.stringify(source[name] ?? "")} ${issue.message}.`;
    });
    throw new EnvError(lines);
  }
  const env = result.data;
  const demo = env.DEMO ?? env.NODE_ENV !== "production";
  return {
    ...env,
    demo,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    dataDir: path.resolve(env.DATA_DIR),
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and commands that build their own configuration. */
export function setEnv(env: Env): void {
  cached = env;
}
