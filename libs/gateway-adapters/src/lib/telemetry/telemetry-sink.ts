import { createWriteStream, type WriteStream } from 'node:fs';
import type { PolicyTelemetry } from '@stack/apim-policy';
import type { Logger } from 'pino';

type Kind = 'trace' | 'metric' | 'event';

/**
 * Where trace, emit-metric and log-to-eventhub write in this gateway: a LOCAL sink, not Application
 * Insights, Azure Monitor or Event Hubs. Each entry is a structured log line (`policyTelemetry`:
 * trace / metric / event) and, when a file is given (GATEWAY_TELEMETRY_FILE), also one JSON line
 * appended there, for tools that want the entries alone.
 */
export class TelemetrySink implements PolicyTelemetry {
  private readonly file?: WriteStream;

  constructor(
    private readonly logger: Logger,
    filePath?: string,
  ) {
    if (filePath) {
      this.file = createWriteStream(filePath, { flags: 'a' });
      this.file.on('error', (error) =>
        logger.error({ err: error, file: filePath }, 'policy telemetry: cannot write the telemetry file'),
      );
    }
  }

  trace(entry: Parameters<PolicyTelemetry['trace']>[0]): void {
    // APIM's error severity is a warning-level line here too: a policy reported it, the gateway did not fail.
    const level = entry.severity === 'error' ? 'warn' : entry.severity === 'information' ? 'info' : 'debug';
    this.write('trace', level, entry);
  }

  metric(entry: Parameters<PolicyTelemetry['metric']>[0]): void {
    this.write('metric', 'info', entry);
  }

  event(entry: Parameters<PolicyTelemetry['event']>[0]): void {
    this.write('event', 'info', entry);
  }

  async close(): Promise<void> {
    const file = this.file;
    if (!file) return;
    await new Promise<void>((resolve) => file.end(resolve));
  }

  private write(kind: Kind, level: 'debug' | 'info' | 'warn', entry: object): void {
    this.logger[level]({ policyTelemetry: kind, ...entry }, `policy ${kind}`);
    this.file?.write(`${JSON.stringify({ time: new Date().toISOString(), kind, ...entry })}\n`);
  }
}
