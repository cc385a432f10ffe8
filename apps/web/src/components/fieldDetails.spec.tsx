/// <reference types="jest" />
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { ApiError } from '../lib/http';
import { ErrorAlert } from './ErrorAlert';
import { WriteError } from './WriteError';

const html = (node: ReactNode) => renderToString(<MantineProvider>{node}</MantineProvider>);

const refusal = new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [
  { path: 'evidenceIds.0', message: 'is not evidence on this claim' },
  { path: 'round', message: 'has closed' },
]);

describe('alerts beside a form', () => {
  it('leave to the fields the details about their items', () => {
    for (const shown of [html(<WriteError error={refusal} what="Verdict not given" fields={['evidenceIds']} />), html(<ErrorAlert error={refusal} fields={['evidenceIds']} />)]) {
      expect(shown).not.toContain('is not evidence on this claim');
      expect(shown).toContain('has closed');
    }
  });

  it('keep every detail when the form has no field for it', () => {
    const shown = html(<WriteError error={refusal} what="Verdict not given" />);
    expect(shown).toContain('is not evidence on this claim');
    expect(shown).toContain('has closed');
  });
});
