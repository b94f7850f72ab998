// Every selector this adapter uses on Gmail, in one place. Gmail's class names are obfuscated, change with its
// layouts and are being A/B-renamed with hash suffixes (2026: "Ht" becomes "Ht-<hash>"), so roles and attributes
// come first and the classes are the second choice. When one moves, change it here and add the saved page to
// tests/fixtures/gmail/. Old and new layouts sit side by side.
//
// Each comment says what a selector finds and when a public source last confirmed it:
//   InboxSDK  = InboxSDK/InboxSDK at its 2026-07-23 head (v2.2.18), src/platform-implementation-js/dom-driver/gmail/
//   FlowCrypt = FlowCrypt/flowcrypt-browser at its 2026-08-17 head, content_scripts/webmail/gmail/gmail-element-replacer.ts
//   gmail.js  = KartikTalwar/gmail.js at its 2026-03-25 head, src/gmail.js
// "Fixtures" means the saved pages in tests/fixtures/gmail (their README lists what changed in 2025–2026).

// ── Page and views ─────────────────────────────────────────────────────────────────────────────

/** The main view (list or thread). Gmail keeps one per visited view and hides the others with inline display:none. Every layout; fixtures. */
export const MAIN_VIEW = '[role=main]';

/**
 * A thread heading, found by its id attributes alone: says "a thread is shown" whatever the classes around it.
 * Every layout since 2018. Confirmed 2026-07 by InboxSDK (gmail-thread-view.ts: [data-legacy-thread-id]) and
 * 2026-03 by gmail.js (h2[data-legacy-thread-id], [data-thread-perm-id]). The legacy id can be painted after the
 * thread renders (2026), so the perm id alone also marks a heading.
 */
export const THREAD_HEADING_BY_ID = 'h2[data-legacy-thread-id], h2[data-thread-perm-id]';

/** The subject heading by class, second choice when neither id attribute is on it. Every layout; fixtures; InboxSDK 2026-07 (h2.hP). */
export const SUBJECT = '.ha h2.hP';

/**
 * Thread container since the late-2023 layout (the "a98" column), full view and split-pane preview alike; in the
 * 2026 preview it sits under .aia > .ao9 with no .g.id around it. InboxSDK 2026-07 (gmail-thread-view.ts: '.a98.iY',
 * dated 2023-11-16).
 */
export const THREAD_CONTAINER = '.a98.iY';

/**
 * Thread container before late 2023: a presentation table whose first cell holds the thread.
 * Gmail builds it with DOM calls (no tbody); a saved page parsed as HTML gains a tbody, so both are listed.
 * Can go when no account shows the old layout. Fixtures (thread-legacy-tablebs-*); InboxSDK 2026-07 still handles it.
 */
export const LEGACY_THREAD_CONTAINER = 'table.Bs > tbody > tr > td, table.Bs > tr > td';

/** Split-pane (vertical or horizontal) preview: the thread sits in this pane next to the list. Since 2019; fixtures, both generations. */
export const PREVIEW_PANE = '.aia';

/** Emoji Gmail renders as images inside a subject or body; the character is in data-emoji (or alt). Since 2017. */
export const EMOJI_IMAGE = 'img[data-emoji]';

/** Attribute on an emoji image: the emoji character; alt holds it too. */
export const ATTR_EMOJI = 'data-emoji';

/** Attribute on the thread heading: the legacy thread id (hex), the one Gmail's URLs and this product use. InboxSDK 2026-07. */
export const ATTR_LEGACY_THREAD_ID = 'data-legacy-thread-id';

/** Attribute on the thread heading: "thread-f:<decimal>"; since Nov 2025 it can be the string "undefined" (InboxSDK 2026-07). */
export const ATTR_THREAD_PERM_ID = 'data-thread-perm-id';

// ── Messages ───────────────────────────────────────────────────────────────────────────────────

/**
 * The list holding one item per message (or per "N older messages" group), by role. Before 2025 it was
 * .nH.if[role=list]; since then .if is gone from it (it wraps the thread instead). InboxSDK 2026-07
 * (gmail-thread-view.ts looks the list up by [role=list]); fixtures, both generations.
 */
export const MESSAGE_LIST = '[role=list]';

/** The message list by its place, second choice when the role is missing: the child of .aHU > .hx. Fixtures, both generations. */
export const MESSAGE_LIST_BY_CLASS = '.aHU > .hx > div';

/** A direct child item of the message list, by role. Fixtures, both generations. */
export const MESSAGE_LIST_ITEM = '[role=listitem]';

/** A message list item by its state class, second choice when the role is missing. InboxSDK 2026-07 (gmail-message-view.ts). */
export const MESSAGE_LIST_ITEM_BY_CLASS = '.h7, .kv, .kQ, .kx';

/** List item state: an expanded message. InboxSDK 2026-07. */
export const ITEM_EXPANDED = '.h7';

/** List item state: a collapsed message (header and one-line snippet). InboxSDK 2026-07. */
export const ITEM_COLLAPSED = '.kv';

/** List item state: hidden (.kQ; .kx as well since 2025); a "N older messages" group is such an item with no message inside. InboxSDK 2026-07 (getViewState). */
export const ITEM_HIDDEN = '.kQ, .kx';

/** Attribute on a list item and its message: "true" when expanded, "false" when collapsed. Fixtures, both generations. */
export const ATTR_EXPANDED = 'aria-expanded';

/** The message element by its id attribute, first choice. InboxSDK 2026-07 ([data-message-id]); gmail.js 2026-03 (.adn[data-message-id]). */
export const MESSAGE_BY_ID = '[data-message-id]';

/** The message element by class: expanded (.adn) or collapsed (.adf). gmail.js 2026-03 (div.adn.ads); fixtures. */
export const MESSAGE = '.adn.ads, .adf.ads';

/** The message element when expanded, used when neither the item class nor aria-expanded tells. gmail.js 2026-03. */
export const MESSAGE_EXPANDED = '.adn.ads';

/** Attribute on the message: "#msg-f:<decimal>". Since 2018; InboxSDK 2026-07. */
export const ATTR_MESSAGE_ID = 'data-message-id';

/** Attribute on the message: the legacy message id (hex); absent on a reply that was just sent. gmail.js 2026-03. */
export const ATTR_LEGACY_MESSAGE_ID = 'data-legacy-message-id';

/** The sender by structure: the only person chip in the message header's h3. Fixtures, both generations. */
export const SENDER_IN_HEADER = 'h3 span[email]';

/** The sender by class, second choice. InboxSDK 2026-07 ('td.gF span[email]'); fixtures (span.gD). */
export const SENDER = 'span.gD[email]';

/** Attribute on a sender or recipient: the address. Every layout. */
export const ATTR_PERSON_EMAIL = 'email';

/** Attribute on a sender or recipient: the display name. Every layout. */
export const ATTR_PERSON_NAME = 'name';

/** Recipients shown under the sender of an expanded message. InboxSDK 2026-07 ('.hb span[email]'). */
export const RECIPIENT = '.hb span[email]';

/** The date element; its title holds the full date ("Tue, Mar 5, 2024, 9:17 AM") in the account's zone. InboxSDK 2026-07 ('.ads .gK .g3'). */
export const DATE = '.gK .g3[title]';

/** Attribute on the date element holding the full date. Every layout. */
export const ATTR_FULL_DATE = 'title';

/** The one-line preview of a collapsed message. Fixtures, both generations. */
export const SNIPPET = '.iA.g6';

/** The body of an expanded message. gmail.js 2026-03 ('.ii.gt .a3s'); fixtures, both generations. */
export const BODY = 'div.ii.gt > div.a3s.aiL';

/** The wrapper around a body, second choice when the body's own classes moved: its first element is the body. InboxSDK 2026-07 ('div.ii.gt'). */
export const BODY_WRAPPER = 'div.ii.gt';

/** Quoted history inside a body, also the forwarded-message block. Set by Gmail's composer, every layout. */
export const QUOTED_HISTORY = '.gmail_quote';

/** The sender's signature inside a body. Set by Gmail's composer, every layout. */
export const SIGNATURE = '.gmail_signature';

/** The "-- " line Gmail puts before a signature. */
export const SIGNATURE_PREFIX = '.gmail_signature_prefix';

/** Trimmed content: the "…" expander (.yj6qo) and the elided parts behind it (.adL). Fixtures, both generations. */
export const ELIDED = '.yj6qo, .adL';

/** A file attached to an open message, in the strip under its body. gmail.js (its attachments: 'span.aZo'); fixtures, both generations. */
export const ATTACHMENT = 'span.aZo';

/** On an attachment: "mime:file name:address". gmail.js and InboxSDK read the name from it. */
export const ATTR_ATTACHMENT_DOWNLOAD = 'download_url';

/** An attachment's file name as shown, second choice when download_url is absent. Fixtures, both generations. */
export const ATTACHMENT_NAME = '.aV3';

// ── Replying ───────────────────────────────────────────────────────────────────────────────────

/**
 * The Reply / Reply all / Forward bar under the last message. Since 2025 it can appear more than once (A/B
 * copies), some inside a hidden table: use the visible one outside any table. InboxSDK 2026-07
 * (#findBottomReplyToolbarElement, 2025-11-17); fixtures (thread-2026-layout-damaged, split-pane-preview-2026).
 */
export const REPLY_BAR = '.amn';

/** Any table: Gmail keeps the hidden A/B copies of the reply bar inside one (InboxSDK 2026-07 skips any bar with a table around it). */
export const TABLE = 'table';

/** "Reply" link in the reply bar. Every layout; fixtures. */
export const REPLY_LINK = '.ams.bkH';

/** "Reply all" link in the reply bar. Every layout; fixtures. */
export const REPLY_ALL_LINK = '.ams.bkI';

/** The per-message Reply button by its label (not "Reply all"), first choice. Fixtures, both generations (aria-label="Reply"). */
export const MESSAGE_REPLY_BY_LABEL =
  'button[aria-label^="Reply"]:not([aria-label^="Reply all"]), [role=button][aria-label^="Reply"]:not([aria-label^="Reply all"])';

/** The per-message Reply button by class: button.DILLkc since 2025 (FlowCrypt 2026-08), div[role=button].aaq before (gmail.js 2026-03). */
export const MESSAGE_REPLY_BUTTON = 'button.DILLkc, div[role=button].aaq';

/** A compose form: inline reply or a pop-out/new message window. gmail.js 2026-03 (div.M9); fixtures. */
export const COMPOSE = '.M9';

/** The hidden input every compose form carries; marks a compose when its classes moved. Fixtures, both generations. */
export const COMPOSE_ID_INPUT = 'input[name=composeid]';

/** An inline reply open inside the thread. InboxSDK 2026-07 (gmail-message-view.ts: '.ip' with 'adB'); fixtures. */
export const INLINE_REPLY = '.ip.adB';

/** The rich-text editor of a compose form, by attributes: first choice. Fixtures, both generations. */
export const COMPOSE_EDITOR = '[g_editable=true][contenteditable=true][role=textbox]';

/** The editor by class, second choice. Fixtures (div.Am.Al.editable). */
export const COMPOSE_EDITOR_BY_CLASS = 'div.Am.Al.editable[contenteditable=true]';

/** Gmail's Send button by its label ("Send ‪(Ctrl-Enter)‬", and "Send + Archive"). Listened to only, never clicked or focused. Fixtures. */
export const SEND_BUTTON_BY_LABEL = '[role=button][aria-label^="Send"], [role=button][data-tooltip^="Send"]';

/** Send (and Send + Archive) by place and class: not the menu arrow. InboxSDK 2026-07 (getSendButton: '.IZ .Up div > div[role=button]'). */
export const SEND_BUTTON = '.IZ .Up div > div[role=button]:not([aria-haspopup=true]), div[role=button].T-I.aoO';

/** Send + Archive, beside Send in replies when the setting is on. InboxSDK 2026-07 (getSendAndArchiveButton: '[role=button].Uo'). */
export const SEND_AND_ARCHIVE_BUTTON = '[role=button].Uo';

/** The arrow beside Send that opens "More send options" (Schedule send). InboxSDK 2026-07 (getMoreSendOptionsButton '.hG'; '[aria-haspopup=true]' in .Up). */
export const MORE_SEND_OPTIONS = '.hG, .IZ .Up [role=button][aria-haspopup=true]';

/** The "Schedule send" item of that menu. InboxSDK 2026-07 (getScheduleSendButton: '[selector="scheduledSend"]'). */
export const SCHEDULE_SEND_ITEM = '[selector=scheduledSend]';

/** "Discard draft" by its label: first choice. Fixtures, both generations ("Discard draft ‪(Ctrl-Shift-D)‬"). Listened to only. */
export const DISCARD_BUTTON_BY_LABEL = '[role=button][aria-label^="Discard draft"]';

/**
 * "Discard draft" by class: div.oh[role=button] around the .og icon since 2025 (InboxSDK 2026-07 getDiscardButton
 * '.gU .oh'; FlowCrypt 2026-08 '.oh.J-Z-I.J-J5-Ji.T-I-ax7'), .og[role=button] itself before (fixtures).
 */
export const DISCARD_BUTTON = '.gU .oh[role=button], .M9 .og[role=button]';

// ── Gmail's own right-hand panels and compose windows (docking) ───────────────────────────────

/** Gmail's top bar (search, Ask Gemini, apps, account): the panel starts below it. Every layout; fixtures. */
export const TOP_BAR = 'header[role=banner]';

/** The signed-in account's button in the top bar; its label is "Google Account: Name (email)" in the UI language. Fixtures. */
export const ACCOUNT_BUTTON = 'header[role=banner] a[role=button][aria-label]';

/** The right-hand column holding Gmail's side panel (Gemini, Calendar, Keep, Tasks) and its icon rail. InboxSDK 2026-07 (COMPANION_SIDEBAR_COLUMN). */
export const SIDE_PANEL_COLUMN = 'div.aUx';

/**
 * The side panel's wrapper (hidden with display:none when nothing is open) and the icon rail, found on their
 * own when the column's class moved. InboxSDK 2026-07: .WN9Ejb since 2024-11-07 (.bq9 before), content .brC-brG,
 * rail .brC-aT5-aOt-Jw (role=complementary, aria-label "Side panel").
 */
export const SIDE_PANEL_PARTS = '.WN9Ejb, .bq9, .brC-brG, .brC-aT5-aOt-Jw, [role=complementary][aria-label="Side panel"]';

/** The strip compose windows ("moles") sit in at the bottom; Gmail creates it with the first compose. InboxSDK 2026-07 (MOLE_CONTAINER_SELECTOR). */
export const MOLE_STRIP = 'div.dw';

/**
 * The strip's flex spacers; the last one keeps moles clear of the right-hand column. Gmail sizes it only for its
 * own side panels (companion width + a 66 px rail inset). InboxSDK 2026-07 (sync-mole-spacer-with-right-column.ts).
 */
export const MOLE_SPACER = 'div.dw > .jAmAWb';
