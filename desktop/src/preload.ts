import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from '../../electron/preload-bridge.js';

// Sandboxed preload: bundled into one CommonJS file (electron/dist/preload.cjs) because a sandboxed
// preload can require nothing but `electron` and a few built-ins. The desk sees only window.hamgam.
exposeBridge(contextBridge, ipcRenderer);
