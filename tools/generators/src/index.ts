export { protectedServiceGenerator } from './protected-service/generator';
export type { ProtectedServiceSchema } from './protected-service/schema';
