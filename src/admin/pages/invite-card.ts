import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { checkInvite } from '../../domain/invite-check.ts';
import { inviteLinks, inviteQrTargets, type ChatAccounts, type InviteQrTarget } from '../../domain/invite-links.ts';
import { personLanguage } from '../../domain/person-language.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import type { InviteCodeRow } from '../../store/invites/list-invite-codes.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { qrCodeSvg } from '../qr-code-svg.ts';
import type { Viewer } from '../viewer.ts';

/** What a card needs besides the code: the words, the chat accounts, the time. */
export interface InviteCardContext {
  t: AdminTranslate;
  translate: Translate;
  viewer: Viewer;
  defaultLanguage: Language;
  chatAccounts: ChatAccounts;
  now: Date;
}

/** An invite's join texts (one per language: it reaches people not known yet), links and QR targets. */
export function inviteWays(
  code: InviteCodeRow,
  context: Pick<InviteCardContext, 'translate' | 'defaultLanguage' | 'chatAccounts'>,
) {
  const texts = SUPPORTED_LANGUAGES.map((language) => ({
    language,
    text: context.translate(language, 'invite:whatsapp_text', { code: code.code }),
  }));
  // The WhatsApp link carries one text: the programme's language, as the command line does.
  const linkLanguage = personLanguage(
    { locale: null },
    { defaultLocale: code.programmeDefaultLocale },
    context.defaultLanguage,
  );
  const joinText = context.translate(linkLanguage, 'invite:whatsapp_text', { code: code.code });
  const links = inviteLinks(code.code, joinText, context.chatAccounts);
  return { texts, links, qrTargets: inviteQrTargets(links, joinText) };
}

/** One code in the list: state, uses left, expiry, how to join, its QR code, who joined, and Revoke. */
export async function inviteCard(code: InviteCodeRow, context: InviteCardContext): Promise<SafeHtml> {
  const { t, viewer } = context;
  const state = checkInvite(code, context.now);
  const { texts, links, qrTargets } = inviteWays(code, context);
  const [qr] = qrTargets;
  const role = t(`dashboard-invites:role.${code.role}`);
  const hub =
    code.hubName === null
      ? ''
      : ` · ${t('dashboard-invites:card.hub', { hub: localizedText(code.hubName, viewer.language) })}`;
  return html`<li class="invite" id="code-${code.code}">
<div class="invite-text">
<p class="invite-head"><code class="code">${code.code}</code> <span class="state state-${state}">${t(`dashboard-invites:state.${state}`)}</span></p>
<p>${role}${hub} · ${localizedText(code.cohortName, viewer.language)}</p>
<p>${t('dashboard-invites:card.uses_left', { left: Math.max(0, code.maxUses - code.uses), max: code.maxUses })} · ${expiry(code, context)}</p>
<p>${t('dashboard-invites:card.send', {
    texts: texts
      .map(({ language, text }) =>
        t('dashboard-invites:card.text_in', { text, language: t(`dashboard-invites:card.language.${language}`) }),
      )
      .join(t('dashboard-invites:card.or')),
  })}</p>
${links.telegram ? html`<p><a href="${links.telegram}">${t('dashboard-invites:card.telegram')}</a> <small class="muted link">${links.telegram}</small></p>` : ''}
${links.whatsapp ? html`<p><a href="${links.whatsapp}">${t('dashboard-invites:card.whatsapp')}</a> <small class="muted link">${links.whatsapp}</small></p>` : ''}
${joined(code, t)}
${state === 'revoked' ? '' : revokeForm(code, viewer, t)}
</div>
${state === 'ok' && qr ? html`<figure class="invite-qr">${await qrCodeSvg(qr.value, t('dashboard-invites:card.qr_label', { code: code.code }))}<figcaption>${qrCaption(qr, t)}</figcaption></figure>` : ''}
</li>`;
}

export function qrCaption(target: InviteQrTarget, t: AdminTranslate): string {
  return t(`dashboard-invites:card.qr_for.${target.channel}`);
}

/** "Valid until 1 February 2027 at 23:59 (Paris time)": in the programme's zone, as it was chosen. */
function expiry(code: InviteCodeRow, context: InviteCardContext): string {
  if (!code.expiresAt) return context.t('dashboard-invites:card.no_expiry');
  return context.t('dashboard-invites:card.expires', {
    when: formatLocalDateTime(code.expiresAt, code.timeZone, context.viewer.language),
    place: (code.timeZone.split('/').pop() ?? code.timeZone).replaceAll('_', ' '),
  });
}

/** Who joined with the code: participants link to their page; others are named only. */
function joined(code: InviteCodeRow, t: AdminTranslate): SafeHtml {
  if (code.joined.length === 0) return html`<p class="muted">${t('dashboard-invites:card.nobody_joined')}</p>`;
  return html`<p>${t('dashboard-invites:card.joined')} ${code.joined.map((person, index) => {
    const name = person.name ?? t('dashboard-invites:card.no_name');
    return html`${index > 0 ? ', ' : ''}${person.role === 'participant' ? html`<a href="/admin/people/${person.personId}">${name}</a>` : name}`;
  })}</p>`;
}

/** Revoking asks first, without a script: the button is inside a <details> that says what it does. */
function revokeForm(code: InviteCodeRow, viewer: Viewer, t: AdminTranslate): SafeHtml {
  return html`<details class="revoke"><summary>${t('dashboard-invites:revoke.open')}</summary>
<form method="post" action="/admin/invites/${code.id}/revoke">${csrfField(viewer)}
<p>${t('dashboard-invites:revoke.explain', { code: code.code })}</p>
<button type="submit" class="danger">${t('dashboard-invites:revoke.confirm')}</button></form></details>`;
}

/** The list's and print page's own styles. */
export const INVITES_STYLE = raw(`<style>
.invites{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.invite{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem .75rem;display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.5rem;align-items:start}
.invite p{margin:.2rem 0}
.invite .code{font-size:1.15rem;font-weight:600;letter-spacing:.05em}
.invite .link{overflow-wrap:anywhere}
.state{font-size:.8125rem;padding:.05rem .4rem;border-radius:4px;background:#e8ebf0}
.state-ok{background:#dff3e4;color:#17602a}
.state-revoked,.state-expired,.state-used-up{background:#f6e3e1;color:#8a1f17}
figure.invite-qr{margin:0;padding:0;border:0;width:7.5rem;text-align:center;font-size:.75rem}
figure.invite-qr svg.qr{width:7.5rem;height:7.5rem;max-height:none;display:block}
.field label{display:block;font-weight:600}
.invite-form input,.invite-form select,.filters select{min-height:2.75rem;width:100%;max-width:24rem}
.invite-form button,.filters button,.revoke button{min-height:2.75rem}
.revoke summary{min-height:2.75rem;display:flex;align-items:center;cursor:pointer;color:#1f5fbf}
.field small{display:block}
.field-error{display:block;color:#b3261e}
.field.invalid input,.field.invalid select{border:2px solid #b3261e}
button.danger{background:#b3261e;border-color:#b3261e}
@media (max-width:30rem){figure.invite-qr,figure.invite-qr svg.qr{width:6rem;height:auto}}
</style>`);
