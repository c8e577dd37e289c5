/** The sidebar's one client for the server functions (see rpc.ts), shared by every panel. */
import { createClient } from './rpc';

export const api = createClient();
