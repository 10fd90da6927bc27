import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  decodeHeader,
  parseMessage,
  type ReceivedMail,
  startSmtpServer,
  type TestSmtpServer,
} from "../../tests/support/smtp";
import { parseEnv, setEnv } from "./env.server";
import { findOutboxMails, outboxDir, resetMailTransport, sendMail } from "./mail.server";

describe("envoi par SMTP", () => {
  let smtp: TestSmtpServer;
  let received: ReceivedMail[];
  let port: number;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    received = smtp.received;
    port = Number(new URL(smtp.url).port);
  });

  afterAll(async () => {
    resetMailTransport();
    await smtp.close();
  });

  it("remet au serveur le sujet, le destinataire et le texte, accents intacts", async () => {
    setEnv(parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", SMTP_URL: `smtp://127.0.0.1:${port}` }));
    resetMailTransport();
    await sendMail({
      to: "élodie.réferente@essai.pdn.fr",
      subject: "Réinitialisation de votre mot de passe – Promeneurs du Net",
      text: "Bonjour Élodie,\n\nVoici le lien, valable une heure : https://pdn04.fr/reinitialiser/abc\n\nÀ bientôt, l'équipe « Promeneurs du Net » 04 ✓",
    });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.to).toEqual(["élodie.réferente@essai.pdn.fr"]);
    expect(mail?.from).toBe("coordination@pdn04.fr");
    const { headers, text } = parseMessage(mail?.raw ?? "");
    expect(decodeHeader(headers.get("subject") ?? "")).toBe(
      "Réinitialisation de votre mot de passe – Promeneurs du Net",
    );
    expect(decodeHeader(headers.get("from") ?? "")).toBe("Promeneurs du Net 04 <coordination@pdn04.fr>");
    expect(headers.get("content-type")).toMatch(/charset=utf-8/i);
    expect(text).toBe(
      "Bonjour Élodie,\n\nVoici le lien, valable une heure : https://pdn04.fr/reinitialiser/abc\n\nÀ bientôt, l'équipe « Promeneurs du Net » 04 ✓",
    );
  });

  it("n'écrit rien dans la boîte d'envoi locale quand un serveur SMTP est configuré", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-mail-"));
    setEnv(
      parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${port}` }),
    );
    resetMailTransport();
    await sendMail({ to: "a@essai.pdn.fr", subject: "Sujet", text: "Texte" });
    expect(await findOutboxMails()).toEqual([]);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("fait échouer l'envoi quand le serveur SMTP ne répond pas", async () => {
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    setEnv(parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", SMTP_URL: `smtp://127.0.0.1:${closedPort}` }));
    resetMailTransport();
    await expect(sendMail({ to: "a@essai.pdn.fr", subject: "Sujet", text: "Texte" })).rejects.toThrow();
  });
});

describe("boîte d'envoi locale (sans SMTP_URL)", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "pdn-outbox-"));
    setEnv(parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir }));
    resetMailTransport();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("ne trouve aucun e-mail tant que rien n'a été écrit", async () => {
    expect(await findOutboxMails()).toEqual([]);
  });

  it("écrit l'e-mail en JSON dans le dossier outbox du répertoire de données", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-03-10T09:00:00.000Z"));
    await sendMail({
      to: "promeneur@essai.pdn.fr",
      subject: "Invitation à rejoindre l'espace",
      text: "Bonjour Zoé,\nlien",
    });
    expect(outboxDir()).toBe(path.join(dataDir, "outbox"));
    const files = (await fs.readdir(outboxDir())).filter((n) => n.endsWith(".json"));
    expect(files).toHaveLength(1);
    const stored = JSON.parse(await fs.readFile(path.join(outboxDir(), files[0] ?? ""), "utf8"));
    expect(stored).toMatchObject({
      to: "promeneur@essai.pdn.fr",
      subject: "Invitation à rejoindre l'espace",
      text: "Bonjour Zoé,\nlien",
      from: "Promeneurs du Net 04 <coordination@pdn04.fr>",
      date: "2025-03-10T09:00:00.000Z",
    });
    expect(files[0]).toBe(`${stored.id}.json`);
    expect((await fs.readdir(outboxDir())).some((n) => n.endsWith(".tmp"))).toBe(false);
  });

  it("rend les e-mails du plus récent au plus ancien, dans la limite demandée", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-03-10T10:00:00.000Z"));
    await sendMail({ to: "b@essai.pdn.fr", subject: "Deuxième", text: "2" });
    vi.setSystemTime(new Date("2025-03-11T08:00:00.000Z"));
    await sendMail({ to: "c@essai.pdn.fr", subject: "Troisième", text: "3" });
    vi.setSystemTime(new Date("2025-03-10T09:30:00.000Z"));
    await sendMail({ to: "d@essai.pdn.fr", subject: "Entre les deux", text: "2 bis" });
    const subjects = (await findOutboxMails()).map((m) => m.subject);
    expect(subjects).toEqual(["Troisième", "Deuxième", "Entre les deux", "Invitation à rejoindre l'espace"]);
    expect((await findOutboxMails(2)).map((m) => m.subject)).toEqual(["Troisième", "Deuxième"]);
  });

  it("ignore les fichiers qui ne sont pas des e-mails", async () => {
    await fs.writeFile(path.join(outboxDir(), "lisez-moi.txt"), "rien");
    await fs.writeFile(path.join(outboxDir(), "2099-01-01.json.tmp"), "{");
    expect(await findOutboxMails()).toHaveLength(4);
  });
});
