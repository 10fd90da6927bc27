import { invitations, passwordResets, userRoles, users } from "@db/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inviteUser } from "~/domain/comptes/comptes.commands.server";
import { verifyPassword } from "~/domain/comptes/password.server";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertUser, TEST_PASSWORD } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { action as acceptAction, loader as invitationLoader } from "./invitation.$token";
import { action as forgotAction } from "./mot-de-passe-oublie";
import { action as resetAction, loader as resetLoader } from "./reinitialiser.$token";

type Reply = { status: string; error?: Record<string, string[] | null> };
const NEW_PASSWORD = "nouvelle phrase de passe 04";

let counter = 0;
function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}${counter}-${Date.now()}@essai.pdn.fr`;
}

async function mailTo(email: string) {
  return (await findOutboxMails(1000)).filter((m) => m.to === email);
}

function linkToken(text: string, path: string): string {
  const match = new RegExp(`http://localhost:3000/${path}/([\\w-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`pas de lien /${path}/`);
  return match[1];
}

describe("mot de passe oublié (page)", () => {
  it("écrit l'e-mail du lien pour une adresse connue et répond comme pour une inconnue", async () => {
    const user = await insertUser(getDb(), { email: uniqueEmail("oubli") });
    const context = contextFor(null);
    const known = await outcome(() =>
      forgotAction({
        request: postRequest("/mot-de-passe-oublie", { email: user.email }),
        context,
        params: {},
      } as never),
    );
    expect(known).toMatchObject({ status: 302, location: "/connexion" });
    const flash = context.get(flashContext).next;
    expect(flash).toBe(
      "Si un compte correspond à cette adresse, un e-mail vient d'être envoyé avec un lien valable une heure.",
    );
    const [mail] = await mailTo(user.email);
    expect(mail?.subject).toBe("Réinitialisation de votre mot de passe – Promeneurs du Net");
    linkToken(mail?.text ?? "", "reinitialiser");

    const unknownEmail = uniqueEmail("inconnu");
    const unknown = await outcome(() =>
      forgotAction({
        request: postRequest("/mot-de-passe-oublie", { email: unknownEmail }),
        context: contextFor(null),
        params: {},
      } as never),
    );
    expect(unknown).toMatchObject({ status: 302, location: "/connexion" });
    expect(await mailTo(unknownEmail)).toEqual([]);
  });

  it("refuse une adresse mal formée", async () => {
    const result = await outcome(() =>
      forgotAction({
        request: postRequest("/mot-de-passe-oublie", { email: "x" }),
        context: contextFor(null),
        params: {},
      } as never),
    );
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.email?.[0]).toMatch(/^Saisissez une adresse e-mail valide/);
  });
});

describe("nouveau mot de passe par lien (page)", () => {
  async function resetLink() {
    const user = await insertUser(getDb(), { email: uniqueEmail("lien") });
    await outcome(() =>
      forgotAction({
        request: postRequest("/mot-de-passe-oublie", { email: user.email }),
        context: contextFor(null),
        params: {},
      } as never),
    );
    const [mail] = await mailTo(user.email);
    return { user, token: linkToken(mail?.text ?? "", "reinitialiser") };
  }

  it("montre l'adresse du compte pour un lien valable, rien pour un lien inconnu", async () => {
    const { user, token } = await resetLink();
    expect(
      (
        await outcome(() =>
          resetLoader({
            request: getRequest(`/reinitialiser/${token}`),
            context: contextFor(null),
            params: { token },
          } as never),
        )
      ).data,
    ).toEqual({
      valid: true,
      email: user.email,
    });
    const bogus = "b".repeat(43);
    expect(
      (
        await outcome(() =>
          resetLoader({
            request: getRequest(`/reinitialiser/${bogus}`),
            context: contextFor(null),
            params: { token: bogus },
          } as never),
        )
      ).data,
    ).toEqual({
      valid: false,
      email: null,
    });
  });

  it("refuse un mot de passe trop court ou une confirmation différente, sans consommer le lien", async () => {
    const { user, token } = await resetLink();
    const short = await outcome(() =>
      resetAction({
        request: postRequest(`/reinitialiser/${token}`, { password: "court", confirmation: "court" }),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(short.status).toBe(400);
    expect((short.data as Reply).error?.password?.[0]).toMatch(/au moins 12 caractères/);
    const mismatch = await outcome(() =>
      resetAction({
        request: postRequest(`/reinitialiser/${token}`, { password: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}!` }),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(mismatch.status).toBe(400);
    expect((mismatch.data as Reply).error?.confirmation).toEqual(["Les deux mots de passe ne sont pas identiques."]);
    const [row] = await getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row?.usedAt).toBeNull();
  });

  it("change le mot de passe puis refuse le même lien une seconde fois", async () => {
    const { user, token } = await resetLink();
    const post = () =>
      outcome(() =>
        resetAction({
          request: postRequest(`/reinitialiser/${token}`, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD }),
          context: contextFor(null),
          params: { token },
        } as never),
      );
    expect(await post()).toMatchObject({ status: 302, location: "/connexion" });
    const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(NEW_PASSWORD, row?.passwordHash ?? "")).toBe(true);
    const again = await post();
    expect(again.status).toBe(400);
    expect((again.data as Reply).error?.[""]).toEqual([
      "Ce lien de réinitialisation n'est plus valable : demandez-en un nouveau.",
    ]);
  });
});

describe("acceptation d'une invitation (page)", () => {
  async function invitation(email: string, role: "promeneur" | "copil" = "promeneur") {
    const coordinator = await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: "04" }] });
    const { mail } = await inviteUser(
      { db: getDb(), now: new Date() },
      await actorOf(coordinator.id),
      { email, nom: "Sacha Invité", role, departement: "04" },
      "http://localhost:3000",
    );
    return linkToken(mail.text, "invitation");
  }

  it("crée le compte avec le mot de passe choisi", async () => {
    const email = uniqueEmail("nouveau");
    const token = await invitation(email);
    const page = await outcome(() =>
      invitationLoader({
        request: getRequest(`/invitation/${token}`),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(page.data).toEqual({
      valid: true,
      email,
      nom: "Sacha Invité",
      role: "Promeneur du Net",
      departement: "04",
      existingAccount: false,
    });
    const result = await outcome(() =>
      acceptAction({
        request: postRequest(`/invitation/${token}`, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD }),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(result).toMatchObject({ status: 302, location: "/connexion" });
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    expect(await verifyPassword(NEW_PASSWORD, user?.passwordHash ?? "")).toBe(true);
    const roles = await getDb()
      .select()
      .from(userRoles)
      .where(eq(userRoles.userId, user?.id ?? ""));
    expect(roles.map((r) => [r.role, r.departement])).toEqual([["promeneur", "04"]]);
    const after = await outcome(() =>
      invitationLoader({
        request: getRequest(`/invitation/${token}`),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(after.data).toEqual({ valid: false });
  });

  it("demande le mot de passe du compte existant et refuse un mauvais", async () => {
    const existing = await insertUser(getDb(), { email: uniqueEmail("existant"), roles: [{ role: "promeneur" }] });
    const token = await invitation(existing.email, "copil");
    const wrong = await outcome(() =>
      acceptAction({
        request: postRequest(`/invitation/${token}`, { password: "pas le bon" }),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.data as Reply).error?.password).toEqual(["Ce n'est pas le mot de passe de votre compte existant."]);
    const right = await outcome(() =>
      acceptAction({
        request: postRequest(`/invitation/${token}`, { password: TEST_PASSWORD }),
        context: contextFor(null),
        params: { token },
      } as never),
    );
    expect(right).toMatchObject({ status: 302, location: "/connexion" });
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, existing.id));
    expect(roles.map((r) => r.role).sort()).toEqual(["copil", "promeneur"]);
    const [row] = await getDb().select().from(invitations).where(eq(invitations.email, existing.email));
    expect(row?.acceptedAt).not.toBeNull();
  });
});
