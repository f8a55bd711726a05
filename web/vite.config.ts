import { resolve } from "node:path";
import { defineConfig } from "vite";

// Two pages: the operator console ("/") and the resident portal ("/public"). The server serves dist/ as is.
export default defineConfig({
  base: "/",
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        public: resolve(import.meta.dirname, "public.html"),
      },
    },
  },
  server: {
    // `npm run dev` next to `vigil demo`: the API stays on the server.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
