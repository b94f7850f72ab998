// Every selector this adapter uses on Gmail, in one place. Gmail's class names are obfuscated and change
// with its layouts: when one moves, change it here and add the saved page to tests/fixtures/gmail/.
// Each constant says what it finds and since which layout; old and new layouts sit side by side.

// ── Page and views ─────────────────────────────────────────────────────────────────────────────

/** The main view (list or thread). Gmail keeps one per view and hides the others with inline display:none. Every layout. */
export const MAIN_VIEW = '[role=main]';

/** Thread container since the late-2023 layout (the "a98" column inside the thread view). */
export const THREAD_CONTAINER = '[role=main] .g.id .a98.iY';

/**
 * Thread container before late 2023: a presentation table whose first cell holds the thread.
 * Gmail builds it with DOM calls (no tbody); a saved page parsed as HTML gains a tbody, so both are listed.
 * Can go when no account shows the old layout.
 */
export const LEGACY_THREAD_CONTAINER = '[role=main] .g.id table.Bs > tbody > tr > td, [role=main] .g.id table.Bs > tr > td';

/** Split-pane (vertical or horizontal) preview: the thread sits in this pane next to the list. Since the 2019 split-pane option. */
export const PREVIEW_PANE = '[role=main] .aia';

/** A thread heading carrying a thread id, found by attribute only: tells "a thread is shown" even if the classes around it changed. Every layout. */
export const THREAD_HEADING_BY_ID = '[role=main] h2[data-legacy-thread-id]';

// ── Thread header ──────────────────────────────────────────────────────────────────────────────

/** The subject heading inside a thread container; carries the thread ids below. Both layouts. */
export const SUBJECT = '.ha h2.hP';

/** Emoji Gmail renders as images inside a subject or body; the character is in data-emoji (or alt). Since 2017. */
export const EMOJI_IMAGE = 'img[data-emoji]';

/** Attribute on an emoji image: the emoji character; alt holds it too. */
export const ATTR_EMOJI = 'data-emoji';

/** Attribute on the subject: the legacy thread id (hex), the one Gmail's URLs and the rest of this product use. */
export const ATTR_LEGACY_THREAD_ID = 'data-legacy-thread-id';

/** Attribute on the subject: the permanent thread id, "thread-f:<decimal>". Since 2018. */
export const ATTR_THREAD_PERM_ID = 'data-thread-perm-id';

// ── Messages ───────────────────────────────────────────────────────────────────────────────────

/** The list that holds one item per message (or per "N older messages" group). Both layouts. */
export const MESSAGE_LIST = '.nH.if[role=list]';

/** A direct child item of the message list; its class gives the state below. Both layouts. */
export const MESSAGE_LIST_ITEM = '[role=listitem]';

/** List item state: an expanded message. Both layouts. */
export const ITEM_EXPANDED = '.h7';

/** List item state: a collapsed message (header and one-line snippet). Both layouts. */
export const ITEM_COLLAPSED = '.kv';

/** List item state: hidden; a "N older messages" group is such an item with no message inside. Both layouts. */
export const ITEM_HIDDEN = '.kQ';

/** The message element itself: expanded (.adn) or collapsed (.adf). Both layouts. */
export const MESSAGE = '.adn.ads, .adf.ads';

/** The message element when expanded, used when the item class is missing. Both layouts. */
export const MESSAGE_EXPANDED = '.adn.ads';

/** Attribute on the message: "#msg-f:<decimal>". Since 2018. */
export const ATTR_MESSAGE_ID = 'data-message-id';

/** Attribute on the message: the legacy message id (hex); absent on a reply that was just sent. */
export const ATTR_LEGACY_MESSAGE_ID = 'data-legacy-message-id';

/** The sender, with its address in the email attribute and display name in name. Both layouts. */
export const SENDER = 'span.gD[email]';

/** Attribute on a sender or recipient: the address. Every layout. */
export const ATTR_PERSON_EMAIL = 'email';

/** Attribute on a sender or recipient: the display name. Every layout. */
export const ATTR_PERSON_NAME = 'name';

/** Recipients shown under the sender of an expanded message. Both layouts. */
export const RECIPIENT = '.hb span.g2[email]';

/** The date element; its title holds the full date ("Tue, Mar 5, 2024, 9:17 AM") in the account's zone. Both layouts. */
export const DATE = '.gK .g3[title]';

/** Attribute on the date element holding the full date. Every layout. */
export const ATTR_FULL_DATE = 'title';

/** The one-line preview of a collapsed message. Both layouts. */
export const SNIPPET = '.iA.g6';

/** The body of an expanded message. Both layouts. */
export const BODY = 'div.ii.gt > div.a3s.aiL';

/** Quoted history inside a body, also the forwarded-message block. Set by Gmail's composer, every layout. */
export const QUOTED_HISTORY = '.gmail_quote';

/** The sender's signature inside a body. Set by Gmail's composer, every layout. */
export const SIGNATURE = '.gmail_signature';

/** The "-- " line Gmail puts before a signature. */
export const SIGNATURE_PREFIX = '.gmail_signature_prefix';

/** Trimmed content: the "…" expander (.yj6qo) and the elided parts behind it (.adL). Both layouts. */
export const ELIDED = '.yj6qo, .adL';

// ── Replying ───────────────────────────────────────────────────────────────────────────────────

/** "Reply" link under the last message. Both layouts. */
export const REPLY_LINK = '.amn .ams.bkH';

/** "Reply all" link under the last message. Both layouts. */
export const REPLY_ALL_LINK = '.amn .ams.bkI';

/** The per-message Reply button in an expanded message's header. Both layouts. */
export const MESSAGE_REPLY_BUTTON = 'div[role=button].aaq';

/** A compose form: inline reply (inside .ip.adB) or a pop-out/new message window. Every layout. */
export const COMPOSE = '.M9';

/** An inline reply open inside the thread. Both layouts. */
export const INLINE_REPLY = '.ip.adB .M9';

/** The rich-text editor of a compose form. Every layout. */
export const COMPOSE_EDITOR = 'div.Am.Al.editable[contenteditable=true][g_editable=true][role=textbox]';

/** Gmail's Send button in a compose form. This adapter only listens to it, never clicks or focuses it. */
export const SEND_BUTTON = 'div[role=button].T-I.aoO.v7.T-I-atl';

/** The "Discard draft" button of a compose form. Listened to only. */
export const DISCARD_BUTTON = '.M9 .og[role=button]';
