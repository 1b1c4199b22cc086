// Types for Comlink's Node adapter, which ships its declaration as node-adapter.d.ts beside node-adapter.mjs.
declare module "comlink/dist/esm/node-adapter.mjs" {
  export { default } from "comlink/dist/esm/node-adapter";
}
