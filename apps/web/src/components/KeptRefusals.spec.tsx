/// <reference types="jest" />
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { ApiError } from '../lib/http';
import type { Refusal } from '../lib/refusals';
import { KeptRefusals } from './KeptRefusals';

const render = (kept: Refusal<string, null>[]) =>
  renderToString(
    <MantineProvider>
      <KeptRefusals refusals={{ kept, putBack: jest.fn(), dismiss: jest.fn() }} what="Comment not saved" />
    </MantineProvider>,
  );

describe('KeptRefusals', () => {
  it('shows a refused text that is not in the form, with the reason and a way to copy it or put it back', () => {
    const shown = render([{ target: null, value: 'The audit says 2019 & not 2021', error: new ApiError(403, 'FORBIDDEN', 'No') }]);
    expect(shown).toContain('role="alert"');
    expect(shown).toContain('Comment not saved');
    expect(shown).toContain('The audit says 2019 &amp; not 2021');
    expect(shown).toMatch(/>Copy</);
    expect(shown).toMatch(/>Put back</);
  });

  it('shows text set aside by a put back as such, without a reason', () => {
    const shown = render([{ target: null, value: 'typed since', error: null }]);
    expect(shown).toContain('typed since');
    expect(shown).toContain('Set aside');
    expect(shown).not.toContain('Comment not saved');
  });

  it('shows nothing when nothing is kept', () => {
    expect(render([])).not.toContain('role="alert"');
  });
});
