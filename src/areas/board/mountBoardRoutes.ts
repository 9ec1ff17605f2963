import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { DateTime } from 'luxon';
import { instantToIso } from '../../core/time/calendarDay.ts';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Clock } from '../../core/time/clock.ts';
import { OrganizationTree } from '../pushes/queries/organizationTree.ts';
import { posterForOrg } from '../pushes/posters/posterForOrg.ts';
import { activityName } from '../records/cadence.ts';
import { memberYearTotals } from '../points/memberTotals.ts';
import { memberStarLabel } from '../points/starRating.ts';
import { ratingPhase } from '../points/ratingPhase.ts';
import { chartsData } from './chartsData.ts';
import { checkBoardToken } from './boardAccess.ts';
import type { BoardPayload } from './boardToken.ts';
import { targetStandings } from './planTargets.ts';
import { chartSection, forbiddenPage, page, shown } from './boardPage.ts';
import { SHOWN_PHOTO } from '../traces/shownPhoto.ts';

export interface BoardRouteDeps {
  db: Db;
  clock: Clock;
  zone: string;
  dataDir: string;
  /** The signing secret (src/areas/board/boardAccess.ts boardSecret). */
  secret: () => Promise<string>;
}

const NO_STORE = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' };

/**
 * The leading group's live board: GET /board/<token> (charts, targets, branches), /board/<token>/org/<id>
 * (a branch: records with photos, ledger, points, stars), /photo/<id>, /poster/<id>?size=A4|A3&format=pdf|png.
 * Every request checks the token (signature, expiry, epoch) and that what it asks for lies under the token's
 * organisation; anything else is 403 with nothing of the data.
 */
export function mountBoardRoutes(app: Hono, deps: BoardRouteDeps): void {
  const forbidden = (c: Context) => c.html(forbiddenPage(), 403, NO_STORE);

  async function open(c: Context, purpose: BoardPayload['p']) {
    const tree = await OrganizationTree.load(deps.db);
    const payload = await checkBoardToken(deps.db, await deps.secret(), c.req.param('token') ?? '', deps.clock.now(), (id) => tree.rootOf(id), purpose);
    if (!payload || !tree.byId.has(payload.o)) return null;
    const scope = new Set(tree.subtree(payload.o).map((o) => o.id));
    return { tree, payload, scope };
  }
  const idParam = (c: Context) => (/^\d{1,9}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : null);

  app.get('/board/:token', async (c) => {
    const access = await open(c, 'board');
    if (!access) return forbidden(c);
    const { tree, payload } = access;
    const now = deps.clock.now();
    const data = await chartsData(deps.db, tree, payload.o, now, deps.zone);
    const branchIds = data.branches.map((b) => b.id);
    const year = DateTime.fromJSDate(now, { zone: deps.zone }).year;
    // ECharts and the canvas load with the first board page shown, not with the web server.
    const { renderChartsSvgs } = await import('../../../cards/pictures/renderChartsPng.ts');
    const [svgs, targets] = [
      renderChartsSvgs(data.model, 460, Math.max(460, 200 + 52 * data.model.heat.months.length)),
      await targetStandings(deps.db, [...access.scope], branchIds, year, data.buckets),
    ];
    const token = c.req.param('token');
    const groups = [...new Set(data.branches.map((b) => b.group))];
    const body = html` <section id="targets">
        <h2>目标任务进展（${year}年）</h2>
        <table>
          <thead>
            <tr>
              <th>目标</th>
              <th>要求</th>
              <th>现状</th>
              <th>依据</th>
            </tr>
          </thead>
          <tbody>
            ${targets.map(
              (t) =>
                html`<tr data-key="${t.key}">
                  <td>${shown(t.label)}</td>
                  <td>${shown(`${t.target}${t.unit}`)}</td>
                  <td class="${t.reached ? 'ok' : 'warn'}">${t.value === null ? '—' : shown(`${t.value}${t.unit}`)}</td>
                  <td class="note">${shown(t.basis)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      ${svgs.map((s) => chartSection(s.id, s.svg, s.width, s.height))}
      <section id="branches">
        <h2>各党支部（点击查看）</h2>
        ${groups.map(
          (g) =>
            html`<h3 style="font-size:15px;margin:10px 0 4px">${shown(g)}</h3>
              <table>
                <thead>
                  <tr>
                    <th>党支部</th>
                    <th>组织生活完成率</th>
                    <th>记录</th>
                    <th>问题（未销号/逾期/已销号）</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.branches
                    .filter((b) => b.group === g)
                    .map(
                      (b) =>
                        html`<tr data-org="${b.id}">
                          <td><a href="/board/${token}/org/${b.id}">${shown(b.name)}</a></td>
                          <td>${b.completion === null ? '—' : `${b.completion}%`}</td>
                          <td>${b.records}</td>
                          <td>${b.problemsOpen} / ${b.problemsOverdue} / ${b.problemsClosed}</td>
                        </tr>`,
                    )}
                </tbody>
              </table>`,
        )}
      </section>
      <section>
        <h2>公示栏打印</h2>
        <p>
          <a href="/board/${token}/poster/${payload.o}?size=A4">A4 竖版 PDF</a> · <a href="/board/${token}/poster/${payload.o}?size=A3">A3 横版 PDF</a> ·
          <a href="/board/${token}/poster/${payload.o}?format=png">图片</a>
        </p>
        <p class="note">
          链接有效期至 ${DateTime.fromSeconds(payload.e, { zone: deps.zone }).toFormat('yyyy年M月d日 HH:mm')}；组织办或领导小组在群里发送 /看板 重置
          可让旧链接全部失效。
        </p>
      </section>`;
    return c.html(page(`${data.model.scope} · 党建看板`, `截至 ${data.model.asOf}${data.model.provisional ? '，星级为暂定' : ''}`, body), 200, NO_STORE);
  });

  app.get('/board/:token/org/:id', async (c) => {
    const access = await open(c, 'board');
    const id = idParam(c);
    if (!access || id === null || !access.scope.has(id)) return forbidden(c);
    const { tree } = access;
    const now = deps.clock.now();
    const year = DateTime.fromJSDate(now, { zone: deps.zone }).year;
    const { final } = await ratingPhase(deps.db, year, now, deps.zone);
    const [records, problems, totals] = await Promise.all([
      deps.db.activity.findMany({
        where: { organizationId: id, year, status: 'ACTIVE' },
        orderBy: [{ heldOn: 'desc' }, { id: 'desc' }],
        take: 200,
        select: {
          id: true,
          seq: true,
          type: true,
          heldOn: true,
          topic: true,
          expectedCount: true,
          presentCount: true,
          photos: { where: SHOWN_PHOTO, select: { id: true, caption: true }, orderBy: { id: 'asc' } },
        },
      }),
      deps.db.problemEntry.findMany({
        where: { organizationId: id },
        orderBy: [{ year: 'desc' }, { seq: 'asc' }],
        select: { year: true, seq: true, problem: true, deadline: true, status: true, responsible: true },
      }),
      memberYearTotals(deps.db, [id], year),
    ]);
    const token = c.req.param('token');
    const todayIso = instantToIso(now, deps.zone);
    const rated = totals.filter((t) => !t.ratingExempt);
    const body = html` <nav><a href="/board/${token}">← 返回看板</a><a href="/board/${token}/poster/${id}?size=A4">打印星级公示（A4）</a></nav>
      <section id="records">
        <h2>今年的记录（${records.length}）</h2>
        <table>
          <thead>
            <tr>
              <th>日期</th>
              <th>类型</th>
              <th>主题</th>
              <th>实到/应到</th>
              <th>照片</th>
            </tr>
          </thead>
          <tbody>
            ${records.map(
              (r) =>
                html`<tr data-record="${r.seq}">
                  <td>${r.heldOn.toISOString().slice(0, 10)}</td>
                  <td>${shown(activityName(r.type))}</td>
                  <td>${shown(r.topic)}</td>
                  <td>${r.presentCount ?? '—'} / ${r.expectedCount ?? '—'}</td>
                  <td>
                    <div class="photos">
                      ${r.photos.map((p) => html`<a href="/board/${token}/photo/${p.id}"><img loading="lazy" src="/board/${token}/photo/${p.id}" alt="${shown(p.caption ?? '痕迹照片')}" /></a>`)}
                    </div>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section id="ledger">
        <h2>问题台账（${problems.length}）</h2>
        <table>
          <thead>
            <tr>
              <th>编号</th>
              <th>问题</th>
              <th>时限</th>
              <th>责任人</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            ${problems.map((p) => {
              const deadline = p.deadline.toISOString().slice(0, 10);
              const state = p.status === 'CLOSED' ? '已销号' : deadline < todayIso ? '逾期未销号' : '整改中';
              return html`<tr>
                <td>${p.year}-${p.seq}</td>
                <td>${shown(p.problem)}</td>
                <td>${deadline}</td>
                <td>${shown(p.responsible)}</td>
                <td class="${p.status === 'CLOSED' ? 'ok' : 'warn'}">${state}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </section>
      <section id="points">
        <h2>党员积分与星级（${year}年${final ? '' : '，暂定'}）</h2>
        <table>
          <thead>
            <tr>
              <th>姓名</th>
              <th>积分</th>
              <th>星级</th>
            </tr>
          </thead>
          <tbody>
            ${totals.map(
              (t) =>
                html`<tr>
                  <td>${shown(t.name)}</td>
                  <td>${t.total}</td>
                  <td>${t.ratingExempt ? '未评定（免评）' : t.stars > 0 ? memberStarLabel(t.stars) : final ? memberStarLabel(0) : '暂未达到一星'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <p class="note">参评 ${rated.length} 人。</p>
      </section>`;
    return c.html(page(tree.name(id), `${tree.name(tree.byId.get(id)?.parentId ?? id)} · 截至 ${todayIso}`, body), 200, NO_STORE);
  });

  app.get('/board/:token/photo/:id', async (c) => {
    const access = await open(c, 'board');
    const id = idParam(c);
    if (!access || id === null) return forbidden(c);
    const photo = await deps.db.tracePhoto.findUnique({
      where: { id },
      select: { organizationId: true, revokedAt: true, file: { select: { path: true, mimeType: true } } },
    });
    if (!photo || photo.revokedAt || !access.scope.has(photo.organizationId)) return forbidden(c);
    const root = resolve(deps.dataDir);
    const path = resolve(join(root, photo.file.path));
    if (!path.startsWith(root + sep)) return forbidden(c);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) return c.text('照片文件不在了', 404);
    return c.body(new Uint8Array(bytes), 200, { ...NO_STORE, 'content-type': photo.file.mimeType, 'x-content-type-options': 'nosniff' });
  });

  app.get('/board/:token/poster/:id', async (c) => {
    const access = await open(c, 'poster');
    const id = idParam(c);
    if (!access || id === null || !access.scope.has(id)) return forbidden(c);
    const year = /^\d{4}$/.test(c.req.query('year') ?? '') ? Number(c.req.query('year')) : undefined;
    const poster = await posterForOrg(deps.db, access.tree, id, deps.clock.now(), deps.zone, year);
    const name = `${poster.title}-${poster.organisation}`;
    if (c.req.query('format') === 'png') {
      const { renderPosterPng } = await import('../../../cards/pictures/renderPosterPng.ts');
      return c.body(new Uint8Array(renderPosterPng(poster).png), 200, { ...NO_STORE, 'content-type': 'image/png' });
    }
    const { renderPosterPdf } = await import('../../../cards/pictures/renderPosterPdf.ts');
    const size = c.req.query('size') === 'A3' ? 'A3' : 'A4';
    const pdf = await renderPosterPdf(poster, size);
    return c.body(new Uint8Array(pdf), 200, {
      ...NO_STORE,
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="poster.pdf"; filename*=UTF-8''${encodeURIComponent(`${name}-${size}.pdf`)}`,
    });
  });
}
