import { GatewayConfigError } from '../errors/gateway-config-error';
import { GatewayContext } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import { ExpressionEvaluationError, compileExpression } from './index';

/** Shared by the language specs: a small request context, and helpers to run or refuse an expression. */

export function specContext(variables: Record<string, unknown> = {}): GatewayContext {
  const context = new GatewayContext({
    method: 'POST',
    originalUrl: new URL('https://gateway.local/orders/items?page=2&tag=a&tag=b'),
    headers: HeaderBag.from({ 'x-list': 'a,b,,c', 'x-tenant': 'Contoso', accept: 'application/json' }),
    ipAddress: '10.0.0.7',
    api: { id: 'orders', name: 'Orders', path: 'orders', serviceUrl: 'http://backend:3000' },
    operation: { id: 'create', name: 'Create', method: 'POST', urlTemplate: '/items' },
    backendPath: '/items',
  });
  for (const [name, value] of Object.entries(variables)) context.variables.set(name, value);
  return context;
}

export function run(source: string, context: GatewayContext = specContext()): unknown {
  return compileExpression(source, { file: 'spec.xml', line: 1 }).evaluate(context);
}

/** The load-time refusal of `source`: its code and its message without the location prefix. */
export function refusal(source: string): { code: string; detail: string } {
  try {
    compileExpression(source, { file: 'spec.xml', line: 1 });
  } catch (error) {
    if (error instanceof GatewayConfigError) {
      const prefix = `spec.xml:1 expression ${source}: `;
      const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      return { code: error.code, detail };
    }
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

/** The run-time failure message of `source`. */
export function failure(source: string, context: GatewayContext = specContext()): string {
  const compiled = compileExpression(source, { file: 'spec.xml', line: 1 });
  try {
    compiled.evaluate(context);
  } catch (error) {
    if (error instanceof ExpressionEvaluationError) return error.message;
    throw error;
  }
  throw new Error(`expected ${source} to fail at run time`);
}
