import type { PolicyElement } from '@stack/claim-policy';
import { BlockList, isIP } from 'node:net';
import { ExpressionEvaluationError } from '../../expressions/compiled-expression';
import type { GatewayContext } from '../../context/gateway-context';
import { PolicyFailure, type PolicyCompileContext, type PolicyDefinition, type ValueSource } from '../policy-step';
import { choiceType, requiredTyped } from '../typed-attribute';

const ACTIONS = ['allow', 'forbid'] as const;

/** One `<address>` or `<address-range from to>`; each end a literal or an expression. */
interface AddressRule {
  readonly from: ValueSource;
  readonly to?: ValueSource;
  readonly element: PolicyElement;
}

/**
 * `ip-filter`: lets through (allow) or refuses (forbid) callers whose `context.Request.IpAddress` is
 * one of the listed addresses or falls inside a listed range, IPv4 or IPv6. Refusals are APIM's 403s:
 * CallerIpNotAllowed, CallerIpBlocked, FailedToParseCallerIP.
 */
export const ipFilterPolicy: PolicyDefinition = {
  name: 'ip-filter',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, ['action']);
    context.expectChildren(element, ['address', 'address-range']);
    const action = requiredTyped(context, element, 'action', choiceType(ACTIONS));
    if (element.children.length === 0) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        '<ip-filter> needs at least one <address>1.2.3.4</address> or <address-range from="…" to="…" />.',
      );
    }
    const rules = element.children.map((child) => readRule(child, context));
    const constant = rules.every((rule) => rule.from.isConstant && (rule.to?.isConstant ?? true));
    const fixed = constant ? blockListOf(rules, undefined) : undefined;
    return {
      location: context.locate(element),
      run(ctx) {
        const caller = normalise(ctx.request.ipAddress.trim());
        const family = isIP(caller);
        if (family === 0) {
          throw new PolicyFailure(
            403,
            'Failed to establish IP address for the caller. Access denied.',
            'ip-filter',
            'FailedToParseCallerIP',
          );
        }
        const list = fixed ?? blockListOf(rules, ctx);
        const listed = list.check(caller, family === 4 ? 'ipv4' : 'ipv6');
        const how = action.evaluate(ctx);
        if (how === 'allow' && !listed) {
          throw new PolicyFailure(
            403,
            `Caller IP address ${caller} is not allowed. Access denied.`,
            'ip-filter',
            'CallerIpNotAllowed',
          );
        }
        if (how === 'forbid' && listed) {
          throw new PolicyFailure(403, 'Caller IP address is blocked. Access denied.', 'ip-filter', 'CallerIpBlocked');
        }
      },
    };
  },
};

function readRule(child: PolicyElement, context: PolicyCompileContext): AddressRule {
  context.expectChildren(child, []);
  if (child.name === 'address') {
    context.expectAttributes(child, []);
    const from = trimmed(context.text(child));
    if (from.isConstant) checkAddress(from.raw, context, child, undefined);
    return { from, element: child };
  }
  context.expectAttributes(child, ['from', 'to']);
  const from = trimmed(context.attribute(child, 'from', { required: true }));
  const to = trimmed(context.attribute(child, 'to', { required: true }));
  if (from.isConstant && to.isConstant) {
    const problem = rangeProblem(from.raw, to.raw);
    if (problem) throw context.error('POLICY_INVALID_VALUE', child, problem);
  }
  return { from, to, element: child };
}

function trimmed(source: ValueSource): ValueSource {
  return { isConstant: source.isConstant, raw: source.raw.trim(), evaluate: (ctx) => source.evaluate(ctx).trim() };
}

function checkAddress(text: string, context: PolicyCompileContext, element: PolicyElement, attribute?: string) {
  if (isIP(normalise(text)) === 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `"${text}" is not an IP address; write one IPv4 or IPv6 address such as 203.0.113.7 or 2001:db8::1 (use <address-range from="…" to="…" /> for a range).`,
      { attribute },
    );
  }
}

/** What is wrong with a range, or undefined. */
function rangeProblem(fromText: string, toText: string): string | undefined {
  const from = normalise(fromText);
  const to = normalise(toText);
  const family = isIP(from);
  if (family === 0) return `from="${fromText}" is not an IP address; write an IPv4 or IPv6 address.`;
  if (isIP(to) === 0) return `to="${toText}" is not an IP address; write an IPv4 or IPv6 address.`;
  if (isIP(to) !== family) return `from and to must both be IPv4 or both IPv6 (got ${fromText} and ${toText}).`;
  const list = new BlockList();
  try {
    list.addRange(from, to, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return `from="${fromText}" comes after to="${toText}"; write the lower address in from.`;
  }
  return undefined;
}

/** The listed addresses; for expressions, values that are not addresses are a run-time fault. */
function blockListOf(rules: readonly AddressRule[], ctx: GatewayContext | undefined): BlockList {
  const list = new BlockList();
  for (const rule of rules) {
    const from = normalise(ctx ? rule.from.evaluate(ctx) : rule.from.raw);
    if (!rule.to) {
      const family = isIP(from);
      if (family === 0) throw badValue(rule, `"${from}" is not an IP address`);
      list.addAddress(from, family === 4 ? 'ipv4' : 'ipv6');
      continue;
    }
    const to = normalise(ctx ? rule.to.evaluate(ctx) : rule.to.raw);
    const problem = rangeProblem(from, to);
    if (problem) throw badValue(rule, problem);
    list.addRange(from, to, isIP(from) === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function badValue(rule: AddressRule, problem: string): ExpressionEvaluationError {
  const expression = rule.from.isConstant ? (rule.to?.raw ?? '') : rule.from.raw;
  return new ExpressionEvaluationError(`<${rule.element.name}>: ${problem}.`, expression);
}

/** `::ffff:1.2.3.4` is the IPv4 caller 1.2.3.4 (a dual-stack socket reports IPv4 clients so). */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}
