#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ranges.sh - one range, one answer: the bounds of a quantity (ticket
# minutes 0-1440, a session's 15-720 minutes, 1-1000 seats, ...) are written
# in the database's CHECKs and functions, in the command's option specs, in
# the exchange schema (and for the PC grace, in the PAM module's options).
# The database's are the rule; this test reads every layer and fails naming
# the quantity and each layer's bounds when one disagrees.  A bound it can no
# longer find (code moved, renamed) fails too, so the test never goes quiet.
#
# TAP; runs alone from any directory: tests/meta/ranges.sh
# Reads the SQL as the build assembles it (sql/src/*.sql in name order, as
# sql/Makefile cats them into atelier--VERSION.sql).
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
exec python3 - "$top" <<'PY'
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

TOP = sys.argv[1]
XS = '{http://www.w3.org/2001/XMLSchema}'


def read(path):
    with open(os.path.join(TOP, path), encoding='utf-8') as f:
        return f.read()


SQL = ''.join(read(p) for p in sorted(glob.glob(os.path.join(TOP, 'sql/src/*.sql'))))
XSD = ET.parse(os.path.join(TOP, 'module/xml/atelier-exchange-1.xsd')).getroot()


class NotFound(Exception):
    pass


# --- the database: table CHECKs, function checks, settings' bounds


def sql_block(start_re, what):
    """The text from a CREATE statement to the next one."""
    m = re.search(start_re, SQL)
    if m is None:
        raise NotFound(what)
    nxt = re.search(r'\nCREATE ', SQL[m.end():])
    return SQL[m.end():m.end() + (nxt.start() if nxt else len(SQL))]


def sql_check(table, column):
    """CHECK (column BETWEEN a AND b) in CREATE TABLE atelier.table."""
    body = sql_block(r'CREATE TABLE atelier\.%s \(' % table, 'table ' + table)
    m = re.search(r'CHECK \(%s BETWEEN (-?\d+) AND (-?\d+)\)' % re.escape(column), body)
    if m is None:
        raise NotFound('CHECK (%s BETWEEN ...) in table %s' % (column, table))
    return int(m.group(1)), int(m.group(2))


def sql_function(function, param):
    """A line of function atelier.function naming param (a regular expression:
    the parameter, or the variable that holds its value or its default) and
    NOT BETWEEN a AND b."""
    body = sql_block(r'CREATE FUNCTION atelier\.%s\(' % function, 'function ' + function)
    for line in body.split('\n'):
        m = re.search(r'NOT BETWEEN (-?\d+) AND (-?\d+)', line)
        if m and re.search(r'\b(?:%s)\b' % param, line):
            return int(m.group(1)), int(m.group(2))
    raise NotFound('%s NOT BETWEEN ... in function %s' % (param, function))


def sql_setting(key):
    """The bounds (min_value, max_value) of a network setting."""
    m = re.search(r"\('%s', -?\d+, (-?\d+), (-?\d+)," % re.escape(key), SQL)
    if m is None:
        raise NotFound('setting ' + key)
    return int(m.group(1)), int(m.group(2))


# --- the command: option specs and the questions it asks


def cli_option(path, option):
    """Every { .name = "option", ..., .min = a, .max = b } of the file: one
    answer, or the file disagrees with itself."""
    text = read(path)
    # One initializer, on one line or laid out over several (clang-format).
    found = set(re.findall(r'\.name = "%s",[^}]*?\.min = (-?\d+),\s*\.max = (-?\d+)'
                           % re.escape(option), text))
    if not found:
        raise NotFound('option --%s with .min/.max in %s' % (option, path))
    if len(found) > 1:
        raise NotFound('option --%s has several bounds in %s: %s' % (option, path, sorted(found)))
    a, b = found.pop()
    return int(a), int(b)


def cli_question(path, what):
    """args_int(_("what"), text, a, b, ...) where the command asks on a terminal."""
    m = re.search(r'args_int\(_\("%s"\), \w+, (-?\d+), (-?\d+),' % re.escape(what), read(path))
    if m is None:
        raise NotFound('args_int(_("%s"), ...) in %s' % (what, path))
    return int(m.group(1)), int(m.group(2))


def pam_option(option):
    """The PAM module's option=N bounds: int_in(v, a, b, &o->option)."""
    m = re.search(r'int_in\(\w+, (-?\d+), (-?\d+), &\w+->%s\)' % re.escape(option),
                  read('module/pam/options.c'))
    if m is None:
        raise NotFound('int_in(..., &o->%s) in module/pam/options.c' % option)
    return int(m.group(1)), int(m.group(2))


# --- the exchange schema: simple types, and attributes of complex types


def xsd_bounds(restriction, what):
    lo = restriction.find(XS + 'minInclusive')
    hi = restriction.find(XS + 'maxInclusive')
    if lo is None or hi is None:
        raise NotFound('minInclusive/maxInclusive of ' + what)
    return int(lo.get('value')), int(hi.get('value'))


def xsd_type(name):
    for t in XSD.findall(XS + 'simpleType'):
        if t.get('name') == name:
            return xsd_bounds(t.find(XS + 'restriction'), 'simpleType ' + name)
    raise NotFound('simpleType ' + name)


def xsd_attribute(complex_type, attribute):
    """An attribute's bounds: its own restriction or its named type's."""
    for t in XSD.findall(XS + 'complexType'):
        if t.get('name') != complex_type:
            continue
        for a in t.iter(XS + 'attribute'):
            if a.get('name') != attribute:
                continue
            if a.get('type') is not None:
                return xsd_type(a.get('type'))
            r = a.find(XS + 'simpleType/' + XS + 'restriction')
            if r is None:
                break
            return xsd_bounds(r, '%s@%s' % (complex_type, attribute))
    raise NotFound('attribute %s of complexType %s' % (attribute, complex_type))


# --- the quantities: (where, how to read it); the first SQL one is the rule

QUANTITIES = [
    ('ticket minutes', [
        ('SQL ticket.minutes CHECK', lambda: sql_check('ticket', 'minutes')),
        ('SQL ticket_open', lambda: sql_function('ticket_open', 'p_minutes')),
        ('SQL ticket_update', lambda: sql_function('ticket_update', 'p_minutes')),
        ('SQL ticket_move', lambda: sql_function('ticket_move', 'p_minutes')),
        ('command ticket --minutes', lambda: cli_option('module/cli/cmd_ticket.c', 'minutes')),
        ('command ticket open question', lambda: cli_question('module/cli/cmd_ticket_ask.c', 'Minutes')),
        ('XSD type minutes', lambda: xsd_type('minutes')),
    ]),
    ('workshop and session duration, minutes', [
        ('SQL workshop.default_minutes CHECK', lambda: sql_check('workshop', 'default_minutes')),
        ('SQL insert_session', lambda: sql_function('insert_session', 'p_minutes')),
        ('command workshop add --minutes', lambda: cli_option('module/cli/cmd_workshop.c', 'minutes')),
        ('command session schedule --minutes', lambda: cli_option('module/cli/cmd_session.c', 'minutes')),
        ('XSD add-workshop@minutes', lambda: xsd_attribute('add-workshop', 'minutes')),
        ('XSD schedule@minutes', lambda: xsd_attribute('schedule', 'minutes')),
    ]),
    ('capacity, seats', [
        ('SQL session.capacity CHECK', lambda: sql_check('session', 'capacity')),
        ('SQL course.capacity CHECK', lambda: sql_check('course', 'capacity')),
        ('SQL insert_session', lambda: sql_function('insert_session', 'p_capacity')),
        ('SQL course_schedule', lambda: sql_function('course_schedule', 'p_capacity')),
        ('command session schedule --capacity', lambda: cli_option('module/cli/cmd_session.c', 'capacity')),
        ('XSD schedule@capacity', lambda: xsd_attribute('schedule', 'capacity')),
    ]),
    ('days between the sessions of a series', [
        ('SQL series.every_days CHECK', lambda: sql_check('series', 'every_days')),
        ('SQL plan_starts', lambda: sql_function('plan_starts', 'p_every_days')),
        ('command session schedule --every', lambda: cli_option('module/cli/cmd_session.c', 'every')),
        ('XSD schedule-series@every-days', lambda: xsd_attribute('schedule-series', 'every-days')),
    ]),
    ('sessions in a series', [
        ('SQL series.count CHECK', lambda: sql_check('series', 'count')),
        ('SQL setting series_max_sessions bounds', lambda: sql_setting('series_max_sessions')),
        ('command session schedule --count', lambda: cli_option('module/cli/cmd_session.c', 'count')),
        ('XSD schedule-series@count', lambda: xsd_attribute('schedule-series', 'count')),
    ]),
    ('PCs booked for a session', [
        ('SQL book_session', lambda: sql_function('book_session', 'p_count')),
        ('command book session --pcs', lambda: cli_option('module/cli/cmd_book.c', 'pcs')),
        ('XSD book-session@pcs', lambda: xsd_attribute('book-session', 'pcs')),
    ]),
    ('grace before a booking, minutes', [
        ('SQL check_access', lambda: sql_function('check_access', 'p_grace_minutes|grace')),
        ('PAM option grace=', lambda: pam_option('grace')),
    ]),
]


def main():
    print('1..%d' % len(QUANTITIES))
    failed = 0
    for n, (quantity, layers) in enumerate(QUANTITIES, 1):
        seen, missing = [], []
        for where, read_bounds in layers:
            try:
                seen.append((where, read_bounds()))
            except (NotFound, OSError) as e:
                missing.append('%s: not found (%s)' % (where, e))
        agree = not missing and len({b for _, b in seen}) == 1
        print('%s %d - ranges: %s%s' % ('ok' if agree else 'not ok', n, quantity,
              ' is %d to %d everywhere' % seen[0][1] if agree else ' disagrees'))
        if agree:
            continue
        failed += 1
        for where, (lo, hi) in seen:
            print('#   %-40s %d to %d' % (where, lo, hi))
        for m in missing:
            print('#   ' + m)
    return 1 if failed else 0


sys.exit(main())
PY
