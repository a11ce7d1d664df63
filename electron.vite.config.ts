import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import packageJson from './package.json' with { type: 'json' }
import { META_CONTENT_SECURITY_POLICY } from './domain/security/renderer-csp.ts'

/** The CSP of the app protocol's header, also as a meta tag: web mode (served by the sync server) gets it too. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'campus-desk:csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => ({
        html: html.replace(/<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/gi, ''),
        tags: [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
            injectTo: 'head-prepend',
          },
        ],
      }),
    },
  }
}

/** RxDB's dev-mode loads an iframe from rxdb.info (DESIGN §4): a build that contains it fails. */
function forbidRxdbDevMode(): Plugin {
  return {
    name: 'campus-desk:no-rxdb-dev-mode',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        const devModeModule =
          output.type === 'chunk' &&
          output.moduleIds.find((id) => /[\\/]rxdb[\\/].*plugins[\\/]dev-mode[\\/]/.test(id))
        if (devModeModule) this.error(`RxDB dev-mode must not be built into the app (${devModeModule})`)
      }
    },
  }
}

/**
 * Web mode as an offline-first app (PLAT-6): a Workbox service worker precaches the whole build, so `/app/` opens,
 * reloads and opens any screen with the server unreachable. It only serves the build: `/api` and blobs are outside
 * its scope and precache. Registered by the renderer in web mode only (Electron serves app:// from disk); a new build
 * waits until the user chooses to reload. The manifests are per language (`public/manifest.<locale>.webmanifest`).
 */
function offlineWebApp(): Plugin[] {
  return VitePWA({
    injectRegister: false,
    registerType: 'prompt',
    manifest: false,
    workbox: {
      globPatterns: ['**/*.{js,css,html,woff,woff2,ttf,png,svg,webmanifest}'],
      // The app's largest chunks (Element Plus, exceljs) are over Workbox's 2 MiB default.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // The first worker takes the open page at once (so the page can go offline without a reload first), and a
      // new one the pages it replaces once the user asked for the update: their reload follows.
      clientsClaim: true,
    },
  })
}

export default defineConfig({
  main: {
    // The release key's public half (scripts/sign-update.ts): updates are downloaded only with its signature.
    define: { UPDATE_PUBLIC_KEY: JSON.stringify(process.env.UPDATE_PUBLIC_KEY ?? '') },
    build: {
      // Bundled whole (electron-updater included): the packaged app ships no node_modules.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module, and package.json says "type": "module".
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    // Relative asset URLs: the same build runs at app://campus-desk/ and under http://<server>/app/.
    base: './',
    resolve: { alias: { '@': resolve('renderer/src') } },
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(packageJson.version) },
    plugins: [vue(), contentSecurityPolicyMeta(), forbidRxdbDevMode(), offlineWebApp()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
})
