// The institution page: its programs, suggested enterprise partners with their explanations,
// the skill gaps of its region with new-major suggestions, and incoming partnership proposals.
import { t, pick, cityName, regionName, levelName, authorityName, programsFound, majorName } from './i18n.js';
import { get, getAll, currentUser } from './api.js';
import { h, syntheticBadge, errorBox, loading, replace, dataText } from './dom.js';
import { loadPrograms } from './programs.js';
import { recordForm, aboutBox } from './record.js';
import { directory, finderHits, finderOut } from './directory.js';
import { instName } from './i18n.js';
import { matchCard, partnershipList, partnershipsByOther, updateCards, signInHint, canAct, partyRecords, MAX_PARTNERSHIPS } from './partners.js';

/**
 * renderInstitution draws #/institution (a finder, or without words the signed-in staff's
 * institution) or #/institution/{id}.
 */
export async function renderInstitution(view, r, ctx) {
  const u = currentUser();
  // The menu's 院校 takes staff to their own school; a search (#/institution?q=长安大学) is theirs too.
  if (!r.arg && !r.params.get('q') && u && u.role === 'institution' && u.institution_id) {
    location.replace('#/institution/' + encodeURIComponent(u.institution_id));
    return;
  }
  if (!r.arg) return finder(view, r, ctx);
  const id = r.arg;
  const inst = await get('/api/v1/institutions/' + encodeURIComponent(id));
  if (!ctx.isCurrent()) return;
  // A training institution offers courses to trainees, not majors to graduates; the skill
  // gaps' new majors are for universities (the match package speaks of it so too).
  const training = inst.type === 'training';
  view.append(h('h1', {}, dataText(instName(inst.name, inst.name_en)), ' ', syntheticBadge(inst.synthetic)),
    h('p', { class: 'lead' }, [training ? t('inst.type.training') : '', levelName(inst.level), authorityName(inst.authority), cityName(inst.city), regionName(inst.region)].filter(Boolean).join(' · ')));

  const progBox = h('section', { class: 'programs', 'aria-labelledby': 'programs-h' }, loading('programs-h'));
  const partnersBox = h('section', { class: 'partners', 'aria-labelledby': 'partners-h' }, h('h2', { id: 'partners-h' }, t('inst.partners')), loading());
  const proposalsBox = h('section', { class: 'proposals', 'aria-labelledby': 'proposals-h' }, h('h2', { id: 'proposals-h' }, t('inst.proposals')), loading());
  const gapsBox = h('section', { class: 'gaps', 'aria-labelledby': 'gaps-h' }, loading('gaps-h'));
  view.append(h('div', { class: 'two-col wide' }, h('div', {}, partnersBox), h('div', {}, proposalsBox, gapsBox)), progBox);
  const about = aboutBox(inst);
  view.insertBefore(about, view.querySelector('.two-col'));
  if (!canAct('institution', id)) partnersBox.append(signInHint('institution'));
  else view.insertBefore(recordForm('institution', inst, about.update), view.querySelector('.two-col'));

  // partnerships is the latest list of the institution's partnerships (a promise; [] when it
  // could not be read), which the suggested partners' cards show the status of.
  let partnerships = Promise.resolve([]);
  const loadProposals = (notice) => (partnerships = (async () => {
    try {
      const list = (await getAll('/api/v1/partnerships', { institution_id: id }, MAX_PARTNERSHIPS)).data;
      // The other party is an enterprise: marked 示例 and 未核验 as the API says it is.
      const parties = await partyRecords('enterprise', list.map((p) => p.enterprise_id));
      if (ctx.isCurrent()) {
        proposalsBox.replaceChildren(h('h2', { id: 'proposals-h' }, t('inst.proposals')), notice || '', partnershipList(list, 'institution', id, loadProposals, parties));
        // The suggested partners' cards show the status anew (a proposal accepted here).
        updateCards(partnersBox, list, 'institution');
      }
      return list;
    } catch (err) {
      proposalsBox.replaceChildren(h('h2', { id: 'proposals-h' }, t('inst.proposals')), errorBox(err));
      return [];
    }
  })());

  // The programs, also for the gaps: a major suggested that the institution offers already.
  // A program added or removed here changes the partners suggested (a school with none was
  // told so until a reload) and the majors it offers among the gaps: both are drawn again,
  // with the boxes' 仅计真实数据 as they are.
  const realOnly = (box) => !!(box.querySelector('input[type=checkbox][id$=-real]') || {}).checked;
  const cityOnly = (box) => !!(box.querySelector('#gaps-city') || {}).checked;
  const programs = loadPrograms(progBox, inst, canAct('institution', id), null, '', (next) => {
    if (!ctx.isCurrent()) return;
    loadPartners(partnersBox, id, realOnly(partnersBox), loadProposals, false, () => partnerships);
    loadGaps(gapsBox, inst, id, { realOnly: realOnly(gapsBox), cityOnly: cityOnly(gapsBox) }, null, next);
  });
  await Promise.all([
    programs,
    loadProposals(),
    loadPartners(partnersBox, id, r.params.get('partners_real') === '1', loadProposals, false, () => partnerships),
    loadGaps(gapsBox, inst, id, { realOnly: r.params.get('gaps_real') === '1', cityOnly: r.params.get('gaps_city') === '1' }, null, programs),
  ]);
}

/**
 * loadPartners draws the enterprises suggested as partners. Most enterprises of the default
 * data set are synthetic, so a box offers the firms of real data only; refocus puts the focus
 * back on the box after it was used; partnerships() answers (a promise of) the institution's
 * partnerships, whose status the cards of those enterprises show.
 */
async function loadPartners(box, id, realOnly, onChange, refocus, partnerships) {
  const hint = box.querySelector('.sign-in');
  try {
    // An enterprise the institution already has a partnership with shows its status.
    const [ms, list] = await Promise.all([get('/api/v1/institutions/' + encodeURIComponent(id) + '/partners', { limit: 5, real_only: realOnly ? 'true' : null }), partnerships()]);
    const existing = partnershipsByOther(list, 'institution');
    const toggle = h('input', { type: 'checkbox', id: 'partners-real', checked: realOnly ? true : null, 'aria-describedby': 'partners-real-hint' });
    toggle.addEventListener('change', () => { toggle.disabled = true; keepInAddress('partners_real', toggle.checked); loadPartners(box, id, toggle.checked, onChange, true, partnerships); });
    const synthetic = (ms.data || []).some((m) => m.enterprise && m.enterprise.synthetic);
    // (replace, not replaceChildren: a part left out is null, which replaceChildren would show as "null".)
    replace(box, h('h2', { id: 'partners-h' }, t('inst.partners')), hint,
      synthetic || realOnly ? h('div', { class: 'radio' }, toggle, h('label', { for: 'partners-real' }, t('real_only')),
        h('p', { class: 'hint', id: 'partners-real-hint' }, t('inst.partners.real.hint'))) : null,
      ...(ms.data && ms.data.length ? ms.data.map((m) => matchCard(m, 'institution', id, onChange, existing.get(m.enterprise.id))) : [h('p', { class: 'muted' }, pick(ms.zh, ms.en) || t('match.none'))]));
    if (refocus) document.getElementById('partners-real').focus();
  } catch (err) { box.append(errorBox(err)); }
}

/**
 * loadGaps draws the skill gaps of the institution's region (else its city), or of its city
 * alone (opts.cityOnly: a 宝鸡 dean saw only 关中's gaps, where the schools of 西安 are best
 * placed, never 宝鸡's, where his own is); opts.realOnly leaves synthetic data out. refocus
 * names the box's control to give the focus back to after it was used. The default
 * data set's job needs are mostly synthetic, so a box offers the gaps of real data only;
 * refocus puts the focus back on the box after it was used; programs is (a promise of) the
 * institution's programs.
 */
async function loadGaps(box, inst, id, opts, refocus, programs) {
  const { realOnly } = opts;
  const cityOnly = opts.cityOnly && inst.region && inst.city;
  const scope = inst.region && !cityOnly ? { region: inst.region } : { city: inst.city };
  try {
    const g = await get('/api/v1/insights/gaps', { ...scope, limit: 5, real_only: realOnly ? 'true' : null });
    const toggle = h('input', { type: 'checkbox', id: 'gaps-real', checked: realOnly ? true : null, 'aria-describedby': 'gaps-real-hint' });
    toggle.addEventListener('change', () => { toggle.disabled = true; keepInAddress('gaps_real', toggle.checked); loadGaps(box, inst, id, { ...opts, realOnly: toggle.checked }, 'gaps-real', programs); });
    const cityBox = inst.region && inst.city ? h('input', { type: 'checkbox', id: 'gaps-city', checked: cityOnly ? true : null }) : null;
    if (cityBox) cityBox.addEventListener('change', () => { cityBox.disabled = true; keepInAddress('gaps_city', cityBox.checked); loadGaps(box, inst, id, { ...opts, cityOnly: cityBox.checked }, 'gaps-city', programs); });
    // The majors suggested are of the 本科 catalogue: a training institution, and a 专科
    // (vocational) college, which awards no 本科 degree, are told of courses to start instead.
    const training = inst.type === 'training';
    const courses = training || inst.level === '专科';
    // A major suggested that the institution offers already is said to be its own: a dean
    // was told to add 130515TK 游戏艺术设计 beside the school's 游戏艺术设计.
    const codes = new Set((await programs).map((p) => p.major_code).filter(Boolean));
    const items = (g.gaps || []).map((gp) => {
      const here = (gp.best_placed || []).some((b) => b.id === id);
      const offered = courses ? [] : (gp.majors || []).filter((m) => codes.has(m.code));
      return h('li', { class: 'card', 'data-skill': gp.skill },
        // A space between the skill and its badge: the heading's name read "Offshore deliverythis
        // institution is best placed".
        h('h3', {}, pick(gp.skill, gp.skill_en), here ? [' ', h('span', { class: 'badge here' }, t('inst.gap.here'))] : null),
        h('p', {}, courses ? courseAdvice(gp, training, g.gap_ratio) : pick(gp.zh, gp.en)),
        offered.length ? h('p', { class: 'offered' }, t('inst.gap.offered', { majors: offered.map((m) => m.code + ' ' + pick(m.name, m.name_en || majorName(m.name, m.code))).join(t('punct.list')) })) : null);
    });
    replace(box, h('h2', { id: 'gaps-h' }, t(courses ? 'inst.gaps.training' : 'inst.gaps', { scope: scope.region ? regionName(inst.region) : cityName(inst.city) }), ' ', syntheticBadge(g.synthetic)),
      cityBox ? h('div', { class: 'radio' }, cityBox, h('label', { for: 'gaps-city' }, t('inst.gaps.city', { city: cityName(inst.city) }))) : null,
      g.synthetic || realOnly ? h('div', { class: 'radio' }, toggle, h('label', { for: 'gaps-real' }, t('real_only')),
        h('p', { class: 'hint', id: 'gaps-real-hint' }, t('inst.gaps.real.hint'))) : null,
      items.length ? h('ul', { class: 'gap-list' }, items) : h('p', { class: 'muted' }, t('inst.gaps.none')));
    if (refocus) document.getElementById(refocus).focus(); // the box was drawn again: keep the keyboard's place
  } catch (err) { box.replaceChildren(errorBox(err)); }
}

/**
 * keepInAddress writes a box of the page (仅计真实数据: partners_real=1, gaps_real=1) into the
 * address, so that a reload and Back show the page as it was left. The address is replaced,
 * not added to history, and the page is not drawn again: only the box's part is.
 */
function keepInAddress(name, on) {
  const [path, qs] = location.hash.split('?');
  const params = new URLSearchParams(qs || '');
  if (on) params.set(name, '1'); else params.delete(name);
  const s = params.toString();
  history.replaceState(history.state, '', path + (s ? '?' + s : ''));
}

/**
 * courseAdvice is a gap told to a training institution (training) or a vocational college: a
 * course to start, with the openings asking for it and the graduates already taught it. The
 * API's text suggests 本科 catalogue majors and the universities best placed to add them,
 * which neither can act on. minRatio is the report's gap_ratio: the graduates per opening
 * below which a skill is a gap, said as the API's text says it, or "118 graduates for 98
 * openings" read as no gap at all.
 */
function courseAdvice(gp, training, minRatio) {
  const sd = gp.synthetic_demand || 0;
  const synth = sd && sd === gp.demand ? t('inst.gap.course.synthetic.all') : sd ? t('inst.gap.course.synthetic', { n: sd }) : '';
  // Programs that only touch on the skill are said, not counted (touched_programs): a school
  // whose program lists the skill was told that nobody in the region was taught it.
  const touched = { n: (gp.touched_programs || 0).toLocaleString(), grads: (gp.touched_graduates || 0).toLocaleString() };
  let supply = gp.supply ? t('inst.gap.course.supply', { n: gp.supply.toLocaleString(), per: (gp.supply / gp.demand).toFixed(1), min: minRatio })
    : t(gp.touched_programs ? 'inst.gap.course.nosupply.touched' : 'inst.gap.course.nosupply', touched);
  if (gp.supply && gp.touched_programs) supply += t('inst.gap.course.touched', touched);
  return t(training ? 'inst.gap.course' : 'inst.gap.course.college', { skill: pick(gp.skill, gp.skill_en), demand: t('inst.gap.course.demand', { n: gp.demand.toLocaleString() }) + synth, supply });
}

async function finder(view, r, ctx) {
  const q = r.params.get('q') || '';
  view.append(h('h1', {}, t('inst.title')));
  const form = h('form', { class: 'inline-form', id: 'inst-find', role: 'search' },
    h('div', { class: 'field grow' }, h('label', { for: 'inst-q' }, t('inst.find.label')),
      h('input', { id: 'inst-q', name: 'q', type: 'search', value: q, maxlength: '256', placeholder: t('inst.find.placeholder') })),
    h('button', { type: 'submit', class: 'primary' }, t('inst.find.submit')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = '#/institution?q=' + encodeURIComponent(form.q.value.trim()); });
  const out = finderOut();
  view.append(form, out);
  if (!q) {
    // Every institution, by city, universities apart from training institutions: where a
    // school's staff finds their own without knowing how it is written here.
    await directory(out, ctx, {
      path: '/api/v1/institutions', prefix: 'inst.dir',
      href: (x) => '#/institution/' + encodeURIComponent(x.id), name: (x) => instName(x.name, x.name_en),
      badges: (x) => [' ', syntheticBadge(x.synthetic)],
      groups: [['university', (x) => x.type !== 'training'], ['training', (x) => x.type === 'training']],
    });
    return;
  }
  // The schools found, 20 at a time, with how many there are.
  await finderHits(out, ctx, { q, type: 'institution', prefix: 'inst.find' }, (x) => h('li', {},
    h('a', { href: '#/institution/' + encodeURIComponent(x.id) }, dataText(instName(x.title, (x.fields || {}).name_en))), ' ', syntheticBadge(x.synthetic),
    h('span', { class: 'muted' }, ' · ' + cityName((x.fields || {}).city || '')),
    (x.fields || {}).programs ? h('span', { class: 'muted programs-found' }, ' · ' + programsFound(x.fields)) : null));
}
