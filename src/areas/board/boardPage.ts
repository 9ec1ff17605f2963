import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { maskPhonesInText } from '../../core/util/maskPhone.ts';

/** Every shown string goes through here: phones masked; hono's html`` escapes it. */
export const shown = (text: string | number | null | undefined): string => maskPhonesInText(String(text ?? ''));

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f7;color:#222}
@font-face{font-family:"Zhibu Noto Sans SC";src:local("Noto Sans SC"),local("Noto Sans CJK SC"),local("PingFang SC"),local("Microsoft YaHei")}
header{background:#c8161d;color:#fff;padding:12px 16px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{max-width:980px;margin:0 auto;padding:12px}section{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px;overflow-x:auto}
h2{font-size:17px;margin:0 0 8px}table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:6px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{background:#fafafa;color:#555}.chart svg{width:100%;height:auto;display:block}#chart-heat svg{min-width:640px}.ok{color:#2ea121}.warn{color:#c8161d}
.photos{display:flex;flex-wrap:wrap;gap:6px}.photos img{width:96px;height:96px;object-fit:cover;border-radius:4px}a{color:#3370ff}
.note{color:#888;font-size:12px}nav a{margin-right:12px}
`;

export function page(title: string, subtitle: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <title>${shown(title)}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${shown(title)}</h1>
          <p>${shown(subtitle)}</p>
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

/** An ECharts SSR SVG made to fit the screen width (the numbers stay text inside it). */
export function chartSection(id: string, svg: string, width: number, height: number) {
  const fitted = svg.replace(/^<svg([^>]*?)\swidth="\d+"\s+height="\d+"/, `<svg$1 viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet"`);
  return html`<section class="chart" id="chart-${id}">${raw(fitted)}</section>`;
}

export function forbiddenPage() {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>链接无效</title>
      </head>
      <body style="font-family:sans-serif;padding:24px">
        <h1 style="font-size:20px">链接无效或已过期</h1>
        <p>请在领导小组群发送 /看板 获取新的链接。</p>
      </body>
    </html>`;
}
