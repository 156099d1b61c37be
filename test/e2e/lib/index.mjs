// Everything the e2e test files use, from one import.
export * from './paths.mjs';
export * from './wait.mjs';
export * from './extension.mjs';
export * from './server.mjs';
export * from './browser.mjs';
export * from './workspace.mjs';
export * from './cleanup.mjs';
export * from './workbench.mjs';
export * from './fixture.mjs';
