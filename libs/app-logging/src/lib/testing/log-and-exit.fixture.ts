/**
 * Run as a child process by process-output.spec.ts: logs LINES lines with the app logger as stdout decides
 * (a pipe here), then exits at once, as an app does on a fatal error or after SIGTERM.
 */
import { createAppLogger } from '../create-app-logger';

const logger = createAppLogger({ service: 'fixture', level: 'info' });
const lines = Number(process.env['LINES'] ?? '100');
for (let index = 1; index <= lines; index++) logger.info({ index }, 'line');
logger.error({ err: new Error('last words') }, 'exiting');
process.exit(3);
