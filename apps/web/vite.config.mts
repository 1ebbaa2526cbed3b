import { defineConfig } from 'vite';

/**
 * The web app, built into dist/web (served by apps/api/web/web.controller.ts under /app). JSX is compiled by Vite's
 * own transformer (oxc); @vitejs/plugin-react 6.3.0 is not used: its optional Babel peer conflicts with jest's here,
 * and we need neither its Babel pass nor fast refresh (no dev server is part of the workflow).
 */
export default defineConfig({
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // react-router's "use client" directives mean nothing without server components.
    rollupOptions: { onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)) },
  },
});
