/**
 * passport-jwt with jwks-rsa's `passportJwtSecret` on Express: the naive setup as the two READMEs document it (key
 * cache and JWKS rate limit on), with the same checks as protected-api: issuer, audience, RS256, app role.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { passportJwtSecret } from 'jwks-rsa';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { peerConfig, resourceEcho } from './peer-config';

const config = peerConfig();
passport.use(
  new JwtStrategy(
    {
      secretOrKeyProvider: passportJwtSecret({
        cache: true,
        rateLimit: true,
        jwksRequestsPerMinute: 5,
        jwksUri: config.jwksUri,
      }),
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      issuer: config.issuer,
      audience: config.audiences,
      algorithms: ['RS256'],
    },
    (payload: Record<string, unknown>, done: (error: unknown, user?: unknown) => void) => done(null, payload),
  ),
);

function requireRole(req: Request, res: Response, next: NextFunction): void {
  const roles = (req.user as { roles?: unknown } | undefined)?.roles;
  if (Array.isArray(roles) && roles.includes(config.role)) return next();
  res.status(403).json({ message: `the token lacks the app role ${config.role}` });
}

const app = express();
app.use(passport.initialize());
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/resource', passport.authenticate('jwt', { session: false }), requireRole, (req, res) => {
  res.json(resourceEcho(req.path, req.query, req.user as Record<string, unknown>));
});
app.listen(config.port, '127.0.0.1');
