import { createTheme, PasswordInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
  components: {
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        // The default name contains "password", which makes the field's own label ambiguous.
        visibilityToggleButtonProps: { 'aria-label': 'Show or hide characters' },
      },
    }),
  },
});
