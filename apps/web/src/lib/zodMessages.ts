import { z } from 'zod';

/** Plain-language defaults for contract schemas that carry no message of their own. */
export function configureZodMessages(): void {
  z.config({
    customError: (issue) => {
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'Required' : `Must be at least ${issue.minimum} characters`;
      }
      if (issue.code === 'too_big' && issue.origin === 'string') {
        return `Must be at most ${issue.maximum} characters`;
      }
      if (issue.code === 'invalid_format') {
        if (issue.format === 'email') return 'Enter a valid email address';
        if (issue.format === 'url') return 'Enter a full web address starting with http:// or https://';
        if (issue.format === 'date' || issue.format === 'datetime') return 'Enter a valid date';
      }
      if (issue.code === 'invalid_union') return 'Enter a valid value';
      return undefined;
    },
  });
}
