import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REPO = 'ncbi/MedCalc-Bench-v1.0';
export const PATH = 'data/test-00000-of-00001.parquet';
export const COMMIT = 'c0ffee0000000000000000000000000000000001';

/** What the fake hub answers; tests change it between calls (e.g. to make the hub fail). */
export interface FakeHubBehaviour {
  /** The `sha` of the revision endpoint (anything, to test validation); `undefined` leaves it out. */
  sha: string | undefined;
  /** The data file's path in the listing (the resolve endpoint serves the file under any path). */
  path: string;
  /** The sha256 the listing advertises for the data file. */
  advertisedSha: string;
  /** Answer every request with this HTTP status instead. */
  failWith: number | undefined;
}

export interface FakeHub {
  endpoint: string;
  behaviour: FakeHubBehaviour;
  requests: { url: string; range: string | undefined }[];
  close: () => Promise<void>;
}

function sendJson(response: ServerResponse, body: unknown): void {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: Buffer): void {
  const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    response.statusCode = 206;
    response.setHeader('content-range', `bytes ${start}-${file.length - 1}/${file.length}`);
    response.end(file.subarray(start));
  } else {
    response.end(file);
  }
}

/**
 * A loopback server in the Hugging Face hub's URL layout (revision and tree APIs, resolve/ downloads with
 * Range) serving one data file, for the hub download tests. No network beyond 127.0.0.1.
 */
export async function startFakeHub(
  file: Buffer,
  overrides: Partial<FakeHubBehaviour> = {},
): Promise<FakeHub> {
  const behaviour: FakeHubBehaviour = {
    sha: COMMIT,
    path: PATH,
    advertisedSha: createHash('sha256').update(file).digest('hex'),
    failWith: undefined,
    ...overrides,
  };
  const requests: FakeHub['requests'] = [];
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '';
    requests.push({ url, range: request.headers.range });
    if (behaviour.failWith !== undefined) {
      response.statusCode = behaviour.failWith;
      response.end('failing on purpose');
      return;
    }
    if (url === `/api/datasets/${REPO}/revision/main`) {
      sendJson(response, behaviour.sha === undefined ? { id: REPO } : { id: REPO, sha: behaviour.sha });
      return;
    }
    if (behaviour.sha !== undefined && url.startsWith(`/api/datasets/${REPO}/tree/`)) {
      sendJson(response, [
        { type: 'file', path: 'README.md', size: 10 },
        { type: 'directory', path: 'data' },
        {
          type: 'file',
          path: behaviour.path,
          size: file.length,
          lfs: { oid: behaviour.advertisedSha, size: file.length },
        },
        { type: 'file', path: 'data/train-00000-of-00001.parquet', size: 5, lfs: { oid: 'x', size: 5 } },
      ]);
      return;
    }
    if (url.startsWith(`/datasets/${REPO}/resolve/`)) {
      sendFile(request, response, file);
      return;
    }
    response.statusCode = 404;
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    behaviour,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
