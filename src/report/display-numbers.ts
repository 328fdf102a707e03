import { formatLabelForDisplay } from '../audit/display.js';
import type { BenchmarkOutputType } from '../catalog/medcalc-bench.js';
import { escapeHtml } from './escape-html.js';

/**
 * Our own prose (steps, reasons, findings) with every long decimal shown as `formatLabelForDisplay` shows a
 * label (`17.8547996946` → `17.855`). Never applied to the note or the original explanation: those are quoted.
 */
export function formatNumbersForDisplay(text: string): string {
  return text.replace(/-?\d+\.\d{4,}/g, (number) => formatLabelForDisplay(number));
}

/**
 * A label in `<code>`, shown as `formatLabelForDisplay` shows it at the precision of the calculator's output type
 * (when known), with the exact value as a tooltip when the two differ.
 */
export function renderLabel(label: string, outputType?: BenchmarkOutputType): string {
  const shown = formatLabelForDisplay(label, outputType);
  return shown === label
    ? `<code>${escapeHtml(label)}</code>`
    : `<code title="${escapeHtml(label)}">${escapeHtml(shown)}</code>`;
}
