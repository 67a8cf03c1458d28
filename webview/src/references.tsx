/** The sources of a decision or a warning, as links the host opens (after VS Code asks). */
import type { Source } from '../../src/engine/facts/index.ts';
import { OpenExternal } from '../../src/protocol/messages.ts';
import { endpoint, log } from './host.ts';

function openLink(url: string): void {
  endpoint.sendRequest(OpenExternal, { url }).then(
    (r) => {
      if (!r.opened) log('warn', `The host did not open ${url}`);
    },
    (e: unknown) => log('error', `Opening ${url} failed: ${String(e)}`),
  );
}

export function Sources({ refs }: { refs: readonly Source[] }) {
  if (refs.length === 0) return null;
  return (
    <ul className="refs" aria-label="Sources">
      {refs.map((r) => (
        <li key={r.url}>
          <a
            href={r.url}
            onClick={(e) => {
              // The host opens it (after VS Code's "open external website?" question). Stop the click here too:
              // the webview's own frame script also turns link clicks into an open, which made one click open two tabs.
              e.preventDefault();
              e.stopPropagation();
              openLink(r.url);
            }}
          >
            {r.title}
          </a>
          {r.verification === 'secondary' ? <span className="muted"> (secondary source)</span> : null}
          <span className="muted"> · read {r.read}</span>
        </li>
      ))}
    </ul>
  );
}

