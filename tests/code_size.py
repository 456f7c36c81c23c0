#!/usr/bin/python3
"""The longest source files and functions of the project, and whether ui/ keeps to its limits.

    tests/code_size.py [--top N] [--check]

Prints the N longest files and functions of core/ and ui/ (default 10 each). With --check,
exits 1 when a source file of ui/ has more than FILE_LIMIT lines or a function of ui/ more
than FUNCTION_LIMIT (constructors that build widgets included): a file that long wants
splitting by responsibility, a function that long wants named steps. The files and
functions that were over the limits when the check came in are listed in
code_size_allowed.txt with their size then: they may shrink, never grow, and an entry that
is back within the limits must leave the list.

A function is a brace block at the level of a namespace or a class whose head holds a
parameter list; lambdas and local classes count towards the function they are in. Comments,
strings and character literals are skipped, raw strings included.
"""
import argparse
import pathlib
import re
import sys

FILE_LIMIT = 600
FUNCTION_LIMIT = 80
ROOT = pathlib.Path(__file__).resolve().parent.parent


def code_only(text):
    """The text with comments, strings and character literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            k = text.find('(', i)
            delimiter = text[i + 2:k]
            j = text.find(')' + delimiter + '"', k)
            j = n if j < 0 else j + len(delimiter) + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif c in '"\'':
            if c == "'" and i > 0 and text[i - 1].isalnum():  # a digit separator: 1'000
                out.append(' ')
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            j = min(j + 1, n)
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def functions(path):
    """(name, first line, lines) of each function of a file."""
    code = code_only(path.read_text(encoding='utf-8', errors='replace'))
    found = []
    # Each open block: (kind, start offset of its head, line of its head).
    stack = []
    head_start = 0
    for i, c in enumerate(code):
        if c == '{':
            head = code[head_start:i]
            inside_function = any(kind == 'function' for kind, _, _ in stack)
            words = head.split()
            if inside_function:
                kind = 'inner'
            elif re.search(r'\b(namespace|class|struct|union|enum)\b[^()]*$', head) or head.strip().endswith('extern "C"'):
                kind = 'scope'
            elif '(' in head and not head.rstrip().endswith('=') and words and words[0] not in ('return',):
                kind = 'function'
            else:
                kind = 'inner'
            first = head_start + len(head) - len(head.lstrip())
            stack.append((kind, first, code.count('\n', 0, first) + 1))
            head_start = i + 1
        elif c == '}':
            if stack:
                kind, first, line = stack.pop()
                if kind == 'function':
                    end_line = code.count('\n', 0, i) + 1
                    name = re.sub(r'\s+', ' ', code[first:code.find('(', first)]).strip().split(' ')[-1]
                    found.append((name, line, end_line - line + 1))
            head_start = i + 1
        elif c == ';':
            if not stack or stack[-1][0] == 'scope':
                head_start = i + 1
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--top', type=int, default=10)
    parser.add_argument('--check', action='store_true')
    args = parser.parse_args()
    sources = sorted(p for folder in ('core', 'ui') for p in (ROOT / folder).rglob('*')
                     if p.suffix in ('.cpp', '.h'))
    files = [(len(p.read_text(encoding='utf-8', errors='replace').splitlines()), p.relative_to(ROOT)) for p in sources]
    funcs = [(lines, p.relative_to(ROOT), name, line) for p in sources for name, line, lines in functions(p)]
    print(f'longest files (ui/ limit {FILE_LIMIT} lines):')
    for lines, p in sorted(files, reverse=True)[:args.top]:
        print(f'  {lines:5d}  {p}')
    print(f'longest functions (ui/ limit {FUNCTION_LIMIT} lines):')
    for lines, p, name, line in sorted(funcs, reverse=True)[:args.top]:
        print(f'  {lines:5d}  {p}:{line} {name}')
    over = [f'{p}: {lines} lines' for lines, p in files if p.parts[0] == 'ui' and lines > FILE_LIMIT]
    over += [f'{p}:{line} {name}: {lines} lines' for lines, p, name, line in funcs
             if p.parts[0] == 'ui' and lines > FUNCTION_LIMIT]
    allowed = {}
    for line in (ROOT / 'tests' / 'code_size_allowed.txt').read_text().splitlines():
        if line.strip() and not line.startswith('#'):
            *key, size = line.split()
            allowed[' '.join(key)] = int(size)
    problems = []
    seen = set()
    for lines, p in files:
        if p.parts[0] == 'ui' and lines > FILE_LIMIT:
            key = str(p)
            seen.add(key)
            if lines > allowed.get(key, FILE_LIMIT):
                problems.append(f'{p}: {lines} lines (limit {allowed.get(key, FILE_LIMIT)})')
    for lines, p, name, line in funcs:
        if p.parts[0] == 'ui' and lines > FUNCTION_LIMIT:
            key = f'{p} {name}'
            seen.add(key)
            if lines > allowed.get(key, FUNCTION_LIMIT):
                problems.append(f'{p}:{line} {name}: {lines} lines (limit {allowed.get(key, FUNCTION_LIMIT)})')
    problems += [f'{key}: within the limits now; remove it from tests/code_size_allowed.txt'
                 for key in allowed if key not in seen]
    print(f'ui/ over the limits: {len(seen)} (allowed for now: {len(allowed)})')
    if args.check and problems:
        for problem in problems:
            print('  ' + problem)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
