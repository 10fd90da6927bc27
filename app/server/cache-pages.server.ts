/**
 * Rendered pages kept in memory while nothing they show has changed: the public pages for visitors
 * without a session (the directory of a département read over and over), and the read-only pages
 * of the back office that are expensive to draw (the dashboards). An entry is stale as soon as the
 * memo's state of its départements changes (an audited write, `signalerChangement`) and after its
 * lifetime in any case. Only an answer that is the same for whoever asks it is kept: 200, HTML, no
 * cookie set but the CSRF one, no script (whose nonce is per answer), no form token. Off with the
 * memo (NODE_ENV=test). See docs/decisions/008-cache-des-pages.md.
 */
import zlib from "node:zlib";
import type { MiddlewareFunction, RouterContextProvider } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { parseCookies, serializeCookie } from "~/domain/comptes/session.server";
import { csrfContext, flashContext } from "./context.server";
import { etatDonnees, memoActif } from "./memo.server";
import { CSRF_COOKIE, jetonCsrfValide, nouveauJetonCsrf } from "./root-middleware.server";

type Entree = {
  etat: string;
  expire: number;
  statut: number;
  entetes: Array<[string, string]>;
  corps: Buffer;
  gzip?: Buffer;
  br?: Buffer;
};

/** Headers that belong to one answer, never kept with a page. */
const ENTETES_DE_LA_REPONSE = new Set([
  "set-cookie",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "vary",
  "date",
  "etag",
  "connection",
  "keep-alive",
]);

/** Whether a body has no script: a script carries the nonce of one answer's policy. */
function sansScript(corps: Buffer): boolean {
  return corps.indexOf("<script") === -1;
}

/** Whether a body may be handed to anyone who asks the same address: no script, no form token. */
export function corpsPartageable(corps: Buffer): boolean {
  return sansScript(corps) && corps.indexOf('name="_csrf"') === -1;
}

/** The pages of one cache: most recently used last, the oldest forgotten first. */
export class CachePages {
  private readonly entrees = new Map<string, Entree>();

  constructor(private readonly limites: { entrees: number; octets: number }) {}

  lire(cle: string, etat: string, maintenant: number): Entree | null {
    const entree = this.entrees.get(cle);
    if (!entree) return null;
    this.entrees.delete(cle);
    if (entree.etat !== etat || entree.expire <= maintenant) return null;
    this.entrees.set(cle, entree);
    return entree;
  }

  garder(cle: string, entree: Entree): void {
    if (entree.corps.length > this.limites.octets) return;
    this.entrees.delete(cle);
    this.entrees.set(cle, entree);
    while (this.entrees.size > this.limites.entrees) this.entrees.delete(this.entrees.keys().next().value as string);
  }

  get taille(): number {
    return this.entrees.size;
  }
}

/** The encoding to answer with: Brotli, gzip or none, from Accept-Encoding (q=0 refuses). */
export function codageAccepte(accept: string | undefined): "br" | "gzip" | null {
  if (!accept) return null;
  const acceptes = new Set(
    accept
      .split(",")
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(?:\.0*)?$/.test(part))
      .map((part) => part.split(";")[0]?.trim()),
  );
  if (acceptes.has("br")) return "br";
  if (acceptes.has("gzip") || acceptes.has("*")) return "gzip";
  return null;
}

function corpsEncode(entree: Entree, codage: "br" | "gzip" | null): Buffer {
  if (codage === "br") {
    entree.br ??= zlib.brotliCompressSync(entree.corps, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entree.corps.length,
      },
    });
    return entree.br;
  }
  if (codage === "gzip") {
    entree.gzip ??= zlib.gzipSync(entree.corps, { level: 6 });
    return entree.gzip;
  }
  return entree.corps;
}

/** The little of Express's request and response the middleware uses. */
type RequeteExpress = {
  method: string;
  originalUrl: string;
  path: string;
  protocol: string;
  headers: Record<string, string | string[] | undefined>;
};
type ReponseExpress = {
  statusCode: number;
  locals: Record<string, unknown>;
  getHeader(name: string): number | string | string[] | undefined;
  getHeaderNames(): string[];
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  write: (...args: never[]) => boolean;
  end: (...args: never[]) => unknown;
};

/**
 * Express middleware answering the public pages of visitors without a session from the cache, and
 * keeping the answers it lets through when they may be shared. A visitor without the CSRF cookie
 * still gets one, as the root middleware would give it. `res.locals.pageEnCache` tells the
 * compression middleware that the body is already encoded.
 */
export function cachePagesPubliques(options: {
  /** The département the public site shows. */
  departement: string;
  dureeMs: number;
  /** Whether a path is a public page (sign-in, invitations and the like never are). */
  estPublique(chemin: string): boolean;
  /** Cookies of a person (session, one-time message): their pages are never cached. */
  cookiesPersonnels: readonly string[];
  maintenant?: () => number;
}) {
  const cache = new CachePages({ entrees: 200, octets: 512 * 1024 });
  const maintenant = options.maintenant ?? Date.now;
  return (req: RequeteExpress, res: ReponseExpress, next: () => void) => {
    if (req.method !== "GET" || !memoActif()) return next();
    if (req.originalUrl.length > 512 || !options.estPublique(req.path)) return next();
    const cookies = parseCookies(typeof req.headers.cookie === "string" ? req.headers.cookie : null);
    if (options.cookiesPersonnels.some((nom) => cookies[nom] !== undefined)) return next();
    const etat = etatDonnees([options.departement], "public");
    const present = cache.lire(req.originalUrl, etat, maintenant());
    if (present) {
      if (!jetonCsrfValide(cookies[CSRF_COOKIE])) {
        const secure = req.protocol === "https";
        res.setHeader("Set-Cookie", serializeCookie(CSRF_COOKIE, nouveauJetonCsrf(), { secure }));
      }
      const codage = codageAccepte(
        typeof req.headers["accept-encoding"] === "string" ? req.headers["accept-encoding"] : undefined,
      );
      const corps = corpsEncode(present, codage);
      res.locals.pageEnCache = true;
      res.statusCode = present.statut;
      for (const [nom, valeur] of present.entetes) res.setHeader(nom, valeur);
      res.setHeader("Vary", "Accept-Encoding");
      if (codage) res.setHeader("Content-Encoding", codage);
      res.setHeader("Content-Length", corps.length);
      (res.end as (corps: Buffer) => void)(corps);
      return;
    }
    const avant = new Set(res.getHeaderNames());
    capturer(res, 512 * 1024, (corps) => {
      if (!corps || res.statusCode !== 200) return;
      const type = res.getHeader("content-type");
      if (typeof type !== "string" || !type.startsWith("text/html")) return;
      const cookiesPoses = [res.getHeader("set-cookie") ?? []].flat().map(String);
      if (cookiesPoses.some((c) => !c.startsWith(`${CSRF_COOKIE}=`))) return;
      if (/private|no-store/.test(String(res.getHeader("cache-control") ?? ""))) return;
      if (!corpsPartageable(corps)) return;
      const entetes = res
        .getHeaderNames()
        .filter((nom) => !avant.has(nom) && !ENTETES_DE_LA_REPONSE.has(nom))
        .map((nom): [string, string] => [nom, String(res.getHeader(nom))]);
      cache.garder(req.originalUrl, {
        etat,
        expire: maintenant() + options.dureeMs,
        statut: 200,
        entetes,
        corps,
      });
    });
    next();
  };
}

/** Collects what the handlers write (uncompressed: this runs after the compression middleware). */
function capturer(res: ReponseExpress, max: number, fin: (corps: Buffer | null) => void) {
  const morceaux: Buffer[] = [];
  let taille = 0;
  const garder = (chunk: unknown, encoding: unknown) => {
    if (taille > max || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    taille += buffer.length;
    morceaux.push(buffer);
  };
  const write = res.write as (...args: unknown[]) => boolean;
  const end = res.end as (...args: unknown[]) => unknown;
  res.write = ((...args: unknown[]) => {
    garder(args[0], args[1]);
    return write.apply(res, args);
  }) as ReponseExpress["write"];
  res.end = ((...args: unknown[]) => {
    garder(args[0], args[1]);
    const resultat = end.apply(res, args);
    fin(taille > max ? null : Buffer.concat(morceaux));
    return resultat;
  }) as ReponseExpress["end"];
}

/**
 * Route middleware keeping a read-only page of the back office per person, browser (its CSRF
 * token is in the page's forms) and address, while the data of `departements` does not change.
 * It checks the permission itself before answering from the cache; the loader still checks it on
 * a miss. A one-time message read or set, a cookie set, or a page with a script is never kept.
 */
export function pageGardee(options: {
  autoriser(context: Readonly<RouterContextProvider>, request: Request): { actor: Actor; departements: string[] };
  dureeMs: number;
  maintenant?: () => number;
}): MiddlewareFunction<Response> {
  const cache = new CachePages({ entrees: 100, octets: 2 * 1024 * 1024 });
  const maintenant = options.maintenant ?? Date.now;
  return async ({ request, context }, next) => {
    if (request.method !== "GET" || !memoActif()) return next();
    const { actor, departements } = options.autoriser(context, request);
    const flash = context.get(flashContext);
    if (flash.read) return next();
    const cle = JSON.stringify([actor.userId, actor.roles, context.get(csrfContext), request.url]);
    const etat = etatDonnees(departements);
    const present = cache.lire(cle, etat, maintenant());
    if (present) return new Response(flux(present.corps), { status: present.statut, headers: present.entetes });
    const reponse = await next();
    const type = reponse.headers.get("content-type") ?? "";
    if (reponse.status !== 200 || flash.next || reponse.headers.has("set-cookie") || !type.startsWith("text/html")) {
      return reponse;
    }
    const corps = Buffer.from(await reponse.arrayBuffer());
    const entetes = [...reponse.headers].filter(([nom]) => !ENTETES_DE_LA_REPONSE.has(nom));
    if (sansScript(corps)) {
      cache.garder(cle, { etat, expire: maintenant() + options.dureeMs, statut: 200, entetes, corps });
    }
    return new Response(flux(corps), { status: reponse.status, headers: reponse.headers });
  };
}

/** A body of one chunk: a Buffer given to `Response` would be copied on every answer. */
function flux(corps: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controleur) {
      controleur.enqueue(corps);
      controleur.close();
    },
  });
}
