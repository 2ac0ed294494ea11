/** Where `trace`, `emit-metric` and `log-to-eventhub` write: a local sink in place of Application Insights / Event Hubs. */
export interface PolicyTelemetry {
  trace(entry: {
    readonly source: string;
    readonly severity: string;
    readonly message: string;
    readonly metadata?: Record<string, string>;
    /** `context.RequestId` of the request that wrote it. */
    readonly requestId?: string;
  }): void;
  metric(entry: {
    readonly name: string;
    readonly namespace?: string;
    readonly value: number;
    readonly dimensions: Record<string, string>;
    readonly requestId?: string;
  }): void;
  event(entry: {
    readonly loggerId: string;
    readonly partitionId?: string;
    readonly partitionKey?: string;
    readonly message: string;
    readonly requestId?: string;
  }): void;
}
