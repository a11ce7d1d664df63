import { createRenderer, defineComponent, type Component, type Plugin } from 'vue'
import { RouterView } from 'vue-router'

/** A node of the bare tree the Node renderer builds: composables render nothing, but need mounted components. */
class HostNode {
  parent: HostNode | null = null
  readonly children: HostNode[] = []

  /** As the DOM's: vue-router compares a page's root node with the app container's. */
  getRootNode(): HostNode {
    return this.parent ? this.parent.getRootNode() : this
  }
}

function detach(node: HostNode): void {
  const siblings = node.parent?.children
  siblings?.splice(siblings.indexOf(node), 1)
  node.parent = null
}

const { createApp } = createRenderer<HostNode, HostNode>({
  createElement: () => new HostNode(),
  createText: () => new HostNode(),
  createComment: () => new HostNode(),
  insert(child, parent, anchor) {
    detach(child)
    const at = anchor ? parent.children.indexOf(anchor) : -1
    parent.children.splice(at < 0 ? parent.children.length : at, 0, child)
    child.parent = parent
  },
  remove: detach,
  setText: () => undefined,
  setElementText: () => undefined,
  patchProp: () => undefined,
  parentNode: (node) => node.parent,
  nextSibling(node) {
    const siblings = node.parent?.children ?? []
    return siblings[siblings.indexOf(node) + 1] ?? null
  },
})

/** Mounts `root` in Node (no DOM) with `plugins` installed; returns the unmount. */
function mountInNode(root: Component, plugins: Plugin[]): () => void {
  const app = createApp(root)
  for (const plugin of plugins) app.use(plugin)
  app.mount(new HostNode())
  return () => app.unmount()
}

/** A component whose setup runs `composable`; `result()` is what the last mounted instance returned. */
export function composablePage<T>(composable: () => T) {
  let result: { value: T } | undefined
  const component = defineComponent({
    setup() {
      result = { value: composable() }
      return () => null
    },
  })
  return {
    component,
    result(): T {
      if (!result) throw new Error('the composable page is not mounted')
      return result.value
    },
  }
}

export interface MountedComposable<T> {
  result: T
  unmount(): void
}

/**
 * Runs `composable` in the setup of a component mounted in Node: its watchers, lifecycle hooks and injections
 * (`useI18n`, `useRoute`, stores) work as in the app. `plugins` are installed on the app first.
 */
export function mountComposable<T>(composable: () => T, plugins: Plugin[]): MountedComposable<T> {
  const page = composablePage(composable)
  const unmount = mountInNode(page.component, plugins)
  return { result: page.result(), unmount }
}

/**
 * Mounts an app whose root is a `<router-view>` (the router among `plugins`): route components made with
 * `composablePage` run as pages, so navigation guards such as `onBeforeRouteLeave` apply.
 */
export function mountRouterView(plugins: Plugin[]): () => void {
  return mountInNode(RouterView, plugins)
}
