import type { FastifyInstance } from 'fastify';
import { checkInvite } from '../../domain/invite-check.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/programme/language.ts';
import { listInviteCodes, type InviteCodeRow } from '../../store/invites/list-invite-codes.ts';
import { assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { qrCodeSvg } from '../qr-code-svg.ts';
import { inviteWays, qrCaption, type InviteCardContext } from './invite-card.ts';
import { MAX_CODES_AT_ONCE } from './invite-form.ts';

/** Codes typed in a link: letters and digits, comma-separated. */
const CODE = /^[A-Z0-9]{4,64}$/;

/**
 * GET /admin/invites/print — one card per active code, to print for a workshop room: a large QR
 * code per configured chat app (each person scans the one of the app they use), the code, the text
 * to send in each language, and the links. `?codes=A,B` prints those codes (a batch just created);
 * `?cohort=<id>` the cohort's active codes, newest first. A4, two cards a row, no navigation on paper.
 */
export function registerInvitePrintPage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { cohort?: string; codes?: string } }>('/admin/invites/print', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const t = adminTranslate(deps, viewer);
    const asked = (request.query.codes ?? '')
      .split(',')
      .map((code) => code.trim().toUpperCase())
      .filter((code) => CODE.test(code))
      .slice(0, MAX_CODES_AT_ONCE);
    const cohortIds = asked.length > 0 ? viewer.cohortIds : [await viewerCohort(deps.db, viewer, request.query.cohort)];
    const now = deps.now();
    const { rows } = await listInviteCodes(deps.db, {
      cohortIds,
      ...(asked.length > 0 ? { codes: asked } : { take: MAX_CODES_AT_ONCE * 5 }),
    });
    const active = rows.filter((code) => checkInvite(code, now) === 'ok').slice(0, MAX_CODES_AT_ONCE);
    const skipped = asked.length > 0 ? asked.length - active.length : 0;
    const context: Omit<InviteCardContext, 'viewer' | 'now'> = {
      t,
      translate: deps.translate,
      defaultLanguage: deps.defaultLanguage,
      chatAccounts: deps.chatAccounts ?? {},
    };
    const cards = await Promise.all(active.map((code) => printCard(code, context, viewer.language)));
    const body = html`${PRINT_STYLE}<div class="no-print"><p class="muted">${t('dashboard-invites:print.intro')}</p>
<p><a href="/admin/invites">${t('dashboard-invites:print.back')}</a></p>
${skipped > 0 ? html`<p class="notice">${t('dashboard-invites:print.skipped', { count: skipped })}</p>` : ''}</div>
${cards.length === 0 ? html`<p class="notice">${t('dashboard-invites:print.empty')}</p>` : html`<ul class="print-cards">${cards}</ul>`}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(viewer, t, { title: t('dashboard-invites:print.title'), body, section: 'invites' }));
  });
}

/** A card for the room: what it is for, the QR codes, the code large, the texts and links. */
async function printCard(
  code: InviteCodeRow,
  context: Omit<InviteCardContext, 'viewer' | 'now'>,
  language: Language,
): Promise<SafeHtml> {
  const { t } = context;
  const { links, qrTargets } = inviteWays(code, context);
  const qrs = await Promise.all(
    qrTargets.map(
      async (target) =>
        html`<figure>${await qrCodeSvg(target.value, t('dashboard-invites:card.qr_label', { code: code.code }))}<figcaption>${qrCaption(target, t)}</figcaption></figure>`,
    ),
  );
  // Both languages whatever the reader's: the card is for people not known yet.
  const sends = SUPPORTED_LANGUAGES.map((cardLanguage) =>
    context.translate(cardLanguage, 'dashboard-invites:print.send', {
      text: context.translate(cardLanguage, 'invite:whatsapp_text', { code: code.code }),
    }),
  );
  return html`<li class="print-card">
<p class="print-cohort">${localizedText(code.cohortName, language)} · ${t(`dashboard-invites:role.${code.role}`)}</p>
<div class="print-qrs">${qrs}</div>
<p class="print-code">${code.code}</p>
${sends.map((send) => html`<p class="print-send">${send}</p>`)}
${[links.telegram, links.whatsapp].filter(Boolean).map((link) => html`<p class="print-link">${link}</p>`)}
</li>`;
}

const PRINT_STYLE = raw(`<style>
.print-cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.75rem}
.print-card{background:#fff;border:1px dashed #5b6573;border-radius:6px;padding:.75rem;text-align:center;break-inside:avoid;page-break-inside:avoid}
.print-card p{margin:.25rem 0}
.print-qrs{display:flex;justify-content:center;gap:.75rem;flex-wrap:wrap}
.print-qrs figure{margin:0;padding:0;border:0;background:none;font-size:.8rem;width:10rem}
.print-qrs svg.qr{width:10rem;height:10rem;max-height:none;display:block}
.print-code{font:700 1.6rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.1em}
.print-send{font-weight:600}
.print-link,.print-cohort{font-size:.75rem;color:#5b6573;overflow-wrap:anywhere}
@page{size:A4;margin:10mm}
@media print{
  body{background:#fff;font-size:11pt}
  header,nav,h1,.skip,.no-print{display:none!important}
  main{max-width:none;padding:0}
  .print-cards{grid-template-columns:1fr 1fr;gap:6mm}
  .print-card{padding:3mm}
  .print-qrs figure{width:36mm}
  .print-qrs svg.qr{width:36mm;height:36mm}
  .print-code{font-size:16pt}
}
</style>`);
