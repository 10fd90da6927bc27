import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";
import { getLogger } from "./logger.server";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /** Optional ICS or other attachments, added by later capabilities. */
  attachments?: { filename: string; content: string; contentType: string }[];
};

export type OutboxMail = Mail & { id: string; from: string; date: string };

let transport: Transporter | undefined;

export function outboxDir(): string {
  return path.join(getEnv().dataDir, "outbox");
}

/**
 * Sends over SMTP when SMTP_URL is set; otherwise writes the mail to data/outbox/ (readable at
 * /espace/outbox in demo mode). Call it after the transaction that decided to send it commits.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const env = getEnv();
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, ...mail });
    getLogger().info({ to: mail.to, subject: mail.subject }, "mail sent");
    return;
  }
  const date = new Date().toISOString();
  const id = `${date.replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}`;
  const stored: OutboxMail = { id, from: env.MAIL_FROM, date, ...mail };
  await fs.mkdir(outboxDir(), { recursive: true });
  const file = path.join(outboxDir(), `${id}.json`);
  await fs.writeFile(`${file}.tmp`, JSON.stringify(stored, null, 2));
  await fs.rename(`${file}.tmp`, file);
  getLogger().info({ to: mail.to, subject: mail.subject, file }, "mail written to outbox");
}

/**
 * Sends each mail after the transaction that decided it has committed; a failed address is logged
 * and does not stop the others (what was decided stays readable in the back office). Returns how
 * many were sent.
 */
export async function sendMails(mails: readonly Mail[], context: Record<string, unknown> = {}): Promise<number> {
  let sent = 0;
  for (const mail of mails) {
    try {
      await sendMail(mail);
      sent += 1;
    } catch (error) {
      getLogger().error({ err: error, to: mail.to, subject: mail.subject, ...context }, "mail failed");
    }
  }
  return sent;
}

export async function findOutboxMails(limit = 100): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = (await fs.readdir(outboxDir())).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  names.sort().reverse();
  const mails = await Promise.all(
    names
      .slice(0, limit)
      .map(async (name) => JSON.parse(await fs.readFile(path.join(outboxDir(), name), "utf8")) as OutboxMail),
  );
  return mails;
}

/** For tests: forget the transport so that a new SMTP_URL is taken. */
export function resetMailTransport(): void {
  transport?.close();
  transport = undefined;
}
