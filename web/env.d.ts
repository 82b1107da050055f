// Ambient types for the web build: Svelte runes and .svelte modules, Vite's import.meta.
/// <reference types="svelte" />
/// <reference types="vite/client" />
