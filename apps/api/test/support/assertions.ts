import { ERROR_STATUS, ErrorBody, type ErrorCode } from '@corroborate/contracts';
import type { Reply } from './http-client';

const CODE_FOR_STATUS = new Map<number, ErrorCode>(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/** Asserts the one error shape with the status's code; the diff shows the whole body on failure. */
export function expectError(res: Reply, status: number, detailPath?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { error: { code: CODE_FOR_STATUS.get(status) } },
  });
  expect(ErrorBody.safeParse(res.body).error).toBeUndefined();
  if (detailPath !== undefined) {
    const paths = (res.body.error.details ?? []).map((d: { path: string }) => d.path);
    expect(paths).toContain(detailPath);
  }
}
