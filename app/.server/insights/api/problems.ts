// The analyst API's errors as RFC 9457 problem details, each with a stable
// `type` a client can switch on.

export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Missing, malformed, unknown or revoked API key" },
  "not-found": { status: 404, title: "No such resource in this shop" },
  "invalid-request": { status: 400, title: "The request's parameters are not valid" },
  "rate-limited": { status: 429, title: "Too many requests for this key" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** A request the API refuses, answered as application/problem+json. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  constructor(
    readonly type: ProblemType,
    readonly detail?: string,
  ) {
    super(detail ?? PROBLEM_TYPES[type].title);
  }

  get status(): number {
    return PROBLEM_TYPES[this.type].status;
  }

  toJSON() {
    return {
      type: `https://storehouse.dev/problems/${this.type}`,
      title: PROBLEM_TYPES[this.type].title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}
