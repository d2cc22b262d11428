import { removeScratchDirs } from './scratch-dirs';

// Runs in each test file's own module registry, so it sees the folders that file's tests made.
afterAll(removeScratchDirs);
