import { createTheme, type CSSVariablesResolver, darken, Modal, Notification, PasswordInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons and blue links on white at 4.5:1 or more
  // (Mantine's default, shade 6, gives 3.6:1).
  primaryShade: { light: 8, dark: 8 },
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
        // Mantine leaves the toggle out of the Tab order; keyboard users need it too.
        visibilityToggleFocusable: true,
      },
    }),
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close' } },
    }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } },
    }),
  },
});

/**
 * Text colours Mantine derives below 4.5:1 in the light scheme: secondary ("dimmed") text,
 * gray 6 by default (3.3:1 on white), and the text of light badges and buttons, shade 9 on
 * shade 1 (2.7:1 for yellow, 3.6:1 for orange); darkened by 30 % they reach 5:1 or more.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#60676e',
    // A field's error text: red 6 by default (3.3:1 on white), red 9 reaches 5.8:1.
    '--mantine-color-error': theme.colors.red[9],
    ...Object.fromEntries(Object.entries(theme.colors).map(([name, shades]) => [`--mantine-color-${name}-light-color`, darken(shades[9], 0.3)])),
  },
  dark: {},
});
