// Builds the explorer into web/dist; the graph renderer (cytoscape + layouts) is its own chunk, loaded after the first screen.
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
