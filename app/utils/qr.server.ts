import QRCode from 'qrcode';

/** A QR code as inline SVG, made on the server: no QR code library reaches any browser. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}
