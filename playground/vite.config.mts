import { defineConfig } from 'vite';

/**
 * The playground's front-end: Preact + TypeScript, served by Baton's web process under
 * /playground. `npm run build:playground` runs `vite build playground`, so paths here are
 * relative to this folder; the output goes to dist/playground-ui (dist/playground holds the
 * compiled src/playground).
 */
export default defineConfig({
  base: '/playground/',
  // No @preact/preset-vite: Vite's own transform compiles the JSX for Preact.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: '../dist/playground-ui', emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
