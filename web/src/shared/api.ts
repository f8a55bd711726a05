/** A failed API call, with the server's ProblemDetails (RFC 9457) when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** Calls the Vigil API with the session cookie; throws ApiError on any non-2xx answer. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  }
  headers.set("Accept", "application/json");
  const response = await fetch(path, { ...init, headers, body, credentials: "same-origin" });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let fields: Record<string, string[]> = {};
    try {
      const problem = await response.json();
      message = problem.detail ?? problem.title ?? message;
      fields = problem.errors ?? {};
      const first = Object.entries(fields)[0];
      if (first) message = `${first[0]} ${first[1].join(" ")}`;
    } catch {
      // Not a problem document: keep the status line.
    }
    throw new ApiError(response.status, message, fields);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("Content-Type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
