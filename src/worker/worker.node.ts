/** The Node worker thread (bundled as dist/worker.node.js): exposes the worker API over its parent port. */
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { parentPort } from "node:worker_threads";
import { workerApi } from "./api.js";
import { registerErrorTransfer } from "./transfer.js";

registerErrorTransfer();
expose(workerApi, nodeEndpoint(parentPort!));
