/**
 * auth0's `express-oauth2-jwt-bearer` on Express, set up as its README shows, with the same checks as protected-api:
 * issuer, audience, RS256 keys from the JWKS, and the app role in the `roles` claim.
 */
import express from 'express';
import { auth, claimIncludes } from 'express-oauth2-jwt-bearer';
import { peerConfig, resourceEcho } from './peer-config';

const config = peerConfig();
const app = express();
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get(
  '/resource',
  auth({ issuer: config.issuer, audience: config.audiences, jwksUri: config.jwksUri, tokenSigningAlg: 'RS256' }),
  claimIncludes('roles', config.role),
  (req, res) => {
    res.json(resourceEcho(req.path, req.query, req.auth?.payload ?? {}));
  },
);
app.listen(config.port, '127.0.0.1');
