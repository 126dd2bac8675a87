/** Who the page's form can create; mentors, trainers and staff only where no real people are. */
const ROLE_OPTIONS = {
  participant: '<option value="participant">participant</option>',
  newcomer: '<option value="newcomer">nouveau (sans inscription)</option>',
  mentor: '<option value="mentor">mentor</option>',
  trainer: '<option value="trainer">formateur·rice (de la ville choisie)</option>',
  staff: '<option value="staff">staff</option>',
} as const;

/**
 * The simulator's web chat: one page and its script (no outside scripts or fonts), light enough
 * for a slow connection. It talks to the JSON API beside it and polls for new messages; the key
 * travels in an HttpOnly cookie the browser adds to each request. `participantsOnly`: Telegram or
 * WhatsApp is configured, so the form offers only participants and newcomers (see routes.ts).
 */
export function simulatorPage(options: { participantsOnly: boolean }): string {
  const kinds = options.participantsOnly
    ? (['participant', 'newcomer'] as const)
    : (['participant', 'newcomer', 'mentor', 'trainer', 'staff'] as const);
  return SIMULATOR_PAGE.replace('<!--roles-->', kinds.map((kind) => ROLE_OPTIONS[kind]).join(''));
}

const SIMULATOR_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compagnon — simulateur</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
  header { background: #1f2937; color: #fff; padding: .6rem 1rem; display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
  header h1 { font-size: 1rem; margin: 0 1rem 0 0; }
  /* A long name in the list of people shrinks its list rather than push the page sideways on a phone. */
  header label { display: flex; align-items: center; gap: .3rem; min-width: 0; max-width: 100%; }
  header select { min-width: 0; max-width: 100%; }
  select, input, button { font: inherit; padding: .35rem .5rem; border-radius: .35rem; border: 1px solid #9ca3af; }
  button { background: #2563eb; color: #fff; border: none; cursor: pointer; }
  button.choice { background: #fff; color: #2563eb; border: 1px solid #2563eb; margin: .2rem .2rem 0 0; }
  main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
  #log { display: flex; flex-direction: column; gap: .5rem; min-height: 50vh; }
  .msg { max-width: 80%; padding: .5rem .7rem; border-radius: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .in { align-self: flex-end; background: #dbeafe; }
  .out { align-self: flex-start; background: #fff; box-shadow: 0 1px 2px #0002; }
  .meta { font-size: .75rem; color: #6b7280; margin-top: .2rem; }
  /* Held at the bottom of the screen, as in a messaging app: Send is in reach however long the chat. */
  form.send { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: 1rem; position: sticky; bottom: 0; padding: .5rem 0; background: #f3f4f6; box-shadow: 0 -6px 6px -6px #0003; }
  form.send input[type=text] { flex: 1; min-width: 0; }
  /* On a phone the file picker takes a line of its own, so that Send stays on screen. */
  form.send input[type=file] { order: 3; flex: 1 1 100%; min-width: 0; }
  details { margin: .5rem 0; }
  .msg .media { display: block; max-width: 100%; border-radius: .4rem; }
</style>
</head>
<body>
<header>
  <h1>Compagnon · simulateur</h1>
  <label>Personne <select id="person"></select></label>
  <details><summary>Nouvelle personne</summary>
    <form id="create">
      <input name="name" placeholder="Nom" required>
      <select name="role"><!--roles--></select>
      <select name="hub" id="hub"><option value="">(sans ville)</option></select>
      <button>Créer</button>
    </form>
  </details>
</header>
<main>
  <div id="log" aria-live="polite"></div>
  <form class="send" id="send">
    <input type="text" id="text" placeholder="Votre message" autocomplete="off">
    <input type="file" id="file" aria-label="Fichier">
    <button>Envoyer</button>
  </form>
</main>
<script src="/simulator/app.js"></script>
</body>
</html>
`;

/** The page's script, served from our own origin so that the page's CSP allows no inline script. */
export const SIMULATOR_SCRIPT = `const $ = (id) => document.getElementById(id);
let person = localStorage.getItem('compagnon-simulator-person') || '';
let shown = '';

async function api(path, options) {
  const response = await fetch(path, { headers: { 'content-type': 'application/json' }, ...options });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) { location.reload(); throw new Error(body.error); }
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function loadPeople() {
  const { people } = await api('/simulator/api/people');
  $('person').innerHTML = '';
  for (const p of people) {
    const option = new Option(p.name + ' (' + p.roles.join(', ') + (p.hub ? ', ' + p.hub : '') + ')', p.id);
    $('person').add(option);
  }
  if (!people.some((p) => p.id === person)) person = people.length ? people[people.length - 1].id : '';
  $('person').value = person;
  shown = '';
  refresh();
}

async function loadHubs() {
  const { hubs } = await api('/simulator/api/hubs');
  for (const h of hubs) $('hub').add(new Option(h.key + ' (' + h.timeZone + ')', h.key));
}

/** A message's time in the page's language, 24-hour; its day only when it is not today. */
function when(date) {
  const language = document.documentElement.lang || undefined;
  const time = date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (date.toDateString() === new Date().toDateString()) return time;
  return date.toLocaleDateString(language, { day: 'numeric', month: 'short' }) + ' ' + time;
}

function render(messages) {
  const log = $('log');
  log.innerHTML = '';
  for (const m of messages) {
    if (m.direction === 'out' && !['sent', 'delivered', 'read'].includes(m.status)) continue;
    const div = document.createElement('div');
    div.className = 'msg ' + m.direction;
    const body = m.message;
    div.textContent = body.text || body.fallbackText || (body.media ? '📎 ' + (body.media.fileName || body.media.kind) : body.label || body.choiceId || '');
    if (m.direction === 'out' && body.kind === 'media') showMedia(div, m.id, body);
    if (m.direction === 'out' && body.kind === 'choices') {
      const row = document.createElement('div');
      for (const c of body.choices) {
        const b = document.createElement('button');
        b.className = 'choice';
        b.textContent = c.label;
        b.onclick = () => send({ choice: { id: c.id, label: c.label } });
        row.append(b);
      }
      div.append(row);
    }
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = when(new Date(m.at));
    div.append(meta);
    log.append(div);
  }
}

/** A file Compagnon sent: a photo in the chat, a voice note or video to play, else a link; its caption under it. */
function showMedia(div, id, body) {
  const src = '/simulator/api/media/' + encodeURIComponent(id) + '?person=' + encodeURIComponent(person);
  const tag = { photo: 'img', voice: 'audio', video: 'video' }[body.media] || 'a';
  const element = document.createElement(tag);
  if (tag === 'a') { element.href = src; element.download = ''; element.textContent = '📎 ' + body.media; }
  else { element.src = src; element.className = 'media'; if (tag === 'img') element.alt = body.caption || body.media; else element.controls = true; }
  div.textContent = '';
  div.append(element);
  if (body.caption) { const caption = document.createElement('div'); caption.textContent = body.caption; div.append(caption); }
}

async function refresh() {
  if (!person) return render([]);
  const { messages, held } = await api('/simulator/api/messages?person=' + encodeURIComponent(person));
  const key = JSON.stringify([messages.map((m) => [m.id, m.status]), held && held.text]);
  if (key !== shown) {
    shown = key;
    render(messages);
    if (held) { const note = document.createElement('p'); note.className = 'meta'; note.textContent = held.text; $('log').append(note); }
    window.scrollTo(0, document.body.scrollHeight);
  }
}

async function send(message) {
  if (!person) return alert('Créez d’abord une personne.');
  await api('/simulator/api/messages', { method: 'POST', body: JSON.stringify({ person, ...message }) }).catch((e) => alert(e.message));
  refresh();
}

$('person').onchange = () => { person = $('person').value; localStorage.setItem('compagnon-simulator-person', person); shown = ''; refresh(); };
$('create').onsubmit = async (e) => {
  e.preventDefault();
  const data = Object.fromEntries(new FormData(e.target));
  if (!data.hub) delete data.hub;
  const created = await api('/simulator/api/people', { method: 'POST', body: JSON.stringify(data) }).catch((err) => alert(err.message));
  if (created) { person = created.id; localStorage.setItem('compagnon-simulator-person', person); e.target.reset(); loadPeople(); }
};
$('send').onsubmit = async (e) => {
  e.preventDefault();
  const file = $('file').files[0];
  if (file) {
    const data = await new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(String(r.result).split(',')[1]); r.readAsDataURL(file); });
    const kind = file.type.startsWith('image/') ? 'photo' : file.type.startsWith('audio/') ? 'voice' : file.type.startsWith('video/') ? 'video' : 'document';
    await send({ media: { kind, mimeType: file.type || 'application/octet-stream', fileName: file.name, data } });
    $('file').value = '';
  }
  const text = $('text').value.trim();
  if (text) { $('text').value = ''; await send({ text }); }
};

loadHubs().catch(() => {});
loadPeople().catch((e) => console.error(e));
setInterval(() => refresh().catch(() => {}), 1000);
`;
