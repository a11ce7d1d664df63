/// <reference types="vite/client" />
/// <reference types="element-plus/global" />
/// <reference types="vite-plugin-pwa/vanillajs" />
