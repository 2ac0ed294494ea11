/** What the sign-in says when there is nothing to talk to (the flow itself: call-user.e2e.spec.ts). */
import { createServer } from 'node:net';
import { signInDevUser, SignInError } from './sign-in-dev-user';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('an identity service that is not running: a SignInError naming the endpoint and the stack', async () => {
  const port = await closedPort();
  const signIn = signInDevUser({
    authority: `https://127.0.0.1:${port}/tenant`,
    client: { platform: 'spa', appId: 'app', redirectUri: 'http://localhost:8080/docs/oauth2-redirect.html' },
    scope: 'api://x/.default',
    user: { objectId: 'u', userPrincipalName: 'adele@stack.local' },
  });
  await expect(signIn).rejects.toThrow(SignInError);
  await expect(signIn).rejects.toThrow(
    `the authorize endpoint (https://127.0.0.1:${port}) cannot be reached: ECONNREFUSED. Is the stack running?`,
  );
});
