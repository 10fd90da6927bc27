import crypto from "node:crypto";
import type http from "node:http";
import path from "node:path";
import * as serverBuild from "virtual:react-router/server-build";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@db/seed/demo";
import { DEMO_EVALUATEUR } from "@db/seed/demo-appels";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import pinoHttp from "pino-http";
import { RouterContextProvider, type ServerBuild } from "react-router";
import type { ViteDevServer } from "vite";
import { candidatCookieName } from "~/domain/appels/candidat.server";
import { normaliserChemin } from "~/domain/audience/audience.rules";
import { audienceMiddleware } from "~/domain/audience/audience.server";
import { sessionCookieName } from "~/domain/comptes/session.server";
import { attendreGenerations } from "~/domain/rapport-annuel/rapport-annuel.generation.server";
import { cachePagesPubliques } from "~/server/cache-pages.server";
import { requestInfoContext } from "~/server/context.server";
import { getDatabaseHandle, getDb } from "~/server/db.server";
import { checkDatabase, isDatabaseDown } from "~/server/db-health.server";
import { type Env, EnvError, getEnv } from "~/server/env.server";
import { refuserRequeteTropGrosse } from "~/server/fichiers.server";
import { getLogger } from "~/server/logger.server";
import { FLASH_COOKIE } from "~/server/root-middleware.server";
import { startScheduler } from "~/server/scheduler.server";
import { prepareDatabase } from "~/server/startup.server";
import { unavailablePage } from "~/server/unavailable-page.server";

/** The React Router build, bundled with this file by `react-router build`. */
export const build: ServerBuild = serverBuild as unknown as ServerBuild;

/** How long a public page is kept at most (a change that no audited write signals shows within it). */
const DUREE_CACHE_PUBLIC_MS = 60_000;

type BuildSource = ServerBuild | (() => Promise<ServerBuild>);

/** The routes that answer a stored file's bytes (see app/routes.ts), never a page. */
const STORED_FILE_PATH =
  /^\/(?:promeneurs\/[^/]+\/photo|medias\/[^/]+(?:\/petite)?|ressources\/[^/]+\/fichier|espace\/(?:promeneurs\/[^/]+\/photo|structures\/[^/]+\/charte\/document|ressources\/[^/]+\/fichier))$/;

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Server-rendered SVG charts carry style attributes; no script may be inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function createApp(env: Env, options: { build: BuildSource; vite?: ViteDevServer }) {
  const app = express();
  const log = getLogger();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use(
    pinoHttp({
      logger: log,
      genReqId(req, res) {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
      // Method, path and status: no headers, cookies or query strings in the logs.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split("?")[0],
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url?.startsWith("/assets/") ?? false },
    }),
  );

  // Security headers on every answer. A stored file (photo, image, document) is never a page: it
  // gets a policy that forbids everything, sandbox included, and none of the page-only headers
  // (50 photos of the directory would otherwise carry 50 copies of them).
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (STORED_FILE_PATH.test(req.path)) {
      res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
      return next();
    }
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    if (!options.vite) res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    next();
  });

  // A body larger than any form may send (12 Mo) is refused before anything reads it.
  app.use(refuserRequeteTropGrosse);

  // A POST from another site is refused before anything reads it (the form token is checked later).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    const allowed = new Set([new URL(env.publicUrl).origin, `${req.protocol}://${req.get("host")}`]);
    const crossSite = req.get("sec-fetch-site") === "cross-site";
    if ((origin && origin !== "null" && !allowed.has(origin)) || origin === "null" || crossSite) {
      res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne vient pas de ce site.");
      return;
    }
    next();
  });

  app.get("/healthz", async (_req, res) => {
    const ok = await checkDatabase();
    res
      .status(ok ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ statut: ok ? "ok" : "indisponible", base: ok ? getDatabaseHandle().kind : "injoignable" });
  });

  // A page answered from the cache is already encoded (app/server/cache-pages.server.ts).
  app.use(compression({ filter: (req, res) => !res.locals.pageEnCache && compression.filter(req, res) }));

  if (options.vite) {
    app.use(options.vite.middlewares);
  } else {
    app.use("/assets", express.static(path.resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
  }

  // Views of the public pages, counted once answered 200 (no cookie, no IP address); never awaited.
  app.use(audienceMiddleware({ db: getDb, departement: env.DEFAULT_DEPARTEMENT }));

  // Public pages of visitors without a session, kept while the département's data is unchanged.
  app.use(
    cachePagesPubliques({
      departement: env.DEFAULT_DEPARTEMENT,
      dureeMs: DUREE_CACHE_PUBLIC_MS,
      estPublique: (chemin) => normaliserChemin(chemin) !== null,
      cookiesPersonnels: [
        sessionCookieName(false),
        sessionCookieName(true),
        candidatCookieName(false),
        candidatCookieName(true),
        FLASH_COOKIE,
      ],
    }),
  );

  if (!options.vite) app.use(express.static(path.resolve("build/client"), { maxAge: "1h", index: false }));

  app.use((_req, res, next) => {
    if (!isDatabaseDown()) return next();
    res.status(503).set("Retry-After", "10").type("html").send(unavailablePage());
  });

  app.all(
    "/{*splat}",
    createRequestHandler({
      build: options.build,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        context.set(requestInfoContext, {
          requestId: String(req.id),
          ip: (env.TRUST_PROXY ? req.ip : req.socket.remoteAddress) ?? "0.0.0.0",
          nonce: String(res.locals.nonce ?? ""),
        });
        return context;
      },
    }),
  );
  return app;
}

export type RunningServer = { server: http.Server; url: string; stop(): Promise<void> };

/** Validates the configuration, prepares the database, then listens; stops cleanly on SIGTERM. */
export async function main(options: { build: BuildSource; vite?: ViteDevServer }): Promise<RunningServer> {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      for (const line of error.lines) console.error(line);
      process.exit(1);
    }
    throw error;
  }
  const log = getLogger();
  let handle: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    handle = await prepareDatabase(env);
  } catch (error) {
    console.error(`Démarrage impossible : ${(error as Error).message}`);
    process.exit(1);
  }
  // Weekly e-mails and other jobs, leased in the database (one instance runs each occurrence).
  const scheduler = env.NODE_ENV === "test" ? null : startScheduler(handle.db);
  const app = createApp(env, options);
  const server = await new Promise<http.Server>((resolve, reject) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
    s.once("error", reject);
  }).catch((error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `Démarrage impossible : le port ${env.PORT} est déjà utilisé (choisissez-en un autre avec PORT=…).`
        : `Démarrage impossible : ${error.message}`,
    );
    return handle.close().then(() => process.exit(1));
  });
  const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
  log.info({ url, demo: env.demo }, "listening");
  console.log(
    `\nPromeneurs du Net est en ligne : ${env.publicUrl} (base ${handle.kind === "pglite" ? "embarquée" : "PostgreSQL"}).`,
  );
  if (env.demo) {
    console.log(`Démonstration (données fictives) – mot de passe de tous les comptes : ${DEMO_PASSWORD}`);
    for (const account of [...DEMO_ACCOUNTS, DEMO_EVALUATEUR]) console.log(`  ${account.email}`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info("stopping");
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await scheduler?.stop();
      // An annual report being generated finishes (within the forced exit's delay); one cut short
      // is taken over by the next start's scheduled job once its lease expires.
      await attendreGenerations();
      await handle.close();
      await options.vite?.close();
    })();
    return stopping;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return { server, url, stop };
}
