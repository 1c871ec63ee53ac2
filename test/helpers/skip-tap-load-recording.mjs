// Preloaded into every test process by `npm test` (NODE_OPTIONS), before tap's own preload.
//
// tap's runner preloads @tapjs/processinfo into each test process (and, through NODE_OPTIONS,
// into every process a test starts). It registers a module loader hook that records each loaded
// file and its line lengths, for coverage and `tap --changed`. On Node 20 such a hook runs on a
// thread of its own and every module load waits for it: about 1 s of CPU per process that loads
// the app, more than most test files take. The suite runs without coverage, so that hook is
// skipped; everything else of processinfo stays, and other hooks (tsx's) register as usual.
import module from 'node:module';

const register = module.register;
module.register = function registerUnlessTapRecording(specifier, ...rest) {
  if (String(specifier).includes('/@tapjs/processinfo/')) return;
  return register.call(this, specifier, ...rest);
};
