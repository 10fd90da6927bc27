import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { buildActor } from "../../tests/factories/actor";
import { actorContext } from "./context.server";
import { parseEnv, setEnv } from "./env.server";
import { pickDepartement, requireActor, requirePermission, safeReturnPath } from "./request.server";

function contextWith(actor: Actor | null) {
  const context = new RouterContextProvider();
  context.set(actorContext, actor);
  return context;
}

/** What a helper threw: a redirect Response or a data() with its status. */
function thrown(run: () => unknown): { status: number; location: string | null } {
  try {
    run();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    const init = (error as { init?: ResponseInit }).init;
    if (init?.status) return { status: init.status, location: null };
    throw error;
  }
  throw new Error("rien n'a été levé");
}

beforeAll(() => {
  setEnv(parseEnv({ NODE_ENV: "test", DEFAULT_DEPARTEMENT: "04" }));
});

describe("chemin de retour après connexion (safeReturnPath)", () => {
  it.each([
    "//evil.example",
    "//evil.example/espace",
    "https://evil.example/",
    "http://localhost:3000/espace",
    "/\\evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "espace/equipe",
    "",
    // Les navigateurs retirent tabulations et retours à la ligne d'une URL : « /\t/evil » devient « //evil ».
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\t\\evil.example",
  ])("refuse %j et renvoie vers la page par défaut", (value) => {
    expect(safeReturnPath(value, "/espace/coordination")).toBe("/espace/coordination");
  });

  it("prend la page par défaut sans retour demandé", () => {
    expect(safeReturnPath(null, "/espace")).toBe("/espace");
    expect(safeReturnPath(undefined, "/espace")).toBe("/espace");
  });

  it.each([
    "/espace/equipe?x=1",
    "/espace/journal?departement=04&avant=120",
    "/",
    "/espace/compte#double-authentification",
  ])("accepte le chemin du site %s", (value) => {
    expect(safeReturnPath(value, "/espace")).toBe(value);
  });
});

describe("garde des pages de l'espace", () => {
  it("renvoie un visiteur non connecté vers la connexion avec la page demandée en retour", () => {
    const request = new Request("http://localhost:3000/espace/equipe?departement=04");
    expect(thrown(() => requireActor(contextWith(null), request))).toEqual({
      status: 302,
      location: "/connexion?retour=%2Fespace%2Fequipe%3Fdepartement%3D04",
    });
  });

  it("répond 403 à une personne connectée dont le rôle ne permet pas l'action", () => {
    const request = new Request("http://localhost:3000/espace/journal");
    const copil = buildActor({ role: "copil" });
    expect(thrown(() => requirePermission(contextWith(copil), request, "journal.lire")).status).toBe(403);
    const coordinator = buildActor({ role: "coordinateur" });
    expect(requirePermission(contextWith(coordinator), request, "journal.lire")).toBe(coordinator);
  });
});

describe("département de travail d'une page (pickDepartement)", () => {
  const at = (query: string) => new Request(`http://localhost:3000/espace/journal${query}`);

  it("prend le premier département du coordinateur sans paramètre", () => {
    const actor = buildActor({ role: "coordinateur", departement: "05" }, { role: "coordinateur", departement: "04" });
    expect(pickDepartement(actor, "journal.lire", at(""))).toBe("04");
    expect(pickDepartement(actor, "journal.lire", at("?departement=05"))).toBe("05");
  });

  it("répond 404 pour un département hors du périmètre, comme pour une page inexistante", () => {
    const actor = buildActor({ role: "coordinateur", departement: "05" });
    expect(thrown(() => pickDepartement(actor, "journal.lire", at("?departement=04"))).status).toBe(404);
  });

  it("répond 403 à un rôle qui n'a aucun département pour cette action", () => {
    const actor = buildActor({ role: "copil", departement: "04" });
    expect(thrown(() => pickDepartement(actor, "journal.lire", at(""))).status).toBe(403);
  });

  it("laisse le rôle national choisir un département valide, le département par défaut sinon", () => {
    const actor = buildActor({ role: "national" });
    expect(pickDepartement(actor, "journal.lire", at("?departement=2A"))).toBe("2A");
    expect(pickDepartement(actor, "journal.lire", at("?departement=xx';--"))).toBe("04");
    expect(pickDepartement(actor, "journal.lire", at(""))).toBe("04");
  });
});
