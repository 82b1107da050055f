// Builds the explorer into web/dist; the graph renderer (cytoscape + layouts) is its own chunk, loaded after the first screen.
// GraphiQL (graphiql.html) is a second entry with its own React chunks, which the explorer never loads.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: { main: `${root}index.html`, graphiql: `${root}graphiql.html` },
      // GraphiQL's Radix UI parts mark themselves "use client" (a React Server Components hint that means nothing here).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        codeSplitting: {
          groups: [{ name: 'graph', test: /node_modules[\\/](cytoscape|cytoscape-dagre|cytoscape-fcose|dagre|@dagrejs|cose-base|layout-base|d3-force|d3-quadtree|d3-dispatch|d3-timer)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': process.env.BACKCHANNEL_API ?? 'http://127.0.0.1:4000' },
  },
});
