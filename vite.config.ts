import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: {
      "~": path.resolve(import.meta.dirname, "app"),
      "@db": path.resolve(import.meta.dirname, "db"),
    },
  },
  build: isSsrBuild ? { rollupOptions: { input: "./server/app.ts" }, target: "node20" } : {},
  ssr: {
    external: ["@electric-sql/pglite", "pg", "pino", "pino-http", "nodemailer"],
  },
  plugins: [tailwindcss(), reactRouter()],
}));
