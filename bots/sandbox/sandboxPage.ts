/** The sandbox chat page: pick who you are and which group you are in, type, post pictures, read replies. */
export function sandboxPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>支部助手 · 沙盒</title>
<style>${styles}</style>
</head>
<body>
<header>
  <h1>支部助手 <small>沙盒</small></h1>
  <label>我是 <select id="persona" aria-label="选择身份"></select></label>
  <label>群 <select id="group" aria-label="选择群"></select></label>
</header>
<main>
  <div id="groupInfo" class="group-info"></div>
  <div id="log" aria-live="polite"></div>
  <div id="status" class="status" role="status"></div>
  <div class="quick" id="quick">
    <button type="button" data-command="/帮助">/帮助</button>
    <button type="button" data-command="/我的">/我的</button>
  </div>
  <form id="send">
    <textarea id="text" rows="2" placeholder="输入指令，例如 /帮助（Enter 发送，Shift+Enter 换行）"></textarea>
    <label class="photo" title="发一张照片（痕迹或简报附件）、一个 Word/PDF 简报附件，或一个名册文件（.xlsx/.csv）；输入框里的文字随文件一起发出">📷<input id="file" type="file" accept="image/*,.xlsx,.csv,.pdf,.doc,.docx" hidden></label>
    <button type="submit" id="sendButton">发送</button>
  </form>
  <div class="hint">这里的群和人都是虚构的演示数据。回复的内容与飞书卡片、微信/QQ 文本相同；卡片上的按钮和手动输入指令效果一样。</div>
</main>
<script>${script}</script>
</body>
</html>`;
}

const styles = String.raw`
  :root { --red: #c8161d; --bg: #f3f4f6; --line: #e2e4e8; --blue: #3370ff; }
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body { margin: 0; font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: var(--bg); color: #1f2329; display: flex; flex-direction: column; }
  header { background: var(--red); color: #fff; padding: 10px 16px; display: flex; gap: 14px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0 10px 0 0; font-weight: 600; }
  header h1 small { font-weight: 400; opacity: .85; font-size: 13px; }
  header label { font-size: 14px; display: flex; gap: 6px; align-items: center; }
  header select { font-size: 14px; padding: 4px 6px; max-width: 320px; border-radius: 4px; border: 0; }
  main { width: 100%; max-width: 880px; margin: 0 auto; display: flex; flex-direction: column; flex: 1; min-height: 0; background: #fff; box-shadow: 0 0 0 1px var(--line); }
  .group-info { font-size: 12px; color: #646a73; padding: 6px 16px; border-bottom: 1px solid var(--line); }
  #log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 12px; background: var(--bg); }
  .empty { color: #8f959e; text-align: center; margin-top: 40px; font-size: 14px; }
  .line { display: flex; flex-direction: column; max-width: 82%; }
  .line.user { align-self: flex-end; align-items: flex-end; }
  .line.bot { align-self: flex-start; }
  .who { font-size: 12px; color: #8f959e; margin: 0 4px 3px; }
  .bubble { padding: 8px 12px; border-radius: 8px; background: #fff; border: 1px solid var(--line); white-space: pre-wrap; line-height: 1.55; word-break: break-word; }
  .line.user .bubble { background: #d8e6ff; border-color: #c3d6fb; }
  hr.rule { border: 0; border-top: 1px solid var(--line); width: 100%; margin: 2px 0; }
  a.file { display: inline-block; margin-top: 6px; color: #3370ff; }
  .pic { max-width: 260px; max-height: 260px; display: block; margin-top: 6px; border-radius: 6px; border: 1px solid var(--line); cursor: zoom-in; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; min-width: 260px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
  .card .head { padding: 9px 14px; color: #fff; font-weight: 600; font-size: 15px; }
  .head.blue { background: var(--blue); } .head.green { background: #2ea121; } .head.orange { background: #f57a00; } .head.red { background: var(--red); } .head.grey { background: #8f959e; }
  .card .body { padding: 10px 14px; display: flex; flex-direction: column; gap: 8px; }
  .card .md { white-space: pre-wrap; line-height: 1.65; word-break: break-word; }
  .card .note { font-size: 12px; color: #8f959e; white-space: pre-wrap; }
  .card .table-wrap { overflow-x: auto; }
  .card table { border-collapse: collapse; font-size: 13px; }
  .card th { background: #f5f6f7; font-weight: 600; }
  .card th, .card td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; white-space: nowrap; }
  .card .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
  .card button { padding: 5px 14px; border-radius: 6px; border: 1px solid var(--blue); background: #fff; color: var(--blue); cursor: pointer; font-size: 14px; }
  .card button.primary { background: var(--blue); color: #fff; }
  .card button.danger { border-color: var(--red); color: var(--red); }
  .card button:disabled { opacity: .5; cursor: default; }
  .status { font-size: 13px; color: #646a73; padding: 0 16px; min-height: 0; }
  .status.busy, .status.error { padding: 6px 16px; }
  .status.error { color: var(--red); }
  .quick { display: flex; gap: 6px; padding: 8px 16px 0; flex-wrap: wrap; }
  .quick button { font-size: 13px; padding: 3px 10px; border-radius: 12px; border: 1px solid var(--line); background: #fff; cursor: pointer; color: #1f2329; }
  form { display: flex; gap: 8px; padding: 8px 16px 10px; align-items: flex-end; }
  textarea { flex: 1; font-size: 15px; padding: 8px 10px; min-height: 44px; max-height: 200px; resize: vertical; font-family: inherit; border: 1px solid var(--line); border-radius: 6px; }
  .photo { font-size: 22px; cursor: pointer; padding: 6px; user-select: none; }
  form button { padding: 10px 20px; background: var(--red); color: #fff; border: 0; border-radius: 6px; font-size: 15px; cursor: pointer; }
  form button:disabled { opacity: .6; cursor: default; }
  .hint { font-size: 12px; color: #8f959e; padding: 0 16px 10px; }
`;

// Plain browser JavaScript (no build step). String.raw keeps its backslashes as written.
const script = String.raw`
const $ = (id) => document.getElementById(id);
const state = { group: '', lastId: null, seen: new Set(), generation: 0, chain: Promise.resolve(), busy: 0, groups: [] };

function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
// Card markdown as the bot writes it: **bold**, and characters escaped with a backslash.
function md(s) {
  const kept = [];
  const marked = String(s || '').replace(/\\([\\*_~\x60<>\[\]])/g, (_, c) => { kept.push(c); return '\u0000' + (kept.length - 1) + '\u0000'; });
  return esc(marked).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>').replace(/\u0000(\d+)\u0000/g, (_, i) => esc(kept[Number(i)]));
}
function imageType(base64) {
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('R0lG')) return 'image/gif';
  if (base64.startsWith('UklG')) return 'image/webp';
  return 'image/png';
}
function picture(base64) { return '<img class="pic" alt="图片" src="data:' + imageType(base64) + ';base64,' + esc(base64) + '">'; }
function renderCard(card) {
  const head = card.header || {};
  let html = '<div class="card"><div class="head ' + esc(head.template || 'blue') + '">' + esc((head.title || {}).content || '') + '</div><div class="body">';
  let buttons = '';
  const flush = () => { if (buttons) { html += '<div class="buttons">' + buttons + '</div>'; buttons = ''; } };
  // Buttons side by side sit in a column_set on Feishu; here they are gathered into one row.
  const elements = ((card.body || {}).elements || []).flatMap((el) => (el.tag === 'column_set' ? (el.columns || []).flatMap((c) => c.elements || []) : [el]));
  for (const el of elements) {
    if (el.tag !== 'button') flush();
    if (el.tag === 'hr') html += '<hr class="rule">';
    else if (el.tag === 'markdown') html += '<div class="' + (el.text_size === 'notation' ? 'note' : 'md') + '">' + md(el.content) + '</div>';
    else if (el.tag === 'table') {
      html += '<div class="table-wrap"><table><tr>' + el.columns.map((c) => '<th>' + esc(c.display_name) + '</th>').join('') + '</tr>';
      for (const row of el.rows) html += '<tr>' + el.columns.map((c) => '<td>' + esc(row[c.name]) + '</td>').join('') + '</tr>';
      html += '</table></div>';
    } else if (el.tag === 'button') {
      const value = ((el.behaviors || [])[0] || {}).value || {};
      buttons += '<button type="button" class="' + esc(el.type || 'default') + '" data-command="' + esc(value.command || '') + '">' + esc((el.text || {}).content || '') + '</button>';
    } else if (el.tag === 'img' && el.img_base64) html += picture(el.img_base64);
  }
  flush();
  return html + '</div></div>';
}
function addLine(line) {
  // The 2-second poll and the refresh after sending may both bring the same line: show it once.
  if (state.seen.has(line.id)) return;
  state.seen.add(line.id);
  const empty = $('log').querySelector('.empty'); if (empty) empty.remove();
  const div = document.createElement('div');
  div.className = 'line ' + (line.from === 'bot' ? 'bot' : 'user');
  div.dataset.id = line.id;
  let html = '<div class="who">' + esc(line.from === 'bot' ? '支部助手' : line.userName || '') + '</div>';
  if (line.from === 'bot' && line.card) html += renderCard(line.card);
  else if (line.text) html += '<div class="bubble">' + esc(line.text) + '</div>';
  if (line.image) html += '<img class="pic" alt="图片" src="/sandbox/api/uploads/' + encodeURIComponent(line.image) + '">';
  if (line.file) html += '<a class="file" download="' + esc(line.file.fileName) + '" href="/sandbox/api/uploads/' + encodeURIComponent(line.file.upload) + '">📎 下载 ' + esc(line.file.fileName) + '</a>';
  else if (line.fileName && !line.image) html += '<div class="bubble">📎 ' + esc(line.fileName) + '</div>';
  div.innerHTML = html;
  if (line.from === 'bot') div.dataset.text = line.text || '';
  const log = $('log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  log.appendChild(div);
  if (atBottom || line.from === 'user') log.scrollTop = log.scrollHeight;
  state.lastId = line.id;
}
function showEmpty() { $('log').innerHTML = '<div class="empty">这个群里还没有消息。发送 /帮助 看看你能做什么。</div>'; }
function setStatus(text, kind) { const el = $('status'); el.textContent = text || ''; el.className = 'status' + (kind ? ' ' + kind : ''); }
// Refreshes run one after another, never side by side, and a group switch discards answers for the old group.
function refresh(reset) {
  state.chain = state.chain.then(() => load(reset)).catch((e) => setStatus('读取消息失败：' + e.message, 'error'));
  return state.chain;
}
async function load(reset) {
  const group = $('group').value; if (!group) return;
  if (reset || group !== state.group) {
    state.group = group; state.lastId = null; state.seen = new Set(); state.generation++;
    showEmpty(); showGroupInfo();
  }
  const generation = state.generation;
  const res = await fetch('/sandbox/api/groups/' + encodeURIComponent(group) + '/messages' + (state.lastId ? '?after=' + encodeURIComponent(state.lastId) : ''));
  if (!res.ok) throw new Error('HTTP ' + res.status);
  const data = await res.json();
  if (generation !== state.generation) return;
  for (const line of data.messages) addLine(line);
}
function showGroupInfo() {
  const g = state.groups.find((x) => x.id === $('group').value);
  $('groupInfo').textContent = g ? (g.organization ? '本群属于「' + g.organization + '」' + (g.purpose ? '，用途：' + g.purpose : '') : '本群还没有绑定组织（组织办可发送 /绑定群 组织名）') : '';
}
async function send(text, imageBase64, fileName, fileBase64) {
  const group = $('group').value, user = $('persona').value;
  if (!group || !user) return;
  state.busy++; $('sendButton').disabled = true; setStatus('支部助手正在处理…', 'busy');
  const poll = setInterval(() => refresh(false), 500);
  try {
    const res = await fetch('/sandbox/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group, user, text, imageBase64, fileName, fileBase64 }) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) setStatus((data.error || ('发送失败：HTTP ' + res.status)) + (data.issues ? '（' + data.issues.join('；') + '）' : ''), 'error');
    else setStatus('');
  } catch (e) {
    setStatus('发送失败：' + e.message, 'error');
  } finally {
    clearInterval(poll);
    await refresh(false);
    state.busy--; if (state.busy === 0) $('sendButton').disabled = false;
  }
}
$('send').addEventListener('submit', (e) => {
  e.preventDefault();
  const t = $('text').value; if (!t.trim()) return;
  $('text').value = ''; send(t);
});
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('send').requestSubmit(); }
});
$('file').addEventListener('change', () => {
  const f = $('file').files[0]; if (!f) return;
  const reader = new FileReader();
  reader.onload = () => {
    const caption = $('text').value; $('text').value = ''; $('file').value = '';
    const data = String(reader.result).split(',')[1];
    if (f.type.startsWith('image/')) send(caption, data, f.name); else send(caption, undefined, f.name, data);
  };
  reader.readAsDataURL(f);
});
document.body.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-command]');
  if (b && b.dataset.command) { e.preventDefault(); send(b.dataset.command); return; }
  const img = e.target.closest('img.pic');
  if (img) window.open(img.src, '_blank');
});
$('group').addEventListener('change', () => { localStorage.setItem('zhibu.group', $('group').value); refresh(true); });
$('persona').addEventListener('change', () => localStorage.setItem('zhibu.persona', $('persona').value));
async function init() {
  const [p, g] = await Promise.all([fetch('/sandbox/api/personas').then((r) => r.json()), fetch('/sandbox/api/groups').then((r) => r.json())]);
  state.groups = g.groups;
  $('persona').innerHTML = p.personas.map((x) => '<option value="' + esc(x.id) + '">' + esc(x.name + ' · ' + x.roleLabel + (x.organization ? ' · ' + x.organization : '')) + '</option>').join('');
  $('group').innerHTML = g.groups.map((x) => '<option value="' + esc(x.id) + '">' + esc(x.name + (x.purpose ? '（' + x.purpose + '）' : '')) + '</option>').join('');
  const savedPersona = localStorage.getItem('zhibu.persona'), savedGroup = localStorage.getItem('zhibu.group');
  if (savedPersona && p.personas.some((x) => x.id === savedPersona)) $('persona').value = savedPersona;
  if (savedGroup && g.groups.some((x) => x.id === savedGroup)) $('group').value = savedGroup;
  document.body.dataset.ready = '1';
  await refresh(true);
  setInterval(() => { if (!document.hidden) refresh(false); }, 2000);
}
init().catch((e) => setStatus('页面加载失败：' + e.message, 'error'));
`;
