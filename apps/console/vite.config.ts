import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { compressAssets } from './compress-assets';

/**
 * The console builds to dist/console, which the api serves at `/` (apps/api/src/http/console.ts).
 * esbuild compiles the TSX (automatic JSX runtime); `npm run console:dev` proxies /api to :3000.
 * Each text asset also gets a gzip and a brotli copy (compress-assets.ts).
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  // The typed client generated from the API's OpenAPI document, shared with the CLI and tests.
  resolve: {
    alias: { '@loanflow/api-client': resolve(__dirname, '../../libs/api-client/src') },
  },
  // Precompressed copies (.gz, .br) of every text asset, served by the api as they are.
  plugins: [compressAssets()],
  build: {
    outDir: resolve(__dirname, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // React Router and rjsf mark modules "use client" (for server components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        manualChunks: (id) =>
          id.includes('node_modules/bpmn-js') || id.includes('node_modules/diagram-js')
            ? 'bpmn'
            : id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
              ? 'charts'
              : id.includes('node_modules/@rjsf') || id.includes('node_modules/ajv')
                ? 'forms'
                : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
