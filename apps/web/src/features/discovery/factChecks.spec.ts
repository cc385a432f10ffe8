/// <reference types="jest" />
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import type { PublishedFactCheck } from '@corroborate/contracts';
import { FactCheckList } from './components/SimilarClaims';

const check = (url: string, title: string): PublishedFactCheck => ({
  claim: 'The stadium cost twice its budget',
  claimant: null,
  claimDate: null,
  publisher: 'Desk',
  rating: 'False',
  title,
  url,
  reviewDate: null,
});

const render = (results: PublishedFactCheck[]) =>
  renderToStaticMarkup(createElement(MantineProvider, null, createElement(FactCheckList, { answer: { enabled: true, error: null, results } })));

describe('FactCheckList', () => {
  it('links web addresses, in a new tab that learns nothing of this one', () => {
    const html = render([check('https://factcheck.example/stadium', 'Stadium costs')]);
    expect(html).toContain('href="https://factcheck.example/stadium"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '/w/elsewhere'])(
    'shows the title of a fact-check at %p as text, not a link',
    (url) => {
      const html = render([check(url, 'Stadium costs')]);
      expect(html).toContain('Stadium costs');
      expect(html).not.toContain('href=');
    },
  );
});
