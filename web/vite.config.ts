import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/** The API server (npm run dev) listens on :3000; the dev and preview servers forward API and media requests to it. */
const apiProxy = {
  '/v1': 'http://localhost:3000',
  '/media': 'http://localhost:3000',
};

/** Emits sw.js (from web/sw.js) with this build's shell files to precache and a version derived from them. */
function serviceWorker(): Plugin {
  return {
    name: 'looply-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css|svg|png|webmanifest)$/.test(name));
      const precache = [
        '/index.html',
        '/manifest.webmanifest',
        '/favicon.svg',
        '/icons/icon-192.png',
        '/icons/icon.svg',
      ].concat(files.filter((name) => name.startsWith('assets/')).map((name) => `/${name}`));
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(fileURLToPath(new URL('./sw.js', import.meta.url)), 'utf8')
        .replace("'__LOOPLY_SW_VERSION__'", JSON.stringify(version))
        .replace('__LOOPLY_PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [react(), serviceWorker()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
