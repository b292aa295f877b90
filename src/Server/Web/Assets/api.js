// The REST API as the page uses it: same-origin fetch with the session cookie, the CSRF token on
// every request that changes data, and RFC 7807 problems turned into ApiError.
const csrfToken = document.querySelector('meta[name="aurora-csrf"]').content;

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The server answered ${status}.`);
    this.status = status;
    this.fieldErrors = (problem && problem.errors) || {};
  }
}

export async function api(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extraHeaders };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    // The session ended (expired, signed out elsewhere, password changed): show the sign-in form.
    window.location.assign('/app/');
    throw new ApiError(401, { title: 'Signed out' });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, etag: response.headers.get('ETag'), location: response.headers.get('Location') };
}

export const currentUser = document.querySelector('meta[name="aurora-user"]').content;
