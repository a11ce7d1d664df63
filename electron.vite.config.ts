import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import packageJson from './package.json' with { type: 'json' }
import { META_CONTENT_SECURITY_POLICY } from './electron/main/security/csp.ts'

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

export default defineConfig({
  main: {
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
    plugins: [vue(), contentSecurityPolicyMeta(), forbidRxdbDevMode()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
})
