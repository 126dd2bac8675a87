import QRCode from 'qrcode';
import { html, raw, type SafeHtml } from './html.ts';

/**
 * A QR code of `text` as inline SVG, made on the server (no script, nothing fetched), labelled for
 * screen readers. Error correction M: still read from a creased or badly printed card.
 */
export async function qrCodeSvg(text: string, label: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // The library writes `<svg xmlns=… viewBox=…>` and only paths after it: our attributes go first.
  const attributes = html`class="qr" role="img" aria-label="${label}"`;
  return raw(svg.replace(/^<svg /, `<svg ${attributes.value} `));
}
