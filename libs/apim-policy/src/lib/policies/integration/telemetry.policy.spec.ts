import { PolicyTestHost } from '../../testing/policy-test-host';
import type { PolicyTelemetry } from '../services/policy-telemetry';

type Entries = { traces: unknown[]; metrics: unknown[]; events: unknown[] };

function recordingTelemetry(): { telemetry: PolicyTelemetry; seen: Entries } {
  const seen: Entries = { traces: [], metrics: [], events: [] };
  return {
    seen,
    telemetry: {
      trace: (entry) => seen.traces.push(entry),
      metric: (entry) => seen.metrics.push(entry),
      event: (entry) => seen.events.push(entry),
    },
  };
}

const inbound = (statements: string) =>
  `<policies><inbound>${statements}</inbound><backend /><outbound /><on-error /></policies>`;

describe('trace', () => {
  it('writes the message, severity, source and metadata with the request id', async () => {
    const { telemetry, seen } = recordingTelemetry();
    const host = new PolicyTestHost({
      services: { telemetry },
      policies: {
        api: inbound(`
          <trace source="orders-api" severity="information">
            <message>@("called " + context.Request.Method)</message>
            <metadata name="tenant" value="@(context.Request.Headers.GetValueOrDefault(&quot;X-Tenant&quot;, &quot;none&quot;))" />
          </trace>
          <trace source="orders-api"><message>plain</message></trace>`),
      },
    });
    const result = await host.send({ method: 'PATCH', path: '/', headers: { 'X-Tenant': 't9' } });
    expect(seen.traces).toEqual([
      {
        source: 'orders-api',
        severity: 'information',
        message: 'called PATCH',
        metadata: { tenant: 't9' },
        requestId: result.context?.requestId,
      },
      {
        source: 'orders-api',
        severity: 'verbose',
        message: 'plain',
        metadata: undefined,
        requestId: result.context?.requestId,
      },
    ]);
  });

  it('refuses an unknown severity, a missing message, and a gateway without a sink', () => {
    const { telemetry } = recordingTelemetry();
    const load =
      (xml: string, withSink = true) =>
      () =>
        new PolicyTestHost({ services: withSink ? { telemetry } : {}, policies: { api: inbound(xml) } });
    expect(load('<trace source="s" severity="warning"><message>m</message></trace>')).toThrow(
      /verbose, information, error/,
    );
    expect(load('<trace source="s" />')).toThrow(/exactly one <message>/);
    expect(load('<trace source="s"><message>m</message></trace>', false)).toThrow(/services\.telemetry/);
  });
});

describe('emit-metric', () => {
  it('writes the metric with its dimensions, filling in default dimensions', async () => {
    const { telemetry, seen } = recordingTelemetry();
    const host = new PolicyTestHost({
      services: { telemetry },
      api: { id: 'orders' },
      policies: {
        api: inbound(`
          <emit-metric name="Requests" namespace="shop" value="@(context.Request.Method == &quot;POST&quot; ? 2.5 : 1)">
            <dimension name="API ID" />
            <dimension name="Client IP" value="@(context.Request.IpAddress)" />
          </emit-metric>
          <emit-metric name="Plain"><dimension name="Operation ID" /></emit-metric>`),
      },
    });
    await host.send({ method: 'POST', path: '/', ipAddress: '10.0.0.7' });
    expect(seen.metrics).toEqual([
      expect.objectContaining({
        name: 'Requests',
        namespace: 'shop',
        value: 2.5,
        dimensions: { 'API ID': 'orders', 'Client IP': '10.0.0.7' },
      }),
      expect.objectContaining({
        name: 'Plain',
        namespace: 'API Management',
        value: 1,
        dimensions: { 'Operation ID': 'post' },
      }),
    ]);
  });

  it('refuses a custom dimension without a value, no dimensions, or more than ten', () => {
    const { telemetry } = recordingTelemetry();
    const load = (xml: string) => () =>
      new PolicyTestHost({ services: { telemetry }, policies: { api: inbound(xml) } });
    expect(load('<emit-metric name="m"><dimension name="Color" /></emit-metric>')).toThrow(/add value/);
    expect(load('<emit-metric name="m" />')).toThrow(/1 to 10/);
    const eleven = Array.from({ length: 11 }, (_v, i) => `<dimension name="d${i}" value="x" />`).join('');
    expect(load(`<emit-metric name="m">${eleven}</emit-metric>`)).toThrow(/1 to 10/);
    expect(load('<emit-metric name="m" value="lots"><dimension name="API ID" /></emit-metric>')).toThrow(/a number/);
  });
});

describe('log-to-eventhub', () => {
  it('writes the text under the logger id and partition key', async () => {
    const { telemetry, seen } = recordingTelemetry();
    const host = new PolicyTestHost({
      services: { telemetry },
      policies: {
        api: inbound(`
          <log-to-eventhub logger-id="audit" partition-key="@(context.Request.IpAddress)">
            @(context.Request.Method + "," + context.Request.IpAddress)
          </log-to-eventhub>`),
      },
    });
    await host.send({ method: 'GET', path: '/', ipAddress: '10.1.1.1' });
    expect(seen.events).toEqual([
      expect.objectContaining({ loggerId: 'audit', partitionKey: '10.1.1.1', message: 'GET,10.1.1.1' }),
    ]);
  });

  it('cuts a message to 200 KB', async () => {
    const { telemetry, seen } = recordingTelemetry();
    const host = new PolicyTestHost({
      services: { telemetry },
      namedValues: { big: 'x'.repeat(300_000) },
      policies: { api: inbound(`<log-to-eventhub logger-id="big">{{big}}</log-to-eventhub>`) },
    });
    await host.send({ path: '/' });
    expect((seen.events[0] as { message: string }).message).toHaveLength(200 * 1024);
  });

  it('refuses both partition-id and partition-key', () => {
    const { telemetry } = recordingTelemetry();
    expect(
      () =>
        new PolicyTestHost({
          services: { telemetry },
          policies: {
            api: inbound(`<log-to-eventhub logger-id="l" partition-id="1" partition-key="k">m</log-to-eventhub>`),
          },
        }),
    ).toThrow(/not both/);
  });
});
