/**
 * Applicants' accounts (issue 9): an e-mail address proved by a link sent to it. The link is
 * single-use and lives one hour; only the SHA-256 of its token is stored. Using it opens an
 * applicant's session, under its own cookie, which opens no staff page. Asking for a link answers
 * the same whether the address is known or not (anyone may apply); it is rate-limited per address
 * and per IP address.
 */
import { appels, candidatLiens, candidatSessions, candidats } from "@db/schema";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { parseCookies, serializeCookie } from "~/domain/comptes/session.server";
import { normalizeEmail } from "~/domain/comptes/sign-in.server";
import { createToken, hashToken, isTokenFormat } from "~/domain/comptes/tokens.server";
import type { Database, Executor } from "~/server/db.server";
import type { Mail } from "~/server/mail.server";
import { hit, type Limite } from "~/server/rate-limit.server";

type Ctx = { db: Database; now: Date; requestId?: string };

/** A sign-in link lives one hour. */
export const LIEN_DUREE_MS = 3_600_000;
/** An applicant's session lasts a day; a new link opens another. */
export const SESSION_CANDIDAT_DUREE_MS = 24 * 3_600_000;

export const LIMITES_PAR_ADRESSE: readonly Limite[] = [{ max: 5, minutes: 60 }];
export const LIMITES_PAR_IP: readonly Limite[] = [
  { max: 20, minutes: 60 },
  { max: 60, minutes: 24 * 60 },
];

export const MESSAGE_LIMITE =
  "Trop de liens ont été demandés depuis cette adresse ou cet ordinateur. Patientez une heure avant d'en demander un autre, ou utilisez le dernier lien reçu.";

/** The applicant's cookie: `__Host-` over HTTPS (pinned to this origin), never the staff's. */
export function candidatCookieName(secure: boolean): string {
  return secure ? "__Host-pdn_candidat" : "pdn_candidat";
}

export function cookieSessionCandidat(token: string, secure: boolean, maxAgeSeconds?: number): string {
  return serializeCookie(candidatCookieName(secure), token, {
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
  });
}

export function cookieFinSessionCandidat(secure: boolean): string {
  return serializeCookie(candidatCookieName(secure), "", { secure, maxAgeSeconds: 0 });
}

/**
 * Sends a sign-in link to an address for a call: the applicant's row is created on the first
 * request (it holds nothing but the address until a link is used). Answers the mail to send after
 * the transaction, or a refusal when a limit is reached.
 */
export async function demanderLienCandidat(
  { db, now }: Ctx,
  input: { email: string; appel: { id: string; slug: string; titre: string }; ip: string; publicUrl: string },
): Promise<{ ok: true; mail: Mail } | { ok: false }> {
  const email = normalizeEmail(input.email);
  const { token, hash } = createToken();
  const accepte = await db.transaction(async (tx) => {
    if (!(await hit(tx, { scope: "candidat_lien_ip", clientKey: input.ip, limits: LIMITES_PAR_IP, now }))) return false;
    if (!(await hit(tx, { scope: "candidat_lien_email", clientKey: email, limits: LIMITES_PAR_ADRESSE, now }))) {
      return false;
    }
    await tx.insert(candidats).values({ email, createdAt: now }).onConflictDoNothing({ target: candidats.email });
    const [candidat] = await tx.select({ id: candidats.id }).from(candidats).where(eq(candidats.email, email));
    if (!candidat) throw new Error("candidat not inserted");
    await tx.insert(candidatLiens).values({
      tokenHash: hash,
      candidatId: candidat.id,
      appelId: input.appel.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LIEN_DUREE_MS),
    });
    // Used or expired links are of no further use: forget those of the last days.
    await tx
      .delete(candidatLiens)
      .where(
        and(
          eq(candidatLiens.candidatId, candidat.id),
          lt(candidatLiens.expiresAt, new Date(now.getTime() - 7 * 86_400_000)),
        ),
      );
    return true;
  });
  if (!accepte) return { ok: false };
  return {
    ok: true,
    mail: {
      to: email,
      subject: "Votre lien pour candidater – Promeneurs du Net",
      text: [
        "Bonjour,",
        "",
        `Pour remplir ou consulter votre candidature à l'appel « ${input.appel.titre} », ouvrez ce lien. Il est valable une heure et ne sert qu'une fois :`,
        `${input.publicUrl}/appels/connexion/${token}`,
        "",
        `Une fois le lien expiré, demandez-en un nouveau sur la page de l'appel : ${input.publicUrl}/appels/${input.appel.slug}`,
        "",
        "Si vous n'avez rien demandé, ignorez ce message : personne n'accède à une candidature sans ce lien.",
        "",
        "La coordination Promeneurs du Net",
      ].join("\n"),
    },
  };
}

export type EtatLien = "valide" | "expire" | "utilise" | "inconnu";

/** Where a link stands (without using it), and the call it leads to. */
export async function lireLien(
  { db, now }: Pick<Ctx, "db" | "now">,
  jeton: string,
): Promise<{ etat: EtatLien; email: string | null; appelSlug: string | null }> {
  if (!isTokenFormat(jeton)) return { etat: "inconnu", email: null, appelSlug: null };
  const [row] = await db
    .select({
      usedAt: candidatLiens.usedAt,
      expiresAt: candidatLiens.expiresAt,
      email: candidats.email,
      appelSlug: appels.slug,
    })
    .from(candidatLiens)
    .innerJoin(candidats, eq(candidats.id, candidatLiens.candidatId))
    .leftJoin(appels, eq(appels.id, candidatLiens.appelId))
    .where(eq(candidatLiens.tokenHash, hashToken(jeton)));
  if (!row) return { etat: "inconnu", email: null, appelSlug: null };
  const etat: EtatLien = row.usedAt ? "utilise" : row.expiresAt <= now ? "expire" : "valide";
  return { etat, email: row.email, appelSlug: row.appelSlug };
}

/**
 * Uses a link once: it is spent, and an applicant's session opens (its token goes in the cookie,
 * only its hash is stored). Answers why not when the link is expired, used or unknown, with the
 * call it led to (for asking a new one).
 */
export async function utiliserLien(
  { db, now }: Pick<Ctx, "db" | "now">,
  jeton: string,
): Promise<
  | { ok: true; token: string; expiresAt: Date; appelSlug: string | null }
  | { ok: false; etat: Exclude<EtatLien, "valide">; appelSlug: string | null }
> {
  if (!isTokenFormat(jeton)) return { ok: false, etat: "inconnu", appelSlug: null };
  const ouverte = await db.transaction(async (tx) => {
    const [lien] = await tx
      .update(candidatLiens)
      .set({ usedAt: now })
      .where(
        and(
          eq(candidatLiens.tokenHash, hashToken(jeton)),
          isNull(candidatLiens.usedAt),
          gt(candidatLiens.expiresAt, now),
        ),
      )
      .returning({ candidatId: candidatLiens.candidatId, appelId: candidatLiens.appelId });
    if (!lien) return null;
    await tx.update(candidats).set({ lastSeenAt: now }).where(eq(candidats.id, lien.candidatId));
    const { token, hash } = createToken();
    const expiresAt = new Date(now.getTime() + SESSION_CANDIDAT_DUREE_MS);
    await tx.insert(candidatSessions).values({ id: hash, candidatId: lien.candidatId, createdAt: now, expiresAt });
    await tx
      .delete(candidatSessions)
      .where(and(eq(candidatSessions.candidatId, lien.candidatId), lt(candidatSessions.expiresAt, now)));
    const [appel] = lien.appelId
      ? await tx.select({ slug: appels.slug }).from(appels).where(eq(appels.id, lien.appelId))
      : [];
    return { token, expiresAt, appelSlug: appel?.slug ?? null };
  });
  if (ouverte) return { ok: true, ...ouverte };
  const { etat, appelSlug } = await lireLien({ db, now }, jeton);
  // Valid a moment ago but not spendable now: another click spent it first.
  return { ok: false, etat: etat === "valide" ? "utilise" : etat, appelSlug };
}

export type CandidatConnecte = { sessionId: string; candidatId: string; email: string };

/** The applicant of a session token, if the session has not expired. */
export async function getSessionCandidat(db: Executor, token: string, now: Date): Promise<CandidatConnecte | null> {
  if (!isTokenFormat(token)) return null;
  const [row] = await db
    .select({
      sessionId: candidatSessions.id,
      candidatId: candidatSessions.candidatId,
      expiresAt: candidatSessions.expiresAt,
      email: candidats.email,
    })
    .from(candidatSessions)
    .innerJoin(candidats, eq(candidats.id, candidatSessions.candidatId))
    .where(eq(candidatSessions.id, hashToken(token)));
  if (!row || row.expiresAt <= now) return null;
  return { sessionId: row.sessionId, candidatId: row.candidatId, email: row.email };
}

/** The applicant signed in on this request (their cookie), or null. */
export async function getCandidatConnecte(db: Executor, request: Request, now: Date): Promise<CandidatConnecte | null> {
  const secure = new URL(request.url).protocol === "https:";
  const token = parseCookies(request.headers.get("cookie"))[candidatCookieName(secure)];
  return token ? getSessionCandidat(db, token, now) : null;
}

export async function fermerSessionCandidat(db: Executor, sessionId: string): Promise<void> {
  await db.delete(candidatSessions).where(eq(candidatSessions.id, sessionId));
}
