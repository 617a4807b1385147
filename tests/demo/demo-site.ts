/**
 * Builds the demo site with vite's build() API into a temporary folder and
 * serves it from a tiny static HTTP server on a free port (the same way any
 * static web server would: no back end). Used by the browser tests and by
 * bench/demo-bench.ts.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface DemoSite {
  readonly url: string;
  readonly dir: string;
  close(): Promise<void>;
}

/** Builds the site (index.html at the repository root) into `outDir` (a new temporary folder by default). */
export async function buildDemoSite(outDir = mkdtempSync(path.join(tmpdir(), 'echolab-demo-'))): Promise<string> {
  await build({
    root: REPO_ROOT,
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, minify: true },
  });
  return outDir;
}

/** Serves a folder of static files on 127.0.0.1 and a free port. */
export async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.resolve(root, `.${urlPath}`);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

/** Build, then serve; `close()` stops the server and removes the build. */
export async function startDemoSite(): Promise<DemoSite> {
  const dir = await buildDemoSite();
  const { url, server } = await serveStatic(dir);
  return {
    url,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
