// The bench page renders the app's own components; vue-tsc checks them with the renderer, tsc only sees this.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent
  export default component
}
