// Vite build of the browser editor. Root is editor/, output dist/editor (the
// service serves it at `/`). Only Monaco's core editor worker and our own DSL
// worker are bundled: no TypeScript/JSON/CSS/HTML language services.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/editor', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es', rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
