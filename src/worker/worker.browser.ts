/** The browser Web Worker (bundled as dist/worker.browser.js, a module worker): exposes the worker API. */
import { expose } from "comlink";
import { workerApi } from "./api.js";
import { registerErrorTransfer } from "./transfer.js";

registerErrorTransfer();
expose(workerApi);
