/**
 * The page reader on markup shaped like the identity service's pages (libs/identity-server authorize/pages.ts);
 * call-user.e2e.spec.ts reads the real pages of the running service.
 */
import { consentingClient, formsOf, headingOf, offeredUsers, pageError } from './sign-in-page';

const pageUrl = 'https://localhost:5443/tenant/oauth2/v2.0/authorize?client_id=x';

const signIn = `<!doctype html><html><body><h1>Pick an account</h1>
<form class="user" method="post" action="/local-sign-in/select">
  <input type="hidden" name="interaction" value="p&amp;1">
  <input type="hidden" name="user" value="a-1">
  <button type="submit" class="hint" autofocus>Adele Vance
  <span class="upn">adele@stack.local</span></button>
</form>
<form class="user" method="post" action="/local-sign-in/select">
  <input type="hidden" name="interaction" value="p&amp;1">
  <input type="hidden" name="user" value="b-2">
  <button type="submit">Tom &quot;T&quot; &lt;O&#39;Neil&gt;
  <span class="upn">tom&amp;co@stack.local</span></button>
</form></body></html>`;

const consent = `<h1>Permissions requested</h1><p><strong>web &amp; co</strong> asks Adele</p>
<form method="post" action="/local-sign-in/consent">
  <input type="hidden" name="interaction" value="c-9">
  <button type="submit" name="decision" value="accept">Accept</button>
  <button type="submit" name="decision" value="cancel">Cancel</button>
</form>`;

const error = `<h1>Sorry, but we&#39;re having trouble signing you in.</h1>
<p><strong>AADSTS50011</strong>: The redirect URI &#39;http://x&#39; does not match &lt;the registered ones&gt;.</p>`;

describe('reading the local sign-in pages', () => {
  it('the sign-in page: one form per user, action resolved against the page, values unescaped', () => {
    expect(headingOf(signIn)).toBe('Pick an account');
    expect(formsOf(signIn, pageUrl)).toEqual([
      { action: 'https://localhost:5443/local-sign-in/select', fields: { interaction: 'p&1', user: 'a-1' } },
      { action: 'https://localhost:5443/local-sign-in/select', fields: { interaction: 'p&1', user: 'b-2' } },
    ]);
    expect(offeredUsers(signIn)).toEqual(['adele@stack.local', 'tom&co@stack.local']);
    expect(pageError(signIn)).toBeUndefined();
  });

  it('the consent page: its heading and its one form (the button, the decision, is the caller’s)', () => {
    expect(headingOf(consent)).toBe('Permissions requested');
    expect(consentingClient(consent)).toBe('web & co');
    expect(formsOf(consent, pageUrl)).toEqual([
      { action: 'https://localhost:5443/local-sign-in/consent', fields: { interaction: 'c-9' } },
    ]);
  });

  it('an error page: the AADSTS code and its description as text', () => {
    expect(headingOf(error)).toBe("Sorry, but we're having trouble signing you in.");
    expect(pageError(error)).toBe("AADSTS50011: The redirect URI 'http://x' does not match <the registered ones>.");
    expect(formsOf(error, pageUrl)).toEqual([]);
  });
});
