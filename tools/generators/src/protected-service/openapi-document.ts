import type { NormalizedOptions } from './options';

export function openApiDocument(_options: NormalizedOptions): unknown {
  return {};
}
