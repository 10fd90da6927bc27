// Production entry: `node server.js` serves the build made by `npm run build`.
// `--dev` serves the sources through Vite (used by `npm run dev`).
const dev = process.argv.includes("--dev");

if (dev) {
  const { createServer } = await import("vite");
  const vite = await createServer({ server: { middlewareMode: true }, appType: "custom" });
  const mod = await vite.ssrLoadModule("./server/app.ts");
  await mod.main({ vite, build: () => vite.ssrLoadModule("virtual:react-router/server-build") });
} else {
  const mod = await import("./build/server/index.js");
  await mod.main({ build: mod.build });
}
