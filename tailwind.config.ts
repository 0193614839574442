import type { Config } from "tailwindcss";
import colors from "tailwindcss/colors";
import forms from "@tailwindcss/forms";
import headlessui from "@headlessui/tailwindcss";

// Tremor 3 needs Tailwind 3 with its theme tokens and a safelist for chart colours.
const chartColors = [
  "blue",
  "emerald",
  "violet",
  "amber",
  "rose",
  "cyan",
  "indigo",
  "lime",
  "fuchsia",
  "gray",
  "slate",
  "orange",
  "teal",
  "red",
  "green",
  "yellow",
  "sky",
  "pink",
  "purple",
];
const shades = "(?:50|100|200|300|400|500|600|700|800|900|950)";
/** A theme colour read from a CSS variable of RGB channels (app/globals.css), with Tailwind's opacity modifier. */
const v = (name: string) => `rgb(var(--tremor-${name}) / <alpha-value>)`;

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./node_modules/@tremor/**/*.{js,ts,jsx,tsx}"],
  // Dark mode follows the system setting (prefers-color-scheme).
  darkMode: "media",
  theme: {
    transparent: "transparent",
    current: "currentColor",
    extend: {
      colors: {
        // The light tokens are CSS variables (app/globals.css) that take the dark values when the system is in
        // dark mode, so that every bg-tremor-*/text-tremor-* class follows the system setting.
        tremor: {
          brand: {
            faint: v("brand-faint"),
            muted: v("brand-muted"),
            subtle: v("brand-subtle"),
            DEFAULT: v("brand"),
            emphasis: v("brand-emphasis"),
            inverted: v("brand-inverted"),
          },
          background: {
            muted: v("background-muted"),
            subtle: v("background-subtle"),
            DEFAULT: v("background"),
            emphasis: v("background-emphasis"),
          },
          border: { DEFAULT: v("border") },
          ring: { DEFAULT: v("ring") },
          content: {
            subtle: v("content-subtle"),
            DEFAULT: v("content"),
            emphasis: v("content-emphasis"),
            strong: v("content-strong"),
            inverted: v("content-inverted"),
          },
        },
        "dark-tremor": {
          brand: {
            faint: "#0B1229",
            muted: colors.blue[950],
            subtle: colors.blue[800],
            DEFAULT: colors.blue[500],
            emphasis: colors.blue[400],
            inverted: colors.blue[950],
          },
          background: {
            muted: "#131A2B",
            subtle: colors.gray[800],
            DEFAULT: colors.gray[900],
            emphasis: colors.gray[300],
          },
          border: { DEFAULT: colors.gray[800] },
          ring: { DEFAULT: colors.gray[800] },
          content: {
            subtle: colors.gray[600],
            DEFAULT: colors.gray[500],
            emphasis: colors.gray[200],
            strong: colors.gray[50],
            inverted: colors.gray[950],
          },
        },
      },
      boxShadow: {
        "tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
        "dark-tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "dark-tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "dark-tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
      },
      borderRadius: { "tremor-small": "0.375rem", "tremor-default": "0.5rem", "tremor-full": "9999px" },
      fontSize: {
        "tremor-label": ["0.75rem", { lineHeight: "1rem" }],
        "tremor-default": ["0.875rem", { lineHeight: "1.25rem" }],
        "tremor-title": ["1.125rem", { lineHeight: "1.75rem" }],
        "tremor-metric": ["1.875rem", { lineHeight: "2.25rem" }],
      },
    },
  },
  safelist: [
    {
      pattern: new RegExp(`^(bg|text|border|ring|stroke|fill)-(${chartColors.join("|")})-${shades}$`),
      variants: ["hover", "ui-selected"],
    },
  ],
  plugins: [headlessui, forms],
};

export default config;
