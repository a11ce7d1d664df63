import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import { createPinia } from 'pinia'
import { createApp, watchEffect } from 'vue'
import App from './app/app.vue'
import { browserAuthDependencies } from './app/browser-dependencies.ts'
import { recordUnhandledErrors } from './app/diagnostics/diagnostics.ts'
import { isDesktop } from './app/desktop.ts'
import { currentLocale, i18n, setLocale } from './app/i18n.ts'
import { createAppRouter } from './app/router.ts'
import './app/styles.css'
import { installWebApp, pointManifestAt } from './app/web-app.ts'
import { configureAuth } from './features/auth/dependencies.ts'

configureAuth(browserAuthDependencies())
setLocale(currentLocale.value)
if (!isDesktop) {
  installWebApp()
  watchEffect(() => pointManifestAt(currentLocale.value))
}

const app = createApp(App)
recordUnhandledErrors(app)
app.use(createPinia()).use(createAppRouter()).use(i18n).use(ElementPlus).mount('#app')
