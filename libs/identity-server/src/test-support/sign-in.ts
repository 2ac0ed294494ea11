/**
 * Spec-only browser stand-in for the local sign-in: follows an authorize URL with undici (no redirects followed),
 * picks a user by submitting that user's form on the sign-in page, accepts (or cancels) the consent page, and
 * returns where the service finally sent the browser.
 */

/** One step's answer. */
export interface Step {
  readonly status: number;
  readonly location?: string;
  readonly html: string;
  readonly setCookie?: string;
  readonly contentSecurityPolicy?: string;
}

async function step(url: string, init: RequestInit = {}): Promise<Step> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    html: await response.text(),
    setCookie: response.headers.get('set-cookie') ?? undefined,
    contentSecurityPolicy: response.headers.get('content-security-policy') ?? undefined,
  };
}

/** GETs an authorize URL (optionally with the session cookie). */
export function openAuthorize(url: string, cookie?: string): Promise<Step> {
  return step(url, cookie ? { headers: { cookie } } : {});
}

/** The hidden `interaction` value of the page's form for `userObjectId` (sign-in) or its only form (consent). */
export function interactionOf(html: string, userObjectId?: string): string {
  const forms = html.split('<form').slice(1);
  const form = userObjectId ? forms.find((candidate) => candidate.includes(`value="${userObjectId}"`)) : forms[0];
  const match = form && /name="interaction" value="([^"]+)"/.exec(form);
  if (!match?.[1]) throw new Error(`No form${userObjectId ? ` for user ${userObjectId}` : ''} on the page:\n${html}`);
  return match[1];
}

function postForm(url: string, fields: Record<string, string>): Promise<Step> {
  return step(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Submits the sign-in page's form for the user. */
export function pickUser(baseUrl: string, page: Step, userObjectId: string): Promise<Step> {
  return postForm(`${baseUrl}/local-sign-in/select`, {
    interaction: interactionOf(page.html, userObjectId),
    user: userObjectId,
  });
}

/** Submits the consent page. */
export function answerConsent(baseUrl: string, page: Step, decision: 'accept' | 'cancel'): Promise<Step> {
  return postForm(`${baseUrl}/local-sign-in/consent`, { interaction: interactionOf(page.html), decision });
}

/** Follows the whole sign-in: page, user, consent when asked. Returns the final answer (a redirect or form_post). */
export async function signIn(baseUrl: string, authorizeUrl: string, userObjectId: string): Promise<Step> {
  const page = await openAuthorize(authorizeUrl);
  if (page.status !== 200)
    throw new Error(`Expected the sign-in page, got ${page.status} ${page.location ?? page.html}`);
  let answer = await pickUser(baseUrl, page, userObjectId);
  if (answer.status === 200 && answer.html.includes('Permissions requested'))
    answer = await answerConsent(baseUrl, answer, 'accept');
  return answer;
}

/** The query (or fragment) parameters of a redirect. */
export function redirectParams(location: string | undefined): URLSearchParams {
  if (!location) throw new Error('Expected a redirect');
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}
