import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorBody, type CreatedShare, type PublishReportBody, type ReportFormat, type ReportSnapshot } from '@corroborate/contracts';
import { reportUnavailable } from '../../lib/availability';
import { ApiError, http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

/** What a report covers; the same three switches drive the preview, every download and Publish. */
export type ReportOptions = Required<PublishReportBody>;
export const DEFAULT_OPTIONS: ReportOptions = { includeUnresolved: false, includeAudit: false, includeAppendix: true };

export type PaperSize = 'a4' | 'letter';

/** Every file the report page offers: the report's formats, and the W3C annotation collection. */
export type DownloadKind = ReportFormat | 'annotations';

export const DOWNLOADS: readonly { kind: DownloadKind; label: string }[] = [
  { kind: 'html', label: 'HTML' },
  { kind: 'pdf', label: 'PDF' },
  { kind: 'md', label: 'Markdown' },
  { kind: 'json', label: 'JSON' },
  { kind: 'csv', label: 'CSV' },
  { kind: 'claimreview', label: 'ClaimReview' },
  { kind: 'annotations', label: 'W3C Web Annotations' },
];

const FALLBACK_NAMES: Record<DownloadKind, string> = {
  html: 'report.html',
  pdf: 'report.pdf',
  md: 'report.md',
  json: 'report.json',
  csv: 'report.csv',
  claimreview: 'report.jsonld',
  annotations: 'annotations.jsonld',
};

const optionQuery = (options: ReportOptions) => ({
  includeUnresolved: String(options.includeUnresolved),
  includeAudit: String(options.includeAudit),
  includeAppendix: String(options.includeAppendix),
});

/**
 * A report file from the API. Not through `http()`: the body is a file, not JSON, and a 503 for
 * a PDF means "no Chromium here", not that the server is away, so it must not put the whole
 * app into "Reconnecting…".
 */
async function fetchFile(path: string, query: Record<string, string>, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api${path}?${new URLSearchParams(query).toString()}`, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'Could not reach the server.');
  }
  if (response.ok) return response;
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  const code = parsed.success ? parsed.data.error.code : response.status === 404 ? 'NOT_FOUND' : response.status === 503 ? 'UNAVAILABLE' : 'INTERNAL';
  if (response.status === 503 && query.format !== 'pdf') reportUnavailable(Number(response.headers.get('Retry-After')) || undefined);
  const message = parsed.success ? parsed.data.error.message : response.statusText || 'Request failed';
  throw new ApiError(response.status, code, message, parsed.success ? parsed.data.error.details : []);
}

/** Hands a fetched file to the browser as a download, under the server's file name. */
async function save(response: Response, fallback: string): Promise<string> {
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

const articlePath = (articleId: string) => `/articles/${encodeURIComponent(articleId)}`;

/** The report as HTML with the chosen options; the last preview stays up while the next loads. */
export function useReportPreview(articleId: string, options: ReportOptions) {
  return useQuery({
    queryKey: queryKeys.articles.report(articleId, options),
    queryFn: async ({ signal }) => (await fetchFile(`${articlePath(articleId)}/report`, { format: 'html', ...optionQuery(options) }, signal)).text(),
    placeholderData: keepPreviousData,
  });
}

/** Downloads the live report in one format (or the annotation collection); settles with the file name. */
export function useDownloadReport(articleId: string) {
  return useMutation({
    mutationFn: async ({ kind, options, paper }: { kind: DownloadKind; options: ReportOptions; paper: PaperSize }) => {
      const response =
        kind === 'annotations'
          ? await fetchFile(`${articlePath(articleId)}/annotations.jsonld`, {})
          : await fetchFile(`${articlePath(articleId)}/report`, { format: kind, paper, download: 'true', ...optionQuery(options) });
      return save(response, FALLBACK_NAMES[kind]);
    },
  });
}

/** Downloads a published snapshot, exactly as it was published. */
export function useDownloadSnapshot() {
  return useMutation({
    mutationFn: async ({ snapshotId, format, paper }: { snapshotId: string; format: ReportFormat; paper: PaperSize }) =>
      save(await fetchFile(`/reports/${encodeURIComponent(snapshotId)}`, { format, paper, download: 'true' }), FALLBACK_NAMES[format]),
  });
}

export function useSnapshots(articleId: string) {
  return useQuery({
    queryKey: queryKeys.articles.reportSnapshots(articleId),
    queryFn: ({ signal }) => http<ReportSnapshot[]>(`${articlePath(articleId)}/reports`, { signal }),
  });
}

/** A published snapshot's HTML, exactly as it was published (it never changes, so it is never refetched). */
export function useSnapshotHtml(snapshotId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.articles.reportSnapshot(snapshotId ?? ''),
    queryFn: async ({ signal }) => (await fetchFile(`/reports/${encodeURIComponent(snapshotId!)}`, { format: 'html' }, signal)).text(),
    enabled: !!snapshotId,
    staleTime: Infinity,
  });
}

/** Freezes the report with these options as the article's next numbered snapshot. */
export function usePublishReport(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: ReportOptions) => http<ReportSnapshot>(`${articlePath(articleId)}/reports`, { method: 'POST', body: options }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.articles.reportSnapshots(articleId) }),
  });
}

/** A read-only link to a snapshot; its URL is in the answer only, so the caller shows it once. */
export function useCreateShare(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (snapshotId: string) => http<CreatedShare>(`/reports/${encodeURIComponent(snapshotId)}/shares`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.articles.reportSnapshots(articleId) }),
  });
}

export function useRevokeShare(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => http<void>(`/report-shares/${encodeURIComponent(shareId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.articles.reportSnapshots(articleId) }),
  });
}
