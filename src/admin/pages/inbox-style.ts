import { raw } from '../html.ts';

/**
 * What the inbox and a conversation add to the layout's stylesheet: cards rather than a table
 * (a phone is the usual screen), targets a thumb can hit (44 px), the exchange as speech bubbles
 * with the reply box under it. Inline, like the layout's: nothing is fetched.
 */
export const INBOX_STYLE = raw(`<style>
.inbox-filters{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem;padding:0;list-style:none;background:none}
.inbox-filters a{display:inline-flex;align-items:center;min-height:44px;padding:0 .9rem;border:1px solid #1f5fbf;border-radius:22px;background:#fff;text-decoration:none}
.inbox-filters a[aria-current=page]{background:#1f5fbf;color:#fff;text-decoration:none}
.reply-form h2{margin-top:0}
.inbox-select{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:0 0 1rem}
.inbox-select label{display:flex;flex-direction:column;font-size:.875rem;min-width:0;flex:1 1 9rem}
.inbox-select select,.inbox-select button,.inbox button,.reply-form button,.conversation-actions button,.conversation-actions select{min-height:44px}
.inbox{list-style:none;margin:0;padding:0}
.inbox li{margin:0 0 .5rem}
.inbox a.item{display:block;min-height:44px;padding:.6rem .75rem;background:#fff;border:1px solid #dde1e7;border-radius:8px;color:inherit;text-decoration:none;overflow-wrap:anywhere}
.inbox a.item:hover,.inbox a.item:focus{border-color:#1f5fbf}
.inbox .person-name{font-weight:600;color:#1f5fbf}
.inbox .line{display:block;font-size:.9375rem}
.pill{display:inline-block;padding:0 .45rem;border-radius:4px;font-size:.85em;background:#e5e7eb}
.pill-open{background:#ffedd5}
.pill-waiting{background:#dbeafe}
.pill-closed{background:#e5e7eb}
.conversation-facts{list-style:none;margin:0 0 1rem;padding:0}
.conversation-facts li{margin:.15rem 0}
.exchange{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-direction:column;gap:.5rem}
.exchange li{max-width:85%;padding:.5rem .75rem;border-radius:10px;background:#fff;border:1px solid #dde1e7;overflow-wrap:anywhere}
.exchange li.from-team{align-self:flex-end;background:#e3edfb;border-color:#c4d6f2}
.exchange .meta{display:block;font-size:.8125rem;color:#5b6573}
.exchange .words{white-space:pre-wrap;margin:.25rem 0 0}
.exchange img{display:block;max-width:100%;max-height:18rem;margin:.25rem 0}
.exchange audio{display:block;width:100%;max-width:18rem;margin:.25rem 0}
.exchange video{display:block;max-width:100%;margin:.25rem 0}
.exchange a.file{display:inline-flex;align-items:center;min-height:44px}
.reply-form{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:.75rem}
.reply-form label{display:block;font-weight:600;margin:0 0 .25rem}
.reply-form textarea{display:block;width:100%;min-height:6rem}
.reply-form input[type=file]{display:block;width:100%;min-height:44px;margin:.25rem 0 .75rem;font-size:.875rem}
.reply-form .file-label{font-weight:normal;font-size:.875rem;margin-top:.75rem}
.conversation-actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:1rem 0}
.conversation-actions form{margin:0}
.conversation-actions label{display:flex;flex-direction:column;font-size:.875rem;max-width:100%}
.conversation-actions select{max-width:100%}
.write-link{display:inline-flex;align-items:center;min-height:44px;text-decoration:none}
</style>`);
