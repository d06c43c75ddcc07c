import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run build:ui` runs from the repo root, so the root is pinned to this folder.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Forge serves the page from a sub-path: every asset URL must be relative.
  base: './',
  // React 17+ automatic runtime through esbuild, without the React plugin.
  esbuild: { jsx: 'automatic' },
  resolve: {
    // No feature-gate client is initialised in a Custom UI iframe: the components get its defaults (src/platform/feature-gates.ts).
    alias: {
      '@atlaskit/feature-gate-js-client/feature-gates': fileURLToPath(
        new URL('./src/platform/feature-gates.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
