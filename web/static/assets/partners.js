// Partnership suggestions and the partnership workflow, shared by the institution and the HR
// pages. The acting side is the page's side; the server checks that the signed-in account
// speaks for it (api/partnerships.go):
//
//	suggested ─propose─> proposed ─accept─> accepted ─activate─> active
//	(none)    ─propose─┘          └decline─> declined
//	proposed ─withdraw─> withdrawn           (the side that proposed)
//	accepted, active ─end─> ended            (either side)
//	declined, withdrawn, ended ─propose─> proposed (again)
//
// The side that did not propose accepts or declines, the side that did may withdraw its
// proposal; either side activates an accepted partnership, ends an accepted or active one
// (with a reason), and proposes a suggested or closed one (again).
import { t, lang, cityName } from './i18n.js';
import { api, get, currentUser } from './api.js';
import { h, syntheticBadge, unverifiedBadge, errorBox, okBox, factors, scoreText, dataText } from './dom.js';
import { instName } from './i18n.js';

// MAX_PARTNERSHIPS bounds the partnerships a page reads of one party (all of them, page
// after page, up to this many).
export const MAX_PARTNERSHIPS = 1000;

/** canAct reports whether the signed-in user may act for side ("institution" or "enterprise") id. */
export function canAct(side, id) {
  const u = currentUser();
  if (!u) return false;
  return u.role === 'admin' || (u.role === side && u[side + '_id'] === id);
}

/**
 * signInHint tells a visitor which account (role: institution, enterprise, admin, candidate)
 * the action needs, with a link to sign in. On the page of one institution or enterprise the
 * action takes an account of that one (not any school's staff): the hint says so, and tells
 * someone signed in for another one that their account is not of this one.
 */
export function signInHint(role) {
  const own = role === 'institution' || role === 'enterprise';
  const u = currentUser();
  return h('p', { class: 'hint sign-in' }, own ? t('session.needed.own.' + role) : t('session.needed.role', { who: t('role.' + role) }),
    own && u ? [' ', t('session.needed.other.' + role)] : null, ' ',
    u ? null : h('a', { href: '#/signin?next=' + encodeURIComponent(location.hash) }, t('session.signin')));
}

function partyLink(p) {
  if (!p) return '';
  const href = p.type === 'institution' ? '#/institution/' + encodeURIComponent(p.id) : '#/hr/' + encodeURIComponent(p.id);
  return h('a', { href }, dataText(partyName(p)));
}

/** partyName is a party's name in the page's language: a school's by instName (name_en). */
function partyName(p) { return p.type === 'institution' ? instName(p.name, p.name_en) : p.name; }

// namesEN caches the English names of institutions (name_en of the API; '' when it has none).
const namesEN = new Map();

/**
 * institutionNamesEN answers, on an English page, a map from the id of each institution of
 * ids to its English name as the API gives it (GET /api/v1/institutions/{id}), for the
 * records that name a school in Chinese only (a partnership, a candidate's studies); on a
 * Chinese page, and for a school it could not read or without one, nothing.
 */
export async function institutionNamesEN(ids) {
  if (lang() !== 'en') return {};
  const want = [...new Set(ids.filter(Boolean))];
  await Promise.all(want.filter((id) => !namesEN.has(id)).map(async (id) => {
    try {
      const x = await get('/api/v1/institutions/' + encodeURIComponent(id));
      namesEN.set(id, x.name_en || '');
    } catch { /* shown by its Chinese name */ }
  }));
  return Object.fromEntries(want.filter((id) => namesEN.get(id)).map((id) => [id, namesEN.get(id)]));
}

/** OPEN are the states of a partnership that cannot be proposed again (the API answers 409). */
const OPEN = ['proposed', 'accepted', 'active'];

/** CLOSED are the states after which a pair is proposed again (「重新提议」, not 「提议合作」). */
const CLOSED = ['declined', 'withdrawn', 'ended'];

/** STATES are the states a partnership's history names, each in its own words (partner.event.*). */
const STATES = ['suggested', 'proposed', 'accepted', 'declined', 'active', 'withdrawn', 'ended'];

/**
 * partnershipsByOther maps the other party's id (the enterprise's on the institution page,
 * the institution's on the HR page) to its partnership with selfID's side, from the list of
 * GET /api/v1/partnerships.
 */
export function partnershipsByOther(list, side) {
  return new Map((list || []).map((p) => [side === 'institution' ? p.enterprise_id : p.institution_id, p]));
}

/**
 * matchCard shows one suggested partner with its score and explanations; side is the side
 * the page speaks for, selfID its id; existing is the pair's partnership, if there is one.
 * A pair with an open partnership shows its status instead of "propose" (which the API would
 * refuse); otherwise the card offers "propose" (again, after a refusal) when the user may act
 * for that side. updateCards draws the status again when the partnerships change.
 */
export function matchCard(m, side, selfID, onChange, existing) {
  const other = side === 'institution' ? m.enterprise : m.institution;
  const otherParty = { ...other, type: side === 'institution' ? 'enterprise' : 'institution' };
  const state = h('div', { class: 'match-state' });
  const card = h('article', { class: 'match card', 'data-id': other.id },
    h('div', { class: 'match-head' }, h('h3', {}, partyLink(otherParty)), ' ', syntheticBadge(other.synthetic), ' ', unverifiedBadge(other.verified),
      other.city ? h('span', { class: 'muted' }, ' · ' + cityName(other.city)) : null, h('span', { class: 'score' }, scoreText(m.score))),
    factors(m.factors), state);
  // notice says that a proposal was made from this card: it stays when the status is drawn again.
  let notice = null;
  let drawn = null;
  const draw = (ex) => {
    // The same status as drawn: the card stays as it is (a note being typed in it too).
    const key = ex ? ex.status + ' ' + (ex.proposed_by || '') : '';
    if (key === drawn) return;
    drawn = key;
    const focused = notice && notice.contains(document.activeElement);
    const parts = [];
    if (ex && ex.status !== 'suggested') {
      parts.push(h('p', { class: 'existing', 'data-status': ex.status }, t('partner.existing'), ' ',
        h('span', { class: 'badge status status-' + ex.status }, t('status.' + ex.status)),
        ex.proposed_by ? h('span', { class: 'muted' }, ' · ' + t('partner.by', { side: t('side.' + ex.proposed_by) })) : null));
    }
    if (notice) {
      parts.push(notice);
    } else if (canAct(side, selfID) && !(ex && OPEN.includes(ex.status))) {
      const instID = side === 'institution' ? selfID : other.id;
      const entID = side === 'institution' ? other.id : selfID;
      const label = ex && CLOSED.includes(ex.status) ? 'partner.repropose' : 'partner.propose';
      parts.push(proposeForm(instID, entID, side, partyName(otherParty), 'note-' + other.id, label, (name) => {
        notice = okBox(t('partner.proposed', { name }));
        card.querySelector('form.propose').replaceChildren(notice);
        focusNotice(notice); // the button pressed is gone
        if (onChange) onChange();
      }));
    }
    state.replaceChildren(...parts);
    if (focused) focusNotice(notice);
  };
  cardDraw.set(card, draw);
  draw(existing);
  return card;
}

// cardDraw maps a card of matchCard to the function that draws its partnership's status.
const cardDraw = new WeakMap();

/**
 * updateCards draws again the partnership status of the suggested partners' cards in box
 * (matchCard) from list, the latest partnerships of the page's party (side): accepting or
 * starting a partnership in the list below changed what a card said.
 */
export function updateCards(box, list, side) {
  const byOther = partnershipsByOther(list, side);
  for (const card of box.querySelectorAll('article.match[data-id]')) {
    const draw = cardDraw.get(card);
    if (draw) draw(byOther.get(card.dataset.id));
  }
}

/** focusNotice moves the focus to a notice on the page (of a step taken by a button now gone). */
function focusNotice(notice) {
  if (!notice.isConnected) return;
  notice.tabIndex = -1;
  notice.focus();
}

/**
 * proposeForm proposes (again) the partnership of instID and entID for side, with an optional
 * note; id is the note field's id, label the button's text key; done(name) runs after it.
 */
function proposeForm(instID, entID, side, name, id, label, done) {
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'propose' },
    h('label', { for: id }, t('partner.note')),
    h('input', { id, name: 'note', maxlength: '500' }),
    h('button', { type: 'submit' }, t(label)), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    try {
      await api('POST', '/api/v1/partnerships', { institution_id: instID, enterprise_id: entID, by: side, note: form.note.value.trim() });
      await done(name);
    } catch (err) {
      status.append(errorBox(err));
    }
  });
  return form;
}

/**
 * partyRecords reads the other party of each partnership (GET /api/v1/institutions/{id} or
 * /api/v1/enterprises/{id}; kind "institution" or "enterprise"): a map from id to its record,
 * for the party's own flags (synthetic, an enterprise's verified) and a school's name_en, a
 * partnership carrying neither (its synthetic is that of either party). Without the parties
 * it could not read: they are shown by their name alone.
 */
export async function partyRecords(kind, ids) {
  const out = {};
  const path = kind === 'institution' ? '/api/v1/institutions/' : '/api/v1/enterprises/';
  await Promise.all([...new Set(ids.filter(Boolean))].map(async (id) => {
    try {
      out[id] = await get(path + encodeURIComponent(id));
    } catch (err) {
      // Deleted (a firm that closed, its partnership ended): the partnership stays with its
      // name and history, and the name links to no page that is gone.
      if (err && err.status === 404) out[id] = { deleted: true };
      /* else shown by its name alone */
    }
  }));
  return out;
}

/** when is a moment of the history, in the current language. */
function when(at) {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}

/** history lists the steps of a partnership, oldest first, with who took them and their notes. */
function history(p) {
  const events = p.history || [];
  if (!events.length) return null;
  // The note of the current proposal is shown above the history (proposalNote), not twice.
  const current = events.filter((e) => e.status === 'proposed').at(-1);
  return h('details', { class: 'history', open: true },
    h('summary', {}, t('partner.history', { n: events.length })),
    h('ol', {}, events.map((e) => {
      const side = e.by ? t('side.' + e.by) : t('partner.side.unknown');
      const what = STATES.includes(e.status)
        ? t('partner.event.' + e.status, { side }) : t('partner.event.other', { side, status: t('status.' + e.status) });
      return h('li', { 'data-status': e.status },
        e.at ? h('time', { datetime: e.at }, when(e.at)) : null, e.at ? ' · ' : null,
        what, e.actor ? t('punct.paren', { v: e.actor }) : null,
        e.note && !(e === current && e.note === p.note) ? t('punct.colon') + '“' + e.note + '”' : null);
    })));
}

/** proposalNote is the note of the proposal, with who wrote it: kept after the answer. */
function proposalNote(p) {
  if (!p.note) return null;
  const proposed = (p.history || []).filter((e) => e.status === 'proposed').at(-1);
  const who = [proposed && proposed.by ? t('side.' + proposed.by) : '', proposed && proposed.actor ? proposed.actor : ''].filter(Boolean).join(' ');
  return h('p', { class: 'note' }, who ? h('span', { class: 'muted' }, t('partner.note.by', { who }) + ' ') : null, '“' + p.note + '”');
}

/**
 * partnershipList shows the partnerships of selfID (side: "institution" or "enterprise") with
 * the steps the user may take: accept or decline a proposal of the other side, withdraw its
 * own, activate an accepted partnership, end an accepted or active one (with a reason),
 * propose a suggested, declined, withdrawn or ended one (again). onChange(notice)
 * reloads the list after a step and shows notice above it. parties maps the other parties'
 * ids to their records (partyRecords): the badges beside a party's name are its own (a real
 * school is no 示例 because its partnership with a synthetic firm is), and a school is named
 * in English too on an English page.
 */
export function partnershipList(list, side, selfID, onChange, parties) {
  if (!list.length) return h('p', { class: 'muted' }, t('inst.proposals.none'));
  const mayAct = canAct(side, selfID);
  const otherSide = side === 'institution' ? 'enterprise' : 'institution';
  return h('ul', { class: 'partnerships' }, list.map((p) => {
    const otherID = side === 'institution' ? p.enterprise_id : p.institution_id;
    // A school by its English name too on an English page: Xidian University (西安电子科技大学).
    const rec = (parties || {})[otherID] || {};
    const other = { type: otherSide, id: otherID, name: (side === 'institution' ? p.enterprise_name : p.institution_name) || otherID, name_en: rec.name_en };
    const otherName = partyName(other);
    const status = h('div', { 'aria-live': 'polite' });
    const li = h('li', { class: 'partnership card', 'data-id': p.id, 'data-status': p.status },
      h('div', {}, rec.deleted ? [dataText(otherName), ' ', h('span', { class: 'badge deleted' }, t('partner.party.deleted'))] : partyLink(other), ' ', syntheticBadge(rec.synthetic),
        side === 'institution' ? [' ', unverifiedBadge(rec.verified)] : null,
        ' ', h('span', { class: 'badge status status-' + p.status }, t('status.' + p.status)),
        p.proposed_by ? h('span', { class: 'muted' }, ' · ' + t('partner.by', { side: t('side.' + p.proposed_by) })) : null),
      proposalNote(p),
      history(p));
    const done = async (msgKey) => {
      const notice = okBox(t(msgKey, { name: otherName }));
      if (onChange) await onChange(notice); else status.append(notice);
      // The button pressed went with the list drawn again: the focus goes to what it did,
      // not back to the top of the page.
      focusNotice(notice);
    };
    const act = (action, msgKey, note) => async () => {
      status.replaceChildren();
      try {
        await api('POST', `/api/v1/partnerships/${encodeURIComponent(p.id)}/${action}`, { by: side, note: note ? note() : '' });
        await done(msgKey);
      } catch (err) {
        status.append(errorBox(err));
      }
    };
    // endForm ends the partnership with an optional reason (a firm that closed, a school that merged).
    const endForm = () => {
      const id = 'end-' + p.id;
      const form = h('form', { class: 'end', 'data-action': 'end' },
        h('label', { for: id }, t('partner.end.reason')),
        h('input', { id, name: 'reason', maxlength: '500' }),
        h('button', { type: 'submit' }, t('partner.end')));
      const end = act('end', 'partner.ended', () => form.reason.value.trim());
      form.addEventListener('submit', (ev) => { ev.preventDefault(); end(); });
      return form;
    };
    let actions = null;
    if (p.status === 'proposed' && p.proposed_by && p.proposed_by !== side) {
      actions = h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-action': 'accept', onclick: act('accept', 'partner.accepted') }, t('partner.accept')),
        h('button', { type: 'button', 'data-action': 'decline', onclick: act('decline', 'partner.declined') }, t('partner.decline')));
    } else if (p.status === 'proposed' && p.proposed_by === side) {
      // A proposal sent by mistake, or no longer meant: the side that made it takes it back.
      li.append(h('p', { class: 'muted' }, t('partner.waiting', { side: t('side.' + otherSide) })));
      actions = h('div', { class: 'actions' },
        h('button', { type: 'button', 'data-action': 'withdraw', onclick: act('withdraw', 'partner.withdrawn') }, t('partner.withdraw')));
    } else if (p.status === 'accepted') {
      actions = h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-action': 'activate', onclick: act('activate', 'partner.activated') }, t('partner.activate')),
        endForm());
    } else if (p.status === 'active') {
      actions = h('div', { class: 'actions' }, endForm());
    } else if (CLOSED.includes(p.status) || p.status === 'suggested') {
      // A party deleted cannot be proposed to (the API answers 404): its name stays, no form.
      if (rec.deleted) return li;
      const again = CLOSED.includes(p.status);
      const instID = side === 'institution' ? selfID : otherID;
      const entID = side === 'institution' ? otherID : selfID;
      actions = proposeForm(instID, entID, side, otherName, 'renote-' + p.id,
        again ? 'partner.repropose' : 'partner.propose', () => done(again ? 'partner.reproposed' : 'partner.proposed'));
      actions.dataset.action = 'propose';
    }
    if (actions) li.append(mayAct ? actions : signInHint(side));
    li.append(status);
    return li;
  }));
}
