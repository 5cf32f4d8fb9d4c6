import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/** The API server (npm run dev) listens on :3000; the dev and preview servers forward API and media requests to it. */
const apiProxy = {
  '/v1': 'http://localhost:3000',
  '/media': 'http://localhost:3000',
};

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
