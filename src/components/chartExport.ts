/**
 * Chart downloads: the SVG Plot drew, standalone (namespaces set, colours fixed for a white page), and
 * a PNG of it at twice its size for slides and chat.
 */
/** The chart itself inside a drawn figure: Plot puts small swatch SVGs beside it when it has a legend. */
export function mainSvg(root: Element | null | undefined): SVGSVGElement | null {
  const all = [...(root?.querySelectorAll<SVGSVGElement>('svg') ?? [])];
  const area = (svg: SVGSVGElement) =>
    (Number(svg.getAttribute('width')) || 0) * (Number(svg.getAttribute('height')) || 0);
  return all.sort((a, b) => area(b) - area(a))[0] ?? null;
}

function standaloneSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || Math.round(box.width) || 640;
  const height = Number(svg.getAttribute('height')) || Math.round(box.height) || 400;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // Plot writes text in currentColor; outside the page that would be the viewer's default.
  copy.setAttribute(
    'style',
    `${copy.getAttribute('style') ?? ''};color:#0f172a;background:#ffffff;font-family:system-ui,sans-serif`,
  );
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

function offer(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  offer(new Blob([standaloneSvg(svg).text], { type: 'image/svg+xml;charset=utf-8' }), `${fileName}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const { text, width, height } = standaloneSvg(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw a PNG');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG could not be encoded');
    offer(blob, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
