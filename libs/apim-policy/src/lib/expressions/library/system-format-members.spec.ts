import { GatewayContext } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { ExpressionEvaluationError, compileExpression } from '../index';

function makeContext(): GatewayContext {
  const context = new GatewayContext({
    method: 'GET',
    originalUrl: new URL('https://gateway.local/shop/orders?page=2'),
    headers: HeaderBag.from({ 'x-amount': '1234.5' }),
    ipAddress: '127.0.0.1',
    api: { id: 'shop', name: 'Shop', path: 'shop', serviceUrl: 'http://backend:3000' },
    operation: { id: 'orders', name: 'Orders', method: 'GET', urlTemplate: '/orders' },
    backendPath: '/orders',
  });
  context.variables.set('price', 19.5);
  context.variables.set('when', new Date('2024-12-31T23:59:58.5Z'));
  return context;
}

const run = (source: string) => compileExpression(source, { file: 'p.xml', line: 1 }).evaluate(makeContext());

describe('string.Format and ToString(format) in expressions', () => {
  it('formats one to three arguments', () => {
    expect(run('@(string.Format("{0}", 5))')).toBe('5');
    expect(run('@(string.Format("{0}/{1}", context.Api.Name, 2))')).toBe('Shop/2');
    expect(run('@(String.Format("{2}{1}{0}", "a", "b", "c"))')).toBe('cba');
    expect(run('@(string.Format("[{0,-5}|{1:F1}]", "ab", (double)context.Variables["price"]))')).toBe('[ab   |19.5]');
  });

  it('turns a bad format into a run-time error', () => {
    expect(() => run('@(string.Format("{1}", 5))')).toThrow(ExpressionEvaluationError);
    expect(() => run('@(string.Format("{1}", 5))')).toThrow('FormatException');
  });

  it('formats numbers and dates with a format string', () => {
    expect(run('@((42).ToString("D4"))')).toBe('0042');
    expect(run('@((1234.5).ToString("N2"))')).toBe('1,234.50');
    expect(run('@(((double)context.Variables["price"]).ToString("0.00"))')).toBe('19.50');
    expect(run('@(((DateTime)context.Variables["when"]).ToString("yyyy-MM-dd HH:mm"))')).toBe('2024-12-31 23:59');
    expect(run('@(((DateTime)context.Variables["when"]).ToString("o"))')).toBe('2024-12-31T23:59:58.5000000Z');
  });
});
