// Partnership suggestions and the partnership workflow (propose, accept, decline), shared by
// the institution and the HR pages. The acting side is the page's side; the server checks that
// the signed-in account speaks for it.
import { t } from './i18n.js';
import { api, currentUser } from './api.js';
import { h, syntheticBadge, unverifiedBadge, errorBox, okBox, factors, scoreText } from './dom.js';

/** canAct reports whether the signed-in user may act for side ("institution" or "enterprise") id. */
export function canAct(side, id) {
  const u = currentUser();
  if (!u) return false;
  return u.role === 'admin' || (u.role === side && u[side + '_id'] === id);
}

/** signInHint tells a visitor which account (role: institution, enterprise, admin) the action needs, with a link to sign in. */
export function signInHint(role) {
  const who = t('role.' + role);
  return h('p', { class: 'hint' }, t('session.needed.role', { who }), ' ',
    currentUser() ? null : h('a', { href: '#/signin?next=' + encodeURIComponent(location.hash) }, t('session.signin')));
}

function partyLink(p) {
  if (!p) return '';
  const href = p.type === 'institution' ? '#/institution/' + encodeURIComponent(p.id) : '#/hr/' + encodeURIComponent(p.id);
  return h('a', { href }, p.name);
}

/**
 * matchCard shows one suggested partner with its score and explanations; side is the side
 * the page speaks for, selfID its id. It offers "propose" when the user may act for that side.
 */
export function matchCard(m, side, selfID, onChange) {
  const other = side === 'institution' ? m.enterprise : m.institution;
  const card = h('article', { class: 'match card', 'data-id': other.id },
    h('div', { class: 'match-head' }, h('h3', {}, partyLink(other)), ' ', syntheticBadge(other.synthetic), ' ', unverifiedBadge(other.verified),
      h('span', { class: 'muted' }, ' · ' + (other.city || '')), h('span', { class: 'score' }, scoreText(m.score))),
    factors(m.factors));
  if (canAct(side, selfID)) {
    const instID = side === 'institution' ? selfID : other.id;
    const entID = side === 'institution' ? other.id : selfID;
    card.append(proposeForm(instID, entID, side, other.name, onChange));
  }
  return card;
}

function proposeForm(instID, entID, side, name, onChange) {
  const id = 'note-' + (side === 'institution' ? entID : instID);
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'propose' },
    h('label', { for: id }, t('partner.note')),
    h('input', { id, name: 'note', maxlength: '500' }),
    h('button', { type: 'submit' }, t('partner.propose')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    try {
      await api('POST', '/api/v1/partnerships', { institution_id: instID, enterprise_id: entID, by: side, note: form.note.value.trim() });
      form.replaceChildren(okBox(t('partner.proposed', { name })));
      if (onChange) onChange();
    } catch (err) {
      status.append(errorBox(err));
    }
  });
  return form;
}

/**
 * partnershipList shows the partnerships of selfID with accept/decline for proposals to it.
 * onChange(notice) reloads the list after a step and shows notice above it.
 */
export function partnershipList(list, side, selfID, onChange) {
  if (!list.length) return h('p', { class: 'muted' }, t('inst.proposals.none'));
  const mayAct = canAct(side, selfID);
  return h('ul', { class: 'partnerships' }, list.map((p) => {
    const otherName = side === 'institution' ? p.enterprise_name : p.institution_name;
    const otherID = side === 'institution' ? p.enterprise_id : p.institution_id;
    const last = (p.history || []).at(-1);
    const status = h('div', { 'aria-live': 'polite' });
    const li = h('li', { class: 'partnership card', 'data-id': p.id, 'data-status': p.status },
      h('div', {}, partyLink({ type: side === 'institution' ? 'enterprise' : 'institution', id: otherID, name: otherName || otherID }), ' ', syntheticBadge(p.synthetic),
        ' ', h('span', { class: 'badge status status-' + p.status }, t('status.' + p.status)),
        p.proposed_by ? h('span', { class: 'muted' }, ' · ' + t('partner.by', { side: t('side.' + p.proposed_by) })) : null),
      last && last.note ? h('p', { class: 'note' }, '“' + last.note + '”' + (last.actor ? ' — ' + last.actor : '')) : null,
      status);
    if (p.status === 'proposed' && p.proposed_by && p.proposed_by !== side) {
      if (mayAct) {
        const act = (action, msgKey) => async () => {
          status.replaceChildren();
          try {
            await api('POST', `/api/v1/partnerships/${encodeURIComponent(p.id)}/${action}`, { by: side });
            const done = okBox(t(msgKey, { name: otherName }));
            if (onChange) await onChange(done); else status.append(done);
          } catch (err) {
            status.append(errorBox(err));
          }
        };
        li.append(h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', 'data-action': 'accept', onclick: act('accept', 'partner.accepted') }, t('partner.accept')),
          h('button', { type: 'button', 'data-action': 'decline', onclick: act('decline', 'partner.declined') }, t('partner.decline'))));
      } else {
        li.append(signInHint(side));
      }
    }
    return li;
  }));
}
