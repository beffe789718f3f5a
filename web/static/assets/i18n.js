// Texts in Chinese (default) and English, from i18n.json. The choice is kept in localStorage.
const storageKey = 'xiaoqi.lang';
let strings = {};
let current = 'zh';

/** Loads the strings and the stored language choice. */
export async function loadStrings() {
  const r = await fetch('/assets/i18n.json');
  strings = await r.json();
  try {
    current = localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    current = 'zh';
  }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/**
 * t returns the text of key in the current language, with {name} replaced from vars. A count
 * n of 1 takes the key's singular, key.one, where there is one ("1 opening", not "1 openings").
 */
export function t(key, vars) {
  const e = (vars && String(vars.n) === '1' && strings[key + '.one']) || strings[key];
  let s = e ? e[current] : key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? '') + '');
  return s;
}

// skillNames maps a skill's Chinese name, as documents store it, to its English name: the
// taxonomy's, from /api/v1/skills, read once the page is in English.
let skillNames = null;

/** loadSkillNames reads the skills' English names when the page is in English (once). */
export async function loadSkillNames() {
  if (current !== 'en' || skillNames) return;
  try {
    const r = await fetch('/api/v1/skills');
    const d = r.ok ? await r.json() : {};
    skillNames = new Map((d.data || []).map((x) => [x.name_zh, x.name_en]));
  } catch {
    skillNames = new Map(); // the names as stored, rather than no page
  }
}

// majorNames maps a catalogue major's code, and its Chinese name, to its English name (name_en
// of /api/v1/majors: translations written for xiaoqi), read once the page is in English.
// Programs, candidates' studies and the gap report name majors in Chinese.
let majorNames = null;
// majorOfCode maps a catalogue code to its major's Chinese name, to tell whether a program of
// that code is named as its major.
let majorOfCode = new Map();

/** loadMajorNames reads the majors' English names when the page is in English (once). */
export async function loadMajorNames() {
  if (current !== 'en' || majorNames) return;
  try {
    const r = await fetch('/api/v1/majors?limit=1000');
    const d = r.ok ? await r.json() : {};
    majorNames = new Map();
    for (const m of d.data || []) {
      if (!m.name_en) continue;
      majorNames.set(m.code, m.name_en);
      majorNames.set(m.name, m.name_en);
      majorOfCode.set(m.code, m.name);
    }
  } catch {
    majorNames = new Map(); // the names as stored, rather than no page
  }
}

/**
 * majorName is a major or program in the page's language: on an English page, the English name
 * of the major of that Chinese name, else of its catalogue code when the name is that major's
 * (软件工程, 软件工程（嵌入式方向）: Software Engineering, as the API's check of a name against its
 * code reads them); a name of the school's own (跨文化商务沟通 under 080901, which was shown as
 * Computer Science and Technology), a course or a major the catalogue lacks stays as written.
 */
export function majorName(name, code) {
  if (current !== 'en' || !majorNames) return name;
  if (majorNames.get(name)) return majorNames.get(name);
  const major = code && majorOfCode.get(code);
  if (major && name && (name.includes(major) || major.includes(name))) return majorNames.get(code);
  return name;
}

// placeNames maps a place's Chinese name, as documents store it (深圳市, 雁塔区), to its English
// name (its pinyin: Shenzhen, Yanta District), from /assets/places.json, read once the page is
// in English.
let placeNames = null;

/** loadPlaceNames reads the places' English names when the page is in English (once). */
export async function loadPlaceNames() {
  if (current !== 'en' || placeNames) return;
  try {
    const r = await fetch('/assets/places.json');
    const d = r.ok ? await r.json() : [];
    placeNames = new Map();
    for (const p of d) if (!placeNames.has(p.name)) placeNames.set(p.name, p.en);
  } catch {
    placeNames = new Map(); // the names as stored, rather than no page
  }
}

/** districtName is a district in the page's language: its English name where the table has one. */
export function districtName(d) { return (current === 'en' && placeNames && placeNames.get(d)) || d; }

/** skillName is a skill in the page's language: its English name on an English page where the taxonomy has one. */
export function skillName(s) { return (current === 'en' && skillNames && skillNames.get(s)) || s; }

/** texts returns both texts of key, { zh, en }: a label shown in both languages at once. */
export function texts(key) { return strings[key] || { zh: key, en: key }; }

/** has reports whether key is a known text (sector., city. …). */
export function has(key) { return key in strings; }

/** lang is "zh" or "en". */
export function lang() { return current; }

/** setLang switches the language and remembers it. */
export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(storageKey, current); } catch { /* private mode: not remembered */ }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/** pick chooses the API's zh or en text for the current language. */
export function pick(zh, en) { return current === 'en' ? (en || zh || '') : (zh || en || ''); }

/**
 * apiText is a text of the API in the current language. The API writes its messages (errors,
 * import problems) as one string, "中文 / English", often after the name of the field
 * ("per_page: 须在 1 与 100 之间 / must be between 1 and 100"), and an invalid document as
 * "职位有误 / invalid job: title 不能为空 / must not be empty（另有 1 处 / and 1 more）"; a few
 * say "中文 English" without the slash. The half of the current language is kept, with the
 * field's name; field, when given, leads an English half that starts with its verb ("is
 * required"). A text of another shape is shown as it is. l asks for a language other than
 * the current one.
 */
export function apiText(msg, field, l) {
  const text = String(msg ?? '');
  const en = (l || current) === 'en';
  // A bracketed pair at the end: （另有 1 处 / and 1 more）.
  let tail = '';
  const br = /（([^（）]*?) \/ ([^（）]*?)）$/u.exec(text);
  let body = br ? text.slice(0, br.index) : text;
  if (br) tail = en ? ' (' + br[2] + ')' : '（' + br[1] + '）';
  // An invalid document: "{kind}有误 / invalid {kind}: {field} {zh} / {en}".
  const doc = /^(\S+?)有误 \/ (invalid [^:]+): (\S+) (.+?) \/ (.+)$/su.exec(body);
  if (doc) return (en ? doc[2] + ': ' + doc[3] + ' ' + doc[5] : doc[1] + '有误：' + doc[3] + ' ' + doc[4]) + tail;
  const named = /^([A-Za-z_][\w.[\]-]*): (.+)$/su.exec(body);
  const prefix = named ? named[1] + ': ' : '';
  if (named) body = named[2];
  const parts = body.split(' / ');
  let half = null;
  if (parts.length === 2) {
    // Chinese first, but for a message written the other way round ("… / 映射文件格式错误"):
    // the Chinese half is the one with more Chinese characters to Latin letters (an English
    // half may name Chinese values: "must be 关中, 陕南 or 陕北").
    const share = (x) => {
      const han = (x.match(/\p{Script=Han}/gu) || []).length;
      return han / (han + (x.match(/[A-Za-z]/g) || []).length || 1);
    };
    const swap = share(parts[0]) < share(parts[1]);
    half = parts[(en ? 1 : 0) ^ (swap ? 1 : 0)];
  } else if (parts.length === 1) {
    // "用户名或密码错误 wrong username or password": the Chinese ends at its last Han character.
    // (Its Latin letters are capitals only, as in "API 密钥无效 invalid API key".)
    const m = /^([^a-z]*\p{Script=Han}[^\sa-z]*) ([A-Za-z][^\p{Script=Han}]*)$/su.exec(body);
    if (m) half = m[en ? 2 : 1];
  }
  if (half === null) return text;
  if (en && field && !prefix && /^(is|are|must|should|cannot|has|was)\b/.test(half)) half = field + ' ' + half;
  return prefix + half + tail;
}

/**
 * auditReason is the reason of an audit entry as the page shows it: the service's own reasons
 * (an account managed, a consent changed), written "中文 / English", in the page's language
 * (apiText); what a person wrote (HR's reason for a release) as written. Reasons written
 * before the slash ran both languages together; those the page cannot split are shown whole.
 */
export function auditReason(e) {
  if (!e.reason) return '—';
  return ['candidate.account', 'candidate.consent', 'user.account'].includes(e.action) ? apiText(e.reason) : e.reason;
}

/** sectorName, cityName: names of the API's sector codes and cities. */
export function sectorName(s) { return has('sector.' + s) ? t('sector.' + s) : s; }
export function cityName(c) { return has('city.' + c) ? t('city.' + c) : districtName(c); }

/**
 * regionName, degreeName, levelName, authorityName, languageName: names of the data's Chinese
 * values (关中, 本科, 教育部, 日语N2 …) in the current language; a value without a translation
 * is shown as it is.
 */
export function regionName(r) { return named('explore.region.', r); }
export function degreeName(d) { return named('degree.', d); }
export function levelName(l) { return named('level.', l); }
export function authorityName(a) { return named('authority.', a); }
export function languageName(l) { return named('language.', l); }

/**
 * salaryPeriod is what a salary as written pays for, as ingest.ParseSalary reads it: a year
 * (17-34万/年, 年薪20万, 猎聘's 18-36万 72小时反馈, or a figure past 100,000 that names no
 * period, 20-40万), a day (50元/天, 日薪), an hour (30元/小时); else a month.
 */
function salaryPeriod(text) {
  let s = String(text || '').replace(/\s+/g, '').replace(/[·.×x*]*\d{1,2}薪$/, '');
  const note = /(\d{1,3}(小时|天|个工作日)内?|当天|当日)(反馈|回复|处理)$/;
  if (note.test(s) || /年薪|[/／]年|每年/.test(s)) return 'year';
  s = s.replace(note, '');
  if (/时薪|[/／]小?时|每小时/.test(s)) return 'hour';
  if (/日薪|[/／][天日]|每[天日]/.test(s)) return 'day';
  if (/月/.test(s)) return 'month';
  const unit = { 万: 10000, w: 10000, W: 10000, 千: 1000, k: 1000, K: 1000 };
  const top = Math.max(0, ...[...s.matchAll(/(\d+(?:\.\d+)?)([万wW千kK]?)/g)].map((m) => Number(m[1]) * (unit[m[2]] || 1)));
  return top > 100000 ? 'year' : 'month';
}

/**
 * salaryText is a job's salary: on a Chinese page as the posting wrote it (1-1.5万·14薪,
 * 17-34万/年), which an English reader cannot read; on an English page what it says, from the
 * monthly figures the import read from it and the pays a year: CNY 10,000–15,000 a month, 14
 * pays a year; a yearly salary a year (CNY 170,000–340,000 a year: it read CNY 14,167–28,333
 * a month), a day rate a day (CNY 50 a day, not CNY 1,088 a month). j has the fields of a job
 * need (salary_min, salary_max, salary_text, salary_months), as a job hit has them too; the
 * search page and the enterprise page both say a salary with it.
 */
export function salaryText(j) {
  if (!j.salary_min || (current === 'zh' && j.salary_text)) return j.salary_text || '';
  const per = salaryPeriod(j.salary_text);
  const months = j.salary_months || 12;
  // Back from a month's pay to the period written, as ParseSalary went (12 or the stated
  // pays a year, 21.75 working days a month, 8 hours a day), to the precision people write:
  // a year to the hundred (17万 is 14,167 a month, 170,004 back), a day to the yuan.
  const back = { month: (v) => v, year: (v) => Math.round(v * months / 100) * 100, day: (v) => Math.round(v / 21.75), hour: (v) => Math.round(v / 21.75 / 8 * 10) / 10 }[per];
  const n = (v) => back(v).toLocaleString('en');
  const v = j.salary_max && j.salary_max !== j.salary_min ? n(j.salary_min) + '–' + n(j.salary_max) : n(j.salary_min);
  const pays = (per === 'month' || per === 'year') && months !== 12 ? t('hr.job.salary.months', { n: months }) : '';
  return t(per === 'month' ? 'hr.job.salary' : 'hr.job.salary.' + per, { v }) + pays;
}

/**
 * chineseNumeral writes 1–99 as Chinese numerals, as the policy numbers its items (12 → 十二:
 * 第（十二）项); other numbers in digits. Chinese texts name an item so (the explorer said
 * 第（12）项 where partner explanations and the policy page say 第（十二）项).
 */
export function chineseNumeral(n) {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  n = Number(n);
  if (!Number.isInteger(n) || n <= 0 || n > 99) return String(n);
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
}

/** EXPERIENCE_WORDS are the experience values without years that postings and imports write. */
const EXPERIENCE_WORDS = {
  '应届生': 'new graduates', '应届毕业生': 'new graduates', '在校生': 'students', '在校生/应届生': 'students and new graduates',
  '实习生': 'interns', '不限': 'any', '经验不限': 'any', '无需经验': 'none needed', '无经验': 'none needed', '无工作经验': 'none needed',
};

/**
 * EXPERIENCE_PHRASES say those values as a job's line says them in English: a job asks for
 * new graduates, it does not have "experience new graduates".
 */
const EXPERIENCE_PHRASES = {
  'new graduates': 'new graduates welcome', 'students': 'students welcome', 'students and new graduates': 'students and new graduates welcome',
  'interns': 'interns welcome', 'any': 'no experience required', 'none needed': 'no experience required',
};

/** experienceYears is a number of years as a posting writes it (3, 1.5, 三) in digits, '' when it is none. */
function experienceYears(n) {
  if (/^\d+(?:\.\d)?$/.test(n)) return n;
  const i = '一二三四五六七八九十'.indexOf(n);
  return i >= 0 ? String(i + 1) : '';
}

function yearsEN(n) { return n + (n === '1' ? ' year' : ' years'); }

/** yearsOf is an experience of years (3-5年, 3年以上, 1年及以上) in English, '' for any other value. */
function yearsOf(s) {
  const m = /^(?:经验)?(\d+(?:\.\d)?|[一二三四五六七八九十])(?:[-~～至到](\d+(?:\.\d)?|[一二三四五六七八九十]))?年(以上|及以上|或以上|以下|以内|及以下)?(?:工作)?(?:经验)?$/.exec(s);
  if (!m) return '';
  const a = experienceYears(m[1]), b = m[2] ? experienceYears(m[2]) : '';
  if (m[2]) return a + '–' + b + ' years';
  switch (m[3]) {
    case '以上': case '及以上': case '或以上': return a + '+ years';
    case '以下': return 'under ' + yearsEN(a);
    case '以内': case '及以下': return 'up to ' + yearsEN(a);
  }
  return yearsEN(a);
}

/**
 * experienceName is a job's experience (3-5年, 3年以上, 1年及以上, 应届生, 在校生/应届生, 无需经验,
 * 不限, as the API, the forms and the default data write it) in the page's language; a value it
 * does not know stays as written.
 */
export function experienceName(v) {
  if (current !== 'en' || !v) return v;
  const s = v.trim().replace(/\s+/g, '');
  return EXPERIENCE_WORDS[s] || yearsOf(s) || v;
}

/**
 * experienceText is a job's experience as a phrase of its own, as a job's line shows it among
 * its city, degree and salary: 3–5 years' experience, 1 year's experience, no experience
 * required, new graduates welcome; in Chinese 3-5年经验, 经验不限, 应届生. The lines read
 * "experience students and new graduates" and "experience any" (经验 不限). A value it does
 * not know is said as the experience asked for: experience: 半年.
 */
export function experienceText(v) {
  const raw = (v || '').trim();
  const s = raw.replace(/\s+/g, '');
  if (!s) return '';
  const word = EXPERIENCE_WORDS[s], years = yearsOf(s);
  if (current === 'en') {
    if (word) return EXPERIENCE_PHRASES[word];
    if (years) return years.replace(/years$/, "years'").replace(/year$/, "year's") + ' experience';
  } else {
    if (s === '不限') return '经验不限';
    if (word || years && s.includes('经验')) return raw; // 应届生, 无需经验, 1年经验
    if (years) return raw + '经验'; // 3-5年经验
  }
  return t('field.experience', { v: raw });
}

/**
 * programsFound says how many programs of an institution hit match the search (fields.programs);
 * a training institution's programs are courses.
 */
export function programsFound(f) {
  return t(f.institution_type === 'training' ? 'inst.find.courses' : 'inst.find.programs', { n: f.programs });
}

/** jobsFound says how many job needs of an enterprise hit match the search (fields.jobs). */
export function jobsFound(f) {
  return t('ent.find.jobs', { n: f.jobs });
}

/** hitKind names the kind of a search hit: a training institution is not a school. */
export function hitKind(x) {
  return x.type === 'institution' && (x.fields || {}).institution_type === 'training' ? t('inst.type.training') : t('kind.' + x.type);
}

function named(prefix, v) { return v && has(prefix + v) ? t(prefix + v) : v; }

/** cueName is a query's words that ask for a kind (培训机构), in the page's language. */
export function cueName(c) { return named('cues.', c); }

/** applyStatic fills the elements of root that carry data-i18n (text) or data-i18n-label (aria-label). */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  document.title = t('app.title');
}

/**
 * instName is an institution's name in the page's language: on an English page the English
 * name the school itself writes (name_en of the API: Xi'an Jiaotong University) with the
 * Chinese name beside it, which the documents and forms use; else, and for a school whose
 * English name is not known, the Chinese name.
 */
export function instName(name, nameEN) {
  return current === 'en' && nameEN ? nameEN + ' (' + name + ')' : name;
}
