import { runEngine, type ParentPortLike } from './engine-runner.js';

// The utility process's entry (EngineHost forks the bundled copy of this file, electron/dist/engine.js).
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  console.error('electron/engine-entry runs only as an Electron utility process');
  process.exit(2);
}
// All of argv: the engine reads its own --flags and ignores the rest (exec path, module path, switches).
void runEngine(parentPort, process.argv);
