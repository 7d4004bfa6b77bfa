#!/usr/bin/env python3
"""Validate Sources/QariCore/Resources/knowledge.jsonl.

Checks: every non-comment line parses as a JSON object; required fields and
allowed values; unique ids; every relation target exists; no surface form
(name, ar or alias) shared by two entities; every gold entity id present
(when the gold file is available).  Exit status 1 on any error.
Usage: scripts/check-knowledge.py [knowledge.jsonl] [gold/entities.json]
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = [a for a in sys.argv[1:] if not a.startswith('-')]
KB = ARGS[0] if ARGS else os.path.join(HERE, '..', 'Sources', 'QariCore', 'Resources', 'knowledge.jsonl')
GOLD = ARGS[1] if len(ARGS) > 1 else '/work/shared/gold/entities.json'

TYPES = {'faction', 'state_actor', 'person', 'place', 'organization'}
KINDS = {'province', 'city', 'town', 'village', 'base', 'road', 'region', 'country', 'river', 'other'}
RELS = {'formerly_known_as', 'split_from', 'member_of', 'allied_with', 'backed_by', 'fights',
        'leader_of', 'part_of', 'affiliated_with'}
KEYS = {'id', 'type', 'name', 'ar', 'aliases', 'relations', 'kind', 'metonym_for'}
ARABIC = re.compile('[\u0600-\u06FF]')
LATIN = re.compile('[A-Za-z]')

errors = []
warnings = []


def err(n, msg):
    errors.append(f'line {n}: {msg}')


def fold(s):
    """Case- and diacritic-insensitive comparison key (not the matcher's key)."""
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.replace('\u2019', "'").replace('\u2018', "'")
    for a, b in (('أ', 'ا'), ('إ', 'ا'), ('آ', 'ا'), ('ة', 'ه'), ('ى', 'ي')):
        s = s.replace(a, b)
    return ' '.join(s.casefold().split())


entries = []
with open(KB, encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        raw = line.rstrip('\n')
        if not raw.strip() or raw.lstrip().startswith('#'):
            continue
        try:
            e = json.loads(raw)
        except json.JSONDecodeError as ex:
            err(n, f'JSON error: {ex}')
            continue
        if not isinstance(e, dict):
            err(n, 'not an object')
            continue
        e['_line'] = n
        entries.append(e)

ids = {}
for e in entries:
    n = e['_line']
    for k in e:
        if k != '_line' and k not in KEYS:
            err(n, f'unknown field {k!r}')
    for k in ('id', 'type', 'name'):
        if not isinstance(e.get(k), str) or not e.get(k):
            err(n, f'missing or empty {k}')
    i = e.get('id', '')
    if not re.fullmatch(r'[a-z0-9_]+', i or ''):
        err(n, f'bad id {i!r}')
    if i in ids:
        err(n, f'duplicate id {i!r} (first on line {ids[i]})')
    ids[i] = n
    if e.get('type') not in TYPES:
        err(n, f'bad type {e.get("type")!r}')
    if e.get('type') == 'place':
        if e.get('kind') not in KINDS:
            err(n, f'place {i} has bad kind {e.get("kind")!r}')
    elif 'kind' in e:
        err(n, f'non-place {i} has kind')
    if 'metonym_for' in e and e.get('type') != 'place':
        err(n, 'metonym_for on a non-place')
    if 'ar' in e:
        if not isinstance(e['ar'], str) or not ARABIC.search(e['ar']) or LATIN.search(e['ar']):
            err(n, f'ar of {i} is not Arabic script: {e["ar"]!r}')
    else:
        warnings.append(f'line {n}: {i} has no ar')
    al = e.get('aliases', [])
    if not isinstance(al, list) or not all(isinstance(a, str) and a.strip() == a and a for a in al):
        err(n, f'aliases of {i} must be a list of trimmed non-empty strings')
    rels = e.get('relations', [])
    if not isinstance(rels, list):
        err(n, 'relations must be a list')
        rels = []
    for r in rels:
        if not isinstance(r, dict) or set(r) - {'kind', 'to', 'note'}:
            err(n, f'bad relation {r!r}')
            continue
        if r.get('kind') not in RELS:
            err(n, f'bad relation kind {r.get("kind")!r}')
        if not r.get('note'):
            err(n, f'relation {r.get("kind")} -> {r.get("to")} has no note')

# relation targets, self-relations, duplicates, metonyms
for e in entries:
    n = e['_line']
    seen = set()
    for r in e.get('relations', []) if isinstance(e.get('relations'), list) else []:
        if not isinstance(r, dict):
            continue
        t = r.get('to')
        if t not in ids:
            err(n, f'{e.get("id")}: relation target {t!r} does not exist')
        if t == e.get('id'):
            err(n, f'{e.get("id")}: relation to itself')
        key = (r.get('kind'), t)
        if key in seen:
            err(n, f'{e.get("id")}: duplicate relation {key}')
        seen.add(key)
    m = e.get('metonym_for')
    if m is not None and m not in ids:
        err(n, f'metonym_for target {m!r} does not exist')

# relation semantics
byid = {e.get('id'): e for e in entries}
symmetric = set()
for e in entries:
    n = e['_line']
    for r in e.get('relations', []) if isinstance(e.get('relations'), list) else []:
        if not isinstance(r, dict) or r.get('to') not in byid:
            continue
        obj = byid[r['to']]
        kind = r.get('kind')
        if kind == 'leader_of' and e.get('type') != 'person':
            err(n, f'{e["id"]} leader_of {obj["id"]}: only a person leads')
        if kind == 'part_of' and e.get('type') == 'place' and obj.get('type') not in ('place', 'state_actor'):
            err(n, f'{e["id"]} part_of {obj["id"]}: a place is part of a place or a country')
        if kind in ('fights', 'allied_with'):
            pair = (kind, frozenset((e['id'], obj['id'])))
            if pair in symmetric:
                err(n, f'{e["id"]} {kind} {obj["id"]} is recorded in both directions')
            symmetric.add(pair)
for e in entries:
    m = e.get('metonym_for')
    if m in byid and byid[m].get('type') != 'state_actor':
        err(e['_line'], f'metonym_for {m} is not a state_actor')

# ordinary words that must not be names (the matcher would tag them in running text)
COMMON = {'kingdom', 'gulf', 'hassan', 'said', 'more', 'the', 'army', 'state', 'front', 'party', 'forces',
          'government', 'coalition', 'regime', 'rebels', 'militants', 'habit', 'murk', 'harem', 'within',
          'manner', 'syrian', 'turkish', 'russian', 'american', 'iranian', 'kurds', 'turks', 'kurdish',
          'القاعدة', 'الدولة', 'الجيش', 'المستودعات', 'الخزانات', 'سلمية', 'إعجاز', 'فطيرة', 'اسطبلات',
          'نبل', 'كلس', 'صدام', 'روحاني', 'الأسد', 'النمر', 'ظريف', 'العهد', 'الوطن', 'البناء', 'الراشدين'}
COMMON = {fold(w) for w in COMMON}
for e in entries:
    for a in [e.get('name', ''), e.get('ar', '')] + [x for x in e.get('aliases', []) if isinstance(x, str)]:
        if isinstance(a, str) and fold(a) in COMMON:
            err(e['_line'], f'{e.get("id")}: {a!r} is an ordinary word')

# surface forms: unique across entities, no duplicates within one
owner = {}
for e in entries:
    forms = [e.get('name', '')] + ([e['ar']] if isinstance(e.get('ar'), str) else []) + \
        [a for a in e.get('aliases', []) if isinstance(a, str)]
    local = set()
    for s in forms:
        k = fold(s)
        if ' '.join(s.casefold().split()) in local:
            err(e['_line'], f'{e.get("id")}: surface form {s!r} repeated within the entry')
        local.add(' '.join(s.casefold().split()))
        if k in owner and owner[k] != e.get('id'):
            err(e['_line'], f'surface form {s!r} of {e.get("id")} also belongs to {owner[k]}')
        owner.setdefault(k, e.get('id'))

# gold coverage
if os.path.exists(GOLD):
    gold = json.load(open(GOLD, encoding='utf-8'))
    gmap = {'other_org': 'organization'}
    byid = {e.get('id'): e for e in entries}
    for g in gold:
        e = byid.get(g['id'])
        if e is None:
            errors.append(f'gold id {g["id"]!r} missing')
            continue
        want = gmap.get(g['type'], g['type'])
        if e.get('type') != want:
            errors.append(f'{g["id"]}: type {e.get("type")} but gold says {want}')
        if 'metonym_for' in g and e.get('metonym_for') != g['metonym_for']:
            errors.append(f'{g["id"]}: metonym_for should be {g["metonym_for"]}')

from collections import Counter
c = Counter(e.get('type') for e in entries)
nrel = sum(len(e.get('relations', [])) for e in entries if isinstance(e.get('relations'), list))
print(f'{len(entries)} entries: ' + ', '.join(f'{k} {v}' for k, v in sorted(c.items())) + f'; {nrel} relations')
if '-v' in sys.argv or os.environ.get('VERBOSE'):
    for w in warnings:
        print('warning:', w)
else:
    print(f'{len(warnings)} warnings (entries without ar); set VERBOSE=1 to list')
for x in errors:
    print('ERROR:', x)
sys.exit(1 if errors else 0)
