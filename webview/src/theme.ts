/** VS Code theme colours for the charts, read from the CSS variables at draw time. */
import { useEffect, useState } from 'react';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/** Re-renders when VS Code switches theme (it changes the body's class). */
export function useThemeKind(): ThemeKind {
  const [kind, setKind] = useState<ThemeKind>(() => themeKind());
  useEffect(() => {
    const observer = new MutationObserver(() => setKind(themeKind()));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return kind;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ChartColors {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly blue: string;
  readonly orange: string;
  readonly green: string;
  readonly red: string;
  readonly purple: string;
  readonly yellow: string;
  readonly font: string;
  readonly background: string;
  readonly highContrast: boolean;
}

export function chartColors(kind: ThemeKind): ChartColors {
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  const fg = cssVar('--vscode-foreground', kind === 'light' || kind === 'high-contrast-light' ? '#333333' : '#cccccc');
  return {
    foreground: fg,
    muted: cssVar('--vscode-descriptionForeground', fg),
    grid: hc ? cssVar('--vscode-contrastBorder', fg) : cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    blue: cssVar('--vscode-charts-blue', '#3794ff'),
    orange: cssVar('--vscode-charts-orange', '#d18616'),
    green: cssVar('--vscode-charts-green', '#89d185'),
    red: cssVar('--vscode-charts-red', '#f14c4c'),
    purple: cssVar('--vscode-charts-purple', '#b180d7'),
    yellow: cssVar('--vscode-charts-yellow', '#cca700'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
    background: cssVar('--vscode-editor-background', kind === 'light' ? '#ffffff' : '#1e1e1e'),
    highContrast: hc,
  };
}
