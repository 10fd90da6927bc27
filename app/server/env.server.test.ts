import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

/** The lines of the EnvError that parsing `source` throws. */
function errorLines(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.lines;
    throw error;
  }
  throw new Error("la configuration a été acceptée");
}

describe("configuration (env.server)", () => {
  it("refuse PORT=abc par une seule ligne en français qui nomme PORT", () => {
    const lines = errorLines({ PORT: "abc" });
    expect(lines).toEqual(['Configuration invalide : PORT="abc" doit être un numéro de port (1 à 65535).']);
  });

  it.each(["0", "65536", "80.5", "-1"])("refuse PORT=%s", (port) => {
    const lines = errorLines({ PORT: port });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`PORT="${port}"`);
  });

  it.each(["pas une url", "mysql://u:p@127.0.0.1/pdn", "http://127.0.0.1/pdn?host=/var/run/postgresql", "postgres://"])(
    "refuse DATABASE_URL=%s par une seule ligne qui nomme DATABASE_URL",
    (url) => {
      const lines = errorLines({ DATABASE_URL: url });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Configuration invalide : DATABASE_URL=.* doit être une URL PostgreSQL/);
    },
  );

  it.each([
    "postgres://pdn:secret@127.0.0.1:5432/pdn",
    "postgresql://pdn@db.example/pdn?sslmode=require",
    "postgres:///pdn?host=/var/run/postgresql",
  ])("accepte DATABASE_URL=%s", (url) => {
    expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("donne une ligne par variable fautive", () => {
    const lines = errorLines({ PORT: "abc", DATABASE_URL: "x", SMTP_URL: "http://mail" });
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split("=")[0])).toEqual([
      "Configuration invalide : PORT",
      "Configuration invalide : DATABASE_URL",
      "Configuration invalide : SMTP_URL",
    ]);
  });

  it.each([
    ["SESSION_IDLE_MINUTES", "2"],
    ["SESSION_MAX_HOURS", "abc"],
    ["DEMO", "oui"],
    ["LOG_LEVEL", "verbeux"],
    ["NODE_ENV", "prod"],
  ])("explique en français l'erreur de %s", (name, value) => {
    const lines = errorLines({ [name]: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${name}="${value}"`);
    expect(lines[0]).not.toMatch(/\b(Invalid|Too small|Too big|expected|received)\b/);
  });

  it("prend les valeurs par défaut d'un environnement vide", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      DATA_DIR: "./data",
      TRUST_PROXY: false,
      SESSION_IDLE_MINUTES: 120,
      SESSION_MAX_HOURS: 12,
      LOG_LEVEL: "info",
      DEFAULT_DEPARTEMENT: "04",
      publicUrl: "http://localhost:3000",
      dataDir: path.resolve("./data"),
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("traite une variable vide comme absente", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("construit l'URL publique sans barre finale", () => {
    expect(parseEnv({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(parseEnv({ PUBLIC_URL: "https://pdn04.fr/" }).publicUrl).toBe("https://pdn04.fr");
  });

  it("active la démonstration par défaut hors production", () => {
    expect(parseEnv({}).demo).toBe(true);
    expect(parseEnv({ NODE_ENV: "development" }).demo).toBe(true);
    expect(parseEnv({ NODE_ENV: "test" }).demo).toBe(true);
  });

  it("désactive la démonstration en production, sauf DEMO=1", () => {
    expect(parseEnv({ NODE_ENV: "production" }).demo).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", DEMO: "1" }).demo).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", DEMO: "true" }).demo).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", DEMO: "0" }).demo).toBe(false);
    expect(parseEnv({ DEMO: "false" }).demo).toBe(false);
  });
});
