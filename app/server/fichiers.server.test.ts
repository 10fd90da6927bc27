import { describe, expect, it, vi } from "vitest";
import { fichierResponse, notModifiedResponse, REQUETE_MAX_OCTETS, refuserRequeteTropGrosse } from "./fichiers.server";

function envoi(contentLength: string | undefined) {
  const req = { get: (name: string) => (name.toLowerCase() === "content-length" ? contentLength : undefined) };
  const sent: { status?: number; headers: Record<string, string>; type?: string; body?: string } = { headers: {} };
  const res = {
    status: (code: number) => {
      sent.status = code;
    },
    set: (name: string, value: string) => {
      sent.headers[name] = value;
    },
    type: (value: string) => {
      sent.type = value;
    },
    send: (body: string) => {
      sent.body = body;
    },
  };
  const next = vi.fn();
  refuserRequeteTropGrosse(req, res, next);
  return { sent, next };
}

describe("taille des requêtes", () => {
  it("laisse passer une requête de 12 Mo au plus, ou sans corps", () => {
    expect(envoi(String(REQUETE_MAX_OCTETS)).next).toHaveBeenCalledOnce();
    expect(envoi("1024").next).toHaveBeenCalledOnce();
    expect(envoi(undefined).next).toHaveBeenCalledOnce();
  });

  it("refuse une requête de plus de 12 Mo avant de la lire (413, message en français, connexion fermée)", () => {
    const { sent, next } = envoi(String(REQUETE_MAX_OCTETS + 1));
    expect(next).not.toHaveBeenCalled();
    expect(sent.status).toBe(413);
    expect(sent.type).toBe("html");
    expect(sent.headers.Connection).toBe("close");
    expect(sent.body).toContain('<html lang="fr">');
    expect(sent.body).toContain("dépasse 12 Mo");
    expect(envoi("5000000000").sent.status).toBe(413);
  });

  it("reste une fonction de trois paramètres, qu'Express ne prend pas pour un gestionnaire d'erreurs", () => {
    expect(refuserRequeteTropGrosse.length).toBe(3);
  });
});

describe("réponse d'un fichier enregistré", () => {
  const row = {
    nom: "charte signée.pdf",
    typeMime: "application/pdf",
    contenu: Buffer.from("%PDF-1.7"),
    sha256: "ab".repeat(32),
  };
  const etag = `"${"ab".repeat(16)}"`;
  const avec = (ifNoneMatch: string) =>
    new Request("http://localhost:3000/fichier", { headers: { "If-None-Match": ifNoneMatch } });

  it("sert le fichier avec son ETag, en cache privé par défaut, comme avant", async () => {
    const response = fichierResponse(row, { attachment: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toBe(etag);
    expect(response.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(response.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''charte%20sign%C3%A9e.pdf");
    expect(await response.text()).toBe("%PDF-1.7");
  });

  it("répond 304 sans contenu quand le navigateur a déjà cette version, 200 sinon", async () => {
    const cached = fichierResponse(row, { request: avec(`W/"autre", ${etag}`), cache: "public, max-age=60" });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("ETag")).toBe(etag);
    expect(cached.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(await cached.text()).toBe("");
    expect(fichierResponse(row, { request: avec('"autre"') }).status).toBe(200);
    expect(fichierResponse(row, { request: new Request("http://localhost:3000/fichier") }).status).toBe(200);
    // Only the hash is needed, before reading the bytes.
    expect(notModifiedResponse({ sha256: row.sha256 }, { request: avec(etag) })?.status).toBe(304);
    expect(notModifiedResponse({ sha256: row.sha256 }, {})).toBeNull();
  });
});
