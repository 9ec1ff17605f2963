/** The sandbox chat page: pick who you are and which group you are in, type, post pictures, read replies. */
export function sandboxPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>支部助手 · 沙盒</title>
<style>
  :root { --red: #c8161d; --bg: #f5f5f5; --line: #e2e2e2; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: var(--bg); color: #222; }
  header { background: var(--red); color: #fff; padding: 10px 16px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0 12px 0 0; }
  header label { font-size: 14px; display: flex; gap: 6px; align-items: center; }
  header select { font-size: 14px; padding: 4px; max-width: 260px; }
  main { max-width: 860px; margin: 0 auto; display: flex; flex-direction: column; height: calc(100vh - 56px); }
  #log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
  .msg { max-width: 80%; padding: 8px 12px; border-radius: 8px; background: #fff; border: 1px solid var(--line); white-space: pre-wrap; line-height: 1.5; }
  .msg.user { align-self: flex-end; background: #e9f3ff; }
  .msg .who { font-size: 12px; color: #888; margin-bottom: 2px; }
  .msg img { max-width: 240px; display: block; margin-top: 4px; border-radius: 4px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; max-width: 90%; }
  .card .head { padding: 8px 12px; color: #fff; font-weight: 600; }
  .head.blue { background: #3370ff; } .head.green { background: #2ea121; } .head.orange { background: #f57a00; } .head.red { background: #c8161d; }
  .card .body { padding: 8px 12px; display: flex; flex-direction: column; gap: 6px; }
  .card .md { white-space: pre-wrap; line-height: 1.6; }
  .card .note { font-size: 12px; color: #888; }
  .card table { border-collapse: collapse; font-size: 13px; }
  .card th, .card td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; }
  .card button { align-self: flex-start; padding: 4px 12px; border-radius: 4px; border: 1px solid #3370ff; background: #fff; color: #3370ff; cursor: pointer; }
  .card button.primary { background: #3370ff; color: #fff; }
  .card button.danger { border-color: var(--red); color: var(--red); }
  form { display: flex; gap: 8px; padding: 10px 16px; background: #fff; border-top: 1px solid var(--line); align-items: flex-end; }
  textarea { flex: 1; font-size: 15px; padding: 8px; min-height: 44px; max-height: 200px; resize: vertical; font-family: inherit; }
  form button { padding: 10px 18px; background: var(--red); color: #fff; border: 0; border-radius: 6px; font-size: 15px; cursor: pointer; }
  .hint { font-size: 12px; color: #666; padding: 0 16px 8px; background: #fff; }
</style>
</head>
<body>
<header>
  <h1>支部助手 · 沙盒</h1>
  <label>我是 <select id="persona"></select></label>
  <label>群 <select id="group"></select></label>
</header>
<main>
  <div id="log" aria-live="polite"></div>
  <form id="send">
    <textarea id="text" placeholder="输入指令，例如 /帮助（Ctrl+Enter 发送；多行表单直接换行）"></textarea>
    <label title="发一张痕迹照片"><input id="file" type="file" accept="image/*" hidden>📷</label>
    <button type="submit" id="sendButton">发送</button>
  </form>
  <div class="hint">这里的群和人都是虚构的演示数据；回复与飞书卡片、微信/QQ 文本内容相同。</div>
</main>
<script>
const $ = (id) => document.getElementById(id);
let lastId = null; let polling = null;
function esc(s) { return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c])); }
function md(s) { return esc(s).replace(/\\\\([*_~\`<>\\[\\]])/g, '$1').replace(/\\*\\*(.+?)\\*\\*/g, '<b>$1</b>'); }
function renderCard(card) {
  const head = card.header || {}; const tpl = head.template || 'blue';
  let html = '<div class="card"><div class="head ' + esc(tpl) + '">' + esc((head.title || {}).content || '') + '</div><div class="body">';
  // Buttons side by side sit in a column_set; the sandbox shows them one under another.
  const elements = ((card.body || {}).elements || []).flatMap((el) => (el.tag === 'column_set' ? (el.columns || []).flatMap((c) => c.elements || []) : [el]));
  for (const el of elements) {
    if (el.tag === 'hr') html += '<hr style="border:0;border-top:1px solid #eee;width:100%">';
    else if (el.tag === 'img') continue;
    else if (el.tag === 'markdown') html += '<div class="' + (el.text_size === 'notation' ? 'note' : 'md') + '">' + md(el.content) + '</div>';
    else if (el.tag === 'table') {
      html += '<table><tr>' + el.columns.map((c) => '<th>' + esc(c.display_name) + '</th>').join('') + '</tr>';
      for (const row of el.rows) html += '<tr>' + el.columns.map((c) => '<td>' + esc(row[c.name] ?? '') + '</td>').join('') + '</tr>';
      html += '</table>';
    } else if (el.tag === 'button') {
      const cmd = ((el.behaviors || [])[0] || {}).value?.command || '';
      html += '<button class="' + esc(el.type) + '" data-command="' + esc(cmd) + '">' + esc(el.text.content) + '</button>';
    }
  }
  return html + '</div></div>';
}
function addLine(line) {
  const div = document.createElement('div');
  if (line.from === 'bot' && line.card) { div.innerHTML = renderCard(line.card); div.className = 'bot'; div.dataset.text = line.text; }
  else {
    div.className = 'msg ' + line.from;
    div.innerHTML = '<div class="who">' + esc(line.from === 'bot' ? '支部助手' : line.userName || '') + '</div>' + esc(line.text || '') +
      (line.imageBase64 ? '<img alt="图片" src="data:image/*;base64,' + line.imageBase64 + '">' : '');
  }
  $('log').appendChild(div); $('log').scrollTop = $('log').scrollHeight; lastId = line.id;
}
async function refresh(reset) {
  const group = $('group').value; if (!group) return;
  if (reset) { $('log').innerHTML = ''; lastId = null; }
  const res = await fetch('/sandbox/api/groups/' + encodeURIComponent(group) + '/messages' + (lastId ? '?after=' + encodeURIComponent(lastId) : ''));
  const data = await res.json(); for (const line of data.messages) addLine(line);
}
async function send(text, imageBase64, fileName) {
  $('sendButton').disabled = true;
  try {
    const res = await fetch('/sandbox/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group: $('group').value, user: $('persona').value, text, imageBase64, fileName }) });
    if (!res.ok) { const err = await res.json().catch(() => ({})); alert(err.error || ('发送失败：' + res.status)); }
    await refresh(false);
  } finally { $('sendButton').disabled = false; }
}
$('send').addEventListener('submit', (e) => { e.preventDefault(); const t = $('text').value; if (!t.trim()) return; $('text').value = ''; send(t); });
$('text').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $('send').requestSubmit(); } });
$('file').addEventListener('change', () => {
  const f = $('file').files[0]; if (!f) return; const reader = new FileReader();
  reader.onload = () => { send($('text').value, String(reader.result).split(',')[1], f.name); $('text').value = ''; $('file').value = ''; };
  reader.readAsDataURL(f);
});
$('log').addEventListener('click', (e) => { const b = e.target.closest('button[data-command]'); if (b) send(b.dataset.command); });
$('group').addEventListener('change', () => refresh(true));
async function init() {
  const [p, g] = await Promise.all([fetch('/sandbox/api/personas').then((r) => r.json()), fetch('/sandbox/api/groups').then((r) => r.json())]);
  $('persona').innerHTML = p.personas.map((x) => '<option value="' + esc(x.id) + '">' + esc(x.name + ' · ' + x.roleLabel + (x.organization ? ' · ' + x.organization : '')) + '</option>').join('');
  $('group').innerHTML = g.groups.map((x) => '<option value="' + esc(x.id) + '">' + esc(x.name + (x.purpose ? '（' + x.purpose + '）' : '')) + '</option>').join('');
  await refresh(true);
  polling = setInterval(() => refresh(false), 2000);
}
init();
</script>
</body>
</html>`;
}
