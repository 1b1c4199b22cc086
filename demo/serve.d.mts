export interface DemoServer {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the files under root (default dist/) on 127.0.0.1 at port (default 5173; 0 picks a free one). */
export function startServer(options?: { root?: string; port?: number }): Promise<DemoServer>;
