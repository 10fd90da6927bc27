import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP server received it. */
export type ReceivedMail = { from: string | undefined; to: string[]; raw: string };

/** A decoded message: unfolded headers (lower-case names), subject decoded, text body decoded. */
export type DecodedMail = ReceivedMail & { headers: Map<string, string>; subject: string; text: string };

/** Decodes the RFC 2047 encoded words of a header value (=?UTF-8?Q?…?= or =?UTF-8?B?…?=). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** Splits a raw message into its unfolded headers and its decoded text body. */
export function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  let bytes: Buffer;
  if (encoding === "quoted-printable") {
    const unwrapped = body.replace(/=\r\n/g, "");
    bytes = Buffer.from(
      unwrapped.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      "latin1",
    );
  } else if (encoding === "base64") {
    bytes = Buffer.from(body.replace(/\s+/g, ""), "base64");
  } else {
    bytes = Buffer.from(body, "utf8");
  }
  return { headers, text: bytes.toString("utf8").replace(/\r\n/g, "\n").replace(/\n$/, "") };
}

export type TestSmtpServer = {
  url: string;
  received: ReceivedMail[];
  /** Every message received so far, decoded. */
  mails(): DecodedMail[];
  /** Waits until a message matching `match` arrives (or fails after `timeoutMs`). */
  waitFor(match: (mail: DecodedMail) => boolean, timeoutMs?: number): Promise<DecodedMail>;
  close(): Promise<void>;
};

/** A real SMTP server on a free loopback port that keeps what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("latin1"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const mails = () =>
    received.map((mail) => {
      const { headers, text } = parseMessage(mail.raw);
      return { ...mail, headers, subject: decodeHeader(headers.get("subject") ?? ""), text };
    });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mails,
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails().find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error("Le message attendu n'est pas arrivé au serveur SMTP.");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
